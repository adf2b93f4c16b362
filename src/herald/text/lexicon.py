"""Compiled term lists: match many terms at once on the folded text, with Turkish
inflection and obfuscation tolerance, and report spans in the original text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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


class TermMatcher:
    """Finds any of ``terms`` as whole words (plus inflection) in a folded view.

    Terms are folded on the way in, so callers pass them as people write them.
    """

    __slots__ = ("_by_key", "_pattern", "terms")

    def __init__(self, terms: Iterable[str], *, inflect: bool, obfuscated: bool = False) -> None:
        prepare = (lambda t: deobfuscate(fold_term(t))) if obfuscated else fold_term
        folded = sorted({prepare(t).strip() for t in terms if t.strip()}, key=len, reverse=True)
        self.terms: tuple[str, ...] = tuple(folded)
        self._by_key: dict[str, str] = {}
        if not folded:
            self._pattern: regex.Pattern[str] | None = None
            return
        groups = []
        for i, term in enumerate(folded):
            key = f"t{i}"
            self._by_key[key] = term
            stem, suffix = _term_regex(term, inflect=inflect, obfuscated=obfuscated)
            groups.append(f"(?P<{key}>{stem}){suffix}")
        # Longest terms first so "confidential information" wins over "confidential".
        self._pattern = regex.compile(_BEFORE + "(?:" + "|".join(groups) + ")" + _AFTER)

    def finditer(self, view: str) -> Iterator[TermMatch]:
        if self._pattern is None:
            return
        for m in self._pattern.finditer(view):
            key = m.lastgroup
            if key is None:  # cannot happen: every alternative is a named group
                continue
            yield TermMatch(m.start(), m.end(), self._by_key[key], m.end(key))

    def __bool__(self) -> bool:
        return self._pattern is not None
