"""Employee advocacy pages: the library, sharing an item (with its disclaimer added), and
the participation report. Every decision is the advocacy service's."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import accounts, advocacy
from herald.services.errors import GovernanceError, NotFoundError
from herald.store.models import AdvocacyItem, Person
from herald.types import LANGUAGES
from herald.web.guards import ForbiddenError, SignedIn, check_form_csrf
from herald.web.rendering import render
from herald.web.service_errors import refusal_page
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

_ID = Form(ge=1, le=2**62)
_TEXT = Form(max_length=20_000)


def _ws(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _library_page(
    request: Request,
    me: SignedIn,
    error: str | None = None,
    status: int = 200,
    shared: int | None = None,
) -> Response:
    def read(session: Session) -> dict[str, Any]:
        person = Workspace.person(session, me)
        mine = advocacy.my_shares(session, person)
        return {
            "items": advocacy.library(session, person),
            "accounts": advocacy.my_accounts(session, person),
            "shares": mine,
            "just_shared": next((s for s in mine if s.id == shared), None),
            "may_manage": person.role in advocacy.LIBRARY_ROLES,
            "may_report": person.role in advocacy.REPORT_ROLES,
        }

    context = _ws(request).read(read)
    context.update(
        {
            "flash": error,
            "flash_kind": "error" if error else None,
            "languages": LANGUAGES,
            "text_for": advocacy.text_for,
            "lang": request.state.locale,
        }
    )
    return render(request, "advocacy/library.html", context, status=status)


@router.get("/advocacy", response_class=HTMLResponse)
def library_page(request: Request, me: SignedIn, shared: int | None = None) -> Response:
    return _library_page(request, me, shared=shared)


@router.post("/advocacy/items")
async def add_item(
    request: Request,
    me: SignedIn,
    title: Annotated[str, Form(max_length=200)],
    text_tr: Annotated[str, _TEXT] = "",
    text_es: Annotated[str, _TEXT] = "",
    text_en: Annotated[str, _TEXT] = "",
    networks: Annotated[str, Form(max_length=500)] = "",
    expires: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Add approved content to the library (checked as a personal-account post first)."""
    await check_form_csrf(request)
    try:
        until = date.fromisoformat(expires) if expires else None
    except ValueError:
        return _library_page(request, me, error=f"{expires}?", status=400)
    texts = {"tr": text_tr, "es": text_es, "en": text_en}

    def work(session: Session) -> None:
        advocacy.add_item(
            session,
            Workspace.person(session, me),
            title,
            texts,
            [n for n in networks.replace(";", ",").split(",") if n.strip()],
            until,
        )

    try:
        _ws(request).write(work)
    except GovernanceError as error:
        return _library_page(request, me, error=error.message(request.state.locale), status=400)
    return RedirectResponse("/advocacy", status_code=303)


@router.post("/advocacy/accounts")
async def add_my_account(
    request: Request,
    me: SignedIn,
    network: Annotated[str, Form(max_length=64)],
    handle: Annotated[str, Form(max_length=200)],
) -> Response:
    """Add one of my own personal accounts, to share on."""
    await check_form_csrf(request)

    def work(session: Session) -> None:
        person = Workspace.person(session, me)
        accounts.add_personal_account(session, person, person, network, handle)

    try:
        _ws(request).write(work)
    except GovernanceError as error:
        return _library_page(request, me, error=error.message(request.state.locale), status=400)
    return RedirectResponse("/advocacy", status_code=303)


def _item_page(
    request: Request,
    me: SignedIn,
    item_id: int,
    text: str | None = None,
    account_id: int | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    def read(session: Session) -> dict[str, Any]:
        person = Workspace.person(session, me)
        item = advocacy.get(session, person, item_id)
        if item not in advocacy.library(session, person):
            raise NotFoundError("advocacy_item", item_id)
        lang, original = advocacy.text_for(item, person.lang)
        prepared = advocacy.prepare(session, person, text or original, lang)
        return {
            "item": item,
            "original": original,
            "text": text or original,
            "prepared": prepared,
            "accounts": [
                a
                for a in advocacy.my_accounts(session, person)
                if not item.networks.get("networks")
                or a.network.lower() in item.networks["networks"]
            ],
            "account_id": account_id,
        }

    try:
        context = _ws(request).read(read)
    except NotFoundError as missing:
        return refusal_page(request, missing, 404)
    except GovernanceError as refused:
        return refusal_page(request, refused, 400)
    context.update({"flash": error, "flash_kind": "error" if error else None})
    return render(request, "advocacy/item.html", context, status=status)


@router.get("/advocacy/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, me: SignedIn, item_id: int) -> Response:
    """The item as it will go out from my account: the disclaimer added, checked."""
    return _item_page(request, me, item_id)


@router.post("/advocacy/items/{item_id}/share")
async def share_item(
    request: Request,
    me: SignedIn,
    item_id: int,
    account: Annotated[int, _ID],
    text: Annotated[str, _TEXT] = "",
    action: Annotated[str, Form(max_length=16)] = "share",
) -> Response:
    """Preview an edit (checked again), or share: a blocking finding stops it."""
    await check_form_csrf(request)
    if action == "preview":
        return _item_page(request, me, item_id, text=text or None, account_id=account)

    def work(session: Session) -> int:
        person: Person = Workspace.person(session, me)
        item: AdvocacyItem = advocacy.get(session, person, item_id)
        return advocacy.share(session, person, item, account, text or None).id

    try:
        share_id = _ws(request).write(work)
    except NotFoundError as missing:
        return refusal_page(request, missing, 404)
    except GovernanceError as error:
        return _item_page(
            request,
            me,
            item_id,
            text=text or None,
            account_id=account,
            error=error.message(request.state.locale),
            status=400,
        )
    return RedirectResponse(f"/advocacy?shared={share_id}", status_code=303)


@router.get("/advocacy/report", response_class=HTMLResponse)
def report_page(request: Request, me: SignedIn) -> Response:
    """Participation: who shared what, how often, and the reach where it is known."""
    try:
        report = _ws(request).read(
            lambda session: advocacy.report(session, Workspace.person(session, me))
        )
    except GovernanceError as error:
        raise ForbiddenError(error.message(request.state.locale)) from error
    chart = {
        "days": [day for day, _ in report.days],
        "shares": [count for _, count in report.days],
        "people": [p.name for p in report.people[:15]],
        "per_person": [p.shares for p in report.people[:15]],
    }
    return render(request, "advocacy/report.html", {"report": report, "chart": chart})
