"""Runs of digits as people write them, for the detectors of numeric identifiers.

Identifiers are written plain ("64255503426"), grouped ("0532 418 27 63", "4111-1111-...")
or deliberately spaced out ("6 4 2 5 5 ..."). A *run* is a maximal sequence of digit
groups joined by one separator; a detector then tries the whole run and every
contiguous window of its groups, so "Sipariş 12345 64255503426" still yields the second
group alone. Spans always point into the original text; a Turkish suffix after the value
("64255503426'dır", "...63'ten") is outside the span because the apostrophe ends the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

# Groups of digits joined by a single space, dash, dot, slash or no-break space.
_RUN = regex.compile(r"(?<![\p{L}\p{N}_#/=@])\p{Nd}+(?:[ \-.\u00a0\u202f]\p{Nd}+)*(?![\p{N}])")
_GROUP = regex.compile(r"\p{Nd}+")
_LETTER_AFTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class DigitWindow:
    start: int
    end: int
    digits: str
    """ASCII digits with separators removed."""
    groups: int
    """How many separated groups the window spans (1: written without separators)."""


@dataclass(frozen=True, slots=True)
class DigitRun:
    groups: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.groups[0][0]

    @property
    def end(self) -> int:
        return self.groups[-1][1]

    def windows(self, lengths: range | frozenset[int]) -> Iterator[DigitWindow]:
        """Windows of whole groups whose digit count is in ``lengths``, longest first."""
        n = len(self.groups)
        sizes = [e - s for s, e in self.groups]
        found: list[DigitWindow] = []
        for i in range(n):
            total = 0
            for j in range(i, n):
                total += sizes[j]
                if total > max(lengths):
                    break
                if total in lengths:
                    s, e = self.groups[i][0], self.groups[j][1]
                    found.append(DigitWindow(s, e, _ascii_digits(self.text[s:e]), j - i + 1))
        found.sort(key=lambda w: (-(w.end - w.start), w.start))
        yield from found


def _ascii_digits(text: str) -> str:
    return "".join(str(int(ch)) for ch in text if ch.isdigit())


def digit_runs(text: str) -> Iterator[DigitRun]:
    """Every run of digits in ``text`` that is not glued to letters."""
    for m in _RUN.finditer(text):
        # "ABC123" or "123abc" are codes, not numbers; an apostrophe suffix is fine.
        if m.end() < len(text) and _LETTER_AFTER.match(text, m.end()):
            continue
        groups = tuple(
            (g.start() + m.start(), g.end() + m.start()) for g in _GROUP.finditer(m.group())
        )
        yield DigitRun(groups, text)


def take_non_overlapping(windows: list[tuple[int, int]], start: int, end: int) -> bool:
    """Record [start, end) unless it overlaps a window already taken; True if recorded."""
    for s, e in windows:
        if start < e and s < end:
            return False
    windows.append((start, end))
    return True
