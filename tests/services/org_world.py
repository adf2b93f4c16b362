"""A small organisation to run the governance rules against (on both databases)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from herald.services import accounts, orgs, people, policies, policy_quiz, teams
from herald.store.enums import Capability, Role
from herald.store.models import Account, Person

CLEAN_TEXT = "Our new store opens on Monday in Istanbul. See you there!"
CLEAN_TEXT_2 = "Nuestra nueva tienda abre el lunes en Madrid. ¡Os esperamos!"
BLOCK_TEXT = "Staging access for the launch: password = Tr0ub4dor&3x"
"""The default pack blocks undisclosed sponsorship (disclaimer.sponsorship)."""
BLOCK_RULE = "credentials.assigned-secret"


@dataclass
class World:
    """Ids only: tests load rows in their own sessions."""

    org_id: int
    people: dict[str, int]
    brand_id: int
    other_brand_id: int

    def person(self, session: Session, name: str) -> Person:
        return session.get_one(Person, self.people[name])

    def brand(self, session: Session) -> Account:
        return session.get_one(Account, self.brand_id)

    def other_brand(self, session: Session) -> Account:
        return session.get_one(Account, self.other_brand_id)


PEOPLE: dict[str, Role] = {
    "admin": Role.ADMIN,
    "compliance": Role.COMPLIANCE_OFFICER,
    "approver": Role.APPROVER,
    "approver2": Role.APPROVER,
    "backup": Role.APPROVER,
    "publisher": Role.PUBLISHER,
    "writer": Role.CONTRIBUTOR,
    "agent": Role.AGENT,
    "viewer": Role.VIEWER,
}


def build_world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        org, owner = orgs.create_organisation(session, "Acme", "owner@acme.test", "Olga Owner")
        ids = {"owner": owner.id}
        for name, role in PEOPLE.items():
            ids[name] = people.add_person(
                session, owner, f"{name}@acme.test", name.title(), role
            ).id
        policies.activate(session, owner, None)
        brand = accounts.add_brand_account(session, owner, "mastodon", "@acme", "Acme")
        other = accounts.add_brand_account(session, owner, "bluesky", "acme.bsky.social", "Acme")
        for account in (brand, other):
            writer = session.get_one(Person, ids["writer"])
            publisher = session.get_one(Person, ids["publisher"])
            accounts.grant(session, owner, account, Capability.DRAFT, person=writer)
            accounts.grant(session, owner, account, Capability.DRAFT, person=publisher)
            accounts.grant(session, owner, account, Capability.PUBLISH, person=publisher)
            accounts.grant(
                session, owner, account, Capability.APPROVE, team_slug="message-approval"
            )
        approval_team = teams.get(session, owner, "message-approval")
        for name in ("approver", "approver2", "compliance"):
            teams.add_member(session, owner, approval_team, session.get_one(Person, ids[name]))
        return World(org.id, ids, brand.id, other.id)


def pass_quiz(session: Session, person: Person, lang: str = "en") -> None:
    """Take the policy quiz of the version in force and answer every question right."""
    attempt = policy_quiz.start(session, person, lang)
    answers = [q.answer for q in policy_quiz.questions_of(attempt)]
    assert policy_quiz.submit(session, person, attempt.id, answers).passed
