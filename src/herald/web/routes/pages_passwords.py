"""One-time links: accepting an invitation, and a forgotten password reset by e-mail.

The links' e-mails are sent at once (after the commit), never kept in an outbox: the
token in them is stored only as a hash. Asking for a reset answers the same whether or
not the address is known.
"""

from __future__ import annotations

import logging
import threading
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import mailer, people_lifecycle
from herald.services.errors import GovernanceError
from herald.web.guards import check_form_csrf
from herald.web.rendering import localizer, render
from herald.web.routes.pages_account import strength_problems
from herald.web.sessions import begin_signed_in
from herald.web.settings import Settings
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

_PAGES = {"invite": "/invite/", "reset": "/password/reset/"}


def mail_now(settings: Settings, to: str, subject: str, body: str) -> str | None:
    """Send one e-mail now; the error's text when it could not be sent (or no SMTP)."""
    if settings.smtp is None:
        return "no SMTP server is set up (HERALD_SMTP_HOST)"
    try:
        mailer.send(settings.smtp, to, subject, body)
    except mailer.SEND_ERRORS as exc:
        log.warning("e-mail to %s not sent: %s", to, exc)
        return f"{type(exc).__name__}: {exc}"
    return None


def _link_page(request: Request, purpose: str, token: str, **context: object) -> Response:
    workspace: Workspace = request.app.state.workspace
    person = workspace.read(lambda s: people_lifecycle.link_person(s, token, purpose))
    status = int(str(context.pop("status", 200)))
    values: dict[str, object] = {
        "purpose": purpose,
        "action": _PAGES[purpose] + token,
        "valid": person is not None,
        "invitee": {"name": person.name, "email": person.email} if person else None,
        **context,
    }
    if person is None:
        status = 404 if status == 200 else status
    return render(request, "password_link.html", values, status=status)


async def _redeem(
    request: Request, purpose: str, token: str, password: str, name: str = ""
) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    person = workspace.read(lambda s: people_lifecycle.link_person(s, token, purpose))
    if person is None:
        return _link_page(request, purpose, token)
    problems = strength_problems(request, password, name or person.name, person.email)
    if problems:
        return _link_page(request, purpose, token, password_problems=problems, status=400)

    def work(session: Session) -> int:
        return people_lifecycle.redeem(session, token, purpose, password, name).id

    try:
        person_id = workspace.write(work)
    except GovernanceError as error:
        return _link_page(
            request,
            purpose,
            token,
            password_problems=[error.message(request.state.locale)],
            status=400,
        )
    begin_signed_in(request, person_id)
    return RedirectResponse("/", status_code=303)


@router.get("/invite/{token}", response_class=HTMLResponse)
def invitation_page(request: Request, token: str) -> Response:
    return _link_page(request, "invite", token)


@router.post("/invite/{token}")
async def accept_invitation(
    request: Request,
    token: str,
    password: Annotated[str, Form(max_length=1024)],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    return await _redeem(request, "invite", token, password, name)


@router.get("/password/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, token: str) -> Response:
    return _link_page(request, "reset", token)


@router.post("/password/reset/{token}")
async def reset_password(
    request: Request, token: str, password: Annotated[str, Form(max_length=1024)]
) -> Response:
    return await _redeem(request, "reset", token, password)


@router.get("/password/forgot", response_class=HTMLResponse)
def forgot_page(request: Request) -> Response:
    return render(request, "password_forgot.html", {})


@router.post("/password/forgot")
async def forgot_password(
    request: Request, email: Annotated[str, Form(max_length=320)]
) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    settings: Settings = request.app.state.settings
    link = workspace.write(lambda s: people_lifecycle.start_reset(s, email))
    if link is not None:
        # Sent beside the answer, so the answer takes as long for an unknown address.
        subject, body = people_lifecycle.reset_email(link, settings.base_url)
        threading.Thread(
            target=mail_now, args=(settings, link.email, subject, body), daemon=True
        ).start()
    message = localizer(request).gettext(
        "If %(email)s belongs to someone here, a link to choose a new password is on its way. "
        "It works once, for an hour.",
        email=email.strip(),
    )
    return render(request, "password_forgot.html", {"flash": message, "sent": True})
