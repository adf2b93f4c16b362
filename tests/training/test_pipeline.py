"""Smoke test of the training pipeline on a small sample (needs the 'train' extra and data)."""

from pathlib import Path

import numpy as np
import pytest

from herald.nlp.classifier import TextClassifier
from herald.nlp.features import Featurizer
from herald.nlp.lexicons import load_lexicon
from herald.nlp.linear import load_linear_model
from shared_data import DATA

pytest.importorskip("sklearn")


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_small_training_run_writes_loadable_models(tmp_path: Path) -> None:
    from training.pipeline import run

    assert DATA is not None
    metrics = run(DATA, tmp_path, ("sentiment", "scam"), sample=150)
    assert {"sentiment", "scam"} <= set(metrics)
    assert (tmp_path / "lexicon.json").is_file()
    model = load_linear_model("scam.npz", tmp_path)
    classifier = TextClassifier("scam", model, Featurizer(load_lexicon(tmp_path)))
    assert classifier.predict("WIN a FREE prize now, call 0906170146", "en").label in (
        "scam",
        "ham",
    )
    assert not (tmp_path / "metrics.json").exists()  # a sample run never overwrites scores


def test_an_anchored_head_gives_its_language_half_the_weight() -> None:
    from training.data import Example
    from training.pipeline import _head_weights

    classes = ("not", "offensive")
    rows = [Example(f"t{i}", classes[i % 2], "en", "olid") for i in range(40)]
    rows += [Example(f"s{i}", classes[i % 2], "es", "handwritten/x") for i in range(4)]
    weights = _head_weights(rows, classes, "es", anchored=True)
    own = [r.lang == "es" for r in rows]
    spanish = sum(w for w, o in zip(weights, own, strict=True) if o)
    others = sum(w for w, o in zip(weights, own, strict=True) if not o)
    assert spanish == pytest.approx(others)
    plain = _head_weights(rows, classes, "es", anchored=False)
    plain_spanish = sum(p for p, o in zip(plain, own, strict=True) if o)
    assert plain_spanish < sum(plain) / 3  # without anchoring, 4 rows in 44 stay a minority


def test_class_offsets_restore_an_under_predicted_middle_class() -> None:
    from training.pipeline import _class_offsets

    # 300 rows per class; the neutral column scores 0.5 lower than it should.
    y = np.repeat([0, 1, 2], 300)
    z = np.eye(3)[y] + np.random.default_rng(0).normal(0, 0.3, (900, 3))
    z[:, 1] -= 0.5
    offsets = _class_offsets(z, y, ["es"] * 900)
    assert offsets[0] == 0.0
    assert 0.3 <= offsets[1] <= 0.7
    assert (z + offsets).argmax(axis=1).tolist().count(1) > (z.argmax(axis=1) == 1).sum()


def test_class_offsets_stay_zero_without_enough_rows() -> None:
    from training.pipeline import _class_offsets

    z = np.zeros((30, 3))
    assert _class_offsets(z, np.zeros(30, dtype=int), ["tr"] * 30).tolist() == [0.0, 0.0, 0.0]
