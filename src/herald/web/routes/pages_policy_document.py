"""The policy document page and its downloads (PDF, HTML, Markdown) in each language."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from herald.services.policy_document import PolicyDocument, build, directory
from herald.services.policy_document_export import to_html, to_markdown, to_pdf
from herald.types import LANGUAGES
from herald.web.guards import SignedIn
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


@router.get("/policy/document", response_class=HTMLResponse)
def document_page(request: Request, me: SignedIn, lang: str | None = None) -> Response:
    doc = _document(request, me, lang)
    return render(request, "policy_document/page.html", {"doc": doc, "languages": LANGUAGE_NAMES})


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
