"""The policy-post classifiers: what a post is about, for what construction rules miss.

One binary linear model per semantic category (``policy_<task>.npz``, trained by
``training/policy_models.py`` on the hand-written policy-post corpus), over the same
features as every other Herald model. Each scores a post and names the words that pushed
it most, so a finding can say why. Loaded on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from herald.nlp.classifier import shared_featurizer
from herald.nlp.features import Features
from herald.nlp.linear import LinearModel, load_linear_model
from herald.text.document import Document

TASKS = ("illegal_conduct", "disparagement", "attribution", "regulated_claim", "topic")
TOP_WORDS = 3
_FEATURES = "nlp.features"


@dataclass(frozen=True, slots=True)
class TopicScore:
    task: str
    probability: float
    threshold: float
    words: tuple[str, ...]
    """The words that raised the score most, strongest first."""

    @property
    def score(self) -> float:
        """The probability rescaled so that the model's threshold sits at 0.5."""
        p, t = self.probability, self.threshold
        if p >= t:
            return 0.5 + 0.5 * (p - t) / max(1.0 - t, 1e-6)
        return 0.5 * p / max(t, 1e-6)


@cache
def _model(task: str, directory: Path | None = None) -> LinearModel:
    if task not in TASKS:
        raise ValueError(f"unknown policy task {task!r}; expected one of {TASKS}")
    return load_linear_model(f"policy_{task}.npz", directory)


def document_features(doc: Document) -> Features:
    """The post's features, computed once per scan whichever detector asks first."""
    features: Features | None = doc.shared.get(_FEATURES)
    if features is None:
        features = doc.shared[_FEATURES] = shared_featurizer().extract(doc.text, doc.lang)
    return features


def score(task: str, features: Features) -> TopicScore:
    model = _model(task)
    probability = model.probabilities(features, "*")[1]
    contributions = model.word_contributions(features, 0)
    words = tuple(w for w, c in sorted(contributions.items(), key=lambda kv: -kv[1]) if c > 0)[
        :TOP_WORDS
    ]
    return TopicScore(task, probability, model.threshold("*"), words)
