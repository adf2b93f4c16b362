"""Administration: ``herald init``, ``herald users``, ``herald teams``, ``herald accounts``."""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.cli.governance import as_option, fail, open_store, run_as, say
from herald.services import accounts, orgs, people, policies, teams, workflows
from herald.services.errors import GovernanceError, InvalidInputError
from herald.services.transaction import run_in_transaction
from herald.services.workflows import StepSpec
from herald.store.enums import Capability, Role, StepRule
from herald.store.models import Organisation, Person
from herald.types import LANGUAGES

ROLE_CHOICE = click.Choice([r.value for r in Role])
LANG_CHOICE = click.Choice(list(LANGUAGES))


@click.command()
@click.option("--org", "org_name", required=True, help="Organisation name.")
@click.option("--owner", "owner_email", required=True, metavar="EMAIL", help="First owner.")
@click.option("--name", "owner_name", default="", help="The owner's name.")
@click.option("--lang", type=LANG_CHOICE, default="en", show_default=True)
def init(org_name: str, owner_email: str, owner_name: str, lang: str) -> None:
    """Create the database (SQLite by default, or HERALD_DATABASE_URL), the organisation,
    its owner and default teams, and activate the built-in policy. Safe to run twice."""
    engine, factory = open_store(create=True)

    def work(session: Session) -> tuple[str, str, bool]:
        try:
            org = orgs.only_organisation(session)
        except GovernanceError:
            org = None
        if org is not None:
            return org.name, "", False
        org, owner = orgs.create_organisation(
            session, org_name, owner_email, owner_name or owner_email, lang
        )
        policies.activate(session, owner, None)
        return org.name, owner.email, True

    try:
        name, email, created = run_in_transaction(factory, work)
    except GovernanceError as error:
        fail(error)
        return
    finally:
        engine.dispose()
    if created:
        say("cli_initialised", org=name, email=email)
    else:
        say("cli_already_initialised", org=name)


# users ---------------------------------------------------------------------------------


@click.group()
def users() -> None:
    """People and their roles."""


@users.command("add")
@click.argument("email")
@click.option("--name", default="")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--lang", type=LANG_CHOICE, default="en", show_default=True)
@as_option
def users_add(email: str, name: str, role: str, lang: str, as_email: str | None) -> None:
    """Add a person with a role."""
    person = run_as(
        as_email, lambda s, actor: people.add_person(s, actor, email, name, Role(role), lang)
    )
    say("cli_created", what="person", key=f"{person.email} ({person.role.value})")


@users.command("role")
@click.argument("email")
@click.argument("role", type=ROLE_CHOICE)
@as_option
def users_role(email: str, role: str, as_email: str | None) -> None:
    """Change a person's role."""

    def work(s: Session, actor: Person) -> None:
        people.change_role(s, actor, people.get_by_email(s, actor.org_id, email), Role(role))

    run_as(as_email, work)
    say("cli_done")


@users.command("deactivate")
@click.argument("email")
@as_option
def users_deactivate(email: str, as_email: str | None) -> None:
    """Stop a person from acting (their history stays)."""

    def work(s: Session, actor: Person) -> None:
        people.set_active(s, actor, people.get_by_email(s, actor.org_id, email), False)

    run_as(as_email, work)
    say("cli_done")


@users.command("set-password")
@click.argument("email")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the new password from standard input (for scripts) instead of prompting.",
)
@as_option
def users_set_password(email: str, password_stdin: bool, as_email: str | None) -> None:
    """Set a person's password (yours, or anyone's as an owner or administrator)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("New password", hide_input=True)
        if click.prompt("Again", hide_input=True) != password:
            fail(GovernanceError("passwords_differ"))
    run_as(
        as_email,
        lambda s, actor: people.set_password(
            s, actor, people.get_by_email(s, actor.org_id, email), password
        ),
    )
    say("password_set", email=email)


@users.command("invite")
@click.option("--org", "org_name", required=True, help="The organisation's name.")
@click.option("--email", required=True, metavar="EMAIL", help="Who to invite.")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--name", default="", help="Their name (they can change it).")
@click.option("--lang", type=LANG_CHOICE, default="en", show_default=True)
def users_invite(org_name: str, email: str, role: str, name: str, lang: str) -> None:
    """Invite a person: prints their one-time link (valid 7 days) and e-mails it when
    HERALD_SMTP_HOST is set. Run by whoever operates the server (no --as needed)."""
    import os

    from herald.services import mailer, people_lifecycle

    engine, factory = open_store()

    def work(session: Session) -> people_lifecycle.Invitation:
        org = session.scalar(select(Organisation).where(Organisation.name == org_name.strip()))
        if org is None:
            say("cli_unknown_org", org=org_name)
            sys.exit(2)
        return people_lifecycle.invite(session, None, email, name, Role(role), lang, org_id=org.id)

    try:
        invitation = run_in_transaction(factory, work)
    except GovernanceError as error:
        fail(error)
        return
    finally:
        engine.dispose()
    base_url = mailer.base_url_from_env(os.environ)
    link = f"{base_url.rstrip('/')}/invite/{invitation.token}"
    say("cli_invited", email=invitation.email, role=role, link=link)
    try:
        smtp = mailer.SmtpSettings.from_env(os.environ)
    except ValueError as error:
        say("cli_invite_mail_failed", error=str(error))
        return
    if smtp is None:
        return
    subject, body = people_lifecycle.invitation_email(invitation, base_url)
    try:
        mailer.send(smtp, invitation.email, subject, body)
    except mailer.SEND_ERRORS as error:
        say("cli_invite_mail_failed", error=f"{type(error).__name__}: {error}")
        return
    say("cli_invite_mailed", email=invitation.email)


@users.command("list")
@as_option
def users_list(as_email: str | None) -> None:
    """Everyone in the organisation."""

    def work(s: Session, actor: Person) -> list[str]:
        return [
            f"{p.email}\t{p.role.value}\t{'active' if p.active else 'inactive'}\t{p.name}"
            for p in people.list_people(s, actor)
        ]

    for line in run_as(as_email, work):
        click.echo(line)


# teams ---------------------------------------------------------------------------------


@click.group("teams")
def teams_group() -> None:
    """Teams (crisis response, message approval, customer service, PR, engagement, ...)."""


@teams_group.command("list")
@as_option
def teams_list(as_email: str | None) -> None:
    def work(s: Session, actor: Person) -> list[str]:
        return [
            f"{t.slug}\t{t.name}\t{', '.join(p.email for p in teams.members(s, t))}"
            for t in teams.list_teams(s, actor)
        ]

    for line in run_as(as_email, work):
        click.echo(line)


@teams_group.command("add")
@click.argument("slug")
@click.option("--name", default="")
@as_option
def teams_add(slug: str, name: str, as_email: str | None) -> None:
    """Create a team."""
    run_as(as_email, lambda s, actor: teams.create_team(s, actor, slug, name or slug))
    say("cli_created", what="team", key=slug)


@teams_group.command("join")
@click.argument("slug")
@click.argument("emails", nargs=-1, required=True)
@as_option
def teams_join(slug: str, emails: tuple[str, ...], as_email: str | None) -> None:
    """Add people to a team."""

    def work(s: Session, actor: Person) -> None:
        team = teams.get(s, actor, slug)
        for email in emails:
            teams.add_member(s, actor, team, people.get_by_email(s, actor.org_id, email))

    run_as(as_email, work)
    say("cli_done")


@teams_group.command("leave")
@click.argument("slug")
@click.argument("emails", nargs=-1, required=True)
@as_option
def teams_leave(slug: str, emails: tuple[str, ...], as_email: str | None) -> None:
    """Remove people from a team."""

    def work(s: Session, actor: Person) -> None:
        team = teams.get(s, actor, slug)
        for email in emails:
            teams.remove_member(s, actor, team, people.get_by_email(s, actor.org_id, email))

    run_as(as_email, work)
    say("cli_done")


# accounts ------------------------------------------------------------------------------


@click.group("accounts")
def accounts_group() -> None:
    """Brand accounts, personal accounts, permissions and approval workflows."""


@accounts_group.command("add")
@click.argument("network")
@click.argument("handle")
@click.option("--display-name", default="")
@click.option("--personal-of", metavar="EMAIL", help="An employee's personal account (advocacy).")
@as_option
def accounts_add(
    network: str, handle: str, display_name: str, personal_of: str | None, as_email: str | None
) -> None:
    """Add a brand account (or, with --personal-of, an employee's personal account)."""

    def work(s: Session, actor: Person) -> str:
        if personal_of:
            owner = people.get_by_email(s, actor.org_id, personal_of)
            account = accounts.add_personal_account(s, actor, owner, network, handle, display_name)
        else:
            account = accounts.add_brand_account(s, actor, network, handle, display_name)
        return f"{account.network}:{account.handle}"

    say("cli_created", what="account", key=run_as(as_email, work))


@accounts_group.command("list")
@as_option
def accounts_list(as_email: str | None) -> None:
    def work(s: Session, actor: Person) -> list[str]:
        return [
            f"{a.network}:{a.handle}\t{a.kind.value}\t{a.display_name}"
            for a in accounts.list_accounts(s, actor)
        ]

    for line in run_as(as_email, work):
        click.echo(line)


@accounts_group.command("grant")
@click.argument("account")
@click.argument("capability", type=click.Choice([c.value for c in Capability]))
@click.option("--person", "person_email", metavar="EMAIL")
@click.option("--team", "team_slug", metavar="SLUG")
@as_option
def accounts_grant(
    account: str,
    capability: str,
    person_email: str | None,
    team_slug: str | None,
    as_email: str | None,
) -> None:
    """Let a person or a team draft, publish or approve for ACCOUNT (network:handle)."""

    def work(s: Session, actor: Person) -> None:
        person = people.get_by_email(s, actor.org_id, person_email) if person_email else None
        accounts.grant(
            s,
            actor,
            accounts.find(s, actor, account),
            Capability(capability),
            person=person,
            team_slug=team_slug,
        )

    run_as(as_email, work)
    say("cli_done")


def parse_step(spec: str) -> StepSpec:
    """``NAME:any|all:APPROVERS[:DEADLINE_HOURS[:BACKUP]]``; approvers comma-separated,
    ``team=SLUG`` for a team, an e-mail for a person."""
    parts = spec.split(":")
    if len(parts) < 3 or len(parts) > 5:
        raise InvalidInputError("step", f"{spec!r}: NAME:any|all:APPROVERS[:HOURS[:BACKUP]]")
    name, rule, approvers = parts[0], parts[1], parts[2]
    if rule not in {r.value for r in StepRule}:
        raise InvalidInputError("step_rule", rule)
    people_emails, team_slugs = [], []
    for item in filter(None, (a.strip() for a in approvers.split(","))):
        if item.startswith("team="):
            team_slugs.append(item.removeprefix("team="))
        else:
            people_emails.append(item)
    deadline = None
    if len(parts) >= 4 and parts[3]:
        try:
            deadline = timedelta(hours=float(parts[3]))
        except ValueError:
            raise InvalidInputError("deadline", parts[3]) from None
    backup = parts[4] if len(parts) == 5 and parts[4] else None
    return StepSpec(name, StepRule(rule), tuple(people_emails), tuple(team_slugs), deadline, backup)


@accounts_group.command("workflow")
@click.argument("account")
@click.option(
    "--step",
    "steps",
    multiple=True,
    metavar="SPEC",
    help="NAME:any|all:APPROVERS[:HOURS[:BACKUP]], in order; approvers are e-mails or "
    "team=SLUG, comma-separated. No --step removes the workflow.",
)
@click.option("--name", default="approval")
@as_option
def accounts_workflow(
    account: str, steps: tuple[str, ...], name: str, as_email: str | None
) -> None:
    """Set the approval steps for a brand account."""
    try:
        specs = [parse_step(s) for s in steps]
    except GovernanceError as error:
        fail(error)
        return

    def work(s: Session, actor: Person) -> list[dict[str, object]]:
        workflow = workflows.set_workflow(s, actor, accounts.find(s, actor, account), name, specs)
        return [
            {"step": st.position + 1, "name": st.name, "rule": st.rule.value}
            for st in workflow.steps
        ]

    for line in run_as(as_email, work):
        click.echo(json.dumps(line, ensure_ascii=False))
