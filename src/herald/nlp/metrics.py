"""Classification metrics (accuracy, macro-F1, per-class precision/recall, confusion).

Shared by the training pipeline and ``herald eval`` so both print the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Report:
    labels: tuple[str, ...]
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScores]
    confusion: tuple[tuple[int, ...], ...]
    """confusion[i][j]: gold labels[i] predicted as labels[j]."""

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {
                k: {
                    "precision": round(v.precision, 4),
                    "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4),
                    "support": v.support,
                }
                for k, v in self.per_class.items()
            },
            "confusion": [list(row) for row in self.confusion],
            "labels": list(self.labels),
        }


def _safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def evaluate(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> Report:
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[position[g]][position[p]] += 1
    per_class: dict[str, ClassScores] = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        predicted_i = sum(row[i] for row in matrix)
        support = sum(matrix[i])
        precision = _safe_div(tp, predicted_i)
        recall = _safe_div(tp, support)
        per_class[label] = ClassScores(
            precision, recall, _safe_div(2 * precision * recall, precision + recall), support
        )
    present = [
        label
        for label in labels
        if per_class[label].support or any(row[position[label]] for row in matrix)
    ]
    macro = _safe_div(sum(per_class[label].f1 for label in present), len(present))
    correct = sum(matrix[i][i] for i in range(len(labels)))
    return Report(
        tuple(labels),
        len(gold),
        _safe_div(correct, len(gold)),
        macro,
        per_class,
        tuple(tuple(row) for row in matrix),
    )
