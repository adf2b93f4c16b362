from __future__ import annotations

import pytest

from detectors.detect import found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "Doğum tarihim 12.05.1990, unutmayın", [("DATE_OF_BIRTH", "12.05.1990")]),
        ("tr", "3 Mart 1985'te doğdum.", [("DATE_OF_BIRTH", "3 Mart 1985")]),
        (
            "es",
            "Fecha de nacimiento: 3 de marzo de 1985",
            [("DATE_OF_BIRTH", "3 de marzo de 1985")],
        ),
        ("en", "DOB: March 3, 1985.", [("DATE_OF_BIRTH", "March 3, 1985")]),
        ("en", "born on 1985-03-03", [("DATE_OF_BIRTH", "1985-03-03")]),
        (
            "tr",
            "Ev adresim Moda Cad. No: 12 Daire 3 Kadıköy/İstanbul, gelirseniz bekleriz.",
            [("HOME_ADDRESS", "Moda Cad. No: 12 Daire 3 Kadıköy/İstanbul")],
        ),
        (
            "es",
            "Vivo en Calle Mayor 12, 3º B, Madrid y trabajo cerca.",
            [("HOME_ADDRESS", "Calle Mayor 12, 3º B, Madrid")],
        ),
        (
            "en",
            "I live at 221B Baker Street, London so come by.",
            [("HOME_ADDRESS", "221B Baker Street, London")],
        ),
        ("tr", "Çalışanımız Ayşe Hanım'a kanser teşhisi kondu.", [("HEALTH_DATA", "kanser")]),
        ("es", "Mi madre padece diabetes.", [("HEALTH_DATA", "diabetes")]),
        ("en", "My father was diagnosed with dementia.", [("HEALTH_DATA", "dementia")]),
    ],
)
def test_personal_details(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("personal_context", text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Kampanya 12.05.2026 tarihine kadar geçerli."),  # a date, not a birth date
        ("es", "La reunión es el 3 de marzo de 2026."),
        ("tr", "Adresimiz web sitemizde."),  # no street and number
        ("en", "I live at the office these days."),
        ("en", "Cancer awareness month starts today."),  # a condition, nobody's
        ("tr", "Diyabet hakkında bilgilendirme semineri."),
    ],
)
def test_not_personal(lang: str, text: str) -> None:
    assert found("personal_context", text, lang) == []
