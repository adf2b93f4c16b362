"""Time-based one-time passwords (RFC 6238) and single-use recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable

import pyotp

ISSUER = "Herald"
_STEP_S = 30
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret() -> str:
    """A fresh 160-bit base32 secret (pyotp refuses anything under 112 bits)."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, account_name: str) -> str:
    """The otpauth:// URI an authenticator app reads (usually as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER)


def current_code(secret: str, at: float | None = None) -> str:
    return pyotp.TOTP(secret).at(time.time() if at is None else at)


def verify_code(
    secret: str, code: str, *, last_used_step: int | None = None, at: float | None = None
) -> int | None:
    """The time step ``code`` belongs to (one step of clock drift either way), else None.

    A step at or before ``last_used_step`` is refused, so an observed code cannot be replayed.
    """
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    now = time.time() if at is None else at
    totp = pyotp.TOTP(secret)
    current_step = int(now // _STEP_S)
    for step in (current_step - 1, current_step, current_step + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        if hmac.compare_digest(totp.at(step * _STEP_S), code):
            return step
    return None


def generate_recovery_codes(count: int = 10) -> list[str]:
    """Codes like ``k7qp-x3mz-9dwe``: shown once, stored only as hashes."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.strip().lower() if ch.isalnum())


def hash_recovery_code(code: str) -> str:
    # 60 random bits, single use and behind a password: a plain digest is enough, and
    # lets a sign-in find the matching code without trying a slow hash per stored code.
    return hashlib.sha256(_normalise(code).encode("ascii", "replace")).hexdigest()


def match_recovery_code(code: str, stored_hashes: Iterable[str]) -> str | None:
    """The stored hash ``code`` matches (the caller deletes it: single use), else None."""
    candidate = hash_recovery_code(code)
    for stored in stored_hashes:
        if hmac.compare_digest(candidate, stored):
            return stored
    return None
