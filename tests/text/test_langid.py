from __future__ import annotations

import pytest

from herald.text.langid import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Yarın yeni ürünümüzü tanıtıyoruz, takipte kalın!", "tr"),
        ("Mañana lanzamos nuestro nuevo producto, ¡no te lo pierdas!", "es"),
        ("We are launching our new product tomorrow, stay tuned!", "en"),
        ("Wir stellen morgen unser neues Produkt vor, bleiben Sie dran!", "other"),
        ("Nous lançons notre nouveau produit demain, restez à l'écoute !", "other"),
    ],
)
def test_detects_the_three_languages_and_others(text: str, lang: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang
    assert guess.reliable


def test_no_letters_is_unreliable_other() -> None:
    guess = detect_language("12345 !!! 🚀")
    assert (guess.lang, guess.reliable) == ("other", False)


def test_very_short_text_is_unreliable() -> None:
    assert not detect_language("ok").reliable
