"""End to end: the default pack's personal-data, credential, confidential and link rules
through the Scanner, with the example company's pack where organisation data matters."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald import AccountType, ScanContext, Scanner, load_policy

EXAMPLES = Path(__file__).parents[2] / "examples"
DEFAULT = Scanner(load_policy(None))
NEXORA = Scanner(load_policy(EXAMPLES / "nexora-policy.yaml"))


def _findings(
    scanner: Scanner, text: str, lang: str, account: str = "brand"
) -> list[tuple[str, str, str]]:
    ctx = ScanContext(lang=lang, account_type=AccountType(account))
    result = scanner.scan(text, ctx)
    for f in result.findings:
        assert text[f.start : f.end] == f.text
    return [(f.rule_id, f.text, f.severity.value) for f in result.findings]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "tr",
            "TC kimlik numaram 64255503426'dır, beni 0532 418 27 63'ten arayın.",
            [
                ("personal-data.tc-kimlik", "64255503426", "block"),
                ("personal-data.phone", "0532 418 27 63", "block"),
            ],
        ),
        (
            "es",
            "Mi contraseña es Perro#77 y mi IBAN ES91 2100 0418 4502 0005 1332",
            [
                ("credentials.password", "Perro#77", "block"),
                ("personal-data.iban", "ES91 2100 0418 4502 0005 1332", "block"),
            ],
        ),
        (
            "en",
            "Card 4111 1111 1111 1111, short link bit.ly/x",
            [
                ("personal-data.payment-card", "4111 1111 1111 1111", "block"),
                ("risky-links.shortener", "bit.ly/x", "warn"),
            ],
        ),
        ("tr", "Sipariş no 4182763915, tutar 1.249,90 TL, sürüm 4.2.1.0", []),
    ],
)
def test_default_pack(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _findings(DEFAULT, text, lang) == expected


def test_personal_accounts_get_review_for_contact_data() -> None:
    assert _findings(DEFAULT, "Beni 0532 418 27 63'ten arayın", "tr", "personal") == [
        ("personal-data.phone", "0532 418 27 63", "review")
    ]


def test_company_pack_codenames_lookalikes_and_contact_points() -> None:
    text = "Kestrel yakında! Detaylar nexora-destek.xyz/giris, sorular destek@nexora.com.tr"
    assert _findings(NEXORA, text, "tr") == [
        ("confidential.codename", "Kestrel", "block"),
        ("risky-links.org-lookalike", "nexora-destek.xyz/giris", "block"),
        ("risky-links.credential-harvest", "nexora-destek.xyz/giris", "review"),
    ]


def test_findings_explain_themselves() -> None:
    result = DEFAULT.scan("TC kimlik 64255503426", ScanContext(lang="tr"))
    (finding,) = result.findings
    assert finding.explanation.source == "detector:tc_kimlik"
    assert finding.explanation.validation == "tckimlik checksum valid"
    assert finding.explanation.context_words == ("tc kimlik",)
    assert finding.message == "T.C. kimlik numarası (64255503426) hiçbir zaman paylaşılmamalıdır."
