"""Server-rendered pages: Jinja2 with autoescaping, per-request language and CSRF token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from herald.services import notifications
from herald.web import labels
from herald.web.i18n import LOCALE_NAMES, LOCALES, Localizer

TEMPLATE_DIR = Path(__file__).parent / "templates"

_environment = Environment(
    loader=FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def localizer(request: Request) -> Localizer:
    person = getattr(request.state, "person", None)
    zone = person.time_zone if person is not None else "UTC"
    return Localizer(getattr(request.state, "locale", "en"), zone)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    fmt = localizer(request)
    values: dict[str, Any] = {
        "request": request,
        "_": fmt.gettext,
        "ngettext": fmt.ngettext,
        "fmt": fmt,
        "locale": fmt.locale,
        "locales": LOCALES,
        "locale_names": LOCALE_NAMES,
        "csrf_token": request.app.state.csrf.issue(request.state.session.sid),
        "me": getattr(request.state, "person", None),
        "path": request.url.path,
        "role_label": labels.labeller(labels.ROLE_LABELS, fmt.gettext),
        "state_label": labels.labeller(labels.STATE_LABELS, fmt.gettext),
        "category_label": labels.labeller(labels.CATEGORY_LABELS, fmt.gettext),
        "severity_label": labels.labeller(labels.SEVERITY_LABELS, fmt.gettext),
        "decision_label": labels.labeller(labels.DECISION_LABELS, fmt.gettext),
        "account_label": labels.labeller(labels.ACCOUNT_TYPE_LABELS, fmt.gettext),
        "capability_label": labels.labeller(labels.CAPABILITY_LABELS, fmt.gettext),
        "audit_label": labels.labeller(labels.AUDIT_ACTION_LABELS, fmt.gettext),
        "team_label": labels.labeller(labels.TEAM_LABELS, fmt.gettext),
        "clause_label": labels.labeller(labels.CLAUSE_TITLES, fmt.gettext),
    }
    me = values["me"]
    if me is not None and "unread" not in (context or {}):
        workspace = request.app.state.workspace
        values["unread"] = workspace.read(
            lambda session: notifications.unread_count(session, me.person_id)
        )
    values.update(context or {})
    html = _environment.get_template(template).render(values)
    return HTMLResponse(html, status_code=status)
