"""Smoke test of the training pipeline on a small sample (needs the 'train' extra and data)."""

from pathlib import Path

import pytest

from herald.nlp.classifier import TextClassifier
from herald.nlp.features import Featurizer
from herald.nlp.lexicons import load_lexicon
from herald.nlp.linear import load_linear_model

pytest.importorskip("sklearn")
ROOT = Path(__file__).resolve().parents[2]
DATA = next(
    (
        b / "shared" / "data"
        for b in (ROOT.parent, ROOT.parent.parent)
        if (b / "shared" / "data").is_dir()
    ),
    None,
)


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_small_training_run_writes_loadable_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT))  # training/ lives in the checkout, not the package
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
