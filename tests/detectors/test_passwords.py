from __future__ import annotations

import pytest

from detectors.detect import detections, found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "Wifi şifresi: Misafir#2024 olsun", [("PASSWORD", "Misafir#2024")]),
        ("tr", "Şifrem Kedi1234'tür.", [("PASSWORD", "Kedi1234")]),
        ("tr", "ŞİFRE=Ankara_06", [("PASSWORD", "Ankara_06")]),
        ("tr", "Doğrulama kodu 482913, kimseyle paylaşmayın", [("ONE_TIME_CODE", "482913")]),
        ("es", "Mi contraseña es Perro#77", [("PASSWORD", "Perro#77")]),
        ("es", "mi clave es 8812ab", [("PASSWORD", "8812ab")]),
        ("es", "Código de verificación: 482 913", [("ONE_TIME_CODE", "482 913")]),
        ("en", "My password is hunter2", [("PASSWORD", "hunter2")]),
        ("en", "Your verification code is 554433.", [("ONE_TIME_CODE", "554433")]),
        ("en", "PIN 4821", [("PASSWORD", "4821")]),
        ("en", 'the password is "Tr0ub4dor&3" now', [("PASSWORD", "Tr0ub4dor&3")]),
    ],
)
def test_credentials_in_prose(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("passwords", text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Şifremi unuttum, yardım eder misiniz?"),
        ("tr", "Şifreniz en az 8 karakter olmalı."),
        ("tr", "İndirim kodu: 123456 ile %20 indirim!"),
        ("es", "La contraseña es segura."),
        ("es", "Cambia tu contraseña aquí: https://nexora.es/cuenta"),
        ("en", "Reset your password here."),
        ("en", "password: <password>"),
        ("en", "password: ********"),
        ("en", "Pin this post!"),
        ("en", "Use coupon code: 123456 at checkout"),
        ("en", "Identifier Code: 45239 expires soon"),
        ("en", 'Simply text the password "MIX" to 85069'),
    ],
)
def test_not_a_credential(lang: str, text: str) -> None:
    assert found("passwords", text, lang) == []


def test_explains_the_trigger() -> None:
    (d,) = detections("passwords", "Şifrem Kedi1234", "tr")
    assert d.context_words == ("sifrem",)
    assert d.pattern == "'sifrem' followed by a value"
