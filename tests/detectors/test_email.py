from __future__ import annotations

import pytest

from detectors.detect import found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "tr",
            "Bana ayse.yilmaz@gmail.com'dan yazın",
            [("EMAIL_ADDRESS", "ayse.yilmaz@gmail.com")],
        ),
        ("es", "lucia_garcia@yahoo.es", [("EMAIL_ADDRESS", "lucia_garcia@yahoo.es")]),
        ("tr", "Basın için press@nexora.com", []),  # the organisation's published address
    ],
)
def test_email(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("email", text, lang) == expected
