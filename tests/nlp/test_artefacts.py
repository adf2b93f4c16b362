import zipfile
from pathlib import Path

import numpy as np
import pytest

from herald.nlp.artefacts import ModelFileError, load_arrays, models_dir
from herald.nlp.classifier import TASKS, load_classifier
from herald.nlp.features import DIM
from herald.nlp.linear import load_linear_model

MAX_TOTAL_BYTES = 50 * 1024 * 1024


@pytest.mark.parametrize("task", sorted(TASKS))
def test_shipped_model_loads_offline(task: str) -> None:
    classifier = load_classifier(task)
    assert classifier.model.classes == TASKS[task]
    assert classifier.model.weights.shape[0] == DIM


@pytest.mark.parametrize("task", sorted(TASKS))
def test_model_file_is_plain_arrays_not_pickle(task: str) -> None:
    path = models_dir() / f"{task}.npz"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            header = archive.read(name)[:6]
            assert header == b"\x93NUMPY", name  # .npy arrays, nothing else
    arrays = load_arrays(f"{task}.npz")  # allow_pickle=False inside
    assert all(a.dtype != object for a in arrays.values())


def test_shipped_models_are_small() -> None:
    total = sum(p.stat().st_size for p in models_dir().iterdir() if p.is_file())
    assert total < MAX_TOTAL_BYTES


def test_pickled_array_is_refused(tmp_path: Path) -> None:
    np.savez(tmp_path / "bad.npz", weights=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ModelFileError):
        load_arrays("bad.npz", tmp_path)


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="cannot read model file"):
        load_linear_model("offensive.npz", tmp_path)
