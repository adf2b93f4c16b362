"""Term lists behind a cheap gate, for detectors whose words are rare in posts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from herald.text.fold import fold_term
from herald.text.lexicon import TermMatch, TermMatcher


class GatedTerms:
    """A :class:`TermMatcher` behind a cheap test: the first letters of each term.

    Most posts contain none of the words; one small expression on the standard engine
    spares them the full matcher with its Turkish suffix chains.
    """

    __slots__ = ("_gate", "_matcher")

    def __init__(self, terms: Iterable[str], *, inflect: bool) -> None:
        chosen = [t for t in terms if t.strip()]
        self._matcher = TermMatcher(chosen, inflect=inflect)
        stems = {fold_term(t).split()[0][:4] for t in chosen}
        self._gate = (
            re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, stems))) + ")")
            if stems
            else None
        )

    def finditer(self, view: str) -> Iterator[TermMatch]:
        """Matches in a folded view (see :meth:`TermMatcher.finditer`)."""
        if self._gate is not None and self._gate.search(view):
            yield from self._matcher.finditer(view)
