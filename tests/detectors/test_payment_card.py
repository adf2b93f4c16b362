from __future__ import annotations

import pytest

from detectors.detect import detections, found

CARD = "CREDIT_CARD"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "Kart numaram 4111 1111 1111 1111'dir", [(CARD, "4111 1111 1111 1111")]),
        ("tr", "4111-1111-1111-1111", [(CARD, "4111-1111-1111-1111")]),
        ("es", "tarjeta 5555555555554444 caducada", [(CARD, "5555555555554444")]),
        ("en", "amex 3782 822463 10005.", [(CARD, "3782 822463 10005")]),
        ("tr", "Troy kartım 9792 0300 0000 0000", [(CARD, "9792 0300 0000 0000")]),
        ("en", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", [(CARD, "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")]),
    ],
)
def test_valid_cards(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("payment_card", text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kart 4111 1111 1111 1112",  # Luhn fails
        "1234567812345670",  # passes Luhn, no issuer starts with 1
        "sipariş 7312345678901",  # tracking code
        "4444444444444444",  # a single repeated digit
        "Fiyat 1.249,90 TL",
        "Yanlış IBAN: ES45 6409 5116 5398 2183 3214",  # IBAN digits are not a card
    ],
)
def test_not_a_card(text: str) -> None:
    assert found("payment_card", text) == []


def test_explains_issuer_and_luhn() -> None:
    (d,) = detections("payment_card", "kart 4111111111111111")
    assert d.validation == "luhn check digit valid"
    assert d.message_args == {"issuer": "visa"}
