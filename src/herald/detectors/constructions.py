"""Construction rules: what a post *does* with words, read from cue patterns per language.

A semantic category (illegal conduct, a regulated claim, an uncredited statistic) is seldom
one word. It is a construction: an act described in everyday words ("skip the receipts",
"memura çay parası", "sin factura") that a frame turns into a violation (the author admits,
offers or plans it) or cancels (fiction, news, a warning, a negation: "beware of fake
receipts", "does not guarantee"). :class:`CueSet` compiles such patterns, written for the
folded view (lower case, no diacritics except ``ñ``), into one expression per language;
each match names the pattern that fired, so every finding explains itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import regex

from herald.types import LANGUAGES

_SENTENCE_END = regex.compile(r"[.!?…\n]+|\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class Cue:
    """One match in the folded view, and the pattern (its label) that produced it."""

    start: int
    end: int
    label: str


class CueSet:
    """Named patterns per language, compiled on first use into one alternation.

    ``patterns`` maps a language to ``{label: expression}``; a text in a language without
    its own list (or ``other``) is read with every language's patterns. Expressions are
    matched on word boundaries in the folded view; in Turkish a match runs on through the
    suffixes of its last word ("rüşveti", "kaçırmanın"), so patterns name stems.
    """

    __slots__ = ("_compiled", "_labels", "_sources")

    def __init__(self, patterns: Mapping[str, Mapping[str, str]]) -> None:
        every: dict[str, str] = {}
        for by_label in patterns.values():
            every.update(by_label)
        self._sources: dict[str, list[tuple[str, str]]] = {}
        for lang in (*LANGUAGES, "other"):
            chosen = patterns.get(lang) or every
            self._sources[lang] = list(chosen.items())
        self._compiled: dict[str, regex.Pattern[str]] = {}
        self._labels: dict[str, list[str]] = {}

    def _pattern(self, lang: str) -> tuple[regex.Pattern[str], list[str]]:
        key = lang if lang in self._sources else "other"
        pattern = self._compiled.get(key)
        if pattern is None:
            entries = self._sources[key]
            body = "|".join(f"(?P<c{i}>{expr})" for i, (_, expr) in enumerate(entries))
            tail = r"\p{L}*" if key == "tr" else r"(?![\p{L}\p{N}])"
            pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body}){tail}")
            self._compiled[key] = pattern
            self._labels[key] = [label for label, _ in entries]
        return pattern, self._labels[key]

    def finditer(
        self, view: str, lang: str, start: int = 0, end: int | None = None
    ) -> Iterator[Cue]:
        pattern, labels = self._pattern(lang)
        for m in pattern.finditer(view, start, len(view) if end is None else end):
            group = m.lastgroup
            if group is not None:
                yield Cue(m.start(), m.end(), labels[int(group[1:])])

    def search(self, view: str, lang: str, start: int = 0, end: int | None = None) -> Cue | None:
        pattern, labels = self._pattern(lang)
        m = pattern.search(view, start, len(view) if end is None else end)
        if m is None or m.lastgroup is None:
            return None
        return Cue(m.start(), m.end(), labels[int(m.lastgroup[1:])])


class Sentences:
    """Sentence (or clause after a dash) boundaries of a view, found once and bisected:
    a long text with many cues must not be rescanned from its start for each one."""

    __slots__ = ("_ends", "_length", "_starts")

    def __init__(self, view: str) -> None:
        marks = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(view)]
        self._starts = [0, *(end for _, end in marks)]
        self._ends = [start for start, _ in marks]
        self._length = len(view)

    def around(self, position: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, position) - 1
        start = self._starts[max(i, 0)]
        j = bisect.bisect_left(self._ends, position)
        return start, self._ends[j] if j < len(self._ends) else self._length


def words(patterns: Sequence[str]) -> str:
    """An alternation of plain phrases (already folded), longest first."""
    return "|".join(regex.escape(p) for p in sorted(set(patterns), key=len, reverse=True))
