from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import accounts, teams, workflows
from herald.services.errors import AlreadyExistsError, ForbiddenError, InvalidInputError
from herald.services.workflows import StepSpec
from herald.store.enums import Capability
from services.org_world import World


def test_default_teams(factory: sessionmaker[Session], world: World) -> None:
    with factory() as s:
        names = [t.name for t in teams.list_teams(s, world.person(s, "owner"))]
    assert names == [
        "Crisis response",
        "Message approval",
        "Customer service",
        "PR management",
        "Social engagement",
    ]


def test_capabilities_by_grant_team_role_and_ownership(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        brand = world.brand(s)
        can = accounts.can
        assert can(s, world.person(s, "writer"), brand, Capability.DRAFT)
        assert not can(s, world.person(s, "writer"), brand, Capability.PUBLISH)
        assert can(s, world.person(s, "approver"), brand, Capability.APPROVE)  # via team
        assert not can(s, world.person(s, "backup"), brand, Capability.APPROVE)
        assert can(s, world.person(s, "admin"), brand, Capability.PUBLISH)
        agent = world.person(s, "agent")
        mine = accounts.add_personal_account(s, agent, agent, "x", "agent_x")
        assert can(s, agent, mine, Capability.DRAFT)
        assert not can(s, agent, mine, Capability.APPROVE)
        assert not can(s, world.person(s, "writer"), mine, Capability.DRAFT)
        with pytest.raises(ForbiddenError):  # someone else's personal account
            accounts.add_personal_account(s, agent, world.person(s, "writer"), "x", "w")


def test_accounts_are_unique_and_validated(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner = world.person(s, "owner")
        with pytest.raises(AlreadyExistsError):
            accounts.add_brand_account(s, owner, "Mastodon", "@acme")
        with pytest.raises(InvalidInputError):
            accounts.add_brand_account(s, owner, "mastodon", "has space")
        with pytest.raises(ForbiddenError):
            accounts.add_brand_account(s, world.person(s, "publisher"), "x", "y")
        assert accounts.find(s, owner, "mastodon:@acme").id == world.brand_id
        assert accounts.find(s, owner, "@acme").id == world.brand_id


def test_grants_are_idempotent_and_revocable(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner, backup, brand = world.person(s, "owner"), world.person(s, "backup"), world.brand(s)
        first = accounts.grant(s, owner, brand, Capability.APPROVE, person=backup)
        assert accounts.grant(s, owner, brand, Capability.APPROVE, person=backup).id == first.id
        assert accounts.can(s, backup, brand, Capability.APPROVE)
        accounts.revoke(s, owner, first)
        assert not accounts.can(s, backup, brand, Capability.APPROVE)


def test_workflow_steps_are_validated(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner = world.person(s, "owner")
        with pytest.raises(InvalidInputError, match="no approvers"):
            workflows.set_workflow(s, owner, world.brand(s), "w", [StepSpec("empty")])
        agent = world.person(s, "agent")
        mine = accounts.add_personal_account(s, agent, agent, "x", "agent_x")
        with pytest.raises(InvalidInputError, match="brand"):
            workflows.set_workflow(
                s, owner, mine, "w", [StepSpec("s", people=("approver@acme.test",))]
            )
        with pytest.raises(ForbiddenError):
            workflows.set_workflow(
                s,
                world.person(s, "publisher"),
                world.brand(s),
                "w",
                [StepSpec("s", people=("approver@acme.test",))],
            )
