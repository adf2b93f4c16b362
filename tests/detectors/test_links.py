from __future__ import annotations

import pytest

from detectors.detect import detections, found
from herald.detectors.links import edit_distance, parse_host, skeleton


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Giriş: https://nexora.com.login-verify.ru/giris",
            [
                ("ORG_LOOKALIKE_DOMAIN", "https://nexora.com.login-verify.ru/giris"),
                ("CREDENTIAL_HARVEST", "https://nexora.com.login-verify.ru/giris"),
            ],
        ),
        ("nexorа.com adresine bakın", [("ORG_LOOKALIKE_DOMAIN", "nexorа.com")]),  # Cyrillic а
        ("www.nex0ra.com.", [("ORG_LOOKALIKE_DOMAIN", "www.nex0ra.com")]),
        ("nexxora.com'a girin", [("ORG_LOOKALIKE_DOMAIN", "nexxora.com")]),
        ("(destek: nexora-destek.xyz)", [("ORG_LOOKALIKE_DOMAIN", "nexora-destek.xyz")]),
        ("https://xn--nexra-tce.com", [("ORG_LOOKALIKE_DOMAIN", "https://xn--nexra-tce.com")]),
        (
            "https://paypa1.com/signin",
            [
                ("BRAND_LOOKALIKE_DOMAIN", "https://paypa1.com/signin"),
                ("CREDENTIAL_HARVEST", "https://paypa1.com/signin"),
            ],
        ),
        ("garantı-bbva.com", [("BRAND_LOOKALIKE_DOMAIN", "garantı-bbva.com")]),
        ("bit.ly/3xYz ile", [("URL_SHORTENER", "bit.ly/3xYz")]),
        (
            "http://185.23.4.5/login",
            [
                ("RAW_IP_HOST", "http://185.23.4.5/login"),
                ("CREDENTIAL_HARVEST", "http://185.23.4.5/login"),
            ],
        ),
        (
            "https://paypal.com@evil.ru/x",
            [
                ("BRAND_LOOKALIKE_DOMAIN", "https://paypal.com@evil.ru/x"),
            ],
        ),
    ],
)
def test_risky_links(text: str, expected: list[tuple[str, str]]) -> None:
    assert found("risky_links", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kampanya: https://nexora.com/kampanya?id=3f2a9c1e",  # our own domain
        "https://www.nexora.com.tr/giris",  # our own login page
        "https://kampanya.nexora.com",  # our subdomain
        "google.com.tr ve paypal.com",  # brands' own domains
        "https://github.com/acme/app/commit/3f2a9c1e8b7d6f5a",
        "Sürüm v1.2.3 ve e.g. notları",  # not links
        "https://example.org/docs/login",  # a login path alone is weak
        "vicdanınızı rahatlacak.İsmail bey",  # words joined by a full stop
        "olduğunu.Bizim için",
    ],
)
def test_safe_links(text: str) -> None:
    assert found("risky_links", text) == []


def test_allow_and_deny_lists() -> None:
    params = {"allow": ["bit.ly"], "deny": ["badsite.example"]}
    assert found("risky_links", "bit.ly/x", params=params) == []
    assert found("risky_links", "https://files.badsite.example/a", params=params) == [
        ("DENIED_DOMAIN", "https://files.badsite.example/a")
    ]


def test_explains_the_lookalike() -> None:
    (d,) = detections("risky_links", "nex0ra.com")
    assert d.message_args == {"domain": "nex0ra.com", "brand": "nexora"}
    assert d.pattern == "reads as 'nexora' (homoglyphs or character swaps)"


def test_helpers() -> None:
    assert skeleton("rnicrosoft") == "microsoft"
    assert skeleton("nеxora") == "nexora"  # Cyrillic е
    assert edit_distance("nexora", "nexxora", 2) == 1
    assert edit_distance("nexora", "nexoar", 2) == 1  # a swap counts once
    assert edit_distance("abc", "xyzabc", 1) == 2
    host = parse_host("https://user@Login.Nexora.com.tr:8443/a?b#c")
    assert host is not None
    assert (host.subdomain, host.label, host.suffix, host.path) == (
        "login",
        "nexora",
        "com.tr",
        "/a?b#c",
    )
