import json

import pytest

from herald.nlp.signals import compute_signals
from herald.text.document import Document


def test_signals_are_json_ready() -> None:
    doc = Document("Hesabınız askıya alındı, hemen tıklayın: guvenli-giris.xyz", "tr")
    out = compute_signals(doc, ["sentiment", "scam", "offensive"])
    assert set(out) == {"sentiment", "scam", "offensive"}
    assert out["scam"]["label"] == "scam"
    assert set(out["sentiment"]["scores"]) == {"negative", "neutral", "positive"}
    json.dumps(out)  # must not raise


def test_only_requested_signals() -> None:
    out = compute_signals(Document("great job!", "en"), ["sentiment"])
    assert list(out) == ["sentiment"]
    assert out["sentiment"]["label"] == "positive"


def test_unknown_language_uses_universal_models() -> None:
    out = compute_signals(Document("Das ist wirklich super", "other"), ["offensive"])
    assert out["offensive"]["label"] in ("offensive", "not")


def test_unknown_signal_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown signal"):
        compute_signals(Document("hi", "en"), ["toxicity"])
