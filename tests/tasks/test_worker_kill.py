"""A worker killed for real (SIGKILL) in the middle of publishing loses nothing and
duplicates nothing: a second worker finishes the job, on Redis and on RabbitMQ."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork
from herald.store.enums import PostState, PublicationState
from herald.store.models import Post, Publication
from tasks import stub_world
from tasks.brokers import drop_queue, herald_process, task_env, wait_for

POSTS = 10


def _states(factory: sessionmaker[Session]) -> str:
    """What the publications look like, for a failure message."""
    with factory() as s:
        rows = s.execute(
            select(Publication.state, Publication.error_kind, func.count()).group_by(
                Publication.state, Publication.error_kind
            )
        ).all()
    return ", ".join(f"{state.value}/{kind}: {n}" for state, kind, n in rows)


def _count(factory: sessionmaker[Session], state: PublicationState) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).where(Publication.state == state)) or 0


def test_a_worker_killed_mid_task_loses_and_duplicates_nothing(
    pg_url: str,
    pg_factory: sessionmaker[Session],
    broker: str,
    stub_network: StubNetwork,
    tmp_path: Path,
) -> None:
    world = stub_world.build(pg_factory, n_accounts=2)
    post_ids = stub_world.approved_posts(
        pg_factory, world, [f"Kill test {i}" for i in range(POSTS)]
    )
    expected = POSTS * 2
    stub_network.delay = 0.4  # every call takes a while: the kill lands mid-call
    env = task_env(pg_url, broker, stub_network.url)
    log = tmp_path / "herald.log"
    try:
        with herald_process(["scheduler", "--once"], env, log) as scheduler:
            assert scheduler.wait(timeout=60) == 0
        with herald_process(["worker", "--threads", "4"], env, log) as first:
            wait_for(lambda: len(stub_network.received) >= 3, "the first worker to start sending")
            first.send_signal(signal.SIGKILL)
            first.wait()
            in_flight = _count(pg_factory, PublicationState.SENDING)
        published_by_first = _count(pg_factory, PublicationState.PUBLISHED)
        assert in_flight > 0, "the kill should land while calls are in flight"
        assert published_by_first < expected

        with herald_process(["worker", "--threads", "4"], env, log):
            wait_for(
                lambda: _count(pg_factory, PublicationState.PUBLISHED) == expected,
                lambda: (
                    f"all {expected} publications after the restart (see {log}); "
                    f"now {_states(pg_factory)}"
                ),
            )
    finally:
        drop_queue(broker, env["HERALD_TASK_QUEUE"])

    assert stub_network.duplicates() == {}
    assert len(stub_network.statuses) == expected
    with pg_factory() as s:
        states = set(s.scalars(select(Post.state).where(Post.id.in_(post_ids))))
        ids = set(s.scalars(select(Publication.network_id)))
    assert states == {PostState.PUBLISHED}
    assert ids == {status.id for status in stub_network.statuses}
