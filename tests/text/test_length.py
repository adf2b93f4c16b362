"""Post length as each network counts it."""

from __future__ import annotations

import pytest

from herald.text.length import network_length, network_limit


@pytest.mark.parametrize(
    ("network", "text", "length"),
    [
        ("x", "Merhaba dünya", 13),
        ("x", "Yeni kart: https://acme.example/kampanyalar/2026/kis-firsatlari-uzun-adres", 34),
        ("x", "こんにちは", 10),  # CJK counts twice on X
        ("x", "👨‍👩‍👧", 2),  # one emoji cluster, counted twice
        ("mastodon", "Hi @ana@social.example see https://a.example/very/long/path", 35),
        ("bluesky", "👨‍👩‍👧 family", 8),  # graphemes: the family emoji is one
        ("bluesky", "İyi bayramlar 🎉", 15),
        ("linkedin", "¡Feliz año! 🎉", 13),
        ("unknown-network", "e\u0301", 1),  # a combining accent joins its letter
    ],
)
def test_length_as_the_network_counts(network: str, text: str, length: int) -> None:
    assert network_length(text, network) == length


def test_limits() -> None:
    assert network_limit("x") == 280
    assert network_limit("Mastodon") == 500
    assert network_limit("bluesky") == 300
    assert network_limit("somewhere") is None
