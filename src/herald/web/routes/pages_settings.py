"""Settings: people and roles, teams, brand accounts, approval workflows, the policy pack,
and the organisation's sign-in rules. Every change is made (and refused) by a service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.policy.loader import validate_policy
from herald.security.passwords import generate_password
from herald.services import (
    accounts,
    people,
    people_lifecycle,
    policies,
    separation,
    teams,
    workflows,
)
from herald.services.errors import GovernanceError
from herald.services.permissions import ADMIN_ROLES, require_role
from herald.store.enums import Capability, Role, StepRule
from herald.store.models import Person
from herald.web.auth import Principal
from herald.web.engine import rule_views
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.i18n import LOCALES
from herald.web.rendering import localizer, render
from herald.web.routes.pages_passwords import mail_now
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

MAX_POLICY_BYTES = 2_000_000
WORKFLOW_STEPS = 3


def _ws(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _change(
    request: Request,
    me: Principal,
    work: Callable[[Session, Person], Any],
    back: str,
    page: Callable[..., Response],
) -> Response:
    """Run a settings change; on refusal show the page again with the reason."""
    workspace = _ws(request)
    try:
        workspace.write(lambda session: work(session, workspace.person(session, me)))
    except GovernanceError as error:
        return page(request, me, error=error.message(request.state.locale), status=400)
    return RedirectResponse(back, status_code=303)


@router.get("/settings", response_class=HTMLResponse)
def settings_index(request: Request, me: SignedIn) -> Response:
    return render(request, "settings/index.html")


# -- people ------------------------------------------------------------------------------
def _people_page(request: Request, me: Principal, **context: Any) -> Response:
    workspace = _ws(request)
    status = int(context.pop("status", 200))
    error = context.pop("error", None)
    listing = workspace.read(lambda s: people.list_people(s, workspace.person(s, me)))
    values = {
        "people": listing,
        "roles": list(Role),
        "langs": LOCALES,
        "flash": error,
        "flash_kind": "error" if error else "ok",
        **context,
    }
    return render(request, "settings/people.html", values, status=status)


@router.get("/settings/people", response_class=HTMLResponse)
def people_page(request: Request, me: SignedIn) -> Response:
    return _people_page(request, me)


@router.post("/settings/people")
async def add_person(
    request: Request,
    me: SignedIn,
    email: Annotated[str, Form(max_length=320)],
    name: Annotated[str, Form(max_length=200)],
    role: Annotated[str, Form()],
    lang: Annotated[str, Form()] = "en",
) -> Response:
    await check_form_csrf(request)
    workspace = _ws(request)
    fmt = localizer(request)
    try:
        chosen = Role(role)
    except ValueError:
        return _people_page(request, me, error=fmt.gettext("Choose a role."), status=400)
    password = generate_password()

    def work(session: Session) -> int:
        person = people.add_person(
            session, workspace.person(session, me), email, name, chosen, lang
        )
        return person.id

    try:
        person_id = workspace.write(work)
    except GovernanceError as error:
        return _people_page(request, me, error=error.message(request.state.locale), status=400)
    workspace.credentials.set_password(person_id, password)
    workspace.write(lambda s: people_lifecycle.require_password_change(s, person_id))
    return _people_page(
        request,
        me,
        new_person={"email": email, "password": password},
        flash=fmt.gettext("%(email)s was added.", email=email),
    )


@router.post("/settings/people/invite")
async def invite_person(
    request: Request,
    me: SignedIn,
    email: Annotated[str, Form(max_length=320)],
    role: Annotated[str, Form()],
    name: Annotated[str, Form(max_length=200)] = "",
    lang: Annotated[str, Form()] = "en",
) -> Response:
    """Add a person without a password and e-mail them a one-time link to choose one."""
    await check_form_csrf(request)
    workspace = _ws(request)
    fmt = localizer(request)
    try:
        chosen = Role(role)
    except ValueError:
        return _people_page(request, me, error=fmt.gettext("Choose a role."), status=400)

    def work(session: Session) -> people_lifecycle.Invitation:
        actor = workspace.person(session, me)
        return people_lifecycle.invite(session, actor, email, name, chosen, lang)

    try:
        invitation = workspace.write(work)
    except GovernanceError as error:
        return _people_page(request, me, error=error.message(request.state.locale), status=400)
    settings = request.app.state.settings
    subject, body = people_lifecycle.invitation_email(invitation, settings.base_url)
    failed = mail_now(settings, invitation.email, subject, body)
    link = f"{settings.base_url.rstrip('/')}/invite/{invitation.token}"
    if failed is None:
        flash = fmt.gettext("The invitation was e-mailed to %(email)s.", email=invitation.email)
    else:
        flash = fmt.gettext(
            "The invitation could not be e-mailed to %(email)s. Give them this one-time link "
            "yourself:",
            email=invitation.email,
        )
    return _people_page(request, me, flash=flash, invite_link=None if failed is None else link)


_MANAGE_ACTIONS = ("deactivate", "reactivate", "reset_password", "reset_two_factor")


@router.post("/settings/people/{person_id}/manage")
async def manage_person(
    request: Request,
    me: SignedIn,
    person_id: int,
    action: Annotated[str, Form()],
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Deactivate, reactivate, reset a password or two-factor: asked once more first."""
    await check_form_csrf(request)
    workspace = _ws(request)
    fmt = localizer(request)
    if action not in _MANAGE_ACTIONS:
        return _people_page(request, me, error=fmt.gettext("Unknown action."), status=400)

    def target(session: Session) -> Person:
        actor = workspace.person(session, me)
        require_role(actor, ADMIN_ROLES, "managing_people")
        return people.get(session, actor, person_id)

    try:
        person = workspace.read(target)
    except GovernanceError as error:
        status = 404 if error.code == "not_found" else 403
        return _people_page(request, me, error=error.message(request.state.locale), status=status)
    if confirm != "yes":
        return render(
            request,
            "settings/confirm_person.html",
            {"person": person, "action": action},
        )
    password = generate_password()

    def work(session: Session, actor: Person) -> None:
        subject = people.get(session, actor, person_id)
        if action in ("deactivate", "reactivate"):
            people.set_active(session, actor, subject, action == "reactivate")
        elif action == "reset_password":
            people_lifecycle.admin_reset_password(session, actor, subject, password)
        else:
            people_lifecycle.admin_reset_two_factor(session, actor, subject)

    try:
        workspace.write(lambda session: work(session, workspace.person(session, me)))
    except GovernanceError as error:
        return _people_page(request, me, error=error.message(request.state.locale), status=400)
    done = {
        "deactivate": fmt.gettext("%(name)s can no longer sign in.", name=person.name),
        "reactivate": fmt.gettext("%(name)s can sign in again.", name=person.name),
        "reset_password": fmt.gettext(
            "%(name)s has a new password; they must change it when they sign in.",
            name=person.name,
        ),
        "reset_two_factor": fmt.gettext(
            "Two-factor sign-in is off for %(name)s; they can set it up again.", name=person.name
        ),
    }[action]
    extra = (
        {"new_person": {"email": person.email, "password": password}}
        if action == "reset_password"
        else {}
    )
    return _people_page(request, me, flash=done, **extra)


@router.post("/settings/people/{person_id}/role")
async def change_role(
    request: Request, me: SignedIn, person_id: int, role: Annotated[str, Form()]
) -> Response:
    await check_form_csrf(request)

    def work(session: Session, actor: Person) -> None:
        target = people.get(session, actor, person_id)
        people.change_role(session, actor, target, Role(role))

    return _change(request, me, work, "/settings/people", _people_page)


# -- teams -------------------------------------------------------------------------------
def _teams_page(request: Request, me: Principal, **context: Any) -> Response:
    workspace = _ws(request)
    status = int(context.pop("status", 200))
    error = context.pop("error", None)

    def load(session: Session) -> dict[str, Any]:
        actor = workspace.person(session, me)
        listing = [(t, teams.members(session, t)) for t in teams.list_teams(session, actor)]
        return {"teams": listing, "people": people.list_people(session, actor)}

    values = {**workspace.read(load), "flash": error, "flash_kind": "error", **context}
    return render(request, "settings/teams.html", values, status=status)


@router.get("/settings/teams", response_class=HTMLResponse)
def teams_page(request: Request, me: SignedIn) -> Response:
    return _teams_page(request, me)


@router.post("/settings/teams")
async def create_team(
    request: Request,
    me: SignedIn,
    slug: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=200)],
) -> Response:
    await check_form_csrf(request)
    return _change(
        request,
        me,
        lambda s, a: teams.create_team(s, a, slug, name),
        "/settings/teams",
        _teams_page,
    )


@router.post("/settings/teams/{slug}/members")
async def add_member(
    request: Request, me: SignedIn, slug: str, person_id: Annotated[int, Form()]
) -> Response:
    await check_form_csrf(request)

    def work(session: Session, actor: Person) -> None:
        teams.add_member(
            session, actor, teams.get(session, actor, slug), people.get(session, actor, person_id)
        )

    return _change(request, me, work, "/settings/teams", _teams_page)


# -- brand accounts and who may use them -----------------------------------------------------
def _accounts_page(request: Request, me: Principal, **context: Any) -> Response:
    workspace = _ws(request)
    status = int(context.pop("status", 200))
    error = context.pop("error", None)

    def load(session: Session) -> dict[str, Any]:
        actor = workspace.person(session, me)
        names = {p.id: p.name for p in people.list_people(session, actor)}
        team_names = {t.id: t.name for t in teams.list_teams(session, actor)}
        rows = []
        for account in accounts.list_accounts(session, actor):
            grants = [
                (
                    g.capability.value,
                    names.get(g.person_id) if g.person_id else team_names.get(g.team_id or 0),
                )
                for g in accounts.grants(session, account)
            ]
            workflow = workflows.get_workflow(session, account)
            if workflow is not None:
                _ = list(workflow.steps)  # loaded now: the page renders after the session
            rows.append((account, grants, workflow))
        return {
            "accounts": rows,
            "people": people.list_people(session, actor),
            "teams": teams.list_teams(session, actor),
            "capabilities": list(Capability),
        }

    values = {
        **workspace.read(load),
        "flash": error,
        "flash_kind": "error",
        "workflow_steps": range(1, WORKFLOW_STEPS + 1),
        **context,
    }
    return render(request, "settings/accounts.html", values, status=status)


@router.get("/settings/accounts", response_class=HTMLResponse)
def accounts_page(request: Request, me: SignedIn) -> Response:
    return _accounts_page(request, me)


@router.post("/settings/accounts")
async def add_account(
    request: Request,
    me: SignedIn,
    network: Annotated[str, Form(max_length=64)],
    handle: Annotated[str, Form(max_length=200)],
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    await check_form_csrf(request)
    return _change(
        request,
        me,
        lambda s, a: accounts.add_brand_account(s, a, network, handle, display_name),
        "/settings/accounts",
        _accounts_page,
    )


@router.post("/settings/accounts/{account_id}/grants")
async def grant(
    request: Request,
    me: SignedIn,
    account_id: int,
    capability: Annotated[str, Form()],
    grantee: Annotated[str, Form()],
) -> Response:
    """``grantee`` is ``person:<id>`` or ``team:<slug>``."""
    await check_form_csrf(request)

    def work(session: Session, actor: Person) -> None:
        account = accounts.get(session, actor, account_id)
        kind, _, key = grantee.partition(":")
        if kind == "person":
            person = people.get(session, actor, int(key))
            accounts.grant(session, actor, account, Capability(capability), person=person)
        else:
            accounts.grant(session, actor, account, Capability(capability), team_slug=key)

    return _change(request, me, work, "/settings/accounts", _accounts_page)


@router.post("/settings/accounts/{account_id}/workflow")
async def set_workflow(request: Request, me: SignedIn, account_id: int) -> Response:
    await check_form_csrf(request)
    form = await request.form()

    def field(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    def split(value: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in value.split(",") if v.strip())

    steps = []
    for n in range(1, WORKFLOW_STEPS + 1):
        name = field(f"step{n}_name")
        if not name:
            continue
        hours = field(f"step{n}_deadline_hours")
        steps.append(
            workflows.StepSpec(
                name=name,
                rule=StepRule.ALL if field(f"step{n}_rule") == "all" else StepRule.ANY,
                people=split(field(f"step{n}_people")),
                teams=split(field(f"step{n}_teams")),
                deadline=timedelta(hours=float(hours))
                if hours.replace(".", "", 1).isdigit()
                else None,
                backup=field(f"step{n}_backup") or None,
            )
        )

    def work(session: Session, actor: Person) -> None:
        account = accounts.get(session, actor, account_id)
        workflows.set_workflow(session, actor, account, field("workflow_name") or "approval", steps)

    return _change(request, me, work, "/settings/accounts", _accounts_page)


# -- the policy pack -------------------------------------------------------------------------
def _policy_page(request: Request, me: Principal, **context: Any) -> Response:
    workspace = _ws(request)
    status = int(context.pop("status", 200))
    error = context.pop("error", None)
    scanner = workspace.scanner(me.org_id)

    def load(session: Session) -> dict[str, Any]:
        version = policies.active_version(session, me.org_id)
        history = policies.activations(session, me.org_id)
        return {
            "version": version,
            "activations": [
                (a.activated_at, a.policy_version.name, a.policy_version.version) for a in history
            ],
            "files": (version.files.get("files", {}) if version is not None else {}),
        }

    values = {
        **workspace.read(load),
        "policy": scanner.policy,
        "rules": rule_views(scanner.policy, request.state.locale),
        "flash": error,
        "flash_kind": "error" if error else "ok",
        **context,
    }
    return render(request, "settings/policy.html", values, status=status)


@router.get("/settings/policy", response_class=HTMLResponse)
def policy_settings(request: Request, me: SignedIn) -> Response:
    return _policy_page(request, me)


async def _uploaded_text(source: str, upload: UploadFile | None) -> str | bytes:
    if upload is not None and upload.filename:
        return await upload.read(MAX_POLICY_BYTES + 1)
    return source


@router.post("/settings/policy")
async def upload_policy(
    request: Request,
    me: SignedIn,
    action: Annotated[str, Form()] = "validate",
    source: Annotated[str, Form(max_length=MAX_POLICY_BYTES)] = "",
    upload: UploadFile | None = None,
) -> Response:
    await check_form_csrf(request)
    fmt = localizer(request)
    workspace = _ws(request)
    try:
        # Who may put a pack in force is settled before anything is parsed.
        workspace.read(lambda s: policies.require_may_activate(workspace.person(s, me)))
    except GovernanceError as error:
        return _policy_page(request, me, error=error.message(request.state.locale), status=403)
    raw = await _uploaded_text(source, upload)
    if isinstance(raw, bytes):
        if len(raw) > MAX_POLICY_BYTES:
            return _policy_page(
                request, me, error=fmt.gettext("The file is too large."), status=413
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            return _policy_page(
                request,
                me,
                source=raw.decode("utf-8", "replace"),
                problems=[
                    {
                        "line": line,
                        "column": 0,
                        "message": fmt.gettext("The file is not valid UTF-8 text."),
                    }
                ],
                status=400,
            )
    else:
        text = raw
    if not text.strip():
        return _policy_page(
            request, me, error=fmt.gettext("Paste or upload a policy pack first."), status=400
        )
    problems = [
        {"line": p.line, "column": p.column, "code": p.code, "message": p.message(fmt.locale)}
        for p in validate_policy(text=text)
    ]
    if problems or action != "activate":
        message = (
            None if problems else fmt.gettext("The policy pack is valid. You can activate it.")
        )
        return _policy_page(
            request,
            me,
            source=text,
            problems=problems,
            bad_lines={p["line"] for p in problems},
            flash=message,
            status=400 if problems else 200,
        )
    try:
        workspace.write(lambda s: policies.activate_upload(s, workspace.person(s, me), text))
    except GovernanceError as error:
        return _policy_page(
            request, me, source=text, error=error.message(request.state.locale), status=400
        )
    workspace.forget_policy_cache()
    return RedirectResponse("/settings/policy?activated=1", status_code=303)


# -- organisation security ---------------------------------------------------------------
def _security_page(request: Request, me: Principal, **context: Any) -> Response:
    status = int(context.pop("status", 200))
    error = context.pop("error", None)
    workspace = _ws(request)
    required = workspace.credentials.requires_two_factor(me.org_id)
    duties = workspace.read(lambda s: separation.required(s, me.org_id))
    values = {
        "required": required,
        "separation_of_duties": duties,
        "flash": error,
        "flash_kind": "error",
        **context,
    }
    return render(request, "settings/security.html", values, status=status)


@router.get("/settings/security", response_class=HTMLResponse)
def org_security(request: Request, me: SignedIn) -> Response:
    return _security_page(request, me)


@router.post("/settings/security")
async def set_org_security(
    request: Request,
    me: SignedIn,
    require_two_factor: Annotated[str, Form(max_length=8)] = "",
    separation_of_duties: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    await check_form_csrf(request)
    workspace = _ws(request)
    required = require_two_factor == "on"
    duties = separation_of_duties == "on"

    def work(session: Session, actor: Person) -> None:
        # Sign-in rules are part of managing people (owners and admins).
        require_role(actor, ADMIN_ROLES, "managing_people")
        from herald.services import audit

        audit.append(
            session,
            actor=actor,
            action="security.two_factor_required" if required else "security.two_factor_optional",
            subject_type="org",
            subject_id=actor.org_id,
            data={"required": required},
        )
        if separation.required(session, actor.org_id) is not duties:
            separation.set_required(session, actor, duties)

    response = _change(request, me, work, "/settings/security", _security_page)
    if response.status_code == 303:
        workspace.credentials.set_requires_two_factor(me.org_id, required)
    return response
