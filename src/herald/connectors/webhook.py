"""A generic signed webhook: any system can push messages to Herald over HTTPS.

The sender signs ``f"{timestamp}.{body}"`` with HMAC-SHA256 under a shared secret and sends
the hex digest (optionally prefixed ``sha256=``) with the Unix timestamp. Herald accepts a
delivery only if the signature matches (constant-time comparison) and the timestamp is
within ``window`` seconds of now, so a captured request cannot be replayed later; a replay
inside the window carries the same item ids and is deduplicated by (network, id).

The body is JSON: one item, a list of items, or ``{"items": [...]}``, with the fields of
:mod:`herald.connectors.files`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from herald.connectors.files import ImportResult, LineError, read_records

DEFAULT_WINDOW_S = 300
MAX_BODY_BYTES = 5_000_000
MIN_SECRET_BYTES = 16


class SignatureError(Exception):
    """The delivery is refused; ``reason`` is one of: malformed, stale, mismatch, weak_secret."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"webhook refused ({reason}): {detail}")
        self.reason = reason


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    """The signature a sender puts in its request (``sha256=`` + hex)."""
    mac = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(
    secret: bytes,
    timestamp: str,
    body: bytes,
    signature: str,
    now: float,
    window: int = DEFAULT_WINDOW_S,
) -> None:
    """Return if the delivery is authentic and fresh; raise :class:`SignatureError` if not."""
    if len(secret) < MIN_SECRET_BYTES:
        raise SignatureError("weak_secret", f"the secret needs {MIN_SECRET_BYTES}+ bytes")
    try:
        sent_at = int(timestamp.strip())
    except (ValueError, AttributeError):
        raise SignatureError("malformed", "the timestamp is not Unix seconds") from None
    if abs(now - sent_at) > window:
        raise SignatureError("stale", f"timestamp outside the {window} s window")
    given = signature.strip().removeprefix("sha256=")
    expected = sign(secret, str(sent_at), body).removeprefix("sha256=")
    # compare_digest on bytes: constant time whatever the input, even non-ASCII.
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("ascii")):
        raise SignatureError("mismatch", "the signature does not match the body")


def parse_payload(body: bytes, *, network: str = "webhook") -> ImportResult:
    """Items from a verified body; a bad item is a named error, the others are kept."""
    if len(body) > MAX_BODY_BYTES:
        return ImportResult((), (LineError(0, "too_long", "body", limit=MAX_BODY_BYTES),))
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return ImportResult((), (LineError(0, "invalid_utf8"),))
    except (ValueError, RecursionError) as error:
        detail = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
        return ImportResult((), (LineError(0, "invalid_json", detail=detail),))
    if isinstance(data, Mapping) and isinstance(data.get("items"), list):
        data = data["items"]
    if isinstance(data, Mapping):
        data = [data]
    if not isinstance(data, list):
        return ImportResult((), (LineError(0, "invalid_json", detail=type(data).__name__),))
    return read_records(data, network=network)
