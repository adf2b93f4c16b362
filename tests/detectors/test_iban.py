from __future__ import annotations

import pytest

from detectors.detect import detections, found

IBAN = "IBAN_CODE"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "tr",
            "IBAN: TR33 0006 1005 1978 6457 8413 26 numaralı hesaba",
            [(IBAN, "TR33 0006 1005 1978 6457 8413 26")],
        ),
        ("tr", "TR330006100519786457841326'ya gönderin", [(IBAN, "TR330006100519786457841326")]),
        (
            "es",
            "Mi IBAN es ES91 2100 0418 4502 0005 1332.",
            [(IBAN, "ES91 2100 0418 4502 0005 1332")],
        ),
        ("en", "Wire to GB29NWBK60161331926819, thanks", [(IBAN, "GB29NWBK60161331926819")]),
        ("en", "de89 3704 0044 0532 0130 00", [(IBAN, "de89 3704 0044 0532 0130 00")]),
    ],
)
def test_valid_ibans(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("iban", text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "IBAN TR33 0006 1005 1978 6457 8413 27",  # mod-97 fails
        "ES00 2100 0418 4502 0005 1332",  # wrong check digits
        "ES4121000418990200051332",  # mod-97 fine, Spanish national check digits wrong
        "kargo takip TR123456789",  # a tracking code
        "ürün kodu AB12CDEF3456789",  # not a country's format
    ],
)
def test_not_an_iban(text: str) -> None:
    assert found("iban", text) == []


def test_explains_the_country() -> None:
    (d,) = detections("iban", "IBAN TR330006100519786457841326")
    assert d.validation == "iban mod-97 and TR format valid"
    assert d.message_args == {"country": "TR"}
