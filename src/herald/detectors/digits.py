"""Runs of digits as people write them, for the detectors of numeric identifiers.

Identifiers are written plain ("64255503426"), grouped ("0532 418 27 63", "4111-1111-...")
or deliberately spaced out ("6 4 2 5 5 ..."). A *run* is a maximal sequence of digit
groups joined by one separator; a detector then tries the whole run and every
contiguous window of its groups, so "Sipariş 12345 64255503426" still yields the second
group alone. Spans always point into the original text; a Turkish suffix after the value
("64255503426'dır", "...63'ten") is outside the span because the apostrophe ends the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from herald.detectors.checksums import is_tc_kimlik, luhn_valid
from herald.text.document import Document

__all__ = [
    "DigitRun",
    "DigitWindow",
    "digit_runs",
    "document_runs",
    "iban_like_spans",
    "is_tc_kimlik",
    "luhn_valid",
    "overlaps",
    "take_non_overlapping",
]

# Groups of digits joined by a single space, dash, dot or no-break space. The standard
# library's engine is used on purpose: these run on every post and it is faster here.
_RUN = re.compile(r"(?<![\w#/=@])\d+(?:[ \-.\u00a0\u202f]\d+)*(?!\d)")
_GROUP = re.compile(r"\d+")
_LETTER_AFTER = re.compile(r"[^\W\d_]")


MAX_GROUPS = 24
"""More groups than this in one run is a list of numbers, not one spaced-out identifier
(the most spaced-out, "4 1 1 1 …", has 19)."""


class DigitWindow(NamedTuple):
    start: int
    end: int
    digits: str
    """ASCII digits with separators removed."""
    groups: int
    """How many separated groups the window spans (1: written without separators)."""


SHARED_LENGTHS = range(11, 20)
"""Digit counts the detectors ask windows for (TC Kimlik No 11, cards 13-19): the windows
of a run with these counts are listed once and shared."""


class DigitRun:
    """A maximal run of digit groups; ``groups`` are (start, end) in ``text``."""

    __slots__ = ("_windows", "groups", "text")

    def __init__(self, groups: tuple[tuple[int, int], ...], text: str) -> None:
        self.groups = groups
        self.text = text
        self._windows: tuple[DigitWindow, ...] | None = None

    @property
    def start(self) -> int:
        return self.groups[0][0]

    @property
    def end(self) -> int:
        return self.groups[-1][1]

    def windows(self, lengths: range | frozenset[int]) -> Iterator[DigitWindow]:
        """Windows of whole groups whose digit count is in ``lengths``, longest first."""
        if len(self.groups) == 1:  # the common case: one number written without breaks
            s, e = self.groups[0]
            if e - s in lengths:
                yield DigitWindow(s, e, _ascii_digits(self.text[s:e]), 1)
            return
        if len(self.groups) > MAX_GROUPS:
            return  # a long list of numbers, not one identifier; and it would cost n²
        if not all(n in SHARED_LENGTHS for n in lengths):
            yield from self._list_windows(lengths)
            return
        if self._windows is None:
            self._windows = tuple(self._list_windows(SHARED_LENGTHS))
        for window in self._windows:
            if len(window.digits) in lengths:
                yield window

    def _list_windows(self, lengths: range | frozenset[int]) -> list[DigitWindow]:
        longest = max(lengths)
        groups = self.groups
        digits = [_ascii_digits(self.text[s:e]) for s, e in groups]
        found: list[DigitWindow] = []
        for i in range(len(groups)):
            total = ""
            for j in range(i, len(groups)):
                total += digits[j]
                if len(total) > longest:
                    break
                if len(total) in lengths:
                    found.append(DigitWindow(groups[i][0], groups[j][1], total, j - i + 1))
        found.sort(key=lambda w: (w.start - w.end, w.start))
        return found


_TO_ASCII = {cp: str(int(chr(cp))) for cp in range(0x660, 0x66A)} | {
    cp: str(int(chr(cp))) for cp in range(0xFF10, 0xFF1A)
}


def _ascii_digits(digits: str) -> str:
    """Arabic-Indic or full-width digits read as ASCII (one group: digits only)."""
    return digits if digits.isascii() else digits.translate(_TO_ASCII)


_RUNS_KEY = "digits.runs"
MIN_RUN = 9
"""Shortest run any numeric identifier detector asks for (SSN and DNI digits)."""


def document_runs(doc: Document, min_digits: int) -> Iterator[DigitRun]:
    """The runs of ``doc`` of at least ``min_digits`` characters, found once per document
    and shared by the detectors that read numbers."""
    runs: tuple[DigitRun, ...] | None = doc.shared.get(_RUNS_KEY)
    if runs is None:
        runs = doc.shared[_RUNS_KEY] = tuple(digit_runs(doc.text, MIN_RUN))
    for run in runs:
        if run.end - run.start >= min_digits:
            yield run


def digit_runs(text: str, min_digits: int = 1) -> Iterator[DigitRun]:
    """Every run of digits in ``text`` that is not glued to letters.

    Runs shorter than ``min_digits`` characters cannot hold enough digits and are skipped
    before any work is done on them (most numbers in posts are prices, years and times).
    """
    for m in _RUN.finditer(text):
        start, end = m.span()
        if end - start < min_digits:
            continue
        # "ABC123" or "123abc" are codes, not numbers; an apostrophe suffix is fine.
        if end < len(text) and _LETTER_AFTER.match(text, end):
            continue
        value = m.group()
        if value.isdigit():  # written without separators: one group
            yield DigitRun(((start, end),), text)
            continue
        groups = tuple((g.start() + start, g.end() + start) for g in _GROUP.finditer(value))
        yield DigitRun(groups, text)


# IBAN digits are long digit runs too; detectors of other numbers leave them alone.
_IBAN_LIKE = re.compile(r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,}")


_IBAN_SPANS_KEY = "digits.iban_like_spans"


def iban_like_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """Spans shaped like an IBAN (valid or not), to be skipped by number detectors;
    found once per document."""
    spans: tuple[tuple[int, int], ...] | None = doc.shared.get(_IBAN_SPANS_KEY)
    if spans is None:
        spans = doc.shared[_IBAN_SPANS_KEY] = tuple(m.span() for m in _IBAN_LIKE.finditer(doc.text))
    return spans


def overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def take_non_overlapping(windows: list[tuple[int, int]], start: int, end: int) -> bool:
    """Record [start, end) unless it overlaps a window already taken; True if recorded."""
    for s, e in windows:
        if start < e and s < end:
            return False
    windows.append((start, end))
    return True
