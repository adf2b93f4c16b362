"""CSRF tokens bound to a session: a random nonce and an HMAC over session id and nonce."""

from __future__ import annotations

import hashlib
import hmac
import secrets


class CsrfTokens:
    def __init__(self, secret_key: str) -> None:
        self._key = hashlib.sha256(b"herald-csrf:" + secret_key.encode()).digest()

    def _mac(self, session_id: str, nonce: str) -> str:
        message = f"{session_id}:{nonce}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def issue(self, session_id: str) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._mac(session_id, nonce)}"

    def is_valid(self, session_id: str, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        nonce, mac = token.split(".", 1)
        return hmac.compare_digest(mac, self._mac(session_id, nonce))
