from __future__ import annotations

from detectors.detect import detections, found

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def test_token_in_a_sentence() -> None:
    assert found("jwt", f"Bearer {JWT}.", "en") == [("JWT", JWT)]
    (d,) = detections("jwt", JWT, "tr")
    assert d.validation == "header is JSON with alg HS256"


def test_not_a_token() -> None:
    assert found("jwt", "eyJub3QiOiJqd3QifQ.eyJhYmMiOjF9.c2lnbmF0dXJlMTIz", "en") == []
    assert found("jwt", "eyJxxxxx.eyJyyyyy.zzzzzzzzzzzz", "en") == []
