"""Posts: the composer, the list, a post's page (findings, steps, decisions, history)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import accounts, approvals, posts, separation
from herald.services.errors import ForbiddenError, GovernanceError, NotFoundError
from herald.services.state_machine import OVERRIDE_ROLES, allowed_actions
from herald.store.enums import Capability, Decision, PostState
from herald.store.models import Person, Post
from herald.web import localize
from herald.web.auth import Principal
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.networks import limit_for
from herald.web.rendering import localizer, render
from herald.web.service_errors import refusal_page
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class AccountChoice:
    id: int
    network: str
    handle: str
    display_name: str
    limit: int
    checked: bool


def _workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _draftable(session: Session, person: Person, checked: set[int]) -> list[AccountChoice]:
    return [
        AccountChoice(
            a.id, a.network, a.handle, a.display_name, limit_for(a.network), a.id in checked
        )
        for a in accounts.list_accounts(session, person)
        if accounts.can(session, person, a, Capability.DRAFT)
    ]


def _composer(
    request: Request,
    me: Principal,
    *,
    text: str = "",
    checked: set[int] | None = None,
    post: Post | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    workspace = _workspace(request)

    def load(session: Session) -> list[AccountChoice]:
        return _draftable(session, workspace.person(session, me), checked or set())

    choices = workspace.read(load)
    if len(choices) == 1 and not checked and post is None:
        choices = [replace(choices[0], checked=True)]  # the only account is the obvious one
    context: dict[str, Any] = {
        "accounts": choices,
        "text": text,
        "post": post,
        "action": f"/posts/{post.id}/edit" if post is not None else "/compose",
        "flash": error,
        "flash_kind": "error" if error else None,
    }
    return render(request, "composer.html", context, status=status)


@router.get("/compose", response_class=HTMLResponse)
def compose_page(request: Request, me: SignedIn) -> Response:
    return _composer(request, me)


def _targets(session: Session, person: Person, account_ids: list[int]) -> list[posts.Target]:
    return [posts.Target(accounts.get(session, person, account_id)) for account_id in account_ids]


@router.post("/compose")
async def compose(
    request: Request,
    me: SignedIn,
    text: Annotated[str, Form(max_length=100_000)] = "",
    account_ids: Annotated[list[int] | None, Form()] = None,
    action: Annotated[str, Form()] = "draft",
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)
    chosen = account_ids or []

    def create(session: Session) -> int:
        person = workspace.person(session, me)
        post = posts.create(session, person, text, _targets(session, person, chosen))
        if action == "submit":
            posts.submit(session, person, post)
        return post.id

    try:
        post_id = workspace.write(create)
    except GovernanceError as error:
        # Keep what was typed: a refused post must never lose the writer's work.
        return _composer(
            request,
            me,
            text=text,
            checked=set(chosen),
            error=error.message(request.state.locale),
            status=400,
        )
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.get("/posts", response_class=HTMLResponse)
def post_list(request: Request, me: SignedIn, state: str | None = None) -> Response:
    workspace = _workspace(request)
    wanted = PostState(state) if state in {s.value for s in PostState} else None

    def load(session: Session) -> list[Post]:
        found = posts.list_posts(session, workspace.person(session, me), wanted)
        for post in found:
            _ = post.targets, post.findings  # load while the session is open
        return found

    return render(
        request,
        "posts.html",
        {"posts": workspace.read(load), "states": list(PostState), "state": wanted},
    )


@dataclass(frozen=True, slots=True)
class FindingView:
    key: str
    rule_id: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    clause: str | None
    fix: str | None
    explanation: dict[str, Any]
    account: str | None
    overridden_by: str | None
    override_reason: str | None


_HISTORY_DETAILS = (
    "decision",
    "step_name",
    "from",
    "to",
    "verdict",
    "comment",
    "reason",
    "rule_id",
)
"""What a reader needs from an audit entry; the full record is in the export."""


@dataclass(frozen=True, slots=True)
class HistoryView:
    at: Any
    actor: str
    action: str
    details: dict[str, Any]


def _post_context(
    session: Session, workspace: Workspace, me: Principal, post_id: int, locale: str
) -> dict[str, Any]:
    person = workspace.person(session, me)
    post = posts.get(session, person, post_id)
    names = {p.id: p.name for p in session.query(Person).filter(Person.org_id == post.org_id)}
    handles = {t.account_id: t.account.handle for t in post.targets}
    overrides = approvals.overrides(session, post)
    messages = localize.messages_for(session, post, locale)
    findings = []
    for f in sorted(post.findings, key=lambda f: (f.start, f.end)):
        data = f.data or {}
        override = overrides.get(f.key)
        findings.append(
            FindingView(
                key=f.key,
                rule_id=f.rule_id,
                category=f.category,
                severity=f.severity,
                start=f.start,
                end=f.end,
                text=f.text,
                message=localize.message(messages, f),
                clause=data.get("clause"),
                fix=data.get("fix"),
                explanation=data.get("explanation") or {},
                account=handles.get(f.account_id) if f.account_id else None,
                overridden_by=names.get(override.person_id) if override else None,
                override_reason=override.reason if override else None,
            )
        )
    history = []
    for entry in posts.history(session, person, post):
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            payload = {}
        details = {
            key: value
            for key, value in payload.items()
            if key in _HISTORY_DETAILS and value not in ("", None)
        }
        actor = names.get(entry.actor_id, entry.actor) if entry.actor_id else entry.actor
        history.append(HistoryView(entry.at, actor, entry.action, details))
    may, as_backup = approvals.may_decide(session, person, post)
    conflict = separation.approval_conflict(session, person, post) if may else None
    steps = approvals.step_statuses(session, post)
    return {
        "post": post,
        "author": names.get(post.author_id, "?"),
        "targets": [(t.account, posts.effective_text(post, t)) for t in post.targets],
        "findings": findings,
        "history": history,
        "comments": [(names.get(c.person_id, "?"), c) for c in posts.comments(session, post)],
        "steps": steps,
        "names": names,
        "may_decide": may
        and not any(
            d.person_id == person.id
            for d in approvals.round_decisions(session, post, post.current_step)
        ),
        "as_backup": as_backup,
        "approval_conflict": conflict.message(locale) if conflict is not None else None,
        "may_override": person.role in OVERRIDE_ROLES and person.id != post.author_id,
        "actions": {a.value for a in allowed_actions(person.role, post.state)},
        "is_author": person.id == post.author_id,
        "blocking_open": [f for f in findings if f.severity == "block" and not f.overridden_by],
    }


def _post_page(
    request: Request,
    me: Principal,
    post_id: int,
    *,
    flash: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    workspace = _workspace(request)
    context = workspace.read(
        lambda s: _post_context(s, workspace, me, post_id, request.state.locale)
    )
    context["flash"] = error or flash
    context["flash_kind"] = "error" if error else "ok"
    return render(request, "post.html", context, status=status)


def done_message(request: Request, done: str, decided: int | None = None) -> str | None:
    """The confirmation shown after an action (``?done=`` on the page it leads to)."""
    fmt = localizer(request)
    messages = {
        "approve": fmt.gettext("Your approval was recorded."),
        "reject": fmt.gettext("The post was rejected; its author was told."),
        "request_changes": fmt.gettext("Changes were requested; the author was told."),
        "override": fmt.gettext("The finding was overridden; your reason is in the audit trail."),
        "schedule": fmt.gettext("The post was scheduled."),
        "comment": fmt.gettext("Your comment was added."),
        "submit": fmt.gettext("The post was sent for approval; the approvers were told."),
        "withdraw": fmt.gettext("The post was withdrawn from review."),
        "reopen": fmt.gettext("The post is a draft again."),
        "unschedule": fmt.gettext("The post is no longer scheduled."),
        "publish": fmt.gettext("The post was marked as published."),
    }
    message = messages.get(done)
    if message is not None and decided is not None:
        message += " " + fmt.gettext("(post #%(id)s)", id=decided)
    return message


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(
    request: Request, me: SignedIn, post_id: int, done: str = "", decided: int | None = None
) -> Response:
    flash = done_message(request, done, decided)
    if flash is not None and decided is not None and decided != post_id:
        flash += " " + localizer(request).gettext("Next in your queue: this post.")
    try:
        return _post_page(request, me, post_id, flash=flash)
    except GovernanceError as error:
        return _not_found(request, error)


def _not_found(request: Request, error: GovernanceError) -> Response:
    return refusal_page(request, error, 404)


def _act(request: Request, me: Principal, post_id: int, work: Any, done: str) -> Response:
    workspace = _workspace(request)
    try:
        workspace.write(work)
    except NotFoundError as error:  # a missing post, or another organisation's
        return _not_found(request, error)
    except GovernanceError as error:
        # A refusal (your own post, separation of duties) is a 403; bad input a 400.
        status = 403 if isinstance(error, ForbiddenError) else 400
        return _post_page(
            request, me, post_id, error=error.message(request.state.locale), status=status
        )
    return RedirectResponse(f"/posts/{post_id}?done={done}", status_code=303)


@router.post("/posts/{post_id}/decision")
async def decide(
    request: Request,
    me: SignedIn,
    post_id: int,
    decision: Annotated[str, Form()],
    content_hash: Annotated[str, Form()],
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)
    try:
        choice = Decision(decision)
    except ValueError:
        return _post_page(request, me, post_id, error=decision, status=400)

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        post = posts.get(session, person, post_id)
        approvals.decide(session, person, post, choice, comment, expected_hash=content_hash)

    answer = _act(request, me, post_id, work, choice.value)
    if answer.status_code != 303:
        return answer

    # Decided: straight on to the next post waiting for this person, or the empty queue.
    def next_id(session: Session) -> int | None:
        post = approvals.next_in_queue(session, workspace.person(session, me), after=post_id)
        return post.id if post is not None else None

    following = workspace.read(next_id)
    target = f"/posts/{following}" if following is not None else "/approvals"
    return RedirectResponse(f"{target}?done={choice.value}&decided={post_id}", status_code=303)


@router.post("/posts/{post_id}/override")
async def override(
    request: Request,
    me: SignedIn,
    post_id: int,
    finding_key: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        post = posts.get(session, person, post_id)
        approvals.override_finding(session, person, post, finding_key, reason)

    return _act(request, me, post_id, work, "override")


@router.post("/posts/{post_id}/comment")
async def comment(
    request: Request,
    me: SignedIn,
    post_id: int,
    body: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        posts.add_comment(session, person, posts.get(session, person, post_id), body)

    return _act(request, me, post_id, work, "comment")


@router.post("/posts/{post_id}/schedule")
async def schedule(
    request: Request,
    me: SignedIn,
    post_id: int,
    at: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """Schedule for ``at`` (a datetime-local value in the person's time zone), or now."""
    await check_form_csrf(request)
    workspace = _workspace(request)
    when: datetime | None = None
    if at:
        try:
            when = localizer(request).from_local_input(at)
        except ValueError:
            message = localizer(request).gettext("Give the date and time as shown.")
            return _post_page(request, me, post_id, error=message, status=400)

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        posts.schedule(session, person, posts.get(session, person, post_id), when)

    return _act(request, me, post_id, work, "schedule")


@router.post("/posts/{post_id}/transition")
async def transition(
    request: Request,
    me: SignedIn,
    post_id: int,
    action: Annotated[str, Form()],
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)
    simple = {
        "submit": posts.submit,
        "withdraw": posts.withdraw,
        "reopen": posts.reopen,
        "unschedule": posts.unschedule,
        "publish": posts.publish,
    }
    step = simple.get(action)
    if step is None:
        return _post_page(request, me, post_id, error=action, status=400)

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        step(session, person, posts.get(session, person, post_id))

    return _act(request, me, post_id, work, action)


@router.get("/posts/{post_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, me: SignedIn, post_id: int) -> Response:
    workspace = _workspace(request)

    def load(session: Session) -> tuple[Post, set[int]]:
        post = posts.get(session, workspace.person(session, me), post_id)
        return post, {t.account_id for t in post.targets}

    post, checked = workspace.read(load)
    return _composer(request, me, post=post, checked=checked)


@router.post("/posts/{post_id}/edit")
async def edit(
    request: Request,
    me: SignedIn,
    post_id: int,
    version: Annotated[int, Form()],
    text: Annotated[str, Form(max_length=100_000)] = "",
    account_ids: Annotated[list[int] | None, Form()] = None,
    action: Annotated[str, Form()] = "draft",
) -> Response:
    await check_form_csrf(request)
    workspace = _workspace(request)
    chosen = account_ids or []

    def work(session: Session) -> None:
        person = workspace.person(session, me)
        post = posts.get(session, person, post_id)
        posts.edit(
            session,
            person,
            post,
            text=text,
            targets=_targets(session, person, chosen),
            expected_version=version,
        )
        if action == "submit" and post.state in (PostState.DRAFT, PostState.CHANGES_REQUESTED):
            posts.submit(session, person, post)

    try:
        workspace.write(work)
    except GovernanceError as error:
        post = workspace.read(lambda s: posts.get(s, workspace.person(s, me), post_id))
        return _composer(
            request,
            me,
            text=text,
            checked=set(chosen),
            post=post,
            error=error.message(request.state.locale),
            status=400,
        )
    return RedirectResponse(f"/posts/{post_id}", status_code=303)
