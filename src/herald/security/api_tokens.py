"""API tokens: shown once as ``hrd_<id>_<secret>``, stored as a SHA-256 of the secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

PREFIX = "hrd"

SCOPES: tuple[str, ...] = (
    "scan",
    "posts:read",
    "posts:write",
    "approvals:write",
    "accounts:read",
    "accounts:write",
    "people:read",
    "people:write",
    "policy:read",
    "policy:write",
    "audit:read",
)


class UnknownScopeError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token_id: str
    plaintext: str
    """Give this to the client once; it is never stored."""
    secret_hash: str


def _digest(secret: str) -> str:
    # The secret has 256 random bits, so a fast digest resists guessing as well as a slow one.
    return hashlib.sha256(secret.encode("ascii", "replace")).hexdigest()


def check_scopes(scopes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise UnknownScopeError(f"unknown scope(s): {', '.join(unknown)}")
    return tuple(dict.fromkeys(scopes))


def issue() -> IssuedToken:
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return IssuedToken(token_id, f"{PREFIX}_{token_id}_{secret}", _digest(secret))


def parse(plaintext: str) -> tuple[str, str] | None:
    """(token id, secret) from a presented token, or None when it is not one of ours."""
    parts = plaintext.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def secret_matches(secret: str, secret_hash: str) -> bool:
    return hmac.compare_digest(_digest(secret), secret_hash)
