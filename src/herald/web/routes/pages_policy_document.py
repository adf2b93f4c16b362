"""The policy document page and its downloads (PDF, HTML, Markdown) in each language; the
quiz and the acknowledgement; what changed between versions; reminders for the late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import (
    acknowledgement_reminders,
    acknowledgements,
    policies,
    policy_diff,
    policy_quiz,
)
from herald.services.errors import GovernanceError
from herald.services.policy_document import PolicyDocument, build, directory
from herald.services.policy_document_export import to_html, to_markdown, to_pdf
from herald.types import LANGUAGES
from herald.web.guards import ForbiddenError, SignedIn, check_form_csrf
from herald.web.rendering import localizer, render
from herald.web.service_errors import refusal_page
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


@dataclass(frozen=True, slots=True)
class _Reader:
    acknowledged_at: datetime | None
    can_see_overview: bool
    quiz_required: bool
    quiz_passed: bool
    notices: int
    changes: policy_diff.PolicyDiff | None
    """What changed since the version they last acknowledged, when that is not this one."""


def _reader(request: Request, me: SignedIn, lang: str) -> _Reader:
    workspace: Workspace = request.app.state.workspace

    def read(session: Session) -> _Reader:
        person = Workspace.person(session, me)
        overview = person.role in acknowledgements.OVERVIEW_ROLES
        version = policies.active_version(session, me.org_id)
        if version is None:
            return _Reader(None, overview, False, False, 0, None)
        required = policy_quiz.required(policies.engine_for(version).policy)
        return _Reader(
            acknowledgements.acknowledged_at(session, person, version),
            overview,
            required,
            policy_quiz.has_passed(session, person, version),
            len(acknowledgement_reminders.notices(session, person)),
            policy_diff.since_acknowledged(session, person, lang),
        )

    return workspace.read(read)


def _page(request: Request, me: SignedIn, lang: str | None, error: str | None = None) -> Response:
    doc = _document(request, me, lang)
    reader = _reader(request, me, doc.lang)
    context = {
        "doc": doc,
        "languages": LANGUAGE_NAMES,
        "reader": reader,
        "acknowledged_at": reader.acknowledged_at,
        "can_see_overview": reader.can_see_overview,
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


# -- the quiz ----------------------------------------------------------------------------


def _quiz_lang(request: Request, lang: str | None) -> str:
    chosen = lang if lang in LANGUAGES else request.state.locale
    return chosen if chosen in LANGUAGES else "en"


@router.get("/policy/quiz", response_class=HTMLResponse)
def quiz_page(request: Request, me: SignedIn, lang: str | None = None) -> Response:
    """The open attempt's questions, or the invitation to start one."""
    workspace: Workspace = request.app.state.workspace

    def read(session: Session) -> dict[str, Any]:
        person = Workspace.person(session, me)
        version = policies.active_version(session, me.org_id)
        if version is None:
            return {"attempt": None, "questions": [], "passed": False, "required": False}
        attempt = policy_quiz.open_attempt(session, person, version)
        policy = policies.engine_for(version).policy
        return {
            "attempt": attempt,
            "questions": policy_quiz.questions_of(attempt) if attempt else [],
            "passed": policy_quiz.has_passed(session, person, version),
            "required": policy_quiz.required(policy),
            "count": policy.acknowledgement.quiz_questions,
            "pass_mark": round(policy.acknowledgement.quiz_pass_mark * 100),
        }

    context = workspace.read(read)
    context["lang"] = _quiz_lang(request, lang)
    return render(request, "policy_document/quiz.html", context)


@router.post("/policy/quiz/start")
async def quiz_start(
    request: Request, me: SignedIn, lang: Annotated[str, Form(max_length=8)] = ""
) -> Response:
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    chosen = _quiz_lang(request, lang)
    try:
        workspace.write(
            lambda session: policy_quiz.start(session, Workspace.person(session, me), chosen)
        )
    except GovernanceError as error:
        raise ForbiddenError(error.message(request.state.locale)) from error
    return RedirectResponse(f"/policy/quiz?lang={chosen}", status_code=303)


@router.post("/policy/quiz", response_class=HTMLResponse)
async def quiz_submit(
    request: Request, me: SignedIn, attempt: Annotated[int, Form(ge=1, le=2**62)]
) -> Response:
    """Grade the answers; the results page says what was right and why."""
    await check_form_csrf(request)
    form = await request.form()
    answers: list[int | None] = []
    for index in range(policy_quiz.MAX_QUESTIONS):
        raw = form.get(f"q{index}")
        answers.append(int(raw) if isinstance(raw, str) and raw.isdigit() else None)
    workspace: Workspace = request.app.state.workspace

    def work(session: Session) -> dict[str, Any]:
        person = Workspace.person(session, me)
        done = policy_quiz.submit(session, person, attempt, answers)
        policy = policies.engine_for(policies.require_active_version(session, me.org_id)).policy
        return {
            "done": done,
            "questions": policy_quiz.questions_of(done),
            "answers": policy_quiz.answers_of(done),
            "pass_mark": round(policy.acknowledgement.quiz_pass_mark * 100),
            "version": policies.require_active_version(session, me.org_id).version,
        }

    try:
        context = workspace.write(work)
    except GovernanceError as error:
        raise ForbiddenError(error.message(request.state.locale)) from error
    context["lang"] = context["done"].lang
    return render(request, "policy_document/quiz_result.html", context)


# -- what changed ------------------------------------------------------------------------


@router.get("/policy/changes", response_class=HTMLResponse)
def changes_page(
    request: Request,
    me: SignedIn,
    old: int | None = None,
    new: int | None = None,
    lang: str | None = None,
) -> Response:
    """What changed between two versions of the policy, in words."""
    workspace: Workspace = request.app.state.workspace
    chosen = _quiz_lang(request, lang)

    def read(session: Session) -> dict[str, Any]:
        person = Workspace.person(session, me)
        versions = policy_diff.versions(session, person)
        diff = None
        new_id = new or (versions[-1].id if versions else None)
        old_id = old or (versions[-2].id if len(versions) > 1 else None)
        if old_id is not None and new_id is not None:
            diff = policy_diff.between(session, person, old_id, new_id, chosen)
        return {"versions": versions, "diff": diff, "old_id": old_id, "new_id": new_id}

    try:
        context = workspace.read(read)
    except GovernanceError as error:
        return refusal_page(request, error, 404)
    context["lang"] = chosen
    context["languages"] = LANGUAGE_NAMES
    return render(request, "policy_document/changes.html", context)


# -- reminders ---------------------------------------------------------------------------


@router.post("/policy/acknowledgements/remind")
async def remind_now(request: Request, me: SignedIn) -> Response:
    """Remind now everyone who has not acknowledged the version in force."""
    await check_form_csrf(request)
    workspace: Workspace = request.app.state.workspace
    app_settings = request.app.state.settings
    # E-mails go out after the commit with every other notification (the app's middleware).
    settings = acknowledgement_reminders.MailSettings(
        smtp=app_settings.smtp, base_url=app_settings.base_url
    )

    def work(session: Session) -> int:
        return acknowledgement_reminders.remind_now(
            session, Workspace.person(session, me), settings
        )

    try:
        made = workspace.write(work)
    except GovernanceError as error:
        raise ForbiddenError(error.message(request.state.locale)) from error
    return RedirectResponse(f"/policy/acknowledgements?reminded={made}", status_code=303)


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
    reminded = request.query_params.get("reminded", "")
    flash = None
    if reminded.isdigit():
        flash = localizer(request).ngettext(
            "%(num)d reminder sent.", "%(num)d reminders sent.", int(reminded)
        )
    return render(request, "policy_document/acknowledgements.html", {"view": view, "flash": flash})


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
