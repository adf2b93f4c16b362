"""Loading the model files shipped in ``herald/nlp/models`` (JSON and .npz, never pickle)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MODELS_PACKAGE = "herald.nlp.models"


class ModelFileError(RuntimeError):
    """A shipped model file is missing or malformed (reinstall or retrain)."""


def models_dir() -> Path:
    return Path(str(resources.files(MODELS_PACKAGE)))


def load_json(name: str, directory: Path | None = None) -> dict[str, Any]:
    path = (directory or models_dir()) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"cannot read model file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelFileError(f"model file {path} is not a JSON object")
    return data


def load_arrays(name: str, directory: Path | None = None) -> dict[str, np.ndarray[Any, Any]]:
    """All arrays of an .npz file; pickled objects are refused, so loading runs no code."""
    path = (directory or models_dir()) / name
    try:
        with np.load(path, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"cannot read model file {path}: {exc}") from exc
