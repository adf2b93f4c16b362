"""Many texts at once: language id, one feature pass, and the models scored together.

The inbox and listening take messages in batches. Scoring a batch shares numpy's
per-call overhead across it, and gives the labels and scores that one call per text
gives (up to float rounding).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from herald.nlp.classifier import TASKS, Prediction, load_classifier, shared_featurizer
from herald.text.langid import detect_language
from herald.types import LANGUAGES, OTHER_LANGUAGE

_KNOWN = frozenset((*LANGUAGES, OTHER_LANGUAGE))


@dataclass(frozen=True, slots=True)
class BatchResult:
    lang: str
    """The language the models read the text in (given, or detected)."""
    predictions: dict[str, Prediction]
    """Task name -> its prediction."""


def language_of(text: str) -> str:
    """The detected language; a text too short to call 'other' gets the likeliest of ours."""
    return detect_language(text).language_or(OTHER_LANGUAGE)


def classify_batch(
    texts: Sequence[str],
    tasks: Sequence[str] = ("offensive", "sentiment"),
    langs: Sequence[str | None] | None = None,
) -> list[BatchResult]:
    """Run ``tasks`` on every text; a ``None`` language (or no ``langs``) is detected.

    Raises ValueError for an unknown task or language, or when ``langs`` does not match
    ``texts`` in length.
    """
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; expected some of {sorted(TASKS)}")
    given: Sequence[str | None] = langs if langs is not None else [None] * len(texts)
    if len(given) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(given)} languages")
    bad = sorted({lang for lang in given if lang is not None and lang not in _KNOWN})
    if bad:
        raise ValueError(f"unknown language(s) {bad}; expected some of {sorted(_KNOWN)}")
    resolved = [
        lang if lang is not None else language_of(text)
        for text, lang in zip(texts, given, strict=True)
    ]
    features = shared_featurizer().extract_batch(texts, resolved)
    by_task = {task: load_classifier(task).predict_batch(features, resolved) for task in tasks}
    return [
        BatchResult(lang, {task: by_task[task][i] for task in tasks})
        for i, lang in enumerate(resolved)
    ]
