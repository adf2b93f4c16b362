"""Connected accounts: connect a brand account to its network, test it, disconnect it.

Credentials are typed in once, encrypted by the service and never shown again: the page
lists only the names of the stored settings, the health of the last test, the rate-limit
budget the network last reported and the age of the credentials.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.security.secrets_box import SecretsBox, SecretsBoxError
from herald.services import accounts, connections
from herald.services.connections import ConnectionView
from herald.services.errors import GovernanceError
from herald.store.enums import Capability
from herald.store.models import Account, Publication
from herald.web.auth import Principal
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.rendering import localizer, render
from herald.web.service_errors import status_for
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

MAX_FIELD_CHARS = 4_000


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    """``url``, ``text`` or ``password`` (the input type)."""
    required: bool


NETWORK_FIELDS: dict[str, tuple[Field, ...]] = {
    "mastodon": (Field("base_url", "url", True), Field("access_token", "password", True)),
    "bluesky": (
        Field("handle", "text", True),
        Field("app_password", "password", True),
        Field("base_url", "url", False),
    ),
    "rss": (Field("url", "url", True),),
}
"""What the connect form asks for, per network (the connector's own setting names)."""


@dataclass(frozen=True, slots=True)
class Row:
    account: Account
    connection: ConnectionView | None
    may_connect: bool
    last_error: str | None
    """The last publishing error on this account, if its latest attempt failed."""


def _ws(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _box(request: Request) -> SecretsBox:
    return SecretsBox(request.app.state.settings.credential_keys)


def _rows(session: Session, me: Principal, workspace: Workspace) -> list[Row]:
    actor = workspace.person(session, me)
    by_account = {c.account_id: c for c in connections.list_connections(session, actor)}
    rows = []
    for account in accounts.list_accounts(session, actor):
        latest = session.scalar(
            select(Publication)
            .where(Publication.account_id == account.id)
            .order_by(Publication.updated_at.desc(), Publication.id.desc())
            .limit(1)
        )
        rows.append(
            Row(
                account=account,
                connection=by_account.get(account.id),
                may_connect=accounts.can(session, actor, account, Capability.PUBLISH),
                last_error=latest.last_error if latest is not None else None,
            )
        )
    return rows


def _page(request: Request, me: Principal, status: int = 200, **context: Any) -> Response:
    workspace = _ws(request)
    values = {
        "rows": workspace.read(lambda s: _rows(s, me, workspace)),
        "fields": NETWORK_FIELDS,
        **context,
    }
    return render(request, "connections/index.html", values, status=status)


@router.get("/connections", response_class=HTMLResponse)
def connections_page(request: Request, me: SignedIn, done: str = "") -> Response:
    fmt = localizer(request)
    messages = {
        "connected": fmt.gettext("The account is connected. Its credentials are stored encrypted."),
        "tested": fmt.gettext("The connection was tested: see its status below."),
        "disconnected": fmt.gettext("The account is disconnected and its credentials deleted."),
    }
    return _page(request, me, flash=messages.get(done), flash_kind="ok")


def _run(request: Request, me: Principal, work: Any, done: str) -> Response:
    """Run a change through the services; on refusal show the page with the reason."""
    workspace = _ws(request)
    fmt = localizer(request)
    try:
        workspace.write(lambda session: work(session, workspace.person(session, me)))
    except GovernanceError as error:
        return _page(
            request,
            me,
            status=status_for(error),
            flash=error.message(request.state.locale),
            flash_kind="error",
        )
    except SecretsBoxError:
        return _page(
            request,
            me,
            status=503,
            flash=fmt.gettext("The credential key is not configured (HERALD_SECRET_KEYS)."),
            flash_kind="error",
        )
    return RedirectResponse(f"/connections?done={done}", status_code=303)


@router.post("/connections/{account_id}")
async def connect(request: Request, me: SignedIn, account_id: int) -> Response:
    await check_form_csrf(request)
    form = await request.form()
    box = _box(request)

    def work(session: Session, actor: Any) -> None:
        account = accounts.get(session, actor, account_id)
        fields = NETWORK_FIELDS.get(account.network, ())
        settings: dict[str, str] = {}
        for field in fields:
            value = form.get(field.name)
            text = value.strip() if isinstance(value, str) else ""
            if len(text) > MAX_FIELD_CHARS:
                text = text[:MAX_FIELD_CHARS]
            if text:
                settings[field.name] = text
        if account.network == "bluesky" and "handle" not in settings:
            settings["handle"] = account.handle.lstrip("@")
        connections.connect(session, actor, box, account, settings)

    return _run(request, me, work, "connected")


@router.post("/connections/{account_id}/test")
async def test(request: Request, me: SignedIn, account_id: int) -> Response:
    await check_form_csrf(request)
    box = _box(request)

    def work(session: Session, actor: Any) -> None:
        account = accounts.get(session, actor, account_id)
        connections.test_connection(session, actor, box, account)

    return _run(request, me, work, "tested")


@router.post("/connections/{account_id}/disconnect")
async def disconnect(request: Request, me: SignedIn, account_id: int) -> Response:
    await check_form_csrf(request)

    def work(session: Session, actor: Any) -> None:
        connections.disconnect(session, actor, accounts.get(session, actor, account_id))

    return _run(request, me, work, "disconnected")
