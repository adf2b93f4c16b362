"""Publishing against a real (local) HTTP network: once per target, retries, failures,
idempotency under retries and interrupted attempts, the approved-content check."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import Fault, StubNetwork, provider_for
from herald.connectors.base import OutgoingPost
from herald.connectors.stub import StubConnector
from herald.services import audit, publishing
from herald.services.publishing import Outcome, PublishingConfig
from herald.store.enums import PostState, PublicationState
from herald.store.models import AuditEntry, Post, Publication
from herald.store.types import utcnow
from services.org_world import CLEAN_TEXT, World
from services.scheduled import scheduled_post

FAST = PublishingConfig(backoff_base=0.01, backoff_max=0.02, max_attempts=3, lease=30)


def _publications(factory: sessionmaker[Session], post_id: int) -> dict[int, Publication]:
    with factory() as s:
        rows = s.scalars(select(Publication).where(Publication.post_id == post_id))
        return {p.account_id: p for p in rows}


def _post_state(factory: sessionmaker[Session], post_id: int) -> PostState:
    with factory() as s:
        return s.get_one(Post, post_id).state


def _actions(factory: sessionmaker[Session], post_id: int) -> list[str]:
    with factory() as s:
        return [e.action for e in audit.history(s, "post", post_id)]


def test_a_due_post_goes_out_once_per_target_with_its_variant(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Kısa sürüm: pazartesi!"})
    results = publishing.publish_due(factory, provider_for(stub_network), FAST)

    assert [r.outcome for r in results] == [Outcome.PUBLISHED, Outcome.PUBLISHED]
    assert sorted(stub_network.texts()) == sorted([CLEAN_TEXT, "Kısa sürüm: pazartesi!"])
    assert _post_state(factory, post_id) == PostState.PUBLISHED
    rows = _publications(factory, post_id)
    assert {r.state for r in rows.values()} == {PublicationState.PUBLISHED}
    assert all(r.url and r.url.startswith(stub_network.url) for r in rows.values())
    assert len({r.idempotency_key for r in rows.values()}) == 2
    actions = _actions(factory, post_id)
    assert actions.count("publication.published") == 2
    assert actions[-1] == "post.state_changed"


def test_running_again_publishes_nothing_more(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT)
    publishing.publish_due(factory, provider_for(stub_network), FAST)
    ids = [p.id for p in _publications(factory, post_id).values()]

    assert publishing.publish_due(factory, provider_for(stub_network), FAST) == []
    again = [publishing.publish_one(factory, provider_for(stub_network), i, FAST) for i in ids]
    assert {r.outcome for r in again} == {Outcome.DONE_ALREADY}
    assert len(stub_network.received) == 2


def test_a_post_not_yet_due_waits(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    scheduled_post(factory, world, CLEAN_TEXT, at=utcnow() + timedelta(hours=1))
    assert publishing.publish_due(factory, provider_for(stub_network), FAST) == []
    assert stub_network.received == []


def test_rate_limit_waits_at_least_retry_after_then_publishes(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT)
    stub_network.fail_next(Fault(status=429, retry_after=120, token="@acme"))
    before = utcnow()
    results = publishing.publish_due(factory, provider_for(stub_network), FAST)

    retry = next(r for r in results if r.outcome == Outcome.RETRY)
    assert retry.retry_at is not None
    assert retry.retry_at >= before + timedelta(seconds=120)
    assert len(stub_network.texts()) == 1  # the other target went out
    assert _post_state(factory, post_id) == PostState.SCHEDULED
    # Not before its time, even when asked directly.
    early = publishing.publish_one(factory, provider_for(stub_network), retry.publication_id, FAST)
    assert early.outcome == Outcome.NOT_DUE

    later = utcnow() + timedelta(seconds=121)
    results = publishing.publish_due(factory, provider_for(stub_network), FAST, later)
    assert [r.outcome for r in results] == [Outcome.PUBLISHED]
    assert _post_state(factory, post_id) == PostState.PUBLISHED
    row = _publications(factory, post_id)[world.brand_id]
    assert row.attempts == 2
    assert "publication.retry_scheduled" in _actions(factory, post_id)


def test_server_errors_are_retried_then_the_post_fails(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT)
    stub_network.fail_next(*[Fault(status=500, token="@acme")] * 3)
    provider = provider_for(stub_network)
    publishing.publish_due(factory, provider, FAST)  # brand: 500; other: published
    for _ in range(2):
        later = utcnow() + timedelta(seconds=1)
        publishing.publish_due(factory, provider, FAST, later)

    row = _publications(factory, post_id)[world.brand_id]
    assert row.state == PublicationState.FAILED
    assert row.attempts == FAST.max_attempts
    assert row.error_kind == "transient"
    assert "500" in (row.last_error or "")
    assert _post_state(factory, post_id) == PostState.FAILED
    actions = _actions(factory, post_id)
    assert actions.count("publication.retry_scheduled") == 2
    assert "publication.failed" in actions


def test_an_expired_token_fails_at_once_without_retry(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT)
    stub_network.expired_tokens.add("@acme")
    results = publishing.publish_due(factory, provider_for(stub_network), FAST)

    # The post failed first, so its other target waits for a reschedule.
    assert sorted(r.outcome for r in results) == [Outcome.FAILED, Outcome.SKIPPED]
    assert _publications(factory, post_id)[world.other_brand_id].state == PublicationState.PENDING
    row = _publications(factory, post_id)[world.brand_id]
    assert (row.state, row.attempts, row.error_kind) == (
        PublicationState.FAILED,
        1,
        "auth_expired",
    )
    assert _post_state(factory, post_id) == PostState.FAILED
    with factory() as s:
        failed = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "post.state_changed")
        ).all()[-1]
        assert '"to":"failed"' in failed.payload
        assert "@acme" in failed.payload


def test_rescheduling_a_failed_post_sends_only_what_is_missing(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    from herald.services import posts

    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    stub_network.expired_tokens.add("@acme")
    publishing.publish_due(factory, provider_for(stub_network), FAST)
    stub_network.expired_tokens.clear()  # the account was reconnected
    with factory.begin() as s:
        posts.reschedule(s, world.person(s, "publisher"), s.get_one(Post, post_id))
    publishing.publish_due(factory, provider_for(stub_network), FAST)

    assert _post_state(factory, post_id) == PostState.PUBLISHED
    assert sorted(stub_network.texts()) == sorted([CLEAN_TEXT, "Other text"])


def test_a_lost_answer_is_retried_under_the_same_key_without_a_second_post(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    # The network makes the post, but its answer arrives after the client gave up.
    stub_network.fail_next(Fault(stall=2.0, after_create=True, token="@acme"))
    provider = provider_for(stub_network, timeout=0.5)
    publishing.publish_due(factory, provider, FAST)
    publishing.publish_due(factory, provider, FAST, utcnow() + timedelta(seconds=1))

    assert _post_state(factory, post_id) == PostState.PUBLISHED
    assert len(stub_network.received) == 3
    assert stub_network.duplicates() == {}
    assert len(stub_network.statuses) == 2


def test_an_interrupted_attempt_is_taken_up_again_under_the_same_key(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    ids = publishing.prepare_due(factory, FAST)
    # A worker claimed the brand target, reached the network, then died before recording.
    with factory.begin() as s:
        row = s.scalars(select(Publication).where(Publication.account_id == world.brand_id)).one()
        row.state = PublicationState.SENDING
        row.attempts = 1
        row.lease_until = utcnow() + timedelta(seconds=30)
        key = row.idempotency_key
    StubConnector(stub_network.url, token="@acme").publish(OutgoingPost(CLEAN_TEXT, key))

    (other_id,) = set(ids) - {row.id}
    provider = provider_for(stub_network)
    assert publishing.publish_one(factory, provider, other_id, FAST).outcome == Outcome.PUBLISHED

    busy = publishing.publish_one(factory, provider, row.id, FAST)
    assert busy.outcome == Outcome.BUSY  # its lease still runs
    after_lease = utcnow() + timedelta(seconds=31)
    assert publishing.prepare_due(factory, FAST, after_lease) == [row.id]
    result = publishing.publish_one(factory, provider, row.id, FAST, after_lease)
    assert result.outcome == Outcome.PUBLISHED

    assert _post_state(factory, post_id) == PostState.PUBLISHED
    assert stub_network.duplicates() == {}
    assert len(stub_network.statuses) == 2
    assert _publications(factory, post_id)[world.brand_id].network_id == "1"


def test_two_workers_on_one_publication_send_it_once(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    ids = publishing.prepare_due(factory, FAST)
    stub_network.delay = 0.3
    outcomes: list[Outcome] = []
    threads = [
        threading.Thread(
            target=lambda i=i: outcomes.append(
                publishing.publish_one(factory, provider_for(stub_network), i, FAST).outcome
            )
        )
        for i in ids * 2
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes).count(Outcome.PUBLISHED) == 2
    assert len(stub_network.received) == 2
    assert _post_state(factory, post_id) == PostState.PUBLISHED


def test_text_changed_behind_the_approvals_is_refused(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    post_id = scheduled_post(factory, world, CLEAN_TEXT)
    # Bypass the services, as a faulty migration or a hand edit in the database would.
    with factory.begin() as s:
        s.execute(update(Post).where(Post.id == post_id).values(text=CLEAN_TEXT + " "))
    results = publishing.publish_due(factory, provider_for(stub_network), FAST)

    assert {r.outcome for r in results} <= {Outcome.FAILED, Outcome.SKIPPED}
    assert stub_network.received == []
    assert _post_state(factory, post_id) == PostState.FAILED
    rows = _publications(factory, post_id)
    assert any(r.error_kind == "content_mismatch" for r in rows.values())


def test_a_sweep_marks_publications_dispatched_only_after_handing_them_out(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    scheduled_post(factory, world, CLEAN_TEXT, {"other": "Other text"})
    first = publishing.due_publications(factory, FAST)
    # The sweep died before marking them: the next one finds them all again.
    assert publishing.due_publications(factory, FAST) == first
    claimed, waiting = first
    publishing.publish_one(factory, provider_for(stub_network), claimed, FAST)
    publishing.mark_dispatched(factory, first, FAST)

    assert publishing.due_publications(factory, FAST) == []
    with factory() as s:
        done = s.get_one(Publication, claimed)
        queued = s.get_one(Publication, waiting)
    assert done.state == PublicationState.PUBLISHED
    assert done.lease_until is None  # a publication a worker took is left alone
    assert queued.lease_until is not None
    later = utcnow() + timedelta(seconds=FAST.dispatch_lease + 1)
    assert publishing.due_publications(factory, FAST, later) == [waiting]
