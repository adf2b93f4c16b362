"""Phrase lists per language, matched on the folded text with Turkish inflection.

The inbox's hand-written cues (crisis constructions, jokes, requests for card data) are
short lists: each :class:`CueList` compiles one matcher per language on first use and
reports the phrases it found, so every signal can say which words decided it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property

from herald.text.fold import fold
from herald.text.lexicon import TermMatcher
from herald.types import LANGUAGES


class CueList:
    """Phrases per language ('*' for every language); :meth:`find` lists those present."""

    def __init__(self, phrases: Mapping[str, Sequence[str]]) -> None:
        self.phrases = phrases

    @cached_property
    def _matchers(self) -> dict[str, tuple[TermMatcher, tuple[str, ...]]]:
        """Per language: a matcher for the words, and the symbols (emoji) looked up as is."""
        out = {}
        for lang in LANGUAGES:
            phrases = [*self.phrases.get("*", ()), *self.phrases.get(lang, ())]
            words = [p for p in phrases if any(ch.isalnum() for ch in p)]
            symbols = tuple(p for p in phrases if not any(ch.isalnum() for ch in p))
            out[lang] = (TermMatcher(words, inflect=True), symbols)
        return out

    def find(self, text: str, lang: str, folded: str | None = None) -> tuple[str, ...]:
        """The phrases (folded) found in ``text``; an unknown language tries all of ours."""
        view = folded if folded is not None else fold(text).folded
        langs = (lang,) if lang in LANGUAGES else LANGUAGES
        found: dict[str, None] = {}
        for code in langs:
            matcher, symbols = self._matchers[code]
            for match in matcher.finditer(view):
                found.setdefault(match.term, None)
            for symbol in symbols:
                if symbol in text:
                    found.setdefault(symbol, None)
        return tuple(found)
