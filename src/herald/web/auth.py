"""Who is calling: a signed-in person (session cookie + CSRF) or an API client (token).

Routes declare what they need with ``Annotated`` aliases so a signature reads as its
access rule; what a role may do is asked of the service layer, never decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Protocol

from fastapi import Depends, Request

from herald.web.errors import ApiError

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Principal:
    person_id: int
    org_id: int
    name: str
    email: str
    role: str
    lang: str
    scopes: frozenset[str] | None
    """Token scopes; None for a signed-in person (the role decides)."""
    token_id: str | None = None
    must_enrol_2fa: bool = False
    """The organisation requires two-factor sign-in and this person has not set it up."""
    must_change_password: bool = False
    """A first password, or one an administrator reset: to change before anything else."""
    time_zone: str = "UTC"
    """Where the person's clock is: every time on a page is shown in it."""

    def with_enrolled(self) -> Principal:
        return replace(self, must_enrol_2fa=False)

    def with_password_changed(self) -> Principal:
        return replace(self, must_change_password=False)

    def allows(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes


class Directory(Protocol):
    """Looks callers up; the web app gets one backed by the store."""

    def principal_for_session(self, sid: str, person_id: int) -> Principal | None:
        """The person behind a signed-in session; None once it ended (sign-out, revocation,
        deactivation, a new password) or expired."""
        ...

    def principal_for_token(self, plaintext: str) -> Principal | None: ...

    def person_id_for_email(self, email: str) -> int | None:
        """An active person with this e-mail address (case-insensitive)."""
        ...


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def optional_principal(request: Request) -> Principal | None:
    directory: Directory | None = getattr(request.app.state, "directory", None)
    if directory is None:
        return None
    token = _bearer(request)
    if token is not None:
        principal = directory.principal_for_token(token)
        if principal is None:
            raise ApiError(401, "invalid_token", "the API token is unknown, revoked or malformed")
        return principal
    person_id = request.state.session.person_id
    if person_id is None:
        return None
    principal = directory.principal_for_session(request.state.session.sid, person_id)
    if principal is not None:
        request.state.person = principal
    return principal


async def api_principal(request: Request) -> Principal:
    principal = await optional_principal(request)
    if principal is None:
        raise ApiError(401, "unauthenticated", "sign in or send an API token (Bearer)")
    if principal.token_id is None and request.method not in _SAFE_METHODS:
        # A browser session: a state change must carry the page's CSRF token.
        token = request.headers.get("x-csrf-token")
        if not request.app.state.csrf.is_valid(request.state.session.sid, token):
            raise ApiError(403, "csrf_failed", "missing or invalid X-CSRF-Token header")
    return principal


ApiPrincipal = Annotated[Principal, Depends(api_principal)]


def require_scope(principal: Principal, scope: str) -> None:
    if not principal.allows(scope):
        raise ApiError(403, "insufficient_scope", f"this token lacks the {scope!r} scope")
