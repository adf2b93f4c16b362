"""Train the policy-post models and score them by cross-validation over groups.

``python -m training.policy_models`` reads ``data/policy/posts.jsonl`` (see its README),
featurises each post with Herald's shared featurizer (hashed word and character n-grams
plus lexicon counts), and for each semantic category fits an L2 logistic regression
(``training.fitting.fit_linear``, NB-scaled). Scores come from 5-fold cross-validation in
which a group (one template or theme of the corpus) never straddles folds, so a model is
never credited for recognising a sibling row. It reports, per category and language,
the model alone, the shipped construction rules alone, and both (a post is flagged if
either is), and the clean false-positive rate each adds. The final models are fitted on
every row and written to ``src/herald/nlp/models/policy_<category>.npz`` with the
threshold chosen in cross-validation; the scores go to ``policy_metrics.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from herald import AccountType, ScanContext, Scanner
from herald.nlp.classifier import shared_featurizer
from herald.nlp.linear import LinearModel
from training.fitting import fit_linear, to_matrix

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "training" / "data" / "policy" / "posts.jsonl"
OUT = ROOT / "src" / "herald" / "nlp" / "models"
FOLDS = 5
C = 4.0
MIN_PRECISION = 0.9
"""A threshold is the lowest whose out-of-fold precision reaches this (else the best F1)."""
DISCLAIMERS = (
    "views are my own",
    "views my own",
    "opinions are my own",
    "opinions my own",
    "görüşler bana aittir",
    "kişisel görüş",
    "las opiniones son mías",
    "opiniones personales",
)
SPONSORSHIP = (
    "use my code",
    "gifted by",
    "discount code",
    "in partnership with",
    "kodumu kullan",
    "hediye edildi",
    "indirim kodu",
    "usa mi código",
    "código de descuento",
    "patrocinado por",
)


def topic(row: dict[str, object]) -> bool:
    """Talks about the company or its industry: a missing disclaimer, or one present."""
    text = str(row["text"]).casefold()
    if any(s in text for s in SPONSORSHIP):
        return False
    return "disclaimer" in row["expected"] or any(d in text for d in DISCLAIMERS)  # type: ignore[operator]


TASKS = {
    "illegal_conduct": lambda r: "illegal_conduct" in r["expected"],
    "disparagement": lambda r: "disparagement" in r["expected"],
    "attribution": lambda r: "attribution" in r["expected"],
    "regulated_claim": lambda r: "regulated_claim" in r["expected"],
    "topic": topic,
}
RULE_CATEGORY = {"topic": "disclaimer"}


def _scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = int((y & pred).sum())
    fp = int((~y & pred).sum())
    fn = int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "support": int(y.sum()),
    }


def _threshold(p: np.ndarray, y: np.ndarray) -> float:
    for t in np.arange(0.3, 0.96, 0.01):
        pred = p >= t
        if pred.sum() and (y & pred).sum() / pred.sum() >= MIN_PRECISION:
            return round(float(t), 2)
    return 0.95


def main() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    langs = np.array([r["lang"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    clean = np.array([not set(r["expected"]) - {"brand_voice"} for r in rows])
    featurizer = shared_featurizer()
    features = [featurizer.extract(r["text"], r["lang"]) for r in rows]
    x = to_matrix(features)
    scanner = Scanner()
    flagged = [
        {
            f.category.value
            for f in scanner.scan(
                r["text"],
                ScanContext(
                    lang=r["lang"],
                    account_type=AccountType(r["account_type"]),
                    industry=r["industry"],
                ),
            ).findings
        }
        for r in rows
    ]
    metrics: dict[str, object] = {
        "folds": FOLDS,
        "grouped_by": "corpus group (template or theme)",
        "rows": len(rows),
        "tasks": {},
    }
    for task, label in TASKS.items():
        y = np.array([bool(label(r)) for r in rows])
        category = RULE_CATEGORY.get(task, task)
        rules = np.array([category in f for f in flagged])
        oof = np.zeros(len(rows))
        for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
            weights = np.where(
                y[train],
                len(train) / (2 * max(y[train].sum(), 1)),
                len(train) / (2 * max((~y[train]).sum(), 1)),
            )
            w, b = fit_linear(x[train], y[train].astype(int), 2, C, weights, naive_bayes=True)
            z = np.asarray(x[test] @ w[:, 0]).ravel() + b[0]
            oof[test] = 1 / (1 + np.exp(-z))
        threshold = _threshold(oof, y)
        model = oof >= threshold
        report: dict[str, object] = {"threshold": threshold}
        for name, subset in (
            ("all", np.ones(len(rows), bool)),
            *((lg, langs == lg) for lg in ("tr", "es", "en")),
        ):
            ys = y[subset]
            report[name] = {
                "model": _scores(ys, model[subset]),
                "rules": _scores(ys, rules[subset]),
                "both": _scores(ys, model[subset] | rules[subset]),
                "clean_fp_model": round(
                    float((model & clean & subset).sum() / max((clean & subset).sum(), 1)), 4
                ),
            }
        metrics["tasks"][task] = report  # type: ignore[index]
        weights = np.where(y, len(y) / (2 * max(y.sum(), 1)), len(y) / (2 * max((~y).sum(), 1)))
        w, b = fit_linear(x, y.astype(int), 2, C, weights, naive_bayes=True)
        LinearModel(("no", task), w, b, ("*",), ((1.0, 0.0),), (threshold,)).save(
            OUT / f"policy_{task}.npz"
        )
        line = report["all"]
        print(
            f"{task:<16} t={threshold:.2f}  model {line['model']}  rules {line['rules']}  "  # type: ignore[index]
            f"both {line['both']}  clean FP (model) {line['clean_fp_model']}",
            file=sys.stderr,
        )  # type: ignore[index]
    (OUT / "policy_metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
