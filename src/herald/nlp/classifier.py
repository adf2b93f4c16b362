"""The three shipped classifiers behind one small interface, loaded once per process."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from herald.nlp.features import Features, Featurizer
from herald.nlp.lexicons import load_lexicon
from herald.nlp.linear import LinearModel, load_linear_model

TASKS: dict[str, tuple[str, ...]] = {
    "offensive": ("not", "offensive"),
    "sentiment": ("negative", "neutral", "positive"),
    "scam": ("ham", "scam"),
}
"""Task name -> class labels, in model order."""


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    scores: dict[str, float]
    """Calibrated probability per class."""


class TextClassifier:
    """A linear model plus the featurizer it was trained with."""

    def __init__(self, task: str, model: LinearModel, featurizer: Featurizer) -> None:
        if model.classes != TASKS[task]:
            raise ValueError(f"{task} model has classes {model.classes}, expected {TASKS[task]}")
        self.task = task
        self.model = model
        self.featurizer = featurizer

    def predict_features(self, features: Features, lang: str) -> Prediction:
        model = self.model
        probs = model.probabilities(features, lang)
        classes = model.classes
        scores = dict(zip(classes, [round(p, 4) for p in probs], strict=True))
        if len(classes) == 2:
            label = classes[1] if probs[1] >= model.threshold(lang) else classes[0]
        else:
            label = classes[probs.index(max(probs))]
        return Prediction(label, scores)

    def predict_batch(self, features: Sequence[Features], langs: Sequence[str]) -> list[Prediction]:
        """:meth:`predict_features` of many texts, scored together."""
        if len(features) != len(langs):
            raise ValueError(f"{len(features)} feature sets but {len(langs)} languages")
        probs = self.model.probabilities_batch(features, langs)
        classes = self.model.classes
        out = []
        for row, lang in zip(probs.tolist(), langs, strict=True):
            if self.model.binary:
                label = classes[1] if row[1] >= self.model.threshold(lang) else classes[0]
            else:
                label = classes[row.index(max(row))]
            scores = {c: round(p, 4) for c, p in zip(classes, row, strict=True)}
            out.append(Prediction(label, scores))
        return out

    def predict(self, text: str, lang: str) -> Prediction:
        return self.predict_features(self.featurizer.extract(text, lang), lang)


@cache
def shared_featurizer(directory: Path | None = None) -> Featurizer:
    return Featurizer(load_lexicon(directory))


@cache
def load_classifier(task: str, directory: Path | None = None) -> TextClassifier:
    """The shipped classifier for ``task`` ('offensive', 'sentiment' or 'scam')."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; expected one of {sorted(TASKS)}")
    model = load_linear_model(f"{task}.npz", directory)
    return TextClassifier(task, model, shared_featurizer(directory))
