from __future__ import annotations

import pytest

from detectors.detect import detections, found

IP = "IP_ADDRESS"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "IP adresim 85.105.23.7'dir", [(IP, "85.105.23.7")]),
        ("es", "La IP de mi router es 192.168.1.10.", [(IP, "192.168.1.10")]),
        ("en", "server 2001:db8::8a2e:370:7334 is down", [(IP, "2001:db8::8a2e:370:7334")]),
        ("en", "1.1.1.1", [(IP, "1.1.1.1")]),
    ],
)
def test_addresses(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("ip_address", text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Yeni sürüm 4.2.1.0 yayında"),
        ("es", "versión 2.14.3.1 disponible"),
        ("en", "Update to v1.2.3.4 today"),
        ("en", "Version: 10.0.19041.1"),
        ("tr", "999.1.1.1 geçersiz"),
        ("tr", "Tarih 01.02.2024"),
        ("en", "Meeting at 12:30:45"),
        ("en", "MAC 00:1a:2b:3c:4d:5e"),
        ("en", "two more shows :: tickets"),
    ],
)
def test_not_an_address(lang: str, text: str) -> None:
    assert found("ip_address", text, lang) == []


def test_explains_kind() -> None:
    (d,) = detections("ip_address", "IP 192.168.1.10", "en")
    assert d.validation == "valid private IPv4 address"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Uygulamanın sürümü 10.0.19041.1 yayında"),
        ("tr", "Yeni sürüm no: 2.1.0.4"),
        ("es", "La versión 4.2.1.7 ya está disponible"),
        ("es", "Compilación 10.2.3.4 lista"),
        ("en", "Build 10.0.0.12 shipped"),
    ],
)
def test_version_numbers_after_a_version_word_in_any_language(lang: str, text: str) -> None:
    assert found("ip_address", text, lang) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("::ffff:192.0.2.1", ["::ffff:192.0.2.1"]),
        ("Tunnel to 2001:db8::10.0.0.1", ["2001:db8::10.0.0.1"]),
        ("fe80::1%eth0/64", ["fe80::1%eth0/64"]),
        ("Subnet: 192.168.1.0/24.", ["192.168.1.0/24"]),
        ("::ffff:256.0.0.1", []),  # invalid whole: no part of it is reported
        ("2001:db8::256.1.1.1", []),
        ("std::string name; Foo::bar()", []),
    ],
)
def test_ipv6_is_reported_whole_or_not_at_all(text: str, expected: list[str]) -> None:
    assert [value for _, value in found("ip_address", text, "en")] == expected
