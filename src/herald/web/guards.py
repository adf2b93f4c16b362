"""Page guards: who must be signed in, and CSRF on every state-changing form."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from herald.web.auth import Principal, optional_principal


class SignInRequiredError(Exception):
    """Raised by page guards; the app answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfError(Exception):
    """A form arrived without the token its page carried."""


class EnrolmentRequiredError(Exception):
    """The organisation requires two-factor sign-in and this person has not set it up."""


class PasswordChangeRequiredError(Exception):
    """A first (or administrator-reset) password must be changed before anything else."""


class ForbiddenError(Exception):
    """The service layer refused the action for this person; ``message`` says why."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


async def signed_in(request: Request) -> Principal:
    principal = await optional_principal(request)
    if principal is None or principal.token_id is not None:
        raise SignInRequiredError(request.url.path)
    if principal.must_change_password and not request.url.path.startswith(
        ("/account/security", "/account/password")
    ):
        raise PasswordChangeRequiredError()
    if principal.must_enrol_2fa and not request.url.path.startswith("/account/security"):
        raise EnrolmentRequiredError()
    return principal


SignedIn = Annotated[Principal, Depends(signed_in)]


async def check_form_csrf(request: Request) -> None:
    form = await request.form()
    token = form.get("csrf_token")
    if not isinstance(token, str) or not request.app.state.csrf.is_valid(
        request.state.session.sid, token
    ):
        raise CsrfError()


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site: never '//evil.example' or 'https://…' (open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
