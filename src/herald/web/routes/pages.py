"""Pages every visitor can reach, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from herald.services import approvals
from herald.web.engine import rule_views
from herald.web.guards import SignedIn, check_form_csrf, safe_next, signed_in
from herald.web.i18n import LOCALES
from herald.web.rendering import render
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


LANDING: dict[str, str] = {
    "owner": "/settings",
    "admin": "/settings",
    "compliance_officer": "/approvals",
    "approver": "/approvals",
    "publisher": "/posts?state=approved",
    "contributor": "/compose",
    "agent": "/posts",
    "viewer": "/posts",
}
"""Where each role's work is: reviewers on their queue, authors in the composer,
publishers on what is approved and waiting to be scheduled, administrators on settings."""


@router.get("/")
async def home(request: Request) -> Response:
    if request.state.session.person_id is None:
        return RedirectResponse("/signin", status_code=303)
    me = await signed_in(request)
    target = LANDING.get(me.role, "/posts")
    if me.role == "compliance_officer":
        # The queue when something waits for them; else who acknowledged the policy.
        workspace: Workspace = request.app.state.workspace
        waiting = workspace.read(
            lambda s: approvals.next_in_queue(s, workspace.person(s, me)) is not None
        )
        target = "/approvals" if waiting else "/policy/acknowledgements"
    return RedirectResponse(target, status_code=303)


@router.post("/locale")
async def choose_locale(
    request: Request,
    locale: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    await check_form_csrf(request)
    if locale in LOCALES:
        request.state.session = request.state.session.with_locale(locale)
        on_change = getattr(request.app.state, "on_locale_change", None)
        person_id = request.state.session.person_id
        if on_change is not None and person_id is not None:
            on_change(person_id, locale)
    return RedirectResponse(safe_next(next), status_code=303)


@router.get("/policy", response_class=HTMLResponse)
def policy_page(request: Request, me: SignedIn) -> Response:
    workspace: Workspace = request.app.state.workspace
    policy = workspace.scanner(me.org_id).policy
    rules = rule_views(policy, request.state.locale)
    return render(request, "policy.html", {"rules": rules, "policy": policy})
