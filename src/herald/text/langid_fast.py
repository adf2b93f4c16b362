"""The first pass of language identification: a small model trained here, sure or silent.

Naive Bayes over hashed character 1-4-grams of a lower-cased, letters-only view of the
text, plus a set of known words per language (and of known stems for Turkish, whose words
take long chains of suffixes) and each language's alphabet. :meth:`FastLanguageModel.guess`
answers only when the text is long enough, one language clearly wins and most of the
words are known words of that language; :mod:`herald.text.langid` asks lingua otherwise.
The model ships as ``langid.npz`` (plain arrays) and is trained by ``herald train --task
langid``.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from herald.text.fold import lower

if TYPE_CHECKING:
    import numpy as np

_LETTERS = regex.compile(r"\p{L}+")
FAST_MODEL_FILE = "langid.npz"
FAST_MODEL_VERSION = 2
KNOWN_CACHE_LIMIT = 100_000
MODELS_PACKAGE = "herald.nlp.models"
"""Where the shipped model files live (read as files: nothing from herald.nlp is imported)."""


def fast_words(words: str) -> list[str]:
    """The runs of letters of ``words``, lower-cased: the words :func:`fast_view` holds."""
    return _LETTERS.findall(lower(words))


def fast_view(words: str) -> str:
    """Lower-cased letters of ``words`` with one space between runs, padded with spaces."""
    return _view(fast_words(words))


def _view(tokens: list[str]) -> str:
    return " " + " ".join(tokens) + " "


def word_hash(word: str, bits: int) -> int:
    """Stable hash of a word for the known-word sets (CRC-32, low ``bits`` bits)."""
    return zlib.crc32(word.encode("utf-8")) & ((1 << bits) - 1)


@dataclass(frozen=True, slots=True)
class FastScore:
    """What the first pass knows about a text: its best language and how sure it is."""

    lang: str
    margin: float
    """Log-likelihood lead of the best language over the runner-up, per n-gram."""
    fit: float
    """Mean log-probability of the text's n-grams under the best language."""
    known: float
    """Fraction of the words that are known words (or stems) of the best language."""
    foreign: int
    """Distinct letters outside the best language's alphabet ("ã" in Spanish, "ə" in Turkish)."""
    letters: int
    words: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Gate:
    """When the first pass may answer; tuned by the training script, stored with the model."""

    min_letters: int
    min_words: int
    min_margin: float
    min_fit: float
    min_known: float
    max_foreign: int = 0

    def accepts(self, score: FastScore) -> bool:
        return (
            score.letters >= self.min_letters
            and score.words >= self.min_words
            and score.margin >= self.min_margin
            and score.fit >= self.min_fit
            and score.known >= self.min_known
            and score.foreign <= self.max_foreign
        )


GATE_FIELDS = ("min_letters", "min_words", "min_margin", "min_fit", "min_known", "max_foreign")


class FastLanguageModel:
    """Naive Bayes over hashed character n-grams plus known-word sets, for tr / es / en.

    Per language: ``log_probs`` (one column per language) over ``2**bits`` hashed 1- to
    ``max_n``-grams, a bitset of known words (``2**word_bits`` bits, CRC-32 hashed), for
    the languages listed in ``stemmed`` a bitset of known stems (the first ``stem_len``
    letters of words at least ``stem_len + 2`` long: a word counts as known when its stem
    is), and the alphabet (letters that are common in its training texts).
    """

    def __init__(
        self,
        languages: tuple[str, ...],
        log_probs: np.ndarray[Any, np.dtype[np.float32]],
        known: tuple[bytes, ...],
        alphabets: tuple[str, ...],
        word_bits: int,
        max_n: int,
        gate: Gate,
        stems: tuple[bytes, ...] = (),
        stem_len: int = 5,
    ) -> None:
        n_buckets = log_probs.shape[0]
        if log_probs.shape != (n_buckets, len(languages)) or n_buckets & (n_buckets - 1):
            raise ValueError(
                f"log_probs has shape {log_probs.shape} for {len(languages)} languages"
            )
        if len(known) != len(languages) or any(len(k) != (1 << word_bits) // 8 for k in known):
            raise ValueError("one known-word bitset of 2**word_bits bits per language expected")
        if any(s and len(s) != (1 << word_bits) // 8 for s in stems) or len(stems) not in (
            0,
            len(languages),
        ):
            raise ValueError("stems: one bitset (or b'' for none) per language expected")
        if len(alphabets) != len(languages):
            raise ValueError("one alphabet per language expected")
        self.languages = languages
        self.log_probs = log_probs
        self.bits = n_buckets.bit_length() - 1
        self.known = known
        self.stems = stems or tuple(b"" for _ in languages)
        self.stem_len = stem_len
        self.alphabets = alphabets
        self._alphabets = tuple(frozenset(a + " ") for a in alphabets)
        self.word_bits = word_bits
        self.max_n = max_n
        self.gate = gate
        from herald.text.hashing import char_ngram_hashes  # numpy: loaded with the model

        self._hash = char_ngram_hashes
        self._known_cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def load(cls, path: Path) -> FastLanguageModel:
        """Read a model written by :meth:`save` (plain arrays, no pickle)."""
        import numpy as np

        with np.load(path, allow_pickle=False) as npz:
            version = int(npz["version"])
            if version != FAST_MODEL_VERSION:
                raise ValueError(f"{path}: model version {version}, expected {FAST_MODEL_VERSION}")
            gate_values = dict(zip(npz["gate_names"].tolist(), npz["gate"].tolist(), strict=True))
            known = npz["known"]
            stems = npz["stems"]
            stemmed = npz["stemmed"].tolist()
            return cls(
                tuple(str(x) for x in npz["languages"].tolist()),
                npz["log_probs"].astype(np.float32),
                tuple(bytes(row) for row in known),
                tuple(str(a) for a in npz["alphabets"].tolist()),
                int(npz["word_bits"]),
                int(npz["max_n"]),
                Gate(
                    int(gate_values["min_letters"]),
                    int(gate_values["min_words"]),
                    float(gate_values["min_margin"]),
                    float(gate_values["min_fit"]),
                    float(gate_values["min_known"]),
                    int(gate_values["max_foreign"]),
                ),
                tuple(bytes(row) if on else b"" for row, on in zip(stems, stemmed, strict=True)),
                int(npz["stem_len"]),
            )

    def save(self, path: Path) -> None:
        import numpy as np

        np.savez_compressed(
            path,
            version=np.array(FAST_MODEL_VERSION),
            languages=np.array(self.languages),
            log_probs=self.log_probs.astype(np.float16),
            known=np.stack([np.frombuffer(k, dtype=np.uint8) for k in self.known]),
            stems=np.stack(
                [
                    np.frombuffer(s or bytes(len(k)), dtype=np.uint8)
                    for s, k in zip(self.stems, self.known, strict=True)
                ]
            ),
            stemmed=np.array([bool(s) for s in self.stems]),
            stem_len=np.array(self.stem_len),
            alphabets=np.array(self.alphabets),
            word_bits=np.array(self.word_bits),
            max_n=np.array(self.max_n),
            gate_names=np.array(GATE_FIELDS),
            gate=np.array([float(getattr(self.gate, f)) for f in GATE_FIELDS]),
        )

    def score(self, words: str) -> FastScore | None:
        """Scores of the text read by language id (see :func:`words_of`); None if no letters."""
        tokens = fast_words(words)
        return self._score(_view(tokens), tokens) if tokens else None

    def _score(self, view: str, tokens: list[str]) -> FastScore:
        grams = self._hash(view, self.max_n, self.bits)
        totals: list[float] = self.log_probs.take(grams, axis=0).sum(axis=0).tolist()
        order = sorted(range(len(totals)), key=totals.__getitem__)
        best, second = order[-1], order[-2]
        n = len(grams)
        known = self._known_cache.get
        hits = 0
        for token in tokens:
            entry = known(token)
            if entry is None:
                entry = self._known_by_language(token)
            hits += entry[best]
        top = totals[best]
        scale = 1.0 / math.sqrt(n)
        confidence = 1.0 / sum(math.exp(max(-50.0, (t - top) * scale)) for t in totals)
        return FastScore(
            self.languages[best],
            (top - totals[second]) / n,
            top / n,
            hits / len(tokens),
            len(set(view).difference(self._alphabets[best])),
            len(view) - len(tokens) - 1,
            len(tokens),
            confidence,
        )

    def _known_by_language(self, token: str) -> tuple[int, ...]:
        """1 where ``token`` is a known word (or has a known stem) of the language, else 0;
        memoised, since the same words recur in every post."""
        mask = (1 << self.word_bits) - 1
        h = zlib.crc32(token.encode("utf-8")) & mask
        stem = -1
        if len(token) >= self.stem_len + 2:
            stem = zlib.crc32(token[: self.stem_len].encode("utf-8")) & mask
        entry = []
        for bitset, stems in zip(self.known, self.stems, strict=True):
            if (bitset[h >> 3] >> (h & 7)) & 1:
                entry.append(1)
            elif stems and stem >= 0:
                entry.append((stems[stem >> 3] >> (stem & 7)) & 1)
            else:
                entry.append(0)
        if len(self._known_cache) >= KNOWN_CACHE_LIMIT:
            self._known_cache.clear()  # bounded memory on an endless stream of new words
        self._known_cache[token] = known = tuple(entry)
        return known

    def guess(self, words: str) -> FastScore | None:
        """The first pass's answer, or None when the text must go to lingua."""
        tokens = fast_words(words)
        view = _view(tokens)
        gate = self.gate
        # Too few words or letters: no need to score at all.
        if len(tokens) < gate.min_words or len(view) - len(tokens) - 1 < gate.min_letters:
            return None
        score = self._score(view, tokens)
        return score if gate.accepts(score) else None


def default_model_path() -> Path:
    return Path(str(resources.files(MODELS_PACKAGE))) / FAST_MODEL_FILE


@cache
def fast_model() -> FastLanguageModel | None:
    """The shipped first-pass model, or None when its file is missing (lingua only)."""
    path = default_model_path()
    if not path.is_file():
        return None
    return FastLanguageModel.load(path)
