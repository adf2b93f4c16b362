"""Training the fast first pass of language identification (``langid.npz``).

``herald train --task langid`` (or ``python -m training --task langid``). Texts of each
language come from the training sets Herald already uses: Turkish from OffensEval-2020,
English from OLID, SemEval-2017 and the SMS spam / smishing sets, Spanish from InterTASS
and our hand-written Spanish rows (plus our hand-written Turkish and English rows). The
model is multinomial naive Bayes over hashed character 1-4-grams of the lower-cased view
that :mod:`herald.text.langid` reads, with uniform priors, plus per language a bitset of
the words seen at least two, three or four times (whichever lets most tuning texts through)
and, for Turkish, of the stems (first five letters) of the longer ones.

The gate (when the first pass may answer without lingua) is tuned on a tenth of the
training rows held out from the fit (picked by a stable hash) and on the training part of
``data/handwritten/langid.other.tsv`` (posts in other languages, none of which may pass);
the model is then refitted on every training row. The dev splits are used only for the
scores printed at the end: agreement of the two-stage detector with lingua alone and with
the gold language, the share of texts that take the fast path, and the rate at which the
other-language posts still come out 'other'.
"""

from __future__ import annotations

import itertools
import json
import string
import sys
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from herald.text.hashing import char_ngram_hashes
from herald.text.langid import detect_with_lingua, words_of
from herald.text.langid_fast import (
    FAST_MODEL_FILE,
    GATE_FIELDS,
    FastLanguageModel,
    FastScore,
    Gate,
    fast_view,
    word_hash,
)
from herald.types import OTHER_LANGUAGE
from training import data
from training.data import Example, Split

LANGUAGES = ("tr", "es", "en")
METRICS_FILE = "langid.json"
"""Dev scores of the last full run, next to the model (the model card quotes it)."""
BUCKET_BITS = 17
"""2**17 hashed n-gram buckets per language (stored as float16: 768 KiB before compression)."""
MAX_N = 4
WORD_BITS = 20
"""Known-word bitsets of 2**20 bits (128 KiB) per language: about 2 % false hits at 20k words."""
STEMMED = ("tr",)
"""Languages whose words also count as known when their stem is: Turkish, whose words take
long chains of suffixes ("mağazalarımızda"), so most words of a post are new as words.
Not Spanish or English: their stems would let Portuguese, Italian or German through."""
STEM_LEN = 5
"""A stem is the first five letters of a word of at least seven (as in Herald's features)."""
MIN_WORD_COUNTS = (2, 3, 4)
"""Known words are those seen at least this many times (chosen on the tuning rows)."""
ALPHABET_SHARE = 0.002
"""A letter belongs to a language's alphabet when at least this share of its texts use it."""
ALPHA = 0.5
"""Additive smoothing of the n-gram counts."""
MAX_DISAGREEMENT = 0.005
"""At most this share of the tuning texts the first pass answers may differ from lingua."""
KNOWN_SLACK = 0.1
FIT_SLACK = 0.25
MARGIN_SLACK = 0.1
"""How much looser than the chosen gate the other-language tuning posts are tested at."""
TUNE_FLOOR = Gate(min_letters=12, min_words=2, min_margin=0.0, min_fit=-99.0, min_known=0.7)
"""Limits the tuning never goes below: lingua's own reliability floor, two words, and at
least 70 % of the words known (so a text mostly in another language always falls through)."""


def load(root: Path) -> Split:
    """Texts labelled with their language: (train, dev), deduplicated."""
    train: list[Example] = []
    dev: list[Example] = []
    loaders = (
        ("tr", data.offensive_tr),
        ("en", data.offensive_en),
        ("en", data.sentiment_en),
        ("en", data.scam_en),
        ("es", data.sentiment_es),
    )
    for lang, loader in loaders:
        tr, dv = loader(root)
        train += [Example(r.text, lang, lang, r.source) for r in tr]
        dev += [Example(r.text, lang, lang, r.source) for r in dv]
    for task in ("offensive", "sentiment", "scam"):
        tr, dv = data.handwritten(task)
        train += [Example(r.text, r.lang, r.lang, r.source) for r in tr if r.lang in LANGUAGES]
        dev += [Example(r.text, r.lang, r.lang, r.source) for r in dv if r.lang in LANGUAGES]
    seen: set[str] = set()
    out: list[list[Example]] = []
    for rows in (dev, train):  # a text in both splits stays in dev only
        kept = []
        for row in rows:
            if row.text.strip() and row.text not in seen:
                seen.add(row.text)
                kept.append(row)
        out.append(kept)
    return out[1], out[0]


def other_languages() -> Split:
    """Our posts in other languages (label 'other'): (tuning part, dev part)."""
    return data.handwritten("langid")


def _clean(text: str) -> str:
    # OLID writes "URL" for every link; a real post has the link itself (removed anyway).
    return text.replace("URL", " ")


@dataclass(frozen=True)
class Counts:
    """What the model is built from: n-gram log-probabilities, word counts, alphabets."""

    log_probs: np.ndarray
    words: tuple[Counter[str], ...]
    alphabets: tuple[str, ...]


def count(rows: Sequence[Example]) -> Counts:
    """Naive Bayes n-gram statistics, word counts and alphabet of every language in ``rows``."""
    n_buckets = 1 << BUCKET_BITS
    log_probs = np.zeros((n_buckets, len(LANGUAGES)), dtype=np.float32)
    words: list[Counter[str]] = []
    alphabets: list[str] = []
    for k, lang in enumerate(LANGUAGES):
        views = [fast_view(words_of(_clean(r.text))) for r in rows if r.lang == lang]
        grams = [char_ngram_hashes(view, MAX_N, BUCKET_BITS) for view in views]
        grams.append(np.zeros(0, dtype=np.uint64))
        counts = np.bincount(np.concatenate(grams), minlength=n_buckets).astype(np.float64)
        log_probs[:, k] = np.log((counts + ALPHA) / (counts.sum() + ALPHA * n_buckets))
        words.append(Counter(w for view in views for w in view.split()))
        share = Counter(ch for view in views for ch in set(view))
        common = {ch for ch, n in share.items() if n >= ALPHABET_SHARE * len(views)}
        alphabets.append("".join(sorted((common | set(string.ascii_lowercase)) - {" "})))
    return Counts(log_probs, tuple(words), tuple(alphabets))


def _bitset(counts: Counter[str], min_count: int) -> bytes:
    bits = np.zeros(1 << WORD_BITS, dtype=bool)
    for word, n in counts.items():
        if n >= min_count:
            bits[word_hash(word, WORD_BITS)] = True
    return np.packbits(bits, bitorder="little").tobytes()


def build(counts: Counts, min_word_count: int, gate: Gate) -> FastLanguageModel:
    """The model whose known words (and stems) are those seen at least ``min_word_count``
    times."""
    known: list[bytes] = []
    stems: list[bytes] = []
    for lang, words in zip(LANGUAGES, counts.words, strict=True):
        known.append(_bitset(words, min_word_count))
        stem_counts: Counter[str] = Counter()
        if lang in STEMMED:
            for word, n in words.items():
                if len(word) >= STEM_LEN + 2:
                    stem_counts[word[:STEM_LEN]] += n
        stems.append(_bitset(stem_counts, min_word_count) if lang in STEMMED else b"")
    return FastLanguageModel(
        LANGUAGES,
        counts.log_probs,
        tuple(known),
        counts.alphabets,
        WORD_BITS,
        MAX_N,
        gate,
        tuple(stems),
        STEM_LEN,
    )


def fit(rows: Sequence[Example], gate: Gate, min_word_count: int = 3) -> FastLanguageModel:
    return build(count(rows), min_word_count, gate)


@dataclass(frozen=True)
class Scored:
    row: Example
    score: FastScore | None
    lingua: str


_LINGUA: dict[str, str] = {}


def _lingua(words: str) -> str:
    answer = _LINGUA.get(words)
    if answer is None:
        answer = _LINGUA[words] = detect_with_lingua(words).lang
    return answer


def score_rows(model: FastLanguageModel, rows: Sequence[Example], label: str) -> list[Scored]:
    out = []
    t0 = time.perf_counter()
    for row in rows:
        words = words_of(row.text)
        out.append(Scored(row, model.score(words), _lingua(words)))
    print(
        f"  {label}: {len(rows)} texts scored in {time.perf_counter() - t0:.1f}s", file=sys.stderr
    )
    return out


def _accepted(scored: Sequence[Scored], gate: Gate) -> list[Scored]:
    return [s for s in scored if s.score is not None and gate.accepts(s.score)]


def _loosened(gate: Gate) -> Gate:
    """The gate with some slack, which no other-language tuning post may pass either: a
    gate that only just keeps them out would let similar posts through in real use."""
    return Gate(
        gate.min_letters,
        gate.min_words,
        gate.min_margin - MARGIN_SLACK,
        gate.min_fit - FIT_SLACK,
        gate.min_known - KNOWN_SLACK,
        gate.max_foreign,
    )


def tune_gate(scored: Sequence[Scored], others: Sequence[Scored]) -> Gate:
    """The gate that lets the most tuning texts through while the answers it lets through
    differ from lingua on at most :data:`MAX_DISAGREEMENT` of them, are right (by the gold
    language) at least as often as lingua's, and no other-language post passes even with
    some slack (:func:`_loosened`)."""
    floor = TUNE_FLOOR
    grid = itertools.product(
        [n for n in (12, 15, 20) if n >= floor.min_letters],
        [n for n in (2, 3, 4) if n >= floor.min_words],
        [m for m in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5) if m >= floor.min_margin],
        [f for f in (-99.0, -9.5, -9.25, -9.0, -8.75, -8.5, -8.25, -8.0) if f >= floor.min_fit],
        [k for k in (0.7, 0.75, 0.8, 0.85, 0.9) if k >= floor.min_known],
    )
    best: tuple[int, Gate] | None = None
    for letters, n_words, margin, fit_, known in grid:
        gate = Gate(letters, n_words, margin, fit_, known)
        if _accepted(others, _loosened(gate)):
            continue
        passed = _accepted(scored, gate)
        assert all(s.score is not None for s in passed)
        differ = sum(s.score.lang != s.lingua for s in passed if s.score is not None)
        fast_right = sum(s.score.lang == s.row.lang for s in passed if s.score is not None)
        lingua_right = sum(s.lingua == s.row.lang for s in passed)
        if differ > MAX_DISAGREEMENT * len(passed) or fast_right < lingua_right:
            continue
        if best is None or len(passed) > best[0]:
            best = (len(passed), gate)
    if best is None:  # nothing safe: a gate nothing passes
        return Gate(10**9, 10**9, 99.0, 0.0, 1.1)
    return best[1]


def evaluate(
    model: FastLanguageModel, dev: Sequence[Scored], others: Sequence[Scored]
) -> dict[str, object]:
    """Dev scores of the two-stage detector against lingua alone and the gold language."""

    def final(s: Scored) -> str:
        if s.score is not None and model.gate.accepts(s.score):
            return s.score.lang
        return s.lingua

    results: dict[str, object] = {}
    for lang in (*LANGUAGES, "all"):
        rows = [s for s in dev if lang in ("all", s.row.lang)]
        if not rows:
            continue
        n = len(rows)
        fast = _accepted(rows, model.gate)
        cells: dict[str, float] = {
            "n": n,
            "fast_share": round(len(fast) / n, 4),
            "agree_with_lingua": round(sum(final(s) == s.lingua for s in rows) / n, 4),
            "gold_accuracy": round(sum(final(s) == s.row.lang for s in rows) / n, 4),
            "lingua_gold_accuracy": round(sum(s.lingua == s.row.lang for s in rows) / n, 4),
        }
        results[lang] = cells
        print(
            f"  dev langid {lang:<3}: n={n}  fast path {cells['fast_share']:.1%}  agrees with"
            f" lingua {cells['agree_with_lingua']:.2%}  gold accuracy {cells['gold_accuracy']:.2%}"
            f" (lingua alone {cells['lingua_gold_accuracy']:.2%})"
        )
    n_other = len(others)
    if n_other:
        other = sum(final(s) == OTHER_LANGUAGE for s in others)
        lingua_other = sum(s.lingua == OTHER_LANGUAGE for s in others)
        cells = {
            "n": n_other,
            "fast_share": round(len(_accepted(others, model.gate)) / n_other, 4),
            "other_rate": round(other / n_other, 4),
            "lingua_other_rate": round(lingua_other / n_other, 4),
        }
        results["other"] = cells
        print(
            f"  other-language posts: n={n_other}  fast path {cells['fast_share']:.1%}"
            f"  still 'other' {cells['other_rate']:.1%} (lingua alone"
            f" {cells['lingua_other_rate']:.1%})"
        )
    return results


def train(root: Path, out_dir: Path, sample: int | None = None) -> dict[str, object]:
    """Fit, tune the gate, refit on every training row, write ``langid.npz``, score dev."""
    train_rows, dev_rows = load(root)
    if sample:
        rng = np.random.default_rng(data.SEED)
        train_rows = [train_rows[i] for i in sorted(rng.permutation(len(train_rows))[:sample])]
        dev_rows = [dev_rows[i] for i in sorted(rng.permutation(len(dev_rows))[:sample])]
    counts = Counter(r.lang for r in train_rows)
    print(f"langid: {len(train_rows)} train {dict(counts)}, {len(dev_rows)} dev", file=sys.stderr)
    tune = [r for r in train_rows if zlib.crc32(r.text.encode("utf-8")) % 10 == 0]
    rest = [r for r in train_rows if zlib.crc32(r.text.encode("utf-8")) % 10 != 0]
    other_tune, other_dev = other_languages()
    # The known-word cut-off and the gate are chosen together, on the tuning rows only.
    counts = count(rest)
    best: tuple[int, int, Gate] | None = None
    for min_count in MIN_WORD_COUNTS:
        model = build(counts, min_count, TUNE_FLOOR)
        scored = score_rows(model, tune, f"tuning rows, words seen >= {min_count} times")
        gate = tune_gate(scored, score_rows(model, other_tune, "other (tuning)"))
        passed = len(_accepted(scored, gate))
        print(f"  {passed}/{len(tune)} pass {gate}", file=sys.stderr)
        if best is None or passed > best[0]:
            best = (passed, min_count, gate)
    assert best is not None
    _, min_count, gate = best
    print(f"  chosen: words seen >= {min_count} times, {gate}", file=sys.stderr)
    model = build(count(train_rows), min_count, gate)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / ".langid.tmp.npz"
    model.save(tmp)
    tmp.replace(out_dir / FAST_MODEL_FILE)
    model = FastLanguageModel.load(out_dir / FAST_MODEL_FILE)  # score what ships (float16)
    results = evaluate(
        model,
        score_rows(model, dev_rows, "dev rows"),
        score_rows(model, [*other_tune, *other_dev], "other-language posts"),
    )
    results["other_dev_only"] = evaluate(
        model, [], score_rows(model, other_dev, "other-language posts (dev part)")
    ).get("other", {})
    results["gate"] = {f: getattr(model.gate, f) for f in GATE_FIELDS}
    results["min_word_count"] = min_count
    if not sample:  # a smoke run never overwrites the recorded scores
        path = out_dir / METRICS_FILE
        path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return results
