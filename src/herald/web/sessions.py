"""Signed session cookies: who is signed in, how far (password only or two factors).

The cookie carries a random session id that is replaced at every sign-in (no fixation),
is signed with the secret key (no forgery) and expires (max age checked on read). A
signed-in session also has a row in the database (``herald_web_sessions``): sign-out,
"sign out everywhere", a new password and deactivation delete rows, and a cookie whose
row is gone no longer signs anyone in, even a copy taken before.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, replace
from typing import Any

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from herald.security.credentials import CredentialStore

COOKIE_NAME = "herald_session"


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True, slots=True)
class Session:
    sid: str
    person_id: int | None = None
    pending_person_id: int | None = None
    """Password checked, second factor still to come."""
    locale: str | None = None
    signed_in_at: int = 0
    """Unix time of the sign-in in milliseconds; sessions from before a revocation are refused."""

    @classmethod
    def anonymous(cls, locale: str | None = None) -> Session:
        return cls(sid=secrets.token_urlsafe(18), locale=locale)

    def signed_in(self, person_id: int) -> Session:
        return Session(
            sid=secrets.token_urlsafe(18),
            person_id=person_id,
            locale=self.locale,
            signed_in_at=now_ms(),
        )

    def awaiting_second_factor(self, person_id: int) -> Session:
        return Session(
            sid=secrets.token_urlsafe(18), pending_person_id=person_id, locale=self.locale
        )

    def signed_out(self) -> Session:
        return Session.anonymous(self.locale)

    def with_locale(self, locale: str) -> Session:
        return replace(self, locale=locale)


class SessionCodec:
    def __init__(self, secret_key: str, max_age_s: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="herald-session")
        self.max_age_s = max_age_s

    def dumps(self, session: Session) -> str:
        data: dict[str, Any] = {"sid": session.sid}
        if session.person_id is not None:
            data["p"] = session.person_id
        if session.pending_person_id is not None:
            data["pp"] = session.pending_person_id
        if session.locale is not None:
            data["l"] = session.locale
        if session.signed_in_at:
            data["t"] = session.signed_in_at
        return self._serializer.dumps(data)

    def loads(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age_s)
        except BadSignature:  # also covers expired signatures
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        person = data.get("p")
        pending = data.get("pp")
        locale = data.get("l")
        signed_in_at = data.get("t")
        return Session(
            sid=data["sid"],
            person_id=person if isinstance(person, int) else None,
            pending_person_id=pending if isinstance(pending, int) else None,
            locale=locale if isinstance(locale, str) else None,
            signed_in_at=signed_in_at if isinstance(signed_in_at, int) else 0,
        )


def begin_signed_in(request: Request, person_id: int) -> None:
    """Give this browser a fresh signed-in session, recorded server-side."""
    credentials: CredentialStore = request.app.state.credentials
    codec: SessionCodec = request.app.state.sessions
    session: Session = request.state.session.signed_in(person_id)
    credentials.start_session(person_id, session.sid, codec.max_age_s)
    request.state.session = session


def end_signed_in(request: Request) -> None:
    """Sign-out: the session's row goes, so every copy of its cookie stops working."""
    credentials: CredentialStore = request.app.state.credentials
    session: Session = request.state.session
    if session.person_id is not None:
        credentials.end_session(session.sid)
    request.state.session = session.signed_out()
