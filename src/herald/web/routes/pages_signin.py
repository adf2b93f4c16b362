"""Signing in and out: password, then a second factor when the person has one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from herald.security.credentials import CredentialStore
from herald.security.ratelimit import AttemptLimiter
from herald.text.fold import fold_term
from herald.web.auth import Directory
from herald.web.guards import check_form_csrf, safe_next
from herald.web.rendering import localizer, render
from herald.web.sessions import begin_signed_in, end_signed_in

router = APIRouter(include_in_schema=False)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limited(request: Request, keys: list[str]) -> float:
    limiter: AttemptLimiter = request.app.state.signin_limiter
    return max(limiter.retry_after(k) for k in keys)


def _too_many(request: Request, template: str, wait_s: float, **context: object) -> Response:
    fmt = localizer(request)
    minutes = max(1, round(wait_s / 60))
    error = fmt.ngettext(
        "Too many attempts. Try again in %(num)d minute.",
        "Too many attempts. Try again in %(num)d minutes.",
        minutes,
    )
    response = render(request, template, {"error": error, **context}, status=429)
    response.headers["Retry-After"] = str(int(wait_s) + 1)
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
    limiter: AttemptLimiter = request.app.state.signin_limiter
    keys = [f"ip:{_client(request)}", f"email:{fold_term(email.strip())}"]
    context = {"next": safe_next(next), "email": email}
    wait = _limited(request, keys)
    if wait > 0:
        return _too_many(request, "signin.html", wait, **context)
    person_id = directory.person_id_for_email(email.strip())
    if person_id is None or not credentials.check_password(person_id, password):
        if person_id is None:
            credentials.check_password(-1, password)  # same cost either way
        for key in keys:
            limiter.record_failure(key)
        error = localizer(request).gettext("The e-mail address or the password is wrong.")
        return render(request, "signin.html", {"error": error, **context}, status=401)
    for key in keys:
        limiter.reset(key)
    session = request.state.session
    if credentials.second_factor(person_id) is not None:
        request.state.session = session.awaiting_second_factor(person_id)
        return RedirectResponse(f"/signin/2fa?next={safe_next(next)}", status_code=303)
    begin_signed_in(request, person_id)
    record = getattr(request.app.state, "on_signin", None)
    if record is not None:
        record(person_id, _client(request), "password")
    return RedirectResponse(safe_next(next), status_code=303)


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
    limiter: AttemptLimiter = request.app.state.signin_limiter
    keys = [f"ip:{_client(request)}", f"2fa:{person_id}"]
    wait = _limited(request, keys)
    if wait > 0:
        return _too_many(request, "signin_2fa.html", wait, next=safe_next(next))
    credentials: CredentialStore = request.app.state.credentials
    if not credentials.verify_second_factor(person_id, code):
        for key in keys:
            limiter.record_failure(key)
        error = localizer(request).gettext("That code is not valid. Try the current one.")
        return render(
            request, "signin_2fa.html", {"error": error, "next": safe_next(next)}, status=401
        )
    for key in keys:
        limiter.reset(key)
    begin_signed_in(request, person_id)
    record = getattr(request.app.state, "on_signin", None)
    if record is not None:
        record(person_id, _client(request), "totp")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/signout")
async def signout(request: Request) -> Response:
    await check_form_csrf(request)
    end_signed_in(request)
    return RedirectResponse("/signin", status_code=303)
