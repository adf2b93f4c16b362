"""Signing in and out: password, then a second factor when the person has one."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from herald.security.credentials import CredentialStore
from herald.web.auth import Directory
from herald.web.guards import check_form_csrf, safe_next
from herald.web.rendering import localizer, render
from herald.web.sessions import begin_signed_in, end_signed_in
from herald.web.signin_guard import SigninGuard

router = APIRouter(include_in_schema=False)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _too_many(request: Request, template: str, wait_s: float, **context: object) -> Response:
    fmt = localizer(request)
    minutes = max(1, math.ceil(wait_s / 60))
    error = fmt.ngettext(
        "Too many attempts. Try again in %(num)d minute.",
        "Too many attempts. Try again in %(num)d minutes.",
        minutes,
    )
    response = render(request, template, {"error": error, **context}, status=429)
    response.headers["Retry-After"] = str(math.ceil(wait_s))
    return response


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, next: str = "/") -> Response:
    return render(request, "signin.html", {"next": safe_next(next), "email": ""})


@router.post("/signin")
async def signin(
    request: Request,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    await check_form_csrf(request)
    directory: Directory = request.app.state.directory
    credentials: CredentialStore = request.app.state.credentials
    guard: SigninGuard = request.app.state.signin_guard
    context = {"next": safe_next(next), "email": email}
    device = guard.device(request)
    keys = guard.password_keys(email, _client(request), device)
    wait = guard.throttle.wait_s(keys)
    if wait > 0:
        return _too_many(request, "signin.html", wait, **context)
    person_id = directory.person_id_for_email(email)
    if person_id is None or not credentials.check_password(person_id, password):
        if person_id is None:
            credentials.check_password(-1, password)  # same cost either way
        # Unknown accounts are counted like known ones: the answers never tell them apart.
        guard.throttle.record_failure(keys)
        error = localizer(request).gettext("The e-mail address or the password is wrong.")
        return render(request, "signin.html", {"error": error, **context}, status=401)
    guard.throttle.clear(keys[0])  # the account (on this device); never the address
    session = request.state.session
    if credentials.second_factor(person_id) is not None:
        request.state.session = session.awaiting_second_factor(person_id)
        return RedirectResponse(f"/signin/2fa?next={safe_next(next)}", status_code=303)
    begin_signed_in(request, person_id)
    record = getattr(request.app.state, "on_signin", None)
    if record is not None:
        record(person_id, _client(request), "password")
    response = RedirectResponse(safe_next(next), status_code=303)
    guard.remember_device(request, response, device, email)
    return response


@router.get("/signin/2fa", response_class=HTMLResponse)
def second_factor_form(request: Request, next: str = "/") -> Response:
    if request.state.session.pending_person_id is None:
        return RedirectResponse("/signin", status_code=303)
    return render(request, "signin_2fa.html", {"next": safe_next(next)})


@router.post("/signin/2fa")
async def second_factor(
    request: Request,
    code: Annotated[str, Form(max_length=64)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    await check_form_csrf(request)
    session = request.state.session
    person_id = session.pending_person_id
    if person_id is None:
        return RedirectResponse("/signin", status_code=303)
    guard: SigninGuard = request.app.state.signin_guard
    keys = guard.second_factor_keys(person_id, _client(request))
    wait = guard.throttle.wait_s(keys)
    if wait > 0:
        return _too_many(request, "signin_2fa.html", wait, next=safe_next(next))
    credentials: CredentialStore = request.app.state.credentials
    if not credentials.verify_second_factor(person_id, code):
        guard.throttle.record_failure(keys)
        error = localizer(request).gettext("That code is not valid. Try the current one.")
        return render(
            request, "signin_2fa.html", {"error": error, "next": safe_next(next)}, status=401
        )
    guard.throttle.clear(keys[0])
    begin_signed_in(request, person_id)
    record = getattr(request.app.state, "on_signin", None)
    if record is not None:
        record(person_id, _client(request), "totp")
    response = RedirectResponse(safe_next(next), status_code=303)
    guard.remember_device_for(request, response, person_id)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    await check_form_csrf(request)
    end_signed_in(request)
    return RedirectResponse("/signin", status_code=303)
