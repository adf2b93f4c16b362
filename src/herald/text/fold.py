"""Folding text for matching while keeping offsets into the original.

Matching works on a *folded* view of the text: lower-cased with Turkish rules (İ→i, I→ı),
then with diacritics removed so that "sıktır", "SIKTIR" and "siktir" or "compañía" and
"compania" meet. ``ñ`` is kept apart from ``n`` because Spanish distinguishes them ("año").

The fold is one character to one character for everything except combining marks, so
most texts need no offset table at all; when a text contains combining marks the view
carries an index back to the original. Never use ``str.lower()`` for matching: it turns
"İ" into two code points and shifts every span after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

_KEEP = {"ñ": "ñ", "Ñ": "ñ"}


class _Table(dict[int, str | None]):
    """A str.translate table whose missing code points map to themselves, memoised.

    The result is the same as with a plain dict, but str.translate pays for a missing
    key with a raised and cleared KeyError: on a non-ASCII text, where most characters
    (lower-case letters, spaces) have no entry, that is most of its time.
    """

    def __missing__(self, cp: int) -> str:
        ch = self[cp] = chr(cp)
        return ch


_APOSTROPHES = "’‘`´ʼ′"


_CONFUSABLES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
    "А": "a", "Е": "e", "О": "o", "Р": "p", "С": "c", "У": "y", "Х": "x", "І": "i", "Ј": "j",
    "Ѕ": "s", "К": "k", "М": "m", "Т": "t", "В": "b", "Н": "h",
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
    "Ο": "o", "Α": "a", "Ε": "e", "Ι": "i", "Κ": "k", "Ν": "n", "Ρ": "p", "Τ": "t", "Υ": "y",
}  # fmt: skip
_INVISIBLE = (0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)


@cache
def _fold_table() -> dict[int, str | None]:
    """Code point -> folded character, built once for the Latin, Greek and Cyrillic blocks."""
    table = _Table()
    ranges = [(0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x1F00), (0x41, 0x5B)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if ch in _KEEP:
                table[cp] = _KEEP[ch]
                continue
            low = ch.lower()
            if len(low) != 1:
                continue
            base = unicodedata.normalize("NFD", low)[0]
            if base != ch:
                table[cp] = base
    # Turkish: all four i's meet at plain 'i' (İ/i and I/ı are case pairs; dotless and
    # dotted are folded together because writers often drop the dots on social media).
    for ch in "İIıi":
        table[ord(ch)] = "i"
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    table[0x00DF] = "ß"  # German sharp s stays one character
    # Look-alikes from other scripts written inside Latin words to dodge a word list
    # ("іdiot" with a Cyrillic і): read as the Latin letter they imitate.
    for fake, real in _CONFUSABLES.items():
        table[ord(fake)] = real
    # Invisible characters (zero-width space, joiners, word joiner, BOM, soft hyphen) split a
    # word for the eye of a filter only: dropped from the view (needs an index).
    for cp in _INVISIBLE:
        table[cp] = None
    for cp in range(0x0300, 0x0370):  # combining marks are dropped (needs an index)
        table[cp] = None
    return table


_COMBINING = regex.compile(r"[\u0300-\u036f]")


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded view of ``original``; ``index[i]`` is the original offset of folded[i]."""

    original: str
    folded: str
    index: tuple[int, ...] | None = None
    """None when folding kept every offset (the common case)."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) back to the original text."""
        if self.index is None:
            return start, end
        if start >= len(self.index):
            return len(self.original), len(self.original)
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1 if end > start else o_start
        # Swallow combining marks that followed the last matched character.
        while o_end < len(self.original) and _COMBINING.match(self.original, o_end):
            o_end += 1
        return o_start, o_end


def fold(text: str) -> FoldedText:
    """Case- and accent-fold ``text`` with Turkish rules, keeping an offset map."""
    table = _fold_table()
    folded = text.translate(table).lower() if not text.isascii() else text.translate(table)
    if len(folded) == len(text):
        return FoldedText(text, folded)
    # Rare path: combining marks (or a character whose lower-case form is longer)
    # changed the length; rebuild character by character with an index.
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        mapped = ch.translate(table)
        if len(mapped) != 1:
            mapped = mapped.lower()[:1] if mapped else ""
        else:
            low = mapped.lower()
            mapped = low if len(low) == 1 else mapped
        if mapped:
            out.append(mapped)
            index.append(i)
    return FoldedText(text, "".join(out), tuple(index))


@cache
def _lower_table() -> dict[int, str | None]:
    """Upper-case -> lower-case for the Latin, Greek and Cyrillic blocks, one to one."""
    table = _Table()
    for lo, hi in ((0x41, 0x5B), (0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x1F00)):
        for cp in range(lo, hi):
            low = chr(cp).lower()
            if len(low) == 1 and low != chr(cp):
                table[cp] = low
    # "İ" lower-cases to two code points with str.lower(); "I" is "i" in English and "ı"
    # in Turkish: both become plain "i" (a dotless "ı" written as such is kept).
    table[ord("İ")] = "i"
    table[ord("I")] = "i"
    for cp in range(0x0300, 0x0370):  # combining marks are dropped
        table[cp] = None
    return table


def lower(text: str) -> str:
    """Lower-case ``text`` keeping its diacritics (for language identification).

    Unlike :func:`fold`, accents and Turkish letters survive ("ş", "ñ", "ã", "ə" say
    which language a text is in); offsets are not kept.
    """
    if text.isascii():  # the same as the table on A-Z, and several times faster
        return text.lower()
    return text.translate(_lower_table())


def fold_term(term: str) -> str:
    """Fold a dictionary term the same way texts are folded."""
    return fold(term).folded


# Obfuscation: characters that stand for letters inside words ("s1kt1r", "a$$", "p@ss").
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
)
_LEET_BETWEEN_LETTERS = str.maketrans({"!": "i", "|": "i", "€": "e"})
# Maximal runs of letters, digits, '$' and '@', matched possessively so a long digit run
# costs linear time; whether a run holds a letter is checked afterwards.
_TOKEN = regex.compile(r"(?<![\p{L}0-9$@])[\p{L}0-9$@]++")
_LETTER = regex.compile(r"\p{L}")
_BETWEEN = regex.compile(r"(?<=\p{L})[!|€](?=\p{L})")
# Tests for single characters are written for the standard library's engine (the same
# meaning, half the cost per call). Which of the two passes can change anything: a token
# holds letters, digits, '$' and '@' only, and the between-letters characters never.
_HAS_LEET = re.compile(r"[0-9$@!|€]")
_LEET_IN_TOKEN = re.compile(r"[0-9$@]")
_LEET_BETWEEN = re.compile(r"[!|€]")
# A number with a unit or a code ("100tl", "50gb", "b001", "ret4455", "covid19"), not a
# word in disguise: two digits or more at either end of the token.
_NUMBER_EDGE = re.compile(r"^[0-9]{2}|[0-9]{2}$")


def _is_disguised_word(token: str) -> bool:
    """Whether the digits and symbols of a letters-and-digits token stand for letters."""
    if token.isalpha() or not _HAS_LEET.search(token) or not _LETTER.search(token):
        return False  # all letters (most tokens), nothing to undo, or no letters at all
    digits = sum(c.isdigit() for c in token)
    # Leetspeak keeps a word readable: fewer digits than letters ("s1kt1r", "5hit"),
    # never a digit run at an end.
    return digits == 0 or (2 * digits < len(token) and not _NUMBER_EDGE.search(token))


def deobfuscate(folded: str) -> str:
    """Undo common letter substitutions inside words; the result has the same length.

    A character is treated as a letter in disguise only inside a token that also has
    more real letters than digits and no digit run at an end, so prices ("$100"), years,
    mentions ("@user"), amounts with units ("100tl", "50gb") and codes ("b001") are left
    alone.
    """
    if not _HAS_LEET.search(folded):
        return folded
    chars: list[str] | None = None  # made on the first substitution (most texts have none)
    if _LEET_IN_TOKEN.search(folded):
        for m in _TOKEN.finditer(folded):
            token = m.group()
            if not _is_disguised_word(token):
                continue
            start = m.start()
            # A leading '@' is a mention, not an 'a'.
            offset = 1 if token.startswith("@") else 0
            mapped = token[offset:].translate(_LEET)
            if chars is None:
                chars = list(folded)
            chars[start + offset : m.end()] = mapped
    if _LEET_BETWEEN.search(folded):
        for m in _BETWEEN.finditer(folded):
            if chars is None:
                chars = list(folded)
            chars[m.start()] = m.group().translate(_LEET_BETWEEN_LETTERS)
    return folded if chars is None else "".join(chars)
