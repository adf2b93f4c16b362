from __future__ import annotations

import pytest

from detectors.detect import detections, found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Mi DNI es 12345678Z.", [("ES_DNI", "12345678Z")]),
        ("es", "DNI: 12345678-Z", [("ES_DNI", "12345678-Z")]),
        ("es", "12.345.678-Z", [("ES_DNI", "12.345.678-Z")]),
        ("es", "Mi NIE es X1234567L, gracias", [("ES_NIE", "X1234567L")]),
        ("es", "nie y1234567x", [("ES_NIE", "y1234567x")]),
        ("en", "Spanish ID 12345678z", [("ES_DNI", "12345678z")]),
        ("tr", "İspanyol kimlik numarası 12345678Z'dir", [("ES_DNI", "12345678Z")]),
    ],
)
def test_valid_identifiers(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("es_dni_nie", text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mi DNI es 12345678A",  # wrong check letter
        "NIE X1234567A",  # wrong check letter
        "CIF de la empresa B12345674",  # a company's CIF is not personal data
        "pedido 123456789Z",  # nine digits
        "ref AB12345678Z",  # glued to letters
    ],
)
def test_not_an_identifier(text: str) -> None:
    assert found("es_dni_nie", text, "es") == []


def test_explains_the_check_letter() -> None:
    (d,) = detections("es_dni_nie", "DNI 12345678Z", "es")
    assert d.validation == "dni check letter valid"
    assert d.context_words == ("dni",)
