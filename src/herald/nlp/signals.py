"""Message-level signals for the scanner, inbox and listening: sentiment, scam, offence.

``compute_signals`` extracts features once and runs only the models asked for, so adding
signals to a scan costs one feature pass plus a few microseconds per model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from herald.nlp.classifier import shared_featurizer
from herald.nlp.offensive import offensive_from_features
from herald.nlp.scam import scam_from_features
from herald.nlp.sentiment import sentiment_from_features
from herald.text.document import Document
from herald.types import LANGUAGES, OTHER_LANGUAGE

SIGNALS: tuple[str, ...] = ("sentiment", "scam", "offensive")


def compute_signals(doc: Document, names: Iterable[str]) -> dict[str, Any]:
    """JSON-ready signals for ``doc``, e.g. ``{"sentiment": {"label": ..., "scores": ...}}``.

    Raises ValueError for a name outside :data:`SIGNALS`.
    """
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in SIGNALS]
    if unknown:
        raise ValueError(f"unknown signal(s) {unknown}; expected some of {list(SIGNALS)}")
    if not wanted:
        return {}
    lang = doc.lang if doc.lang in LANGUAGES else OTHER_LANGUAGE
    features = shared_featurizer().extract(doc.text, lang)
    out: dict[str, Any] = {}
    for name in wanted:
        if name == "sentiment":
            prediction = sentiment_from_features(features, lang)
            out[name] = {"label": prediction.label, "scores": prediction.scores}
        elif name == "scam":
            out[name] = scam_from_features(features, lang).to_dict()
        else:
            out[name] = offensive_from_features(features, lang).to_dict()
    return out
