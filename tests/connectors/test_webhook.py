"""The signed webhook: authentic and fresh deliveries only; items parsed like file lines."""

from __future__ import annotations

import json

import pytest

from herald.connectors.webhook import SignatureError, parse_payload, sign, verify_signature

SECRET = b"shared-secret-0123456789"
NOW = 1_780_000_000
BODY = json.dumps(
    {"id": "w1", "ts": "2026-12-01T10:00:00Z", "author": "zeynep", "text": "Merhaba"}
).encode()


def test_a_fresh_correctly_signed_delivery_passes() -> None:
    signature = sign(SECRET, str(NOW), BODY)
    verify_signature(SECRET, str(NOW), BODY, signature, now=NOW + 10)
    verify_signature(SECRET, str(NOW), BODY, signature.removeprefix("sha256="), now=NOW)


@pytest.mark.parametrize(
    ("timestamp", "body", "signature", "reason"),
    [
        (str(NOW), BODY + b" ", sign(SECRET, str(NOW), BODY), "mismatch"),
        (str(NOW), BODY, sign(b"another-secret-0123456789", str(NOW), BODY), "mismatch"),
        (str(NOW + 1), BODY, sign(SECRET, str(NOW), BODY), "mismatch"),
        (str(NOW), BODY, "sha256=" + "0" * 64, "mismatch"),
        (str(NOW), BODY, "şifre", "mismatch"),
        (str(NOW - 301), BODY, sign(SECRET, str(NOW - 301), BODY), "stale"),
        (str(NOW + 301), BODY, sign(SECRET, str(NOW + 301), BODY), "stale"),
        ("yesterday", BODY, sign(SECRET, "yesterday", BODY), "malformed"),
    ],
    ids=["body", "secret", "timestamp", "zeros", "non-ascii", "replayed", "future", "bad-ts"],
)
def test_tampered_replayed_or_malformed_deliveries_are_refused(
    timestamp: str, body: bytes, signature: str, reason: str
) -> None:
    with pytest.raises(SignatureError) as caught:
        verify_signature(SECRET, timestamp, body, signature, now=NOW)
    assert caught.value.reason == reason


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(SignatureError) as caught:
        verify_signature(b"short", str(NOW), BODY, sign(b"short", str(NOW), BODY), now=NOW)
    assert caught.value.reason == "weak_secret"


def test_one_item_a_list_or_an_items_object() -> None:
    assert [i.id for i in parse_payload(BODY).items] == ["w1"]
    record = json.loads(BODY)
    many = [record, {**record, "id": "w2"}]
    assert [i.network for i in parse_payload(json.dumps(many).encode()).items] == ["webhook"] * 2
    wrapped = json.dumps({"items": many}).encode()
    assert [i.id for i in parse_payload(wrapped, network="crm").items] == ["w1", "w2"]


def test_bad_items_are_named_and_the_rest_kept() -> None:
    record = json.loads(BODY)
    result = parse_payload(json.dumps([record, "oops", {**record, "id": ""}]).encode())
    assert [i.id for i in result.items] == ["w1"]
    assert [(e.line, e.code, e.field) for e in result.errors] == [
        (2, "invalid_json", None),
        (3, "missing", "id"),
    ]


@pytest.mark.parametrize("body", [b"\xff{}", b"{", b"[" * 50_000, b"42", b"x" * 5_000_001])
def test_a_malformed_body_is_one_clear_error(body: bytes) -> None:
    result = parse_payload(body)
    assert result.items == ()
    assert len(result.errors) == 1
    assert result.errors[0].message()
