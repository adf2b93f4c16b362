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


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mi DNI es 12345678Z y mi IBAN ES9121000418450200051332", "es"),
        ("TC kimlik numaram 10000000146, IBAN TR330006100519786457841326", "tr"),
        ("My card is 4111 1111 1111 1111, email me at ali@example.com", "en"),
    ],
)
def test_identifiers_and_links_do_not_decide_the_language(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang
