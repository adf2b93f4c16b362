"""Publishing through the queue with a real worker process: duplicate deliveries, rate
limits and expired tokens, on Redis and on RabbitMQ with PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import Fault, StubNetwork
from herald.services import publishing
from herald.store.enums import PostState, PublicationState
from herald.store.models import Post, Publication
from tasks import stub_world
from tasks.brokers import drop_queue, herald_process, send, task_env, wait_for


def _publication(factory: sessionmaker[Session], post_id: int) -> Publication | None:
    with factory() as s:
        return s.scalars(select(Publication).where(Publication.post_id == post_id)).first()


def _post_state(factory: sessionmaker[Session], post_id: int) -> PostState:
    with factory() as s:
        return s.get_one(Post, post_id).state


def test_duplicate_deliveries_publish_once(
    pg_url: str,
    pg_factory: sessionmaker[Session],
    broker: str,
    stub_network: StubNetwork,
    tmp_path: Path,
) -> None:
    world = stub_world.build(pg_factory)
    post_ids = stub_world.approved_posts(pg_factory, world, [f"Once {i}" for i in range(4)])
    publication_ids = publishing.prepare_due(pg_factory)
    env = task_env(pg_url, broker, stub_network.url)
    queue = env["HERALD_TASK_QUEUE"]
    try:
        for publication_id in publication_ids:
            send(broker, queue, "publish_one", publication_id, copies=3)
        send(broker, queue, "publish_due", copies=2)
        with herald_process(["worker", "--threads", "4"], env, tmp_path / "worker.log"):
            wait_for(
                lambda: all(_post_state(pg_factory, p) == PostState.PUBLISHED for p in post_ids),
                "every post published",
            )
    finally:
        drop_queue(broker, queue)

    assert len(stub_network.received) == len(publication_ids) == 8
    assert stub_network.duplicates() == {}


def test_rate_limits_are_waited_out_and_expired_tokens_fail_the_post(
    pg_url: str,
    pg_factory: sessionmaker[Session],
    broker: str,
    stub_network: StubNetwork,
    tmp_path: Path,
) -> None:
    world = stub_world.build(pg_factory)
    (limited,) = stub_world.approved_posts(pg_factory, world, ["Limited"], world.account_ids[:1])
    (expired,) = stub_world.approved_posts(pg_factory, world, ["Expired"], world.account_ids[1:])
    stub_network.fail_next(Fault(status=429, retry_after=1.5, token=world.handles[0]))
    stub_network.expired_tokens.add(world.handles[1])
    env = task_env(pg_url, broker, stub_network.url)
    log = tmp_path / "herald.log"
    try:
        with herald_process(["scheduler", "--once"], env, log) as scheduler:
            assert scheduler.wait(timeout=60) == 0
        with herald_process(["worker", "--threads", "2"], env, log):
            wait_for(
                lambda: (
                    _post_state(pg_factory, limited) == PostState.PUBLISHED
                    and _post_state(pg_factory, expired) == PostState.FAILED
                ),
                f"one post published, the other failed (see {log})",
            )
    finally:
        drop_queue(broker, env["HERALD_TASK_QUEUE"])

    limited_row = _publication(pg_factory, limited)
    expired_row = _publication(pg_factory, expired)
    assert limited_row is not None
    assert expired_row is not None
    assert limited_row.attempts == 2
    assert (expired_row.state, expired_row.attempts, expired_row.error_kind) == (
        PublicationState.FAILED,
        1,
        "auth_expired",
    )
    tries = [r.at for r in stub_network.received if r.token == world.handles[0]]
    assert len(tries) == 2
    assert tries[1] - tries[0] >= 1.5  # Retry-After was respected
    assert [r.token for r in stub_network.received].count(world.handles[1]) == 1
