"""Credentials written as assignments: text in, exact values out, in every language."""

from __future__ import annotations

import pytest

from detectors.detect import found


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", 'password = "value with quotes and spaces"', "value with quotes and spaces"),
        ("en", "export DB_PASSWORD=Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("en", "api_key: 'q8Zr!2mm-Lp'", "q8Zr!2mm-Lp"),
        ("en", '{"client_secret": "9f8e!Kq2zz"}', "9f8e!Kq2zz"),
        ("en", "curl https://api.example.test/v1?api_key=Zx81Qm0pLk2 -o out", "Zx81Qm0pLk2"),
        ("en", 'if ("Hq3!vvZ8" == admin_password) {', "Hq3!vvZ8"),
        ("en", 'my_password_super_secure := "N0tGuess@ble"', "N0tGuess@ble"),
        ("tr", "Sunucu ayarı: DB_SIFRE=Kd8!ppq2 (kimseyle paylaşma)", "Kd8!ppq2"),
        ("tr", "ŞİFRE: 'Ankara06!' olarak değiştirildi", "Ankara06!"),
        ("es", "contraseña = «ignored» no; clave_api: Zq9#mmt4", "Zq9#mmt4"),
        ("es", 'Config: {"contraseña": "Sol2024$Mar"}', "Sol2024$Mar"),
    ],
)
def test_assigned_values_are_found(lang: str, text: str, value: str) -> None:
    assert found("credential_assignment", text, lang) == [("ASSIGNED_SECRET", value)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "password = ${DB_PASSWORD}"),
        ("en", 'SECRET_KEY = os.environ["SECRET_KEY"]'),
        ("en", "password: real_key"),
        ("en", 'password = "somefakekey"'),
        ("en", "api_key = ''"),
        ("en", "password = ,.:-¨@*¿?!"),
        ("en", "Password: forgotten, call support"),
        ("en", "Reset your password: https://example.test/reset"),
        ("en", "Never share your password = the first rule of security."),
        ("tr", "Şifre: unuttum, nasıl sıfırlarım?"),
        ("tr", "şifre = <şifreniz>"),
        ("es", "La contraseña: segura y larga, por favor"),
        ("es", "clave = $CLAVE"),
    ],
)
def test_references_placeholders_and_prose_are_not(lang: str, text: str) -> None:
    assert found("credential_assignment", text, lang) == []
