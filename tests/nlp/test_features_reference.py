"""The optimised feature extraction gives bit-identical features to the reference below.

``_reference_char_ngram_indices``, ``_REFERENCE_TOKEN``, ``_reference_hits`` (with the
unmemoised lookup), ``_reference_lexicon_counts`` and ``_reference_extract`` are frozen
copies of ``herald.nlp.features`` and ``herald.nlp.lexicons`` before they were optimised
(the shipped models were trained on their output). Indices, values, tokens, hits and word features must match exactly on the
repository's own texts, on generated texts and, when ../shared/data is present, on every
dev text of the training sets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.nlp import features as feat
from herald.nlp.classifier import shared_featurizer
from herald.nlp.features import Features, Featurizer
from herald.nlp.lexicons import MAX_PHRASE_WORDS, Hit, Lexicon, TokenLexicon
from herald.nlp.normalize import EMAIL, NUMBER, PHONE, URL, USER, normalize

ROOT = Path(__file__).resolve().parents[2]
DATA = next(
    (
        b / "shared" / "data"
        for b in (ROOT.parent, ROOT.parent.parent)
        if (b / "shared" / "data").is_dir()
    ),
    None,
)


def _reference_char_ngram_indices(text: str) -> np.ndarray:
    data = np.frombuffer(f" {text} ".encode(), dtype=np.uint8).astype(np.uint64)
    size = len(data)
    h = data ^ feat._SEED
    parts = []
    for n in range(2, feat.CHAR_NGRAMS[-1] + 1):
        count = size - n + 1
        if count <= 0:
            break
        h = ((h[:count] * feat._PRIME) ^ data[n - 1 : n - 1 + count]) & feat._MASK
        if n >= feat.CHAR_NGRAMS[0]:
            parts.append(h + np.uint64(n))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    out = np.concatenate(parts)
    out ^= out >> np.uint64(15)
    out = (out * np.uint64(0x2C1B3C6D)) & feat._MASK
    out ^= out >> np.uint64(12)
    return (out & np.uint64(feat.HASH_DIM - 1)).astype(np.int64)


_REFERENCE_TOKEN = regex.compile(r"[\p{L}\p{N}_']+|\p{Extended_Pictographic}|[!?,.;:]|[£$€₺]")


def _reference_hits(lexicon: TokenLexicon, tokens: list[str]) -> list[Hit]:
    found: list[Hit] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        matched = False
        if token in lexicon._phrase_heads:
            for size in range(min(MAX_PHRASE_WORDS, n - i), 1, -1):
                phrase = " ".join(tokens[i : i + size])
                cats = lexicon._exact.get(phrase)
                if cats is not None:
                    found.extend(Hit(c, i, i + size, phrase) for c in cats)
                    i += size
                    matched = True
                    break
        if matched:
            continue
        entry = lexicon._lookup(token)
        if entry is not None:
            found.extend(Hit(c, i, i + 1, entry[0]) for c in entry[1])
        i += 1
    return found


def _reference_lexicon_counts(
    tokens: list[str], hits: list[Hit], lexicon: Lexicon
) -> dict[str, float]:
    counts = dict.fromkeys(feat.DENSE_FEATURES, 0.0)
    negated = feat._negated_positions(tokens, hits)
    targets = [h.start for h in hits if h.category == "target"]
    for hit in hits:
        cat = hit.category
        if cat in ("sentiment_pos", "sentiment_neg"):
            flipped = hit.start in negated
            if not flipped and hit.term.endswith("*"):
                rest = tokens[hit.start][len(hit.term) - 1 :]
                flipped = bool(feat._TR_VERB_NEGATION.match(rest))
            counts[cat + ("_negated" if flipped else "")] += 1
        elif cat == "insult":
            counts["insult"] += 1
            if any(abs(t - hit.start) <= feat.TARGET_WINDOW for t in targets):
                counts["insult_targeted"] += 1
        elif cat in ("profanity", "scam", "negator"):
            counts[cat] += 1
        elif cat == "slang_phrase":
            counts["slang"] += 1
    placeholders = {URL: "url", EMAIL: "email", PHONE: "phone", NUMBER: "number", USER: "user"}
    for token in tokens:
        polarity = lexicon.emoji_polarity.get(token)
        if polarity is not None:
            counts["emoji_" + polarity] += 1
        elif token in placeholders:
            counts[placeholders[token]] += 1
        elif token in "£$€₺":
            counts["currency"] += 1
        elif token == "!":
            counts["exclamation"] += 1
        elif token == "?":
            counts["question"] += 1
    return counts


def _reference_extract(featurizer: Featurizer, text: str, lang: str) -> Features:
    normalized = normalize(text)
    tokens = _REFERENCE_TOKEN.findall(normalized)
    token_lexicon = featurizer.lexicon.for_language(lang)
    hits = _reference_hits(token_lexicon, tokens)
    negated = feat._negated_positions(tokens, hits)

    words: list[tuple[str, int]] = []
    other: list[int] = []
    prev = "<s>"
    for i, token in enumerate(tokens):
        words.append((token, feat.word_index("w|" + token)))
        other.append(feat.word_index(f"b|{prev}|{token}"))
        if len(token) > feat.PREFIX_LEN + 1 and token.isalpha():
            other.append(feat.word_index("p|" + token[: feat.PREFIX_LEN]))
        if i in negated:
            other.append(feat.word_index("n|" + token))
        prev = token
    if tokens:
        other.append(feat.word_index(f"b|{prev}|</s>"))
    word_idx = np.array([w[1] for w in words] + other, dtype=np.int64)
    char_idx = _reference_char_ngram_indices(" ".join(tokens))

    counts = _reference_lexicon_counts(tokens, hits, featurizer.lexicon)
    raw = text[:4000]
    letters = sum(map(str.isalpha, raw)) or 1
    shouted = [m for m in feat._CAPITALS.findall(raw) if m not in ("USER", "URL")]
    counts["capitals"] = 4.0 * sum(len(m) for m in shouted) / letters
    counts["elongated"] = float(len(feat._ELONGATED.findall(raw)))
    counts["length"] = float(len(tokens)) / 10.0
    dense_names = [name for name, value in counts.items() if value]
    dense_idx = np.array([feat._DENSE_INDEX[n] for n in dense_names], dtype=np.int64)
    dense_val = np.array(
        [
            math.log1p(counts[n]) if n not in ("capitals", "length") else counts[n]
            for n in dense_names
        ],
        dtype=np.float32,
    )
    values = np.empty(len(word_idx) + len(char_idx) + len(dense_idx), np.float32)
    values[: len(word_idx)] = 1.0 / math.sqrt(max(len(word_idx), 1))
    values[len(word_idx) : len(word_idx) + len(char_idx)] = 1.0 / math.sqrt(max(len(char_idx), 1))
    values[len(word_idx) + len(char_idx) :] = dense_val
    return Features(
        np.concatenate([word_idx, char_idx, dense_idx]),
        values,
        tuple(tokens),
        tuple(hits),
        tuple(words),
        len(word_idx),
    )


def _assert_identical(text: str, lang: str) -> None:
    featurizer = shared_featurizer()
    got = featurizer.extract(text, lang)
    want = _reference_extract(featurizer, text, lang)
    assert got.indices.dtype == want.indices.dtype
    assert got.values.dtype == want.values.dtype
    assert got.indices.tobytes() == want.indices.tobytes(), text
    assert got.values.tobytes() == want.values.tobytes(), text
    assert (got.tokens, got.hits, got.word_features, got.n_word) == (
        want.tokens,
        want.hits,
        want.word_features,
        want.n_word,
    )


def _repository_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "training" / "data" / "handwritten").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            lang, _, text = line.split("\t", 2)
            yield text, lang
    for line in (ROOT / "examples" / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            yield record["text"], record.get("lang") or "en"


def test_identical_on_the_repositorys_texts() -> None:
    texts = list(_repository_texts())
    assert len(texts) > 300
    for text, lang in texts:
        for as_lang in {lang, "tr", "other"}:
            _assert_identical(text, as_lang)


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from("abcIİıişğüçöñé ASD!?.,:;@#$€1203\n\t'😀👍🏽<3:)xyzwww.com/"),
        max_size=80,
    ),
    st.sampled_from(["tr", "es", "en", "other"]),
)
def test_identical_on_generated_texts(text: str, lang: str) -> None:
    _assert_identical(text, lang)


@given(st.text(max_size=60))
def test_char_ngrams_identical_on_any_text(text: str) -> None:
    got = feat.char_ngram_indices(text)
    want = _reference_char_ngram_indices(text)
    assert got.dtype == want.dtype
    assert got.tobytes() == want.tobytes()


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_identical_on_every_dev_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))  # training/ lives in the checkout, not the package
    from training.langid import load

    assert DATA is not None
    _, dev = load(DATA)
    assert len(dev) > 5000
    for row in dev:
        _assert_identical(row.text, row.lang)
