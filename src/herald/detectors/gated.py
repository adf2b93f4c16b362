"""Term lists behind a cheap gate, for detectors whose words are rare in posts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from herald.text.fold import fold_term
from herald.text.lexicon import TermMatch, TermMatcher

STEM = 4
"""Letters of a term's first word that the gate looks for."""
_WORD = re.compile(r"\w+")


class GatedTerms:
    """A :class:`TermMatcher` behind a cheap test: the start of each term's first word
    must occur somewhere in the text (plain substring search, done in C).

    Most posts contain none of the words; the test spares them the full matcher with its
    Turkish suffix chains. A stem found inside another word only costs the full match.
    """

    __slots__ = ("_matcher", "_stems")

    def __init__(self, terms: Iterable[str], *, inflect: bool) -> None:
        chosen = [t for t in terms if t.strip()]
        self._matcher = TermMatcher(chosen, inflect=inflect)
        stems = set()
        for term in chosen:
            words = _WORD.findall(fold_term(term))
            stems.add(words[0][:STEM] if words else fold_term(term).strip())
        self._stems = tuple(sorted(stems))

    def finditer(self, view: str) -> Iterator[TermMatch]:
        """Matches in a folded view (see :meth:`TermMatcher.finditer`)."""
        if any(stem in view for stem in self._stems):
            yield from self._matcher.finditer(view)
