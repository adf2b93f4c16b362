"""The lock-down switch: per account and per organisation, audited, effective at once."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork, provider_for
from herald.services import audit, lockdown, publishing
from herald.services.errors import ForbiddenError, GovernanceError, NotFoundError
from herald.services.publishing import Outcome, PublishingConfig
from herald.store.enums import PostState
from herald.store.models import Post
from services.org_world import CLEAN_TEXT, World
from services.scheduled import scheduled_post

CONFIG = PublishingConfig(backoff_base=0.01)


def test_an_account_lockdown_holds_its_posts_until_lifted(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    with factory.begin() as s:
        lockdown.lock(s, world.person(s, "compliance"), "Crisis: hold", world.brand(s))
    provider = provider_for(stub_network)
    results = publishing.publish_due(factory, provider, CONFIG)

    assert [r.outcome for r in results] == [Outcome.PUBLISHED]  # the other account only
    assert stub_network.texts() == ["Other text"]
    with factory() as s:
        assert s.get_one(Post, post_id).state == PostState.SCHEDULED
    with factory.begin() as s:
        lockdown.lift(s, world.person(s, "admin"), world.brand(s))
    assert [r.outcome for r in publishing.publish_due(factory, provider, CONFIG)] == [
        Outcome.PUBLISHED
    ]
    with factory() as s:
        assert s.get_one(Post, post_id).state == PostState.PUBLISHED
        actions = [e.action for e in audit.history(s, "account", world.brand_id)]
    assert [a for a in actions if a.startswith("publishing.")] == [
        "publishing.locked",
        "publishing.unlocked",
    ]


def test_an_organisation_lockdown_stops_every_account_even_after_a_claim(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    scheduled_post(factory, world, CLEAN_TEXT)
    ids = publishing.prepare_due(factory, CONFIG)  # already handed to workers
    with factory.begin() as s:
        lockdown.lock(s, world.person(s, "owner"), "Acquisition announced, all quiet")
    provider = provider_for(stub_network)
    outcomes = {publishing.publish_one(factory, provider, i, CONFIG).outcome for i in ids}

    assert outcomes == {Outcome.LOCKED}
    assert stub_network.received == []
    assert publishing.prepare_due(factory, CONFIG) == []
    with factory.begin() as s:
        lockdown.lift(s, world.person(s, "owner"))
    assert len(publishing.publish_due(factory, provider, CONFIG)) == 2
    assert len(stub_network.texts()) == 2


def test_who_may_lock_and_what_a_lock_needs(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        with pytest.raises(ForbiddenError):
            lockdown.lock(s, world.person(s, "publisher"), "because", world.brand(s))
        with pytest.raises(GovernanceError) as error:
            lockdown.lock(s, world.person(s, "admin"), "  ", world.brand(s))
        assert error.value.code == "reason_required"
        with pytest.raises(NotFoundError):
            lockdown.lift(s, world.person(s, "admin"), world.brand(s))
        first = lockdown.lock(s, world.person(s, "admin"), "hold", world.brand(s))
        again = lockdown.lock(s, world.person(s, "admin"), "hold again", world.brand(s))
        assert again.id == first.id
        assert lockdown.active(s, world.org_id, None) is None
        assert [x.id for x in lockdown.list_active(s, world.person(s, "admin"))] == [first.id]
