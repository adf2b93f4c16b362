"""An organisation whose brand accounts live on the stub network, and approved posts for it.

Shared by the task tests and ``bench/publishing.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from herald.services import accounts, approvals, orgs, people, policies, posts
from herald.store.enums import Capability, Decision, Role
from herald.store.models import Account, Person


@dataclass(frozen=True)
class StubWorld:
    org_id: int
    writer_id: int
    approver_id: int
    publisher_id: int
    account_ids: tuple[int, ...]
    handles: tuple[str, ...]


def build(factory: sessionmaker[Session], n_accounts: int = 2) -> StubWorld:
    with factory.begin() as s:
        org, owner = orgs.create_organisation(s, "Stubco", "owner@stub.test", "Owner")
        policies.activate(s, owner, None)
        writer = people.add_person(s, owner, "writer@stub.test", "Writer", Role.CONTRIBUTOR)
        approver = people.add_person(s, owner, "approver@stub.test", "Approver", Role.APPROVER)
        publisher = people.add_person(s, owner, "pub@stub.test", "Publisher", Role.PUBLISHER)
        found: list[Account] = []
        for i in range(n_accounts):
            account = accounts.add_brand_account(s, owner, "stub", f"@brand{i}", f"Brand {i}")
            accounts.grant(s, owner, account, Capability.DRAFT, person=writer)
            accounts.grant(s, owner, account, Capability.PUBLISH, person=publisher)
            accounts.grant(s, owner, account, Capability.APPROVE, person=approver)
            found.append(account)
        return StubWorld(
            org.id,
            writer.id,
            approver.id,
            publisher.id,
            tuple(a.id for a in found),
            tuple(a.handle for a in found),
        )


def approved_posts(
    factory: sessionmaker[Session],
    world: StubWorld,
    texts: list[str],
    account_ids: tuple[int, ...] | None = None,
    at: datetime | None = None,
) -> list[int]:
    """One post per text on ``account_ids`` (default: all), approved and scheduled for
    ``at`` (default: now, so due at once; a time in the past is refused)."""
    ids = []
    when = at
    for text in texts:
        with factory.begin() as s:
            writer = s.get_one(Person, world.writer_id)
            targets = [
                posts.Target(s.get_one(Account, a)) for a in (account_ids or world.account_ids)
            ]
            post = posts.create(s, writer, text, targets)
            posts.submit(s, writer, post)
            approvals.decide(s, s.get_one(Person, world.approver_id), post, Decision.APPROVE)
            posts.schedule(s, s.get_one(Person, world.publisher_id), post, when)
            ids.append(post.id)
    return ids
