from __future__ import annotations

import pytest

from detectors.detect import detections, found

GITHUB = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"  # split: not a real token
STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", f"Deploy anahtarı {GITHUB} burada", [("API_KEY", GITHUB)]),
        ("en", f"stripe key: {STRIPE}.", [("API_KEY", STRIPE)]),
        ("en", "AKIAQWERTYUIOPASDFGH", [("API_KEY", "AKIAQWERTYUIOPASDFGH")]),
        ("es", "xoxb-123456789012-abcdefghijkl", [("API_KEY", "xoxb-123456789012-abcdefghijkl")]),
        (
            "tr",
            "api anahtarım 8fK2mQ9xLp4RtZ7wVb3NcY6hJ1sD5gAe",
            [("SECRET", "8fK2mQ9xLp4RtZ7wVb3NcY6hJ1sD5gAe")],
        ),
        ("es", "clave secreta: Zr7Qp2Lx9Wm4Kv8Nb3Ty6Hs1", [("SECRET", "Zr7Qp2Lx9Wm4Kv8Nb3Ty6Hs1")]),
    ],
)
def test_secrets(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("secrets", text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "AWS example key AKIAIOSFODNN7EXAMPLE",  # the documented example
        "token: <token>",
        "api key: YOUR_API_KEY",
        "token: xxxxxxxxxxxxxxxxxxxxxxxx",
        "secret: ************************",
        "token 550e8400-e29b-41d4-a716-446655440000",  # a UUID
        "fix in https://github.com/acme/app/commit/3f2a9c1e8b7d6f5a4e3c2b1a0f9e8d7c6b5a4f3e",
        "8fK2mQ9xLp4RtZ7wVb3NcY6hJ1sD5gAe",  # random-looking, but nothing calls it a secret
        "sk_live_xxxxxxxxxxxxxxxxxxxx",
    ],
)
def test_not_a_secret(text: str) -> None:
    assert found("secrets", text, "en") == []


def test_names_the_provider() -> None:
    (d,) = detections("secrets", f"token {GITHUB}", "en")
    assert d.message_args == {"provider": "GitHub token"}
    assert d.pattern == "GitHub token format"
