"""Golden cases (text in, exact findings out) for the checker's false alarms and misses of
issue 15: per language, each with its hard negative."""

from __future__ import annotations

import pytest

from herald import AccountType, ScanContext, Scanner

CASES = [
    # Spanish "en negro" is a colour unless money is paid or earned that way.
    ("es", "brand", "Nueva camiseta en negro y blanco, ya disponible 🖤", []),
    (
        "es",
        "brand",
        "me pagan en negro desde hace un año",
        [("illegal-conduct.admission", "pagan en negro")],
    ),
    # A name or set phrase with "hell" is not swearing.
    ("en", "brand", "Dinner at Hell's Kitchen tonight, hell yeah!", []),
    # "en colaboración con" a museum is not sponsorship.
    ("es", "personal", "Lanzamos esta colección en colaboración con el Museo de Arte 🎨", []),
    # A connection's password is a credential, never an e-mail address.
    (
        "en",
        "brand",
        "prod db: admin:Hunter2024@db.acme-internal.com:5432",
        [("credentials.connection-string", "admin:Hunter2024@db.acme-internal.com:5432")],
    ),
    (
        "en",
        "brand",
        "Server=db.acme.com;User Id=sa;Password=Qw3rty!@acme.com;",
        [
            (
                "credentials.connection-string",
                "Server=db.acme.com;User Id=sa;Password=Qw3rty!@acme.com;",
            )
        ],
    ),
    (
        "en",
        "brand",
        "write to john.smith@gmail.com please",
        [("personal-data.email", "john.smith@gmail.com")],
    ),
    # Wifi passwords in everyday phrasings, all-digit ones included.
    (
        "es",
        "brand",
        "La contraseña del wifi es cafe2024 jaja",
        [("credentials.password", "cafe2024")],
    ),
    ("es", "brand", "la clave del wifi es 87654321", [("credentials.password", "87654321")]),
    ("tr", "brand", "wifi şifresi 12345678 kanka", [("credentials.password", "12345678")]),
    ("en", "brand", "p@ssw0rd: Tr0ub4dor&3", [("credentials.password", "Tr0ub4dor&3")]),
    ("es", "brand", "Cambia tu contraseña cada pocos meses y no la repitas.", []),
    # Dates of birth: "nació el", "doğumlu"; a company's founding is not one.
    (
        "es",
        "brand",
        "Mi abuela nació el 5/6/1940 y hoy cumple años 🎂",
        [("personal-data.date-of-birth", "5/6/1940")],
    ),
    (
        "tr",
        "brand",
        "12.03.1990 doğumlu kuzenim Ali",
        [("personal-data.date-of-birth", "12.03.1990")],
    ),
    ("es", "brand", "La empresa nació el 3 de mayo de 1995 en Lima", []),
    # Look-alike letters and invisible characters do not hide an insult; spans stay original.
    ("en", "brand", "you are an іdiot", [("offensive.insult", "іdiot")]),
    ("en", "brand", "you are an id\u200biot", [("offensive.insult", "id\u200biot")]),
    ("tr", "brand", "İstanbul'da yeni şubemiz açıldı!", []),
    # Plural insults in English and Spanish.
    (
        "en",
        "brand",
        "you people are all idiots and morons",
        [("offensive.insult", "idiots"), ("offensive.insult", "morons")],
    ),
    (
        "es",
        "brand",
        "sois unos imbéciles y cabrones",
        [("offensive.insult", "imbéciles"), ("offensive.insult", "cabrones")],
    ),
    ("en", "brand", "the kids loved the idioms lesson", []),
]


@pytest.mark.parametrize(("lang", "account", "text", "expected"), CASES)
def test_checker_case(lang: str, account: str, text: str, expected: list[tuple[str, str]]) -> None:
    result = Scanner().scan(text, ScanContext(lang=lang, account_type=AccountType(account)))
    assert [(f.rule_id, f.text) for f in result.findings] == expected
