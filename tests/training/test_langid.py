"""Smoke test of the language-id training on a small sample (needs the data and the 'train' extra)."""

from pathlib import Path

import pytest

from herald.text.langid import words_of
from herald.text.langid_fast import FAST_MODEL_FILE, FastLanguageModel
from shared_data import DATA

pytest.importorskip("sklearn")


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_small_training_run_writes_a_loadable_model(tmp_path: Path) -> None:
    from training.pipeline import run

    assert DATA is not None
    metrics = run(DATA, tmp_path, ("langid",), sample=400)
    scores = metrics["langid"]
    assert isinstance(scores, dict)
    assert {"all", "other", "gate"} <= set(scores)
    model = FastLanguageModel.load(tmp_path / FAST_MODEL_FILE)
    assert model.languages == ("tr", "es", "en")
    score = model.score(words_of("Kargom hâlâ gelmedi, müşteri hizmetleri cevap vermiyor"))
    assert score is not None
    assert score.lang == "tr"
    assert not (tmp_path / "langid.json").exists()  # a sample run never overwrites scores
    assert not (tmp_path / "lexicon.json").exists()  # nor trains anything else
