"""Offensive / inflammatory language: a calibrated score and the words that drove it."""

from __future__ import annotations

from dataclasses import dataclass

from herald.nlp.classifier import load_classifier
from herald.nlp.features import Features

TOP_DRIVERS = 3
MIN_DRIVER_LEN = 4


@dataclass(frozen=True, slots=True)
class OffensiveResult:
    score: float
    """Calibrated probability that the text is offensive."""
    label: str
    """'offensive' or 'not' (the model's tuned decision threshold applied)."""
    threshold: float
    drivers: tuple[str, ...]
    """Words (normalised) that pushed the score up most, strongest first."""
    lexicon: tuple[str, ...]
    """Insults and swear words from the lexicon found in the text (normalised)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "label": self.label,
            "drivers": list(self.drivers),
            "lexicon": list(self.lexicon),
        }


def offensive_from_features(features: Features, lang: str) -> OffensiveResult:
    classifier = load_classifier("offensive")
    prediction = classifier.predict_features(features, lang)
    model = classifier.model
    contributions = model.word_contributions(features, model.head(lang))
    lexicon = tuple(
        dict.fromkeys(
            " ".join(features.tokens[h.start : h.end])
            for h in features.hits
            if h.category in ("insult", "profanity")
        )
    )
    # Listed words first, then the content words that pushed the score up most; short
    # function words ("que", "a", "bu") carry weight in a linear model but explain nothing.
    ranked = sorted(contributions.items(), key=lambda kv: -kv[1])
    content = [
        word
        for word, weight in ranked
        if weight > 0 and len(word) >= MIN_DRIVER_LEN and word.isalpha() and word not in lexicon
    ]
    drivers = tuple([*lexicon, *content][:TOP_DRIVERS])
    return OffensiveResult(
        prediction.scores["offensive"], prediction.label, model.threshold(lang), drivers, lexicon
    )


def classify_offensive(text: str, lang: str) -> OffensiveResult:
    """Score ``text`` (in ``lang``: 'tr', 'es', 'en'; anything else uses the universal head)."""
    features = load_classifier("offensive").featurizer.extract(text, lang)
    return offensive_from_features(features, lang)
