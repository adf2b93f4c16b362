from __future__ import annotations

import pytest

from herald.detectors.placeholders import (
    character_classes,
    is_commit_hash,
    is_placeholder,
    is_uuid,
    shannon_entropy,
)


@pytest.mark.parametrize(
    "value",
    [
        "<token>",
        "[password]",
        "${API_KEY}",
        "%PASSWORD%",
        "xxxx",
        "****",
        "YOUR_API_KEY",
        "your-token-here",
        "changeme",
        "AKIAIOSFODNN7EXAMPLE",
        "şifre",
    ],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["Kedi1234", "8fK2mQ9xLp4RtZ7w", "hunter2"])
def test_real_looking_values(value: str) -> None:
    assert not is_placeholder(value)


def test_shapes() -> None:
    assert is_uuid("550e8400-e29b-41d4-a716-446655440000")
    assert not is_uuid("550e8400e29b41d4a716446655440000")
    assert is_commit_hash("3f2a9c1")
    assert not is_commit_hash("3f2a9cz")
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == 2.0
    assert character_classes("aB3!") == 4
