"""A linear classifier over :mod:`herald.nlp.features`, loaded from plain arrays.

The .npz file holds the weights (features x outputs) as the non-zero ``rows`` and their
``row_weights``, plus ``bias``, ``classes`` and ``heads``.
A binary model may have one output per *head*: a language code whose own training data
gave it its own weights, plus ``*``, the model trained on every language, used for
languages without a head of their own. Binary heads carry a Platt ``calibration`` (slope,
intercept) and a decision ``threshold``; a multi-class model has one head and a softmax
``temperature``. Scoring gathers the weights of the few hundred active features, so one
text costs microseconds whatever the size of the vocabulary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from herald.nlp.artefacts import ModelFileError, load_arrays
from herald.nlp.features import DIM, FEATURE_VERSION, Features

FloatArray = np.ndarray[Any, np.dtype[np.float32]]
UNIVERSAL_HEAD = "*"


@dataclass(frozen=True, slots=True)
class LinearModel:
    classes: tuple[str, ...]
    weights: FloatArray
    bias: FloatArray
    heads: tuple[str, ...] = (UNIVERSAL_HEAD,)
    calibration: tuple[tuple[float, float], ...] = ((1.0, 0.0),)
    thresholds: tuple[float, ...] = (0.5,)
    temperature: float = 1.0
    word_scale: float = 1.0
    """Weight of the word block relative to the character block (tuned per task)."""
    columns: tuple[FloatArray, ...] = field(init=False, repr=False, compare=False)
    """A binary model's heads, each as one contiguous vector: gathering from it is faster
    than from a column of the matrix (a multi-class model gathers whole rows instead)."""
    _head_of: dict[str, int] = field(init=False, repr=False, compare=False)
    """Language -> output column, for :meth:`head` in one probe."""
    _default_head: int = field(init=False, repr=False, compare=False)
    _bias: tuple[float, ...] = field(init=False, repr=False, compare=False)
    """``bias`` as Python floats (no numpy scalar per text)."""

    def __post_init__(self) -> None:
        columns = (
            tuple(np.ascontiguousarray(self.weights[:, k]) for k in range(self.weights.shape[1]))
            if len(self.classes) == 2
            else ()
        )
        object.__setattr__(self, "columns", columns)
        head_of: dict[str, int] = {}
        for i, head in enumerate(self.heads):
            head_of.setdefault(head, i)
        default = head_of.get(UNIVERSAL_HEAD, 0)
        object.__setattr__(self, "_head_of", head_of)
        object.__setattr__(self, "_default_head", default)
        object.__setattr__(self, "_bias", tuple(float(b) for b in self.bias))

    @property
    def binary(self) -> bool:
        return len(self.classes) == 2

    def head(self, lang: str) -> int:
        """The output column used for a text in ``lang``."""
        return self._head_of.get(lang, self._default_head)

    def probabilities(self, features: Features, lang: str) -> list[float]:
        """Calibrated class probabilities, in the order of ``classes``."""
        values, indices = features.values, features.indices
        if self.binary:
            # Only the head for this language is needed: one column, two dot products
            # (the word block is scaled after the sum, so the values need no copy).
            h = self._head_of.get(lang, self._default_head)
            gathered = self.columns[h][indices]
            n = features.n_word
            z = (
                self.word_scale * float(values[:n] @ gathered[:n])
                + float(values[n:] @ gathered[n:])
                + self._bias[h]
            )
            slope, intercept = self.calibration[h]
            p = 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, slope * z + intercept))))
            return [1.0 - p, p]
        if self.word_scale != 1.0:
            values = features.weighted(self.word_scale)
        scores: list[float] = (values @ self.weights[indices] + self.bias).tolist()
        temperature = self.temperature
        scaled = [v / temperature for v in scores]
        top = max(scaled)
        exps = [math.exp(v - top) for v in scaled]
        total = sum(exps)
        return [e / total for e in exps]

    def probabilities_batch(
        self, features: Sequence[Features], langs: Sequence[str]
    ) -> np.ndarray[Any, np.dtype[np.float64]]:
        """:meth:`probabilities` of many texts (rows, in the order of ``classes``).

        One gather and one segmented sum for the whole batch instead of a few numpy calls
        per text; equal to the single-text results up to float rounding.
        """
        count = len(features)
        if count == 0:
            return np.zeros((0, len(self.classes)))
        sizes = np.fromiter((len(f.indices) for f in features), dtype=np.int64, count=count)
        segment = np.repeat(np.arange(count), sizes)
        indices = np.concatenate([f.indices for f in features])
        values = np.concatenate([f.values for f in features]).astype(np.float64)
        if self.word_scale != 1.0:
            starts = np.cumsum(sizes) - sizes
            n_word = np.fromiter((f.n_word for f in features), dtype=np.int64, count=count)
            in_word_block = np.arange(len(indices)) - starts[segment] < n_word[segment]
            values[in_word_block] *= self.word_scale
        if self.binary:
            heads = np.array([self.head(lang) for lang in langs], dtype=np.int64)
            gathered = self.weights[indices, heads[segment]]
            z = np.bincount(segment, weights=values * gathered, minlength=count).astype(
                np.float64
            ) + self.bias[heads].astype(np.float64)
            calibration = np.array(self.calibration, dtype=np.float64)[heads]
            logits = np.clip(calibration[:, 0] * z + calibration[:, 1], -500.0, 500.0)
            p = 1.0 / (1.0 + np.exp(-logits))
            return np.stack([1.0 - p, p], axis=1)
        weighted = self.weights[indices] * values[:, None]
        scores: np.ndarray[Any, np.dtype[np.float64]] = np.stack(
            [
                np.bincount(segment, weights=weighted[:, k], minlength=count)
                for k in range(len(self.classes))
            ],
            axis=1,
        )
        scores = (scores + self.bias.astype(np.float64)) / self.temperature
        scores -= scores.max(axis=1, keepdims=True)
        exps = np.exp(scores)
        return np.asarray(exps / exps.sum(axis=1, keepdims=True))

    def threshold(self, lang: str) -> float:
        return self.thresholds[self.head(lang)]

    def word_contributions(self, features: Features, column: int) -> dict[str, float]:
        """How much each word pushed output ``column`` (for explanations)."""
        if not features.word_features:
            return {}
        # Every word feature has the same value.
        scale = float(features.values[0]) * self.word_scale
        out: dict[str, float] = {}
        for token, index in features.word_features:
            out[token] = out.get(token, 0.0) + scale * float(self.weights[index, column])
        return out

    def save(self, path: Path) -> None:
        active = np.flatnonzero(np.any(self.weights != 0, axis=1))
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                # Only rows that training gave a weight: most of the hashed space is
                # empty, and a dense matrix would be slower to decompress.
                rows=active.astype(np.int32),
                row_weights=self.weights[active].astype(np.float32),
                n_features=np.array(self.weights.shape[0], dtype=np.int64),
                bias=self.bias.astype(np.float32),
                classes=np.array(self.classes),
                heads=np.array(self.heads),
                calibration=np.array(self.calibration, dtype=np.float64),
                thresholds=np.array(self.thresholds, dtype=np.float64),
                temperature=np.array(self.temperature, dtype=np.float64),
                word_scale=np.array(self.word_scale, dtype=np.float64),
                feature_version=np.array(FEATURE_VERSION, dtype=np.int64),
            )


def load_linear_model(name: str, directory: Path | None = None) -> LinearModel:
    arrays = load_arrays(name, directory)
    try:
        version = int(arrays["feature_version"])
        rows = arrays["rows"].astype(np.int64)
        row_weights = arrays["row_weights"].astype(np.float32)
        n_features = int(arrays["n_features"])
        bias = arrays["bias"].astype(np.float32)
        classes = tuple(str(c) for c in arrays["classes"])
        heads = tuple(str(h) for h in arrays["heads"])
        calibration = tuple((float(a), float(b)) for a, b in arrays["calibration"])
        thresholds = tuple(float(t) for t in arrays["thresholds"])
        temperature = float(arrays["temperature"])
        word_scale = float(arrays["word_scale"]) if "word_scale" in arrays else 1.0
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelFileError(f"model {name}: malformed ({exc})") from exc
    if version != FEATURE_VERSION:
        raise ModelFileError(
            f"model {name} was trained for features v{version}, this Herald computes "
            f"v{FEATURE_VERSION}: retrain with `herald train`"
        )
    if (
        n_features != DIM
        or row_weights.ndim != 2
        or rows.shape != (row_weights.shape[0],)
        or bias.shape != (row_weights.shape[1],)
        or (len(rows) and (rows.min() < 0 or rows.max() >= DIM))
    ):
        raise ModelFileError(
            f"model {name}: weights have shape {row_weights.shape} for {n_features} features"
        )
    weights = np.zeros((DIM, row_weights.shape[1]), dtype=np.float32)
    weights[rows] = row_weights
    if len(classes) == 2 and not len(heads) == len(calibration) == len(thresholds) == len(bias):
        raise ModelFileError(f"model {name}: heads, calibration and thresholds disagree")
    return LinearModel(
        classes, weights, bias, heads, calibration, thresholds, temperature, word_scale
    )
