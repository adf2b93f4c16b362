"""Any text, however odd, gives well-formed detections and never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.detect import ORG
from herald.detectors import build_detector
from herald.text.document import Document
from herald.types import ScanContext

MINE = (
    "phone",
    "tc_kimlik",
    "es_dni_nie",
    "us_ssn",
    "iban",
    "payment_card",
    "ip_address",
    "personal_context",
    "secrets",
    "passwords",
    "private_key",
    "jwt",
    "connection_string",
    "confidential",
    "risky_links",
)
DETECTORS = {name: build_detector(name, {}, ORG) for name in MINE}
# Digits, separators, Turkish and Spanish letters, combining marks, brackets, URL parts.
ALPHABET = st.sampled_from(
    list("0123456789 -.+()/:@_'’#=;,\n") + list("aAbZxXİıIiŞşĞğÜüÖöÇçÑñéÉ") + ["\u0301", "😀", "٣"]
)
TEXTS = st.text(alphabet=ALPHABET, max_size=120) | st.text(max_size=80)


@pytest.mark.parametrize("name", MINE)
@settings(max_examples=60, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(["tr", "es", "en", "other"]))
def test_detections_are_well_formed(name: str, text: str, lang: str) -> None:
    for d in DETECTORS[name].analyze(Document(text, lang), ScanContext(lang=lang)):
        assert 0 <= d.start < d.end <= len(text)
        assert 0.0 <= d.score <= 1.0
        assert d.entity in type(DETECTORS[name]).entities


@pytest.mark.parametrize("name", MINE)
def test_long_and_repetitive_texts(name: str) -> None:
    for text in ("1 " * 5000, "a." * 5000, "٣" * 3000, "https://" + "a" * 3000 + ".com"):
        found = list(DETECTORS[name].analyze(Document(text, "tr"), ScanContext(lang="tr")))
        assert all(0 <= d.start < d.end <= len(text) for d in found)
