from __future__ import annotations

import pytest

from detectors.detect import detections, found

TC = "TR_TC_KIMLIK"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "TC kimlik numaram 64255503426'dır.", [(TC, "64255503426")]),
        ("tr", "64255503426", [(TC, "64255503426")]),
        ("tr", "Kimlik no:10000000146", [(TC, "10000000146")]),
        ("tr", "Numaram 642 555 034 26, kontrol eder misiniz?", [(TC, "642 555 034 26")]),
        ("tr", "6 4 2 5 5 5 0 3 4 2 6", [(TC, "6 4 2 5 5 5 0 3 4 2 6")]),
        ("tr", "Sipariş 12345 64255503426'ya ait", [(TC, "64255503426")]),
        ("es", "Su número turco es 64255503426.", [(TC, "64255503426")]),
        ("en", "My Turkish ID (TC kimlik) is 64255503426", [(TC, "64255503426")]),
    ],
)
def test_valid_numbers(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("tc_kimlik", text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "TC kimlik numaram 64255503427",  # last check digit wrong
        "Referans kodu 85515367065 ile başvuru yapıldı.",  # fails the checksum
        "04255503426",  # starts with 0
        "Sipariş no 6425550342",  # ten digits
        "642555034261",  # twelve digits
        "ABC64255503426",  # glued to letters: a code
        "#64255503426",  # an order number
        "https://example.com/u/64255503426",  # inside a link path
    ],
)
def test_not_a_tc_kimlik(text: str) -> None:
    assert found("tc_kimlik", text) == []


def test_explains_the_checksum_and_the_context() -> None:
    (d,) = detections("tc_kimlik", "T.C. kimlik: 64255503426")
    assert d.validation == "tckimlik checksum valid"
    assert "kimlik" in d.context_words
    assert d.score == 1.0


def test_context_raises_the_score() -> None:
    (plain,) = detections("tc_kimlik", "64255503426")
    (with_context,) = detections("tc_kimlik", "TC kimlik 64255503426")
    assert plain.score < with_context.score
