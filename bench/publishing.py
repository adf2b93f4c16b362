"""Publishing throughput: posts per second in-process and through the task queue with 1, 2
and 4 worker processes, against the stub network (PostgreSQL + a broker); then the
worker-kill figures (in flight when killed, lost, duplicated).

Run: `python -m bench publishing`. Settings: HERALD_BENCH_PUBLISH_POSTS (default 120 posts,
two target accounts each), HERALD_BENCH_NETWORK_MS (the stub network's time per post,
default 20), HERALD_BENCH_BROKER_URL (default redis://127.0.0.1:6379/0; amqp:// for
RabbitMQ), HERALD_TEST_POSTGRES_URL. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bench.workflow import _postgres_database
from herald.services import publishing
from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory
from herald.store.enums import PublicationState
from herald.store.models import Publication
from herald.tasks import broker as brokers
from herald.tasks.config import TaskConfig
from herald.text.langid import warm_up

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from connectors.fakes.stub_network import StubNetwork, provider_for, serve
from tasks import stub_world

POSTS = int(os.environ.get("HERALD_BENCH_PUBLISH_POSTS", "120"))
NETWORK_SECONDS = float(os.environ.get("HERALD_BENCH_NETWORK_MS", "20")) / 1000
BROKER = os.environ.get("HERALD_BENCH_BROKER_URL", "redis://127.0.0.1:6379/0")
THREADS = 4
HERALD = str(Path(sys.executable).parent / "herald")


def _published(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return (
            s.scalar(select(func.count()).where(Publication.state == PublicationState.PUBLISHED))
            or 0
        )


def _count(factory: sessionmaker[Session], state: PublicationState) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).where(Publication.state == state)) or 0


def _wait(condition: Callable[[], bool], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the benchmark did not finish in time")
        time.sleep(0.02)


class Round:
    """A fresh database with POSTS due posts, on a fresh stub network."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __enter__(self) -> Round:
        database = _postgres_database()
        if database is None:
            raise RuntimeError("PostgreSQL is needed")
        self.url, self._drop = database
        self.engine = make_engine(self.url)
        migrate.upgrade(self.engine)
        self.factory = make_session_factory(self.engine)
        world = stub_world.build(self.factory)
        stub_world.approved_posts(self.factory, world, [f"{self.tag} {i}" for i in range(POSTS)])
        self.expected = POSTS * len(world.account_ids)
        self._serving = serve(StubNetwork(delay=NETWORK_SECONDS))
        self.network = self._serving.__enter__()
        self.queue = f"bench-{uuid.uuid4().hex[:8]}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.__exit__(None, None, None)
        self.engine.dispose()
        self._drop()

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HERALD_")}
        env.update(
            HERALD_DATABASE_URL=self.url,
            HERALD_BROKER_URL=BROKER,
            HERALD_TASK_QUEUE=self.queue,
            HERALD_CONNECTIONS=json.dumps({"stub": {"url": self.network.url}}),
            HERALD_PUBLISH_LEASE_SECONDS="5",
            HERALD_BROKER_HEARTBEAT_MS="3000",
        )
        return env

    def start_workers(self, n: int, log: Path, prefix: str = "w") -> list[subprocess.Popen[bytes]]:
        """``n`` worker processes, returned once each has started consuming."""
        workers = []
        logs = [log / f"{prefix}{i}.log" for i in range(n)]
        for path in logs:
            out = path.open("ab")
            workers.append(
                subprocess.Popen(
                    [HERALD, "worker", "--threads", str(THREADS)],
                    env=self.env(),
                    stdout=out,
                    stderr=out,
                )
            )
        _wait(lambda: all("worker started" in path.read_text() for path in logs))
        return workers

    def enqueue_due(self) -> int:
        config = TaskConfig(database_url=self.url, broker_url=BROKER, queue=self.queue)
        broker = brokers.make_broker(config)
        broker.declare_queue(self.queue)
        import dramatiq

        ids = publishing.prepare_due(self.factory)
        for publication_id in ids:
            broker.enqueue(
                dramatiq.Message(
                    queue_name=self.queue,
                    actor_name="publish_one",
                    args=(publication_id,),
                    kwargs={},
                    options={},
                )
            )
        broker.close()
        return len(ids)


def _stop(workers: list[subprocess.Popen[bytes]], sig: int = signal.SIGTERM) -> None:
    for worker in workers:
        worker.send_signal(sig)
    for worker in workers:
        worker.wait(timeout=60)


def in_process() -> float:
    with Round("in-process") as r:
        started = time.perf_counter()
        publishing.publish_due(r.factory, provider_for(r.network))
        elapsed = time.perf_counter() - started
        assert _published(r.factory) == r.expected
        return r.expected / elapsed


def through_queue(n_workers: int) -> float:
    with Round(f"queue-{n_workers}") as r, TemporaryDirectory() as tmp:
        workers = r.start_workers(n_workers, Path(tmp))
        try:
            started = time.perf_counter()
            r.enqueue_due()
            _wait(lambda: _published(r.factory) == r.expected)
            elapsed = time.perf_counter() - started
        finally:
            _stop(workers)
            brokers_cleanup(r.queue)
        return r.expected / elapsed


def kill_figures() -> tuple[int, int, int, int]:
    """(publications, in flight at the kill, lost, duplicated)."""
    with Round("kill") as r, TemporaryDirectory() as tmp:
        r.network.delay = max(NETWORK_SECONDS, 0.2)
        first = r.start_workers(1, Path(tmp))
        try:
            r.enqueue_due()
            _wait(lambda: len(r.network.received) >= THREADS)
            _stop(first, signal.SIGKILL)
            in_flight = _count(r.factory, PublicationState.SENDING)
            second = r.start_workers(1, Path(tmp), prefix="second")
            try:
                _wait(lambda: _published(r.factory) == r.expected, timeout=300)
            finally:
                _stop(second)
        finally:
            brokers_cleanup(r.queue)
        lost = r.expected - _published(r.factory)
        duplicated = sum(n - 1 for n in r.network.duplicates().values())
        return r.expected, in_flight, lost, duplicated


def brokers_cleanup(queue: str) -> None:
    config = TaskConfig(database_url="", broker_url=BROKER, queue=queue)
    broker = brokers.make_broker(config)
    broker.declare_queue(queue)
    broker.flush_all()
    broker.close()


def main() -> None:
    warm_up()
    try:
        brokers.ping(TaskConfig(database_url="", broker_url=BROKER))
    except Exception as error:
        print(f"skipped: broker {BROKER} unreachable ({error.__class__.__name__})")
        return
    if _postgres_database_available() is False:
        return
    print(
        f"{POSTS} posts x 2 accounts, stub network {NETWORK_SECONDS * 1000:.0f} ms per post, "
        f"PostgreSQL, broker {BROKER.split('://')[0]}, {THREADS} threads per worker"
    )
    rate = in_process()
    print(f"in-process           {rate:8.1f} publications/s")
    rates = {}
    for n in (1, 2, 4):
        rates[n] = through_queue(n)
        print(f"queue, {n} worker(s)   {rates[n]:8.1f} publications/s")
    print(
        f"scaling 1->4 workers  {rates[4] / rates[1]:.2f}x  (efficiency {rates[4] / rates[1] / 4:.0%})"
    )
    total, in_flight, lost, duplicated = kill_figures()
    print(
        f"kill test            {total} publications, {in_flight} in flight at SIGKILL, "
        f"{lost} lost, {duplicated} duplicated"
    )


def _postgres_database_available() -> bool:
    database = _postgres_database()
    if database is None:
        return False
    database[1]()
    return True


if __name__ == "__main__":
    main()
