"""A person's own security: password, two-factor sign-in, recovery codes, API tokens."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from herald.security import api_tokens, passwords, totp
from herald.security.credentials import CredentialStore
from herald.services import people_lifecycle
from herald.services.errors import GovernanceError
from herald.web.auth import Principal
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.qr import qr_svg
from herald.web.rendering import localizer, render
from herald.web.sessions import begin_signed_in
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


def strength_problems(request: Request, password: str, name: str, email: str) -> list[str]:
    """Why ``password`` is too weak, in the page's language; empty when it will do."""
    fmt = localizer(request)
    report = passwords.check_strength(password, user_inputs=[name, email, *name.split()])
    if report.acceptable:
        return []
    return [
        fmt.gettext(p, min=passwords.MIN_LENGTH, max=passwords.MAX_LENGTH)
        if "%(" in p
        else fmt.gettext(p)
        for p in report.problems
    ]


def _page(request: Request, me: SignedIn, **context: object) -> Response:
    credentials: CredentialStore = request.app.state.credentials
    enabled = credentials.second_factor(me.person_id) is not None
    values: dict[str, object] = {
        "totp_enabled": enabled,
        "tokens": credentials.tokens(me.person_id),
        "scopes": api_tokens.SCOPES,
    }
    if not enabled and "new_secret" not in context:
        secret = totp.new_secret()
        values["new_secret"] = secret
        values["otpauth"] = totp.provisioning_uri(secret, me.email)
    values.update(context)
    if not enabled and values.get("otpauth"):
        title = localizer(request).gettext("QR code to scan with your authenticator app")
        values["qr"] = qr_svg(str(values["otpauth"]), title)
    values["zones"] = people_lifecycle.time_zones()
    status = int(str(values.pop("status", 200)))
    return render(request, "account_security.html", values, status=status)


def _end_other_sessions(request: Request, me: Principal) -> None:
    """Sign out every other browser; this one gets a new session id."""
    credentials: CredentialStore = request.app.state.credentials
    credentials.end_sessions(me.person_id)
    begin_signed_in(request, me.person_id)


@router.post("/account/sessions/revoke")
async def sign_out_everywhere(request: Request, me: SignedIn) -> Response:
    await check_form_csrf(request)
    _end_other_sessions(request, me)
    on_security = getattr(request.app.state, "on_security_event", None)
    if on_security is not None:
        on_security(me.person_id, "sessions_revoked")
    return _page(request, me, flash=localizer(request).gettext("Every other session was ended."))


@router.get("/account/security", response_class=HTMLResponse)
def security_page(request: Request, me: SignedIn) -> Response:
    return _page(request, me)


@router.post("/account/security/totp")
async def enable_totp(
    request: Request,
    me: SignedIn,
    secret: Annotated[str, Form(max_length=64)],
    code: Annotated[str, Form(max_length=16)],
) -> Response:
    await check_form_csrf(request)
    fmt = localizer(request)
    credentials: CredentialStore = request.app.state.credentials
    setup_step = totp.verify_code(secret, code)
    if setup_step is None:
        return _page(
            request,
            me,
            new_secret=secret,
            otpauth=totp.provisioning_uri(secret, me.email),
            totp_error=fmt.gettext("That code does not match. Check the time on your phone."),
            status=400,
        )
    codes = credentials.enable_totp(me.person_id, secret, used_step=setup_step)
    on_security = getattr(request.app.state, "on_security_event", None)
    if on_security is not None:
        on_security(me.person_id, "totp_enabled")
    _end_other_sessions(request, me)
    request.state.person = me.with_enrolled()
    return _page(
        request,
        request.state.person,
        recovery_codes=codes,
        flash=fmt.gettext("Two-factor sign-in is on."),
    )


@router.post("/account/password")
async def change_password(
    request: Request,
    me: SignedIn,
    current: Annotated[str, Form(max_length=1024)],
    new: Annotated[str, Form(max_length=1024)],
) -> Response:
    await check_form_csrf(request)
    fmt = localizer(request)
    credentials: CredentialStore = request.app.state.credentials
    if not credentials.check_password(me.person_id, current):
        return _page(
            request,
            me,
            password_problems=[fmt.gettext("Your current password is wrong.")],
            status=400,
        )
    problems = strength_problems(request, new, me.name, me.email)
    if problems:
        return _page(request, me, password_problems=problems, status=400)
    credentials.set_password(me.person_id, new)
    workspace: Workspace = request.app.state.workspace
    workspace.write(
        lambda s: people_lifecycle.require_password_change(s, me.person_id, required=False)
    )
    on_security = getattr(request.app.state, "on_security_event", None)
    if on_security is not None:
        on_security(me.person_id, "password_changed")
    _end_other_sessions(request, me)
    request.state.person = me.with_password_changed()
    return _page(request, request.state.person, flash=fmt.gettext("Your password was changed."))


@router.post("/account/time-zone")
async def set_time_zone(
    request: Request, me: SignedIn, time_zone: Annotated[str, Form(max_length=64)]
) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    fmt = localizer(request)
    try:
        zone = workspace.write(lambda s: people_lifecycle.set_time_zone(s, me.person_id, time_zone))
    except GovernanceError as error:
        return _page(request, me, zone_error=error.message(request.state.locale), status=400)
    request.state.person = replace(me, time_zone=zone)
    return _page(
        request,
        request.state.person,
        flash=fmt.gettext("Times are now shown in %(zone)s.", zone=zone),
    )


@router.post("/account/tokens")
async def create_token(
    request: Request,
    me: SignedIn,
    name: Annotated[str, Form(min_length=1, max_length=200)],
    scopes: Annotated[list[str] | None, Form()] = None,
) -> Response:
    await check_form_csrf(request)
    fmt = localizer(request)
    credentials: CredentialStore = request.app.state.credentials
    try:
        _, plaintext = credentials.issue_token(me.person_id, name, scopes or ["scan"])
    except api_tokens.UnknownScopeError:
        return _page(request, me, token_error=fmt.gettext("Unknown scope."), status=400)
    return _page(request, me, new_token=plaintext, flash=fmt.gettext("The token was created."))


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token(request: Request, me: SignedIn, token_id: str) -> Response:
    await check_form_csrf(request)
    fmt = localizer(request)
    credentials: CredentialStore = request.app.state.credentials
    credentials.revoke_token(me.person_id, token_id)
    return _page(request, me, flash=fmt.gettext("The token was revoked."))
