"""The policy document page and its downloads (PDF, HTML, Markdown) in each language."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import acknowledgements, policies
from herald.services.errors import GovernanceError
from herald.services.policy_document import PolicyDocument, build, directory
from herald.services.policy_document_export import to_html, to_markdown, to_pdf
from herald.types import LANGUAGES
from herald.web.guards import ForbiddenError, SignedIn, check_form_csrf
from herald.web.rendering import render
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

LANGUAGE_NAMES = (("tr", "Türkçe"), ("es", "Español"), ("en", "English"))
_MEDIA = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def _document(request: Request, me: SignedIn, lang: str | None) -> PolicyDocument:
    """The document of the organisation's active pack, in ``lang`` or the reader's language."""
    chosen = lang if lang in LANGUAGES else request.state.locale
    workspace: Workspace = request.app.state.workspace
    policy = workspace.scanner(me.org_id).policy
    people = workspace.read(lambda s: directory(s, Workspace.person(s, me), chosen))
    return build(policy, chosen, people)


def _reader_status(request: Request, me: SignedIn) -> tuple[datetime | None, bool]:
    """When the reader acknowledged the version in force, and whether they see the overview."""
    workspace: Workspace = request.app.state.workspace

    def read(session: Session) -> tuple[datetime | None, bool]:
        person = Workspace.person(session, me)
        overview = person.role in acknowledgements.OVERVIEW_ROLES
        version = policies.active_version(session, me.org_id)
        if version is None:
            return None, overview
        return acknowledgements.acknowledged_at(session, person, version), overview

    return workspace.read(read)


def _page(request: Request, me: SignedIn, lang: str | None, error: str | None = None) -> Response:
    doc = _document(request, me, lang)
    acknowledged_at, can_see_overview = _reader_status(request, me)
    context = {
        "doc": doc,
        "languages": LANGUAGE_NAMES,
        "acknowledged_at": acknowledged_at,
        "can_see_overview": can_see_overview,
        "version": request.app.state.workspace.scanner(me.org_id).policy.version,
        "error": error,
        "just_acknowledged": request.query_params.get("acknowledged") == "1",
    }
    return render(request, "policy_document/page.html", context, status=409 if error else 200)


@router.get("/policy/document", response_class=HTMLResponse)
def document_page(request: Request, me: SignedIn, lang: str | None = None) -> Response:
    return _page(request, me, lang)


@router.post("/policy/acknowledge")
async def acknowledge(
    request: Request, me: SignedIn, version: Annotated[str, Form(max_length=128)]
) -> Response:
    """ "I have read this version and will follow it": recorded once, in the audit trail."""
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace

    def work(session: Session) -> None:
        acknowledgements.acknowledge(session, Workspace.person(session, me), version)

    try:
        workspace.write(work)
    except GovernanceError as error:
        return _page(request, me, None, error=error.message(request.state.locale))
    return RedirectResponse("/policy/document?acknowledged=1", status_code=303)


@router.get("/policy/acknowledgements", response_class=HTMLResponse)
def acknowledgement_overview(request: Request, me: SignedIn) -> Response:
    """Who has acknowledged the version in force, by team (owners, admins, compliance)."""
    workspace: Workspace = request.app.state.workspace
    try:
        view = workspace.read(
            lambda session: acknowledgements.overview(session, Workspace.person(session, me))
        )
    except GovernanceError as error:
        raise ForbiddenError(error.message(request.state.locale)) from error
    return render(request, "policy_document/acknowledgements.html", {"view": view})


@router.get("/policy/document.{fmt}")
def document_download(
    request: Request, me: SignedIn, fmt: str, lang: str | None = None
) -> Response:
    if fmt not in _MEDIA:
        return Response(status_code=404)
    doc = _document(request, me, lang)
    body: bytes | str = (
        to_pdf(doc) if fmt == "pdf" else to_html(doc) if fmt == "html" else to_markdown(doc)
    )
    filename = f"policy-{doc.lang}.{fmt}"
    return Response(
        body,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
