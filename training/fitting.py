"""Fitting shared by every training script: sparse matrices, sample weights, NB-scaled
logistic regression. The pipeline and the peer baselines both build on it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from herald.nlp.features import DIM, Features
from training import data
from training.data import Example

HANDWRITTEN_WEIGHT = 3.0
"""Our hand-written rows are few; each counts as this many ordinary ones."""


def to_matrix(features: Sequence[Features], word_scale: float = 1.0) -> sparse.csr_matrix:
    indptr = np.zeros(len(features) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(f.indices) for f in features])
    indices = np.concatenate([f.indices for f in features]) if features else np.zeros(0)
    values = np.concatenate([f.weighted(word_scale) for f in features]) if features else np.zeros(0)
    matrix = sparse.csr_matrix((values, indices, indptr), shape=(len(features), DIM))
    matrix.sum_duplicates()
    return matrix


def sample_weights(rows: Sequence[Example], classes: Sequence[str]) -> np.ndarray:
    labels = [r.label for r in rows]
    counts = {c: max(labels.count(c), 1) for c in classes}
    balance = {c: len(rows) / (len(classes) * counts[c]) for c in classes}
    return np.array(
        [
            balance[r.label] * (HANDWRITTEN_WEIGHT if r.source.startswith("hand") else 1.0)
            for r in rows
        ]
    )


def nb_ratio(x: sparse.csr_matrix, y: np.ndarray) -> np.ndarray:
    """|log-count ratio| of each column between the two classes (NB-LR feature scaling)."""
    present = (x > 0).astype(np.float64)
    pos = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
    return np.abs(np.log((pos / pos.sum()) / (neg / neg.sum())))


def fit_linear(
    x: sparse.csr_matrix,
    y: np.ndarray,
    n_classes: int,
    c: float,
    weights: np.ndarray,
    naive_bayes: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """L2 logistic regression (one-vs-rest for several classes) on the active columns only.

    Returns weights (DIM x outputs) and biases; columns never seen in training get 0. NB
    scaling is folded into the returned weights, so the runtime needs no extra step.
    """
    csc = x.tocsc()
    active = np.flatnonzero(np.diff(csc.indptr))
    xa = csc[:, active].tocsr()
    outputs = 1 if n_classes == 2 else n_classes
    full = np.zeros((DIM, outputs), dtype=np.float32)
    bias = np.zeros(outputs, dtype=np.float32)
    for k in range(outputs):
        target = y if n_classes == 2 else (y == k).astype(int)
        scale = nb_ratio(xa, target) if naive_bayes else np.ones(len(active))
        lr = LogisticRegression(C=c, solver="liblinear", random_state=data.SEED)
        lr.fit(xa @ sparse.diags(scale), target, sample_weight=weights)
        full[active, k] = lr.coef_[0] * scale
        bias[k] = lr.intercept_[0]
    return full, bias
