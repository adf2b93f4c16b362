"""The demo workspace ``herald serve`` creates on a new database.

A bank with people in every role, brand accounts with approval workflows, its policy
pack, and posts in Turkish, Spanish and English at different stages of approval, so a
new user can sign in and approve a post straight away.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from herald.listening.mention import Mention
from herald.listening.synthetic import DAY, Generator
from herald.security.passwords import generate_password
from herald.services import (
    accounts,
    advocacy,
    approvals,
    orgs,
    people,
    policies,
    posts,
    separation,
    teams,
    workflows,
)
from herald.services.listening import ListeningService
from herald.store.enums import Capability, Decision, Role, StepRule
from herald.store.models import Notification, Organisation, Person
from herald.web.workspace import Workspace

POLICY_PATH = Path(__file__).parent / "policy.yaml"
ORG_NAME = "Acme Bank"
LISTENING_SEED = 7
LISTENING_DAYS = 30
LISTENING_PER_DAY = 1_500.0
"""Mentions a day in the demo's synthetic listening history (about 48,000 in a month)."""
LISTENING_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class DemoPerson:
    email: str
    name: str
    role: Role
    lang: str


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("owner@acme.example", "Deniz Kaya", Role.OWNER, "tr"),
    DemoPerson("admin@acme.example", "Ana García", Role.ADMIN, "es"),
    DemoPerson("compliance@acme.example", "Zeynep Aydın", Role.COMPLIANCE_OFFICER, "tr"),
    DemoPerson("approver@acme.example", "Carlos Ruiz", Role.APPROVER, "es"),
    DemoPerson("publisher@acme.example", "Emma Brown", Role.PUBLISHER, "en"),
    DemoPerson("writer@acme.example", "Elif Şahin", Role.CONTRIBUTOR, "tr"),
    DemoPerson("agent@acme.example", "Lucía Fernández", Role.AGENT, "es"),
    DemoPerson("viewer@acme.example", "Oliver Smith", Role.VIEWER, "en"),
)

ACCOUNTS = (
    ("mastodon", "@acmebank@mastodon.social", "Acme Bank"),
    ("x", "@AcmeBankTR", "Acme Bank Türkiye"),
    ("linkedin", "acme-bank-espana", "Acme Bank España"),
)

# (language, author e-mail, account index, text, where it ends up)
POSTS: tuple[tuple[str, str, int, str, str], ...] = (
    (
        "tr",
        "writer@acme.example",
        1,
        "Yeni kredi kartımız çok ucuz! Başvurular bugün açıldı.",
        "in_review",
    ),
    (
        "es",
        "writer@acme.example",
        2,
        "Nuestra nueva cuenta de ahorro ya está disponible en todas las oficinas.",
        "in_review",
    ),
    (
        "en",
        "publisher@acme.example",
        0,
        "Studies show our app is the easiest way to save. Try it today!",
        "in_review",
    ),
    (
        "en",
        "writer@acme.example",
        0,
        "Guaranteed returns of 8% with our new fund, and Project Falcon is coming soon.",
        "in_review",
    ),
    (
        "tr",
        "writer@acme.example",
        1,
        "Şubelerimiz 29 Ekim'de kapalı olacak. İyi bayramlar!",
        "approved",
    ),
    (
        "es",
        "writer@acme.example",
        2,
        "Este producto es barato y gratis el primer año.",
        "changes_requested",
    ),
    ("en", "writer@acme.example", 0, "Our customer support team is here for you 24/7.", "draft"),
)


# Employees' own accounts, for sharing the advocacy library's content.
PERSONAL_ACCOUNTS = (
    ("writer@acme.example", "mastodon", "@elif@mastodon.social"),
    ("agent@acme.example", "bluesky", "lucia.bsky.social"),
    ("viewer@acme.example", "mastodon", "@oliver@mastodon.social"),
)

# (title, texts per language, networks)
ADVOCACY_ITEMS: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    (
        "New savings account",
        {
            "tr": "Acme Bank yeni birikim hesabını duyurdu: mobil uygulamadan beş dakikada açılıyor.",
            "es": "Acme Bank lanza su nueva cuenta de ahorro: se abre en cinco minutos desde la app.",
            "en": "Acme Bank has launched its new savings account: open it in five minutes in the app.",
        },
        (),
    ),
    (
        "Financial literacy week",
        {
            "tr": "Finansal okuryazarlık haftasında Acme Bank şubelerinde ücretsiz atölyeler var.",
            "es": "En la semana de la educación financiera, Acme Bank ofrece talleres gratuitos en sus oficinas.",
            "en": "For financial literacy week, Acme Bank runs free workshops in its branches.",
        },
        ("mastodon", "bluesky", "linkedin"),
    ),
)


def is_new(workspace: Workspace) -> bool:
    return workspace.read(lambda s: s.scalar(select(Organisation.id).limit(1)) is None)


def create(workspace: Workspace) -> dict[str, str]:
    """Create the demo workspace; returns e-mail -> password (shown once, stored hashed)."""
    owner_spec = PEOPLE[0]

    def build(session: Session) -> dict[str, int]:
        _, owner = orgs.create_organisation(
            session, ORG_NAME, owner_spec.email, owner_spec.name, owner_spec.lang
        )
        policies.activate(session, owner, POLICY_PATH)
        separation.set_required(session, owner, True)
        ids = {owner.email: owner.id}
        for spec in PEOPLE[1:]:
            person = people.add_person(session, owner, spec.email, spec.name, spec.role, spec.lang)
            ids[person.email] = person.id
        by_email = {e: session.get_one(Person, i) for e, i in ids.items()}
        approval_team = teams.get(session, owner, "message-approval")
        teams.add_member(session, owner, approval_team, by_email["approver@acme.example"])
        teams.add_member(session, owner, approval_team, by_email["compliance@acme.example"])
        for slug in ("social-engagement", "customer-service"):
            team = teams.get(session, owner, slug)
            teams.add_member(session, owner, team, by_email["writer@acme.example"])
            teams.add_member(session, owner, team, by_email["agent@acme.example"])
        crisis = teams.get(session, owner, "crisis-response")
        teams.add_member(session, owner, crisis, by_email["compliance@acme.example"])
        teams.add_member(session, owner, crisis, by_email["admin@acme.example"])
        for index, (network, handle, name) in enumerate(ACCOUNTS):
            account = accounts.add_brand_account(session, owner, network, handle, name)
            for email in ("writer@acme.example", "publisher@acme.example"):
                accounts.grant(session, owner, account, Capability.DRAFT, person=by_email[email])
            accounts.grant(
                session,
                owner,
                account,
                Capability.PUBLISH,
                person=by_email["publisher@acme.example"],
            )
            accounts.grant(
                session, owner, account, Capability.APPROVE, team_slug="message-approval"
            )
            if index == 2:
                steps = [
                    workflows.StepSpec(
                        "Message approval", StepRule.ANY, teams=("message-approval",)
                    ),
                    workflows.StepSpec(
                        "Compliance",
                        StepRule.ANY,
                        people=("compliance@acme.example",),
                        deadline=timedelta(hours=24),
                        backup="admin@acme.example",
                    ),
                ]
            else:
                steps = [
                    workflows.StepSpec(
                        "Message approval",
                        StepRule.ANY,
                        teams=("message-approval",),
                        deadline=timedelta(hours=8),
                        backup="admin@acme.example",
                    )
                ]
            workflows.set_workflow(session, owner, account, "approval", steps)
        return ids

    ids = workspace.write(build)
    credentials = {}
    for spec in PEOPLE:
        password = generate_password()
        workspace.credentials.set_password(ids[spec.email], password)
        credentials[spec.email] = password
    _sample_posts(workspace)
    listening_history(workspace)
    _advocacy(workspace)
    return credentials


def _as_acme(text: str) -> str:
    """The synthetic stream speaks of "Nexora": in the demo it is Acme Bank."""
    return text.replace("Nexora", "Acme").replace("nexora", "acme").replace("NEXORA", "ACME")


def demo_mentions(now: datetime | None = None) -> Iterator[Mention]:
    """A month of synthetic mentions (:mod:`herald.listening.synthetic`) moved forward by
    whole weeks so the month ends within the last week (weekdays keep their rhythm)."""
    generator = Generator(LISTENING_SEED, LISTENING_DAYS, LISTENING_PER_DAY)
    week = 7 * DAY
    end = generator.start + LISTENING_DAYS * DAY
    shift = max(0, int(((now or datetime.now(UTC)).timestamp() - end) // week)) * week
    for mention in generator.mentions():
        yield replace(mention, ts=mention.ts + shift, text=_as_acme(mention.text))


def listening_history(workspace: Workspace, now: datetime | None = None) -> int:
    """Run the demo month through the listening service (stored mentions, buckets and
    alerts, the alerts' cases): the dashboard opens on a month with its incidents."""
    org_id = workspace.read(lambda s: orgs.only_organisation(s).id)
    queries = workspace.scanner(org_id).policy.listening
    service = ListeningService(workspace.sessions, org_id, queries, restore=False)
    stream = demo_mentions(now)
    alerts = 0
    while batch := list(islice(stream, LISTENING_BATCH)):
        alerts += len(service.ingest(batch))
    return alerts + len(service.ingest([], final=True))


def _sample_posts(workspace: Workspace) -> None:
    def build(session: Session) -> None:
        org = orgs.only_organisation(session)
        by_email = {
            p.email: p for p in session.scalars(select(Person).where(Person.org_id == org.id))
        }
        owner = by_email["owner@acme.example"]
        account_list = accounts.list_accounts(session, owner)
        approver = by_email["approver@acme.example"]
        for _lang, author_email, account_index, text, stage in POSTS:
            author = by_email[author_email]
            post = posts.create(session, author, text, [posts.Target(account_list[account_index])])
            if stage == "draft":
                continue
            posts.submit(session, author, post)
            if stage == "approved":
                approvals.decide(
                    session,
                    approver,
                    post,
                    Decision.APPROVE,
                    "OK",
                    expected_hash=post.content_hash,
                )
            elif stage == "changes_requested":
                approvals.decide(
                    session,
                    approver,
                    post,
                    Decision.REQUEST_CHANGES,
                    "Usemos un tono más formal, por favor.",
                    expected_hash=post.content_hash,
                )
        # The sample history is not news: nobody gets e-mail about it.
        session.execute(update(Notification).values(email_status="none"))

    workspace.write(build)


def _advocacy(workspace: Workspace) -> None:
    def build(session: Session) -> None:
        org = orgs.only_organisation(session)
        by_email = {
            p.email: p for p in session.scalars(select(Person).where(Person.org_id == org.id))
        }
        for email, network, handle in PERSONAL_ACCOUNTS:
            person = by_email[email]
            accounts.add_personal_account(session, person, person, network, handle)
        publisher = by_email["publisher@acme.example"]
        for title, texts, networks in ADVOCACY_ITEMS:
            advocacy.add_item(session, publisher, title, texts, networks)

    workspace.write(build)
