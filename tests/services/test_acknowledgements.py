"""Acknowledging the policy: once per version, audited, asked again for a new version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgements, policies, posts
from herald.services.errors import ForbiddenError
from herald.store.models import AuditEntry
from services.org_world import CLEAN_TEXT, World, pass_quiz


def _version(s: Session, world: World) -> str:
    return policies.require_active_version(s, world.org_id).version


def test_acknowledging_is_recorded_once_and_audited(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        pass_quiz(s, writer)
        first = acknowledgements.acknowledge(s, writer, _version(s, world))
        again = acknowledgements.acknowledge(s, writer, _version(s, world))
        assert again.id == first.id
        entries = list(
            s.scalars(select(AuditEntry).where(AuditEntry.action == "policy.acknowledged"))
        )
        assert len(entries) == 1
        assert json.loads(entries[0].payload)["version"] == _version(s, world)


def test_a_stale_version_is_refused(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s, pytest.raises(ForbiddenError, match="new version"):
        acknowledgements.acknowledge(s, world.person(s, "writer"), "sha256:0000000000000000")


def test_the_overview_by_team(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        pass_quiz(s, world.person(s, "approver"))
        acknowledgements.acknowledge(s, world.person(s, "approver"), _version(s, world))
        view = acknowledgements.overview(s, world.person(s, "compliance"))
        assert (view.acknowledged, view.total) == (1, 10)
        approval = next(t for t in view.teams if t.name == "Message approval")
        assert {p.email for p in approval.pending} == {
            "approver2@acme.test",
            "compliance@acme.test",
        }
        with pytest.raises(ForbiddenError):
            acknowledgements.overview(s, world.person(s, "viewer"))


def test_a_pack_can_require_it_before_drafting_and_a_new_version_asks_again(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nextends: herald:default\nacknowledgement: {required_to_draft: true}\n"
    )
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), pack)
    with factory.begin() as s:
        writer = world.person(s, "writer")
        with pytest.raises(ForbiddenError, match="acknowledge the social media policy"):
            posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
    with factory.begin() as s:
        pass_quiz(s, world.person(s, "writer"))
        acknowledgements.acknowledge(s, world.person(s, "writer"), _version(s, world))
    with factory.begin() as s:
        posts.create(s, world.person(s, "writer"), CLEAN_TEXT, [posts.Target(world.brand(s))])
    pack.write_text(pack.read_text() + "document: {sections: {purpose: {en: Updated.}}}\n")
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), pack)
    with factory.begin() as s:
        writer = world.person(s, "writer")
        version = policies.require_active_version(s, world.org_id)
        assert acknowledgements.acknowledged_at(s, writer, version) is None
        with pytest.raises(ForbiddenError):
            posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
