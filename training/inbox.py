"""Training the inbox model (``src/herald/nlp/models/inbox.npz``) and its five-fold CV.

``python -m training.inbox`` reads ``training/data/inbox/*.jsonl`` (labelled by the guide in
``training/data/guides/inbox.md``), featurises every message once per pack (the demo
pack, which knows the bank's handles and domains, and the default pack, which knows
none: the model must work with both), fits one logistic-regression head per label,
tunes the binary heads' thresholds on out-of-fold scores, and reports five-fold
cross-validation of the whole triage (classify, route, suggest) with each pack. Writes
the model and ``inbox.json`` (the CV figures). Fixed folds: a stable hash of each id.
Never reads ``training/data/heldout/``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from herald.nlp.inbox import (
    HEADS,
    N_FEATURES,
    InboxHead,
    InboxMessage,
    InboxModel,
    feature_vector,
    gather_evidence,
)
from herald.policy.loader import load_policy
from herald.policy.model import Policy
from herald.services.classify import resolve_language, risky_links, settings_for
from herald.services.inbox_input import Record, to_incoming
from herald.services.triage import triage
from herald.services.triage_quality import gold_labels, predicted_labels, score

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "data" / "inbox"
MODELS = ROOT / "src" / "herald" / "nlp" / "models"
DEMO_PACK = ROOT / "src" / "herald" / "web" / "demo" / "policy.yaml"
FOLDS = 5
SEED = 20260521
C = {
    "intent": 4.0,
    "sentiment": 4.0,
    "crisis_signal": 4.0,
    "scam": 4.0,
    "abusive": 4.0,
    "at_risk": 4.0,
    "reply_topic": 4.0,
}
TODAY = date(2026, 12, 1)
"""A fixed day for reply expiry, so CV does not change with the calendar."""


@dataclass(frozen=True, slots=True)
class Row:
    data: dict[str, Any]
    gold: dict[str, str]
    fold: int


def load_rows(directory: Path = DATA) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            data = json.loads(line)
            where = f"{path.name}:{number}"
            if data["id"] in seen:
                print(f"  skipping duplicate id {data['id']} at {where}", file=sys.stderr)
                continue
            seen.add(data["id"])
            fold = zlib.crc32(str(data["id"]).encode()) % FOLDS
            rows.append(Row(data, gold_labels(data, where), fold))
    return rows


def head_target(name: str, row: Row) -> str | None:
    """The class a head learns from ``row`` (None: the row does not train this head)."""
    gold = row.gold
    if name == "at_risk":
        # Money or access at risk is a customer-service question: only its rows teach it.
        if gold["team"] != "customer_service":
            return None
        return "yes" if gold["priority"] == "high" else "no"
    if name in ("crisis_signal", "scam", "abusive"):
        return gold[name]
    return gold[name]


def featurise(rows: Sequence[Row], policy: Policy) -> sparse.csr_matrix:
    settings = settings_for(policy)
    indptr = [0]
    indices: list[np.ndarray[Any, Any]] = []
    values: list[np.ndarray[Any, Any]] = []
    for row in rows:
        incoming = to_incoming(Record(0, row.data))
        lang = resolve_language(incoming)
        message = InboxMessage(
            incoming.text,
            lang,
            incoming.channel,
            incoming.author,
            incoming.author_followers,
            risky_links(incoming.text, lang, policy),
        )
        idx, val = feature_vector(gather_evidence(message, settings))
        indices.append(idx)
        values.append(val)
        indptr.append(indptr[-1] + len(idx))
    matrix = sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(rows), N_FEATURES),
    )
    matrix.sum_duplicates()
    return matrix


def fit_head(name: str, x: sparse.csr_matrix, targets: Sequence[str | None]) -> InboxHead:
    classes = HEADS[name]
    keep = np.array([t is not None for t in targets])
    y = np.array([classes.index(t) for t in targets if t is not None])
    xs = x[keep]
    csc = xs.tocsc()
    active = np.flatnonzero(np.diff(csc.indptr))
    xa = csc[:, active].tocsr()
    outputs = 1 if len(classes) == 2 else len(classes)
    weights = np.zeros((N_FEATURES, outputs), dtype=np.float32)
    bias = np.zeros(outputs, dtype=np.float32)
    for k in range(outputs):
        target = y if outputs == 1 else (y == k).astype(int)
        if target.min() == target.max():  # a class absent from this fold
            bias[k] = -10.0 if target.max() == 0 else 10.0
            continue
        lr = LogisticRegression(
            C=C[name], solver="liblinear", class_weight="balanced", random_state=SEED
        )
        lr.fit(xa, target)
        weights[active, k] = lr.coef_[0]
        bias[k] = lr.intercept_[0]
    return InboxHead(classes, weights, bias)


def fit_model(
    x: sparse.csr_matrix, rows: Sequence[Row], thresholds: dict[str, float] | None = None
) -> InboxModel:
    heads = {}
    for name in HEADS:
        head = fit_head(name, x, [head_target(name, r) for r in rows])
        if thresholds and name in thresholds:
            head = InboxHead(head.classes, head.weights, head.bias, thresholds[name])
        heads[name] = head
    return InboxModel(heads)


def _binary_scores(model: InboxModel, x: sparse.csr_matrix, name: str) -> np.ndarray[Any, Any]:
    head = model.heads[name]
    z = np.asarray(x @ head.weights[:, 0]).ravel() + float(head.bias[0])
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def tune_threshold(name: str, p: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> float:
    """Crisis: the highest recall with precision >= 0.88 (then F1); others: best F1."""
    best, best_key = 0.5, (-1.0, -1.0)
    for t in np.arange(0.1, 0.91, 0.025):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        precision = tp / max(float(pred.sum()), 1.0)
        recall = tp / max(float((y == 1).sum()), 1.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        key = (
            (recall if precision >= 0.88 else -1.0, f1)
            if name == "crisis_signal"
            else (f1, -abs(t - 0.5))
        )
        if key > best_key:
            best, best_key = float(t), key
    return round(best, 3)


def cross_validate(
    rows: Sequence[Row],
    matrices: dict[str, sparse.csr_matrix],
    packs: dict[str, Policy],
    dump: Path | None = None,
) -> tuple[dict[str, float], dict[str, Any]]:
    """Out-of-fold thresholds, then the whole triage scored fold by fold for each pack."""
    folds = np.array([r.fold for r in rows])
    both = sparse.vstack(list(matrices.values())).tocsr()
    both_rows = [*rows] * len(matrices)
    both_folds = np.concatenate([folds] * len(matrices))
    oof: dict[str, list[np.ndarray[Any, Any]]] = {n: [] for n in HEADS if len(HEADS[n]) == 2}
    models = []
    for k in range(FOLDS):
        train = both_folds != k
        model = fit_model(both[train], [r for r, t in zip(both_rows, train, strict=True) if t])
        models.append(model)
        print(f"  fold {k + 1}/{FOLDS} fitted", file=sys.stderr)
    thresholds = {}
    for name in oof:
        scores = np.zeros(both.shape[0])
        for k, model in enumerate(models):
            held = both_folds == k
            scores[held] = _binary_scores(model, both[held], name)
        targets = [head_target(name, r) for r in both_rows]
        keep = np.array([t is not None for t in targets])
        y = np.array([1 if t == "yes" else 0 for t in targets])
        thresholds[name] = tune_threshold(name, scores[keep], y[keep])
    print(f"  thresholds {thresholds}", file=sys.stderr)
    report: dict[str, Any] = {}
    dumped: list[str] = []
    for pack_name, policy in packs.items():
        gold, predicted = [], []
        for k, model in enumerate(models):
            tuned = InboxModel(
                {
                    n: InboxHead(h.classes, h.weights, h.bias, thresholds.get(n, h.threshold))
                    for n, h in model.heads.items()
                }
            )
            for row in (r for r in rows if r.fold == k):
                result = triage(to_incoming(Record(0, row.data)), policy, TODAY, tuned)
                gold.append(row.gold)
                predicted.append(predicted_labels(result))
                if dump is not None and pack_name == "demo":
                    wrong = {
                        k: f"{row.gold[k]} -> {v}"
                        for k, v in predicted[-1].items()
                        if k in row.gold and row.gold[k] != v
                    }
                    if wrong:
                        entry = {"id": row.data["id"], "text": row.data["text"], "wrong": wrong}
                        entry["reasons"] = result.reasons()
                        dumped.append(json.dumps(entry, ensure_ascii=False))
        report[pack_name] = score(gold, predicted)
        print(f"  CV with the {pack_name} pack: {report[pack_name]['headline']}", file=sys.stderr)
    if dump is not None:
        dump.write_text("\n".join(dumped) + "\n", encoding="utf-8")
    return thresholds, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.inbox")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--no-cv", action="store_true", help="Skip cross-validation.")
    parser.add_argument("--dump", type=Path, help="Write the out-of-fold mistakes here (JSONL).")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    rows = load_rows(args.data)
    print(f"inbox: {len(rows)} labelled rows", file=sys.stderr)
    packs = {"demo": load_policy(DEMO_PACK), "default": load_policy()}
    matrices = {name: featurise(rows, policy) for name, policy in packs.items()}
    print(f"  featurised in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    if not args.no_cv:
        thresholds, report = cross_validate(rows, matrices, packs, args.dump)
    both = sparse.vstack(list(matrices.values())).tocsr()
    model = fit_model(both, [*rows] * len(matrices), thresholds)
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = args.out / ".inbox.tmp.npz"
    model.save(tmp)
    tmp.replace(args.out / "inbox.npz")
    if report:
        summary = {"rows": len(rows), "folds": FOLDS, "thresholds": thresholds, "cv": report}
        (args.out / "inbox.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(f"done in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
