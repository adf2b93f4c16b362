"""Language identification for tr / es / en, with everything else reported as 'other'.

Two stages behind one entry point, :func:`detect_language`:

1. A fast first pass (:mod:`herald.text.langid_fast`, trained by ``herald train --task
   langid``), whose answer is taken only when the text is long enough, one language
   clearly wins and most of the words are known words of that language, so a German,
   Portuguese or Azerbaijani post never passes.
2. Otherwise lingua, restricted to a handful of languages: the three Herald speaks plus the
   neighbours most often confused with them, so a German or Portuguese post is reported
   as 'other' rather than forced into Spanish or English. Its models ship in its wheel.

Without the model file the first pass is skipped and every text goes to lingua.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from herald.text.langid_fast import fast_model
from herald.types import OTHER_LANGUAGE

# Links, e-mail addresses, mentions and any token with a digit (IBANs, codes, prices) say
# nothing about the language and can tip a short post the wrong way: they are removed, and
# so is every '#'. Written for the standard library's engine (three times faster here) and
# anchored at the start of a token; the same as regex's r"\S*(?:://|www\.|@|\d)\S*|#"
# (tests/text/test_langid.py checks it), whitespace being Unicode's White_Space spelled out.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_WORDS = re.compile(rf"(?<![^{_SPACE}])[^{_SPACE}]*?(?:://|www\.|@|\d)[^{_SPACE}]*|#")
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

    def language_or(self, default: str) -> str:
        """The language to read the text in: the guess when reliable, else the likeliest
        of tr/es/en (too short to call it another language), else ``default``."""
        if self.reliable:
            return self.lang
        return self.best_supported if self.best_supported is not None else default


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
    # Up front, because preloading runs on every core. Loaded on demand, models load one
    # at a time, and lingua's alphabet filter seldom rules a language out (half the words
    # must have a telling letter): "you are an idiot" took 1.9 s CPU on one thread that
    # way against 2.0 s CPU spread over the cores preloaded. This detector is built only
    # for a text the first pass is not sure of.
    builder = builder.with_preloaded_language_models()
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


@cache
def _detector() -> Any:
    return build_detector()


_CODES = {"TURKISH": "tr", "SPANISH": "es", "ENGLISH": "en"}


def words_of(text: str) -> str:
    """The part of ``text`` that language identification reads (a prefix, words only)."""
    return _NOT_WORDS.sub(" ", text[: MAX_CHARS * 4])[:MAX_CHARS]


def detect_with_lingua(words: str) -> LanguageGuess:
    """lingua's answer for the text read by language id (see :func:`words_of`)."""
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


def detect_language(text: str, *, fast: bool = True) -> LanguageGuess:
    """Best guess of the language of ``text``: 'tr', 'es', 'en' or 'other'.

    ``fast=False`` skips the first pass (lingua alone, as a reference).
    """
    words = words_of(text)
    model = fast_model() if fast else None
    if model is not None:
        score = model.guess(words)
        if score is not None:
            return LanguageGuess(
                score.lang, score.confidence, reliable=True, best_supported=score.lang
            )
    return detect_with_lingua(words)


def warm_up() -> None:
    """Load the language models now rather than on the first post (about half a second)."""
    fast_model()
    _detector()
