"""The notifications page: what happened for me (newest first), and how I want to hear of it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import notifications
from herald.services.errors import GovernanceError
from herald.web.auth import Principal
from herald.web.guards import SignedIn, check_form_csrf, safe_next
from herald.web.rendering import localizer, render
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


def _page(request: Request, me: Principal, **context: Any) -> Response:
    workspace: Workspace = request.app.state.workspace
    lang = request.state.locale
    status = int(context.pop("status", 200))

    def load(session: Session) -> dict[str, Any]:
        items = []
        for row in notifications.recent(session, me.person_id):
            title, body = notifications.render(row, lang)
            items.append({"row": row, "title": title, "body": body})
        prefs = [
            {"kind": p.kind, "label": notifications.label(p.kind, lang), "pref": p}
            for p in notifications.preferences(session, me.person_id)
        ]
        return {"items": items, "prefs": prefs}

    values = workspace.read(load)
    values["email_on"] = request.app.state.settings.smtp is not None
    values.update(context)
    return render(request, "notifications/index.html", values, status=status)


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(request: Request, me: SignedIn) -> Response:
    return _page(request, me)


@router.post("/notifications/{notification_id}/open")
async def open_notification(request: Request, me: SignedIn, notification_id: int) -> Response:
    """Mark it read and go where it points."""
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    try:
        link = workspace.write(
            lambda s: notifications.mark_read(s, me.person_id, notification_id).link
        )
    except GovernanceError:
        return _page(
            request,
            me,
            flash=localizer(request).gettext("That notification does not exist."),
            flash_kind="error",
            status=404,
        )
    return RedirectResponse(safe_next(link, "/notifications"), status_code=303)


@router.post("/notifications/read")
async def mark_all_read(request: Request, me: SignedIn) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    count = workspace.write(lambda s: notifications.mark_all_read(s, me.person_id))
    fmt = localizer(request)
    message = fmt.ngettext(
        "%(num)d notification marked as read.", "%(num)d notifications marked as read.", count
    )
    return _page(request, me, flash=message, unread=0)


@router.post("/notifications/preferences")
async def save_preferences(
    request: Request,
    me: SignedIn,
    in_app: Annotated[list[str] | None, Form()] = None,
    email: Annotated[list[str] | None, Form()] = None,
) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    fmt = localizer(request)
    try:
        workspace.write(
            lambda s: notifications.set_preferences(s, me.person_id, in_app or [], email or [])
        )
    except GovernanceError as error:
        return _page(
            request, me, flash=error.message(request.state.locale), flash_kind="error", status=400
        )
    return _page(request, me, flash=fmt.gettext("Your notification choices were saved."))
