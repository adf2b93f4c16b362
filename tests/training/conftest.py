"""Tests of ``training/``: it lives in the checkout, not in the installed package."""

import pytest

from shared_data import CHECKOUT


@pytest.fixture(autouse=True)
def _training_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(CHECKOUT))
