"""Compiled term lists: match many terms at once on the folded text, with Turkish
inflection and obfuscation tolerance, and report spans in the original text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import regex

from herald.text.fold import deobfuscate, fold_term
from herald.text.morphology import apostrophe_suffix_pattern, softened_final, suffix_pattern

# Stems this short over-match when any suffix is allowed (Turkish "am" in "ama").
MIN_INFLECTED_STEM = 4
_SEPARATORS = r"[\s\-_.]+"
_BEFORE = r"(?<![\p{L}\p{N}])"
_AFTER = r"(?![\p{L}\p{N}])"


@dataclass(frozen=True, slots=True)
class TermMatch:
    start: int
    """Span in the view that was searched (folded or deobfuscated: same offsets)."""
    end: int
    term: str
    """The dictionary term (folded) that matched."""
    stem_end: int
    """Where the term itself ends and its suffix ("'un", "leri") begins."""


def _letter(ch: str, *, obfuscated: bool, masked: bool) -> str:
    if ch.isspace():
        return _SEPARATORS
    lit = regex.escape(ch)
    if not obfuscated or not ch.isalpha():
        return lit
    # Letters may be stretched ("fuuuck"); interior ones may be masked ("p*ta").
    return f"(?:{lit}|\\*)+" if masked else f"{lit}+"


def _term_regex(term: str, *, inflect: bool, obfuscated: bool) -> tuple[str, str]:
    """(stem, suffix) regexes for one term; the last letter may soften before a suffix."""
    last = len(term) - 1
    parts = [_letter(ch, obfuscated=obfuscated, masked=0 < i < last) for i, ch in enumerate(term)]
    soft = softened_final(term) if inflect else None
    if soft is not None and soft != term[-1]:
        parts[-1] = f"(?:{parts[-1]}|{regex.escape(soft)}(?=[aeiou]))"
    body = "".join(parts)
    letters = sum(ch.isalpha() for ch in term)
    if inflect and letters >= MIN_INFLECTED_STEM:
        return body, suffix_pattern()
    return body, apostrophe_suffix_pattern()


PREFIX = 4
"""Letters of a term's beginning that the prefilter compares."""
# Where a term match can begin: a letter or digit not preceded by one (as _BEFORE).
_WORD = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}][\p{L}\p{N}*']*")
_REPEATS = regex.compile(r"(.)\1+")


def _squash(text: str) -> str:
    """Collapse runs of one character ("fuuuck" -> "fuck"), as stretched matches allow."""
    return _REPEATS.sub(r"\1", text)


def _prefix_filter(terms: Iterable[str]) -> frozenset[str] | None:
    """Squashed beginnings (up to PREFIX letters) of the terms' first words; None when a
    term starts with something other than a letter or digit (then nothing is filtered)."""
    prefixes = set()
    for term in terms:
        if not term[:1].isalnum():
            return None
        first_word = _squash(regex.split(r"[\s\-_.]+", term, maxsplit=1)[0])
        prefixes.add(first_word[:PREFIX])
    return frozenset(prefixes)


@dataclass(frozen=True, slots=True)
class WordIndex:
    """Where each squashed word beginning (1 to PREFIX letters) occurs in a text."""

    positions: dict[str, tuple[int, ...]]
    masked: tuple[int, ...]
    """Words with a mask ("p*ta"): they may be any term, so every matcher tries them."""


@lru_cache(maxsize=16)
def word_index(view: str) -> WordIndex:
    """Built once per text and shared by every matcher that searches it.

    A match may begin at a word, and also inside one right after a mask or an apostrophe
    ("1*ak", "Kestrel'in"): those are not letters, so a term can start after them.
    """
    positions: dict[str, list[int]] = {}
    masked: list[int] = []
    for m in _WORD.finditer(view):
        word = m.group()
        starts = [0] + [i for i in range(1, len(word)) if word[i - 1] in "*'" and word[i].isalnum()]
        for offset in starts:
            rest = word[offset:]
            if "*" in rest:
                masked.append(m.start() + offset)
            squashed = _squash(rest)
            for n in range(1, min(PREFIX, len(squashed)) + 1):
                positions.setdefault(squashed[:n], []).append(m.start() + offset)
    return WordIndex({k: tuple(v) for k, v in positions.items()}, tuple(masked))


def _matches_at(
    pattern_at: Callable[[str], regex.Pattern[str] | None], view: str, starts: list[int]
) -> Iterator[regex.Match[str]]:
    """What a search with every term finds, trying only ``starts``, each with the pattern
    of the terms that begin with the character there: left to right, no overlaps."""
    end = 0
    for start in starts:
        if start < end:
            continue
        pattern = pattern_at(view[start])
        m = pattern.match(view, start) if pattern is not None else None
        if m is not None:
            end = m.end()
            yield m


def _alternation(entries: list[tuple[str, str, str]]) -> str:
    """``(?P<key>stem)suffix|...`` for (key, stem, suffix) in order, each suffix written
    once per run of terms that share it: ``(?:(?P<t0>stem0)|(?P<t1>stem1))suffix``.

    The engine tries the same terms and suffixes in the same order, so the same match
    wins; but the Turkish suffix chain (hundreds of characters) is compiled once rather
    than once per term, which made compiling a Turkish lexicon take seconds.
    """
    return "|".join(
        "(?:" + "|".join(f"(?P<{key}>{stem})" for key, stem, _ in run) + ")" + suffix
        for suffix, run in groupby(entries, key=itemgetter(2))
    )


def _compile(branches: Iterable[str]) -> regex.Pattern[str]:
    return regex.compile(_BEFORE + "(?:" + "|".join(branches) + ")" + _AFTER)


class TermMatcher:
    """Finds any of ``terms`` as whole words (plus inflection) in a folded view.

    Terms are folded on the way in, so callers pass them as people write them.

    Terms are grouped by first character, and each group's expression is compiled the
    first time a text has a word that may start one of its terms. Compiling a lexicon
    takes far longer than checking a post (``herald check`` runs once per post), and a
    post reaches only the few groups its words begin with. Thread-safe: a race compiles
    a group twice, with the same result.
    """

    __slots__ = ("_branches", "_by_key", "_compiled", "_full", "_prefixes", "terms")

    def __init__(self, terms: Iterable[str], *, inflect: bool, obfuscated: bool = False) -> None:
        prepare = (lambda t: deobfuscate(fold_term(t))) if obfuscated else fold_term
        # Longest first, so the longest term wins at a position; then alphabetical, so
        # the order (and which of two equal-length terms wins) never depends on set order.
        unique = {prepare(t).strip() for t in terms if t.strip()}
        folded = sorted(unique, key=lambda t: (-len(t), t))
        self.terms: tuple[str, ...] = tuple(folded)
        self._by_key: dict[str, str] = {}
        by_first: dict[str, list[tuple[str, str, str]]] = {}
        for i, term in enumerate(folded):
            key = f"t{i}"
            self._by_key[key] = term
            stem, suffix = _term_regex(term, inflect=inflect, obfuscated=obfuscated)
            by_first.setdefault(term[0], []).append((key, stem, suffix))
        # Each group behind a one-character lookahead: in the full expression, at each word
        # start the engine tries only the few terms that can begin there, not all of them
        # (lexicons run to hundreds of terms and the scanner runs on every keystroke).
        self._branches: dict[str, str] = {
            first: f"(?={regex.escape(first)})(?:{_alternation(entries)})"
            for first, entries in by_first.items()
        }
        self._compiled: dict[str, regex.Pattern[str]] = {}
        self._full: regex.Pattern[str] | None = None
        self._prefixes = _prefix_filter(folded)

    def pattern(self) -> regex.Pattern[str]:
        """One expression for every term, for searching a whole text (compiled once)."""
        if self._full is None:
            self._full = _compile(self._branches.values())
        return self._full

    def _pattern_at(self, first: str) -> regex.Pattern[str] | None:
        """The expression of the terms that begin with ``first``; None when none does.
        At a given position it finds what :meth:`pattern` finds: the other groups'
        lookaheads fail there."""
        pattern = self._compiled.get(first)
        if pattern is None:
            branch = self._branches.get(first)
            if branch is None:
                return None
            pattern = self._compiled[first] = _compile((branch,))
        return pattern

    def candidates(self, view: str) -> list[int] | None:
        """Positions where a match may begin, in order; None means anywhere.

        A match begins at a word that, stretched letters squashed, starts like one of the
        terms' first words; a word with a mask may be anything. Most posts have no such
        word, and then no regular expression runs (or is compiled) at all.
        """
        if self._prefixes is None:
            return None
        index = word_index(view)
        found = set(index.masked)
        for prefix in self._prefixes.intersection(index.positions):
            found.update(index.positions[prefix])
        return sorted(found)

    def finditer(self, view: str, *, prefilter: bool = True) -> Iterator[TermMatch]:
        """Matches left to right. ``prefilter=False`` skips the word-index prefilter: faster
        for a few terms over texts that usually contain one (listening queries)."""
        if not self._branches:
            return
        starts = self.candidates(view) if prefilter else None
        matches = (
            self.pattern().finditer(view)
            if starts is None
            else _matches_at(self._pattern_at, view, starts)
        )
        for m in matches:
            key = m.lastgroup
            if key is None:  # cannot happen: every alternative is a named group
                continue
            yield TermMatch(m.start(), m.end(), self._by_key[key], m.end(key))

    def __bool__(self) -> bool:
        return bool(self._branches)
