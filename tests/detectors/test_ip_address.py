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
