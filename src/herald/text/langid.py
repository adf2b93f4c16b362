"""Language identification for tr / es / en, with everything else reported as 'other'.

Uses lingua restricted to a handful of languages: the three Herald speaks plus the
neighbours most often confused with them, so a German or Portuguese post is reported
as 'other' rather than forced into Spanish or English. Its models ship in its wheel.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from herald.types import OTHER_LANGUAGE

# Links, e-mail addresses, mentions and any token with a digit (IBANs, codes, prices) say
# nothing about the language and can tip a short post the wrong way: they are removed.
_NOT_WORDS = regex.compile(r"\S*(?:://|www\.|@|\d)\S*|#")
MAX_CHARS = 200
"""Characters of words read: language rarely changes within a post, and the cost of a
guess grows with its length, so a prefix keeps long posts as cheap as short ones."""

MIN_LETTERS = 12
"""Below this many letters a guess is noise: callers fall back to the default."""
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    confidence: float
    reliable: bool
    best_supported: str | None = None
    """The likeliest of tr/es/en, for texts too short to call 'other' with confidence."""


CANDIDATES = (
    "TURKISH",
    "SPANISH",
    "ENGLISH",
    "GERMAN",
    "FRENCH",
    "ITALIAN",
    "PORTUGUESE",
    "DUTCH",
    "CATALAN",
    "AZERBAIJANI",
)
"""lingua languages considered: ours plus the neighbours most often confused with them."""


def build_detector(*, low_accuracy: bool = False) -> Any:
    """A lingua detector over :data:`CANDIDATES` with its models loaded up front."""
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in CANDIDATES))
    builder = builder.with_preloaded_language_models()
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


@cache
def _detector() -> Any:
    return build_detector()


_CODES = {"TURKISH": "tr", "SPANISH": "es", "ENGLISH": "en"}


def detect_language(text: str) -> LanguageGuess:
    """Best guess of the language of ``text``: 'tr', 'es', 'en' or 'other'."""
    words = _NOT_WORDS.sub(" ", text[: MAX_CHARS * 4])[:MAX_CHARS]
    letters = sum(ch.isalpha() for ch in words)
    if letters == 0:
        return LanguageGuess(OTHER_LANGUAGE, 0.0, reliable=False)
    values = _detector().compute_language_confidence_values(words)
    if not values:
        return LanguageGuess(OTHER_LANGUAGE, 0.0, reliable=False)
    top = values[0]
    code = _CODES.get(top.language.name, OTHER_LANGUAGE)
    reliable = letters >= MIN_LETTERS and top.value >= MIN_CONFIDENCE
    supported = next(
        (_CODES[v.language.name] for v in values if v.language.name in _CODES and v.value > 0), None
    )
    return LanguageGuess(code, float(top.value), reliable=reliable, best_supported=supported)


def warm_up() -> None:
    """Load the language models now rather than on the first post (about half a second)."""
    _detector()
