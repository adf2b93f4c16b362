"""Feature extraction shared by every classifier: hashed n-grams plus lexicon counts.

A text becomes a sparse vector in a fixed space of ``2**HASH_BITS`` hashed features
followed by a few named dense features:

* word unigrams and bigrams, a five-letter prefix of long words (a cheap stem that
  carries across Turkish and Spanish inflection), and negated words marked as such;
* character 2- to 5-grams of the normalised text (robust to spelling and suffixes);
* counts from the lexicons (positive / negative words with negation handled, including
  Turkish verbal negation "beğenmedim"; insults, derogatory words, swearing, insults
  aimed at someone, scam cues, emoji polarity) and surface cues (links, numbers, "!", capitals). These
  dense features mean the same in every language, so they carry what one language
  learned to another that has little or no training data.

Hashing uses CRC-32 (words) and a fixed polynomial rolling hash (characters): both are
stable across processes and platforms, unlike Python's ``hash()``.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex

from herald.nlp.lexicons import Hit, Lexicon, TokenLexicon
from herald.nlp.normalize import EMAIL, NUMBER, PHONE, URL, USER, normalize

FEATURE_VERSION = 3
"""Bump when features change: models trained on another version refuse to load."""
HASH_BITS = 20
HASH_DIM = 1 << HASH_BITS
CHAR_NGRAMS = (2, 3, 4, 5)
NEGATION_SCOPE = 3
TARGET_WINDOW = 3
PREFIX_LEN = 5

DENSE_FEATURES: tuple[str, ...] = (
    "sentiment_pos",
    "sentiment_neg",
    "sentiment_pos_negated",
    "sentiment_neg_negated",
    "emoji_pos",
    "emoji_neg",
    "insult",
    "insult_targeted",
    "profanity",
    "scam",
    "negator",
    "url",
    "email",
    "phone",
    "number",
    "user",
    "currency",
    "exclamation",
    "question",
    "capitals",
    "elongated",
    "length",
    "slang",
    "derogatory",
)
DIM = HASH_DIM + len(DENSE_FEATURES)
_DENSE_INDEX = {name: HASH_DIM + i for i, name in enumerate(DENSE_FEATURES)}

# A word masked with asterisks ("c*bron", "f**k") stays one token, so the lexicon can
# read it; the mask must sit between a letter and more of the word.
_TOKEN = regex.compile(
    r"\p{L}[\p{L}\p{N}_']*(?:\*+[\p{L}\p{N}_']+)+|[\p{L}\p{N}_']+"
    r"|\p{Extended_Pictographic}|[!?,.;:]|[£$€₺]"
)
_CLAUSE_END = frozenset(",.;:!?")
# Turkish verbal negation right after a stem: sev-mi-yor, beğen-me-di, sev-me-z, sev-me-m.
# Not -mek/-mak (the infinitive) nor -meli (obligation): those are not negative.
_TR_VERB_NEGATION = regex.compile(r"m[ai]yor|m[iu]yor|m[ae](?:d|z|y|m|s)")
# Turkish negates with the verb or with a word after the predicate ("güzel değil"):
# these negate the word before them, never the words after.
_NEGATES_PREVIOUS = frozenset(
    [
        "degil",
        "degildi",
        "degilim",
        "degilsin",
        "degiliz",
        "degilmis",
        "degildir",
        "diil",
        "yok",
        "yoktu",
        "yokmus",
    ]
)
# "hiç", "asla", "hiçbir" only reinforce a negation carried by the verb ("hiç sevmedim"),
# so they mark a negation without flipping the words around them.
_REINFORCES_ONLY = frozenset(("hic", "hicbir", "asla", "ne"))
_CAPITALS = regex.compile(r"\b[A-ZÇĞİÖŞÜÑ]{3,}\b")
_ELONGATED = regex.compile(r"(\p{L})\1{2,}")
_MASK = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(0x01000193)
_SEED = np.uint64(0x9E3779B1)


@dataclass(frozen=True, slots=True)
class Features:
    """One text as a sparse vector, plus what an explanation needs."""

    indices: np.ndarray[Any, np.dtype[np.int64]]
    values: np.ndarray[Any, np.dtype[np.float32]]
    tokens: tuple[str, ...]
    hits: tuple[Hit, ...]
    word_features: tuple[tuple[str, int], ...]
    """(token, hashed index) of every unigram, so a model can say which words drove it."""
    n_word: int = 0
    """The first ``n_word`` entries are the word block (a model may weigh it differently)."""

    def weighted(self, word_scale: float) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The values with the word block scaled by ``word_scale``."""
        if word_scale == 1.0:
            return self.values
        values = self.values.copy()
        values[: self.n_word] *= word_scale
        return values


_INDEX_CACHE: dict[str, int] = {}
_INDEX_CACHE_LIMIT = 200_000


def word_index(feature: str) -> int:
    """Hashed index of a word feature; memoised, since the same words recur in every post."""
    index = _INDEX_CACHE.get(feature)
    if index is None:
        index = zlib.crc32(feature.encode("utf-8")) & (HASH_DIM - 1)
        if len(_INDEX_CACHE) >= _INDEX_CACHE_LIMIT:
            _INDEX_CACHE.clear()  # bounded memory on an endless stream of new words
        _INDEX_CACHE[feature] = index
    return index


# The per-token loop of Featurizer._assemble looks words up here rather than building
# "w|token", "p|prefix" and "b|prev|token" strings and hashing them for every token:
# one probe gives a token's unigram and prefix indices, and bigrams are keyed by the
# (prev, token) pair, whose hash comes from the two strings' cached hashes.
_TOKEN_CACHE: dict[str, tuple[int, int]] = {}
_BIGRAM_CACHE: dict[tuple[str, str], int] = {}
_NO_PREFIX = -1


def _token_indices(token: str) -> tuple[int, int]:
    """(unigram index, prefix index or ``_NO_PREFIX``) of a token, memoised."""
    prefix = _NO_PREFIX
    if len(token) > PREFIX_LEN + 1 and token.isalpha():
        prefix = word_index("p|" + token[:PREFIX_LEN])
    entry = (word_index("w|" + token), prefix)
    if len(_TOKEN_CACHE) >= _INDEX_CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[token] = entry
    return entry


def _bigram_index(prev: str, token: str) -> int:
    """Index of the bigram feature "b|prev|token", memoised by the pair."""
    index = zlib.crc32(f"b|{prev}|{token}".encode()) & (HASH_DIM - 1)
    if len(_BIGRAM_CACHE) >= _INDEX_CACHE_LIMIT:
        _BIGRAM_CACHE.clear()
    _BIGRAM_CACHE[prev, token] = index
    return index


def dense_index(name: str) -> int:
    return _DENSE_INDEX[name]


_FINAL_MULT = np.uint64(0x2C1B3C6D)
_LOW_BITS = np.uint64(HASH_DIM - 1)
_SHIFT_15 = np.uint64(15)
_SHIFT_12 = np.uint64(12)
_SIZES = tuple(np.uint64(n) for n in range(CHAR_NGRAMS[-1] + 1))


def char_ngram_indices(text: str) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Hashed byte n-grams of ``text``, vectorised.

    The hash of an n-gram extends that of its (n-1)-gram prefix by one byte, so all sizes
    cost one multiply-xor each; a finaliser then spreads the values over the space. Only
    the low 32 bits of the running hash matter: numpy's uint64 products wrap modulo 2**64,
    which leaves those bits exact, so the mask is applied once per size, not per step, and
    the finaliser skips masks whose bits never reach the low ``HASH_BITS``.
    """
    data = np.frombuffer(f" {text} ".encode(), dtype=np.uint8).astype(np.uint64)
    h = data ^ _SEED
    parts = []
    for n in range(2, min(CHAR_NGRAMS[-1], len(data)) + 1):
        h = (h[:-1] * _PRIME) ^ data[n - 1 :]
        if n >= CHAR_NGRAMS[0]:
            parts.append((h & _MASK) + _SIZES[n])
    if not parts:
        return np.zeros(0, dtype=np.int64)
    out = np.concatenate(parts)
    # Finalise (xor-shift-multiply) so nearby n-grams spread over the whole space.
    out ^= out >> _SHIFT_15
    out *= _FINAL_MULT
    out ^= out >> _SHIFT_12
    out &= _LOW_BITS
    return out.astype(np.int64)


def char_ngram_indices_batch(
    texts: Sequence[str],
) -> list[np.ndarray[Any, np.dtype[np.int64]]]:
    """:func:`char_ngram_indices` of many texts in one vectorised pass.

    The texts are hashed as one buffer; each text keeps the n-grams that lie wholly
    inside its own padded span, in the order the single-text function gives them, so the
    indices are identical and only the per-call overhead is shared.
    """
    encoded = [f" {text} ".encode() for text in texts]
    if not encoded:
        return []
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    h = data ^ _SEED
    by_size: dict[int, np.ndarray[Any, np.dtype[np.uint64]]] = {}
    for n in range(2, min(CHAR_NGRAMS[-1], len(data)) + 1):
        h = (h[:-1] * _PRIME) ^ data[n - 1 :]
        if n >= CHAR_NGRAMS[0]:
            out = (h & _MASK) + _SIZES[n]
            out ^= out >> _SHIFT_15
            out *= _FINAL_MULT
            out ^= out >> _SHIFT_12
            out &= _LOW_BITS
            by_size[n] = out
    result = []
    start = 0
    for chunk in encoded:
        size = len(chunk)
        parts = [hashes[start : start + size - n + 1] for n, hashes in by_size.items() if n <= size]
        result.append(
            np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
        )
        start += size
    return result


# _TOKEN restricted to ASCII (no ASCII character is a pictograph), for the standard
# library's engine, which is faster: most normalised texts are ASCII once folded.
_ASCII_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_']*(?:\*+[A-Za-z0-9_']+)+|[A-Za-z0-9_']+|[!?,.;:$]")


def tokenize(normalized: str) -> list[str]:
    if normalized.isascii():
        return _ASCII_TOKEN.findall(normalized)
    return _TOKEN.findall(normalized)


def _negated_positions(tokens: Sequence[str], hits: Sequence[Hit]) -> set[int]:
    scope: set[int] = set()
    for hit in hits:
        if hit.category != "negator" or hit.term in _REINFORCES_ONLY:
            continue
        if hit.term in _NEGATES_PREVIOUS:
            if hit.start > 0 and tokens[hit.start - 1] not in _CLAUSE_END:
                scope.add(hit.start - 1)
            continue
        for i in range(hit.end, min(len(tokens), hit.end + NEGATION_SCOPE)):
            if tokens[i] in _CLAUSE_END:
                break
            scope.add(i)
    return scope


def _lexicon_counts(
    tokens: Sequence[str], hits: Sequence[Hit], negated: set[int], surface: dict[str, str]
) -> dict[str, float]:
    """Counts of the lexicon and surface features the text has (absent ones are left out).

    ``surface`` maps a token to the one surface feature it counts for (see
    :meth:`Featurizer.__init__`).
    """
    counts: dict[str, float] = {}
    if hits:
        targets = [h.start for h in hits if h.category == "target"]
        for hit in hits:
            cat = hit.category
            if cat in ("sentiment_pos", "sentiment_neg"):
                flipped = hit.start in negated
                if not flipped and hit.term.endswith("*"):
                    rest = tokens[hit.start][len(hit.term) - 1 :]
                    flipped = bool(_TR_VERB_NEGATION.match(rest))
                name = cat + "_negated" if flipped else cat
            elif cat in ("insult", "derogatory"):
                if any(abs(t - hit.start) <= TARGET_WINDOW for t in targets):
                    counts["insult_targeted"] = counts.get("insult_targeted", 0.0) + 1
                name = cat
            elif cat in ("profanity", "scam", "negator"):
                name = cat
            elif cat == "slang_phrase":
                name = "slang"
            else:
                continue
            counts[name] = counts.get(name, 0.0) + 1
    get = surface.get
    for token in tokens:
        feature = get(token)
        if feature is not None:
            counts[feature] = counts.get(feature, 0.0) + 1
    return counts


_PLACEHOLDER_FEATURE = {URL: "url", EMAIL: "email", PHONE: "phone", NUMBER: "number", USER: "user"}
# Dense features whose value is used as is; the counts are damped with log1p.
_RAW_DENSE = frozenset(("capitals", "length"))
# A run of three equal characters, found by the standard library's engine several times
# faster than _ELONGATED (a backreference is slow in regex): without one, there is no
# elongated word and _ELONGATED need not run.
_TRIPLE = re.compile(r"(.)\1\1", re.DOTALL)


class Featurizer:
    """Turns texts into :class:`Features`; one instance serves every model."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Token -> the surface feature it counts for, in one probe. Emoji polarity comes
        # first (it wins over the others), then placeholders, currency signs, "!" and "?".
        surface: dict[str, str] = {"!": "exclamation", "?": "question"}
        surface.update(dict.fromkeys("£$€₺", "currency"))
        surface.update(_PLACEHOLDER_FEATURE)
        surface.update({e: "emoji_" + polarity for e, polarity in lexicon.emoji_polarity.items()})
        self._surface = surface

    def extract(self, text: str, lang: str) -> Features:
        tokens = tokenize(normalize(text))
        return self._assemble(text, lang, tokens, char_ngram_indices(" ".join(tokens)))

    def extract_batch(self, texts: Sequence[str], langs: Sequence[str]) -> list[Features]:
        """:meth:`extract` of each text, with the character n-grams hashed in one pass."""
        if len(texts) != len(langs):
            raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
        tokens = [tokenize(normalize(text)) for text in texts]
        chars = char_ngram_indices_batch([" ".join(t) for t in tokens])
        return [
            self._assemble(text, lang, toks, char_idx)
            for text, lang, toks, char_idx in zip(texts, langs, tokens, chars, strict=True)
        ]

    def _assemble(
        self,
        text: str,
        lang: str,
        tokens: list[str],
        char_idx: np.ndarray[Any, np.dtype[np.int64]],
    ) -> Features:
        token_lexicon: TokenLexicon = self.lexicon.for_language(lang)
        hits = token_lexicon.hits(tokens)
        negated = _negated_positions(tokens, hits) if hits else set()

        # The word block: each token's unigram, then (in token order) its bigram with the
        # token before, its prefix and its negation mark, then the closing bigram.
        token_get = _TOKEN_CACHE.get
        bigram_get = _BIGRAM_CACHE.get
        unigrams: list[int] = []
        other: list[int] = []
        prev = "<s>"
        for i, token in enumerate(tokens):
            entry = token_get(token)
            if entry is None:
                entry = _token_indices(token)
            unigrams.append(entry[0])
            index = bigram_get((prev, token))
            other.append(_bigram_index(prev, token) if index is None else index)
            if entry[1] != _NO_PREFIX:
                other.append(entry[1])
            if negated and i in negated:
                other.append(word_index("n|" + token))
            prev = token
        if tokens:
            index = bigram_get((prev, "</s>"))
            other.append(_bigram_index(prev, "</s>") if index is None else index)
        words = tuple(zip(tokens, unigrams, strict=True))
        unigrams += other

        counts = _lexicon_counts(tokens, hits, negated, self._surface)
        raw = text[:4000]
        shouted = [m for m in _CAPITALS.findall(raw) if m not in ("USER", "URL")]
        if shouted:
            letters = sum(map(str.isalpha, raw)) or 1
            counts["capitals"] = 4.0 * sum(len(m) for m in shouted) / letters
        if _TRIPLE.search(raw):
            elongated = len(_ELONGATED.findall(raw))
            if elongated:
                counts["elongated"] = float(elongated)
        if tokens:
            counts["length"] = len(tokens) / 10.0
        dense = sorted((_DENSE_INDEX[name], name) for name in counts)

        # One buffer per array, filled block by block: fewer numpy calls than building
        # each block and concatenating. Each hashed block has unit length, so long and
        # short texts weigh the same.
        n_word, n_char = len(unigrams), len(char_idx)
        n_hashed = n_word + n_char
        indices = np.empty(n_hashed + len(dense), np.int64)
        values = np.empty(n_hashed + len(dense), np.float32)
        indices[:n_word] = unigrams
        indices[n_word:n_hashed] = char_idx
        values[:n_word] = 1.0 / math.sqrt(max(n_word, 1))
        values[n_word:n_hashed] = 1.0 / math.sqrt(max(n_char, 1))
        if dense:
            indices[n_hashed:] = [index for index, _ in dense]
            values[n_hashed:] = [
                counts[name] if name in _RAW_DENSE else math.log1p(counts[name])
                for _, name in dense
            ]
        return Features(indices, values, tuple(tokens), tuple(hits), words, n_word)
