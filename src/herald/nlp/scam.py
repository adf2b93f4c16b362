"""Scam, spam and phishing in incoming messages: a calibrated score plus the cues seen."""

from __future__ import annotations

from dataclasses import dataclass

from herald.nlp.classifier import load_classifier
from herald.nlp.features import Features
from herald.nlp.normalize import EMAIL, PHONE, URL


@dataclass(frozen=True, slots=True)
class ScamResult:
    score: float
    label: str
    """'scam' or 'ham'."""
    cues: tuple[str, ...]
    """Scam vocabulary and structural cues (link, phone number) found in the message."""

    def to_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 4), "label": self.label, "cues": list(self.cues)}


_STRUCTURAL = {URL: "link", PHONE: "phone number", EMAIL: "e-mail address"}


def scam_from_features(features: Features, lang: str) -> ScamResult:
    prediction = load_classifier("scam").predict_features(features, lang)
    words = [
        " ".join(features.tokens[h.start : h.end]) for h in features.hits if h.category == "scam"
    ]
    structure = [_STRUCTURAL[t] for t in features.tokens if t in _STRUCTURAL]
    cues = tuple(dict.fromkeys(words + structure))
    return ScamResult(prediction.scores["scam"], prediction.label, cues)


def classify_scam(text: str, lang: str) -> ScamResult:
    classifier = load_classifier("scam")
    return scam_from_features(classifier.featurizer.extract(text, lang), lang)
