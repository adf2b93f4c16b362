"""Reading the training sets in ../shared/data and our hand-written examples.

Every loader returns ``(train, dev)`` lists of :class:`Example`. Where a set has no dev
split we carve one with a fixed seed; hand-written examples are split by a stable hash of
the text (about one in four is dev), so the dev rows are never seen in training.
"""

from __future__ import annotations

import csv
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from herald.nlp.normalize import normalize

HANDWRITTEN = Path(__file__).parent / "data" / "handwritten"
SEED = 20260521


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    lang: str
    source: str


Split = tuple[list[Example], list[Example]]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _split(rows: list[Example], dev_fraction: float, seed: int) -> Split:
    """Stratified by label, deterministic."""
    rng = random.Random(seed)
    train: list[Example] = []
    dev: list[Example] = []
    for label in sorted({r.label for r in rows}):
        group = [r for r in rows if r.label == label]
        rng.shuffle(group)
        cut = round(len(group) * dev_fraction)
        dev.extend(group[:cut])
        train.extend(group[cut:])
    return train, dev


def _dedupe(rows: list[Example]) -> list[Example]:
    seen: set[str] = set()
    out = []
    for row in rows:
        key = normalize(row.text)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def handwritten(task: str) -> Split:
    """``training/data/handwritten/<task>.*.tsv``: columns lang, label, text; '#' comments."""
    train: list[Example] = []
    dev: list[Example] = []
    for path in sorted(HANDWRITTEN.glob(f"{task}.*.tsv")):
        rows = [line for line in _lines(path) if line.strip() and not line.startswith("#")]
        for line in rows[1:]:  # the first row is the header
            lang, label, text = line.split("\t", 2)
            example = Example(text, label, lang, f"handwritten/{path.name}")
            # A stable hash, not the position: the files alternate labels row by row.
            held_out = zlib.crc32(text.encode("utf-8")) % 4 == 0
            (dev if held_out else train).append(example)
    return train, dev


def offensive_tr(root: Path) -> Split:
    path = root / "offensive-tr-offenseval2020" / "train.tsv"
    rows = []
    for line in _lines(path)[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append(
                Example(
                    parts[1], "offensive" if parts[2] == "OFF" else "not", "tr", "offenseval2020-tr"
                )
            )
    return _split(rows, 0.1, SEED)


def _tweeteval(folder: Path, labels: dict[str, str], lang: str, source: str) -> Split:
    out: list[list[Example]] = []
    for prefix in ("train", "val"):
        texts = _lines(folder / f"{prefix}_text.txt")
        golds = _lines(folder / f"{prefix}_labels.txt")
        out.append(
            [Example(t, labels[g.strip()], lang, source) for t, g in zip(texts, golds, strict=True)]
        )
    return out[0], out[1]


def offensive_en(root: Path) -> Split:
    return _tweeteval(root / "offensive-en-olid", {"0": "not", "1": "offensive"}, "en", "olid")


SENTIMENT_LABELS = {"0": "negative", "1": "neutral", "2": "positive"}


def sentiment_es(root: Path) -> Split:
    return _tweeteval(root / "sentiment-spanish-xlmt", SENTIMENT_LABELS, "es", "intertass")


def sentiment_en(root: Path) -> Split:
    return _tweeteval(root / "sentiment-english-xlmt", SENTIMENT_LABELS, "en", "semeval2017")


def scam_en(root: Path) -> Split:
    rows = []
    for line in _lines(root / "spam-en-sms-uci" / "train.tsv")[1:]:
        label, _, text = line.partition("\t")
        rows.append(Example(text, "scam" if label == "spam" else "ham", "en", "uci-sms"))
    with (root / "smishing-en-sms-mendeley" / "train.csv").open(
        encoding="utf-8", errors="replace", newline=""
    ) as handle:
        for record in csv.DictReader(handle):
            label = (record.get("label") or "").strip().lower()
            text = record.get("TEXT") or ""
            if label and text:
                rows.append(
                    Example(text, "ham" if label == "ham" else "scam", "en", "mendeley-smishing")
                )
    return _split(_dedupe(rows), 0.15, SEED)
