"""Word lists the classifiers count as features: sentiment, offence, scam cues, negators.

The lists ship inside ``models/lexicon.json`` (built by ``training/build_lexicon.py`` from
our curated lists and a reviewed subset of public word lists). Entries are folded; one
ending in ``*`` is a stem that matches any longer word (Turkish and Spanish inflection).
Lookups work on the tokens of a normalised text, so they cost a few dict probes per word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from herald.nlp.artefacts import ModelFileError, load_json
from herald.types import LANGUAGES

LEXICON_FILE = "lexicon.json"
MIN_STEM = 4
MAX_PHRASE_WORDS = 4
LOOKUP_CACHE_LIMIT = 100_000
# Letters people stretch for emphasis: vowels anywhere, any letter at the end of a word.
# Doubled consonants inside a word are usually real ("hatta", "yarattı") and stay.
_STRETCHED = regex.compile(r"([aeiouıöü])\1+|(\p{L})\2+$")
STRETCHABLE = frozenset(("insult", "derogatory", "profanity"))
"""Categories also matched in stretched spellings: emphasis is how people shout them."""


def unstretch(word: str) -> str:
    """``word`` with stretched letters written once: normalisation leaves "fuuuck" as
    "fuuck", and only "fuck" is in the lexicon."""
    return _STRETCHED.sub(lambda m: m.group(1) or m.group(2), word)


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon entry found at tokens [start, end)."""

    category: str
    start: int
    end: int
    term: str


class TokenLexicon:
    """Every category of one language, indexed for token-by-token lookup."""

    __slots__ = (
        "_collapsed_exact",
        "_collapsed_stems",
        "_exact",
        "_lookups",
        "_maskable",
        "_phrase_heads",
        "_stems",
        "categories",
        "max_stem",
    )

    def __init__(self, categories: Mapping[str, Sequence[str]]) -> None:
        self.categories: dict[str, tuple[str, ...]] = {
            cat: tuple(terms) for cat, terms in categories.items()
        }
        self._exact: dict[str, tuple[str, ...]] = {}
        self._stems: dict[str, tuple[str, ...]] = {}
        self._phrase_heads: set[str] = set()
        for cat, terms in self.categories.items():
            for term in terms:
                if term.endswith("*") and " " not in term and len(term) > MIN_STEM:
                    key, table = term[:-1], self._stems
                else:
                    key, table = term.rstrip("*"), self._exact
                table[key] = (*table.get(key, ()), cat)
                if " " in key:
                    self._phrase_heads.add(key.split(" ", 1)[0])
        self.max_stem = max((len(s) for s in self._stems), default=0)
        self._lookups: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        self._maskable: list[tuple[str, bool, tuple[str, ...]]] | None = None
        # Shouted entries, for stretched spellings; an entry that has a double letter of
        # its own is left out, since unstretching would change it.
        self._collapsed_exact = {
            k: (k, shouted)
            for k, v in self._exact.items()
            if " " not in k and unstretch(k) == k and (shouted := _shouted(v))
        }
        self._collapsed_stems = {
            k: (k, shouted)
            for k, v in self._stems.items()
            if unstretch(k) == k and (shouted := _shouted(v))
        }

    def lookup(self, token: str) -> tuple[str, tuple[str, ...]] | None:
        """The entry a single token matches (exact first, then the longest stem).

        Memoised: the same words recur in every post, and a miss costs a probe per stem
        length.
        """
        try:
            return self._lookups[token]
        except KeyError:
            pass
        entry = self._lookup(token)
        if len(self._lookups) >= LOOKUP_CACHE_LIMIT:
            self._lookups.clear()  # bounded memory on an endless stream of new words
        self._lookups[token] = entry
        return entry

    def _lookup(self, token: str) -> tuple[str, tuple[str, ...]] | None:
        cats = self._exact.get(token)
        if cats is not None:
            return token, cats
        for size in range(min(len(token), self.max_stem), MIN_STEM - 1, -1):
            stem = token[:size]
            cats = self._stems.get(stem)
            if cats is not None:
                return stem + "*", cats
        if "*" in token:
            return self._lookup_masked(token)
        if "'" in token:  # "Kestrel'in", "can't": try the part before the apostrophe
            head = token.split("'", 1)[0]
            if head:
                return self.lookup(head)
        return self._lookup_stretched(token)

    def _lookup_stretched(self, token: str) -> tuple[str, tuple[str, ...]] | None:
        """A stretched spelling ("fuuck", "salaak") of an entry, else None."""
        collapsed = unstretch(token)
        if collapsed == token:
            return None
        exact = self._collapsed_exact.get(collapsed)
        if exact is not None:
            return exact
        for size in range(min(len(collapsed), self.max_stem), MIN_STEM - 1, -1):
            entry = self._collapsed_stems.get(collapsed[:size])
            if entry is not None:
                return entry[0] + "*", entry[1]
        return None

    def _lookup_masked(self, token: str) -> tuple[str, tuple[str, ...]] | None:
        """A masked spelling ("c*bron", "p*ta", "f**k") of an insult or swear word: each
        '*' stands for one letter. Only those categories: people mask what they dare not
        write, and a mask matched against every entry would find words nobody hid."""
        shown = len(token) - token.count("*")
        if shown < 2 or 2 * shown < len(token):  # "***" or "f***": too little to go on
            return None
        if self._maskable is None:
            self._maskable = sorted(
                (
                    (term.rstrip("*"), term in self._stems, shouted)
                    for term, cats in [*self._exact.items(), *self._stems.items()]
                    if " " not in term and (shouted := _shouted(cats))
                ),
                key=lambda entry: (entry[1], -len(entry[0]), entry[0]),  # exact, longest
            )
        for key, is_stem, cats in self._maskable:
            if len(key) != len(token) and not (is_stem and len(token) >= len(key)):
                continue
            if all(t == "*" or t == k for t, k in zip(token, key, strict=False)):
                return (key + "*" if is_stem else key), cats
        return None

    def hits(self, tokens: Sequence[str]) -> list[Hit]:
        """Entries found in ``tokens``, longest phrase first at each position."""
        found: list[Hit] = []
        heads = self._phrase_heads
        cached = self._lookups.get  # lookup() inlined for the common case, a cached word
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            if token in heads:
                size = self._phrase_at(tokens, i)
                if size:
                    phrase = " ".join(tokens[i : i + size])
                    found.extend(Hit(c, i, i + size, phrase) for c in self._exact[phrase])
                    i += size
                    continue
            entry = cached(token, _UNSEEN)
            if entry is _UNSEEN:
                entry = self.lookup(token)
            if entry is not None:
                term = entry[0]
                found.extend(Hit(c, i, i + 1, term) for c in entry[1])
            i += 1
        return found

    def _phrase_at(self, tokens: Sequence[str], i: int) -> int:
        """Words in the longest phrase entry that starts at ``tokens[i]`` (0 for none)."""
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 1, -1):
            if " ".join(tokens[i : i + size]) in self._exact:
                return size
        return 0


_UNSEEN: Any = object()
"""Marks a word not yet in the lookup cache (None there means 'no entry')."""


def _shouted(categories: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in categories if c in STRETCHABLE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    by_language: dict[str, TokenLexicon]
    emoji_polarity: dict[str, str]
    sources: tuple[dict[str, Any], ...]

    def for_language(self, lang: str) -> TokenLexicon:
        """The language's lexicon; texts in another language get every language's entries."""
        return self.by_language.get(lang) or self.by_language["other"]

    def terms(self, lang: str, categories: Sequence[str]) -> list[str]:
        lexicon = self.for_language(lang)
        return sorted({t for c in categories for t in lexicon.categories.get(c, ())})


def parse_lexicon(data: Mapping[str, Any]) -> Lexicon:
    if data.get("format") != 1 or not isinstance(data.get("languages"), dict):
        raise ModelFileError("lexicon: unknown format")
    languages: dict[str, dict[str, list[str]]] = data["languages"]
    by_language = {lang: TokenLexicon(cats) for lang, cats in languages.items()}
    merged: dict[str, list[str]] = {}
    for cats in languages.values():
        for cat, terms in cats.items():
            merged.setdefault(cat, []).extend(terms)
    by_language["other"] = TokenLexicon(merged)
    missing = [lang for lang in LANGUAGES if lang not in by_language]
    if missing:
        raise ModelFileError(f"lexicon: languages missing: {missing}")
    emoji = {ch: polarity for polarity, chars in data.get("emoji", {}).items() for ch in chars}
    return Lexicon(by_language, emoji, tuple(data.get("sources", ())))


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    return parse_lexicon(load_json(LEXICON_FILE, directory))
