"""The real brokers the task tests run on, and the herald processes they start.

Redis and RabbitMQ come from ``HERALD_TEST_REDIS_URL`` / ``HERALD_TEST_RABBITMQ_URL``
(defaults: the local servers). A broker that does not answer skips its tests with the
reason, unless its variable was set: then it is an error, as CI sets them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import dramatiq
import pika
import pytest
import redis

from herald.tasks import broker as brokers
from herald.tasks.config import TaskConfig

DEFAULTS = {
    "redis": ("HERALD_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
    "rabbitmq": ("HERALD_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"),
}
HERALD = str(Path(sys.executable).parent / "herald")


def broker_url(kind: str) -> str:
    """The test server's URL for ``kind``, or skip (error if it was explicitly set)."""
    env, default = DEFAULTS[kind]
    url = os.environ.get(env) or default
    try:
        brokers.ping(TaskConfig(database_url="", broker_url=url))
    except Exception as error:
        if os.environ.get(env):
            raise RuntimeError(f"{env}={url} is unreachable: {error}") from error
        pytest.skip(f"{kind} broker not reachable at {url} ({error}); set {env} to require it")
    return url


def drop_queue(url: str, queue: str) -> None:
    """Remove every trace of ``queue`` from the broker."""
    names = (queue, f"{queue}.DQ", f"{queue}.XQ")
    if url.startswith("redis"):
        client = redis.Redis.from_url(url)
        keys = [k for name in names for k in client.keys(f"{brokers.NAMESPACE}:{name}*")]
        if keys:
            client.delete(*keys)
        client.close()
        return
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    for name in names:
        channel.queue_delete(name)
    connection.close()


def task_env(database_url: str, broker: str, network_url: str, **extra: str) -> dict[str, str]:
    """The environment of a herald worker or scheduler under test (short leases)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HERALD_")}
    env.update(
        HERALD_DATABASE_URL=database_url,
        HERALD_BROKER_URL=broker,
        HERALD_TASK_QUEUE=f"test-{uuid.uuid4().hex[:10]}",
        HERALD_CONNECTIONS=json.dumps({"stub": {"url": network_url, "timeout": "5"}}),
        HERALD_PUBLISH_LEASE_SECONDS="4",
        HERALD_PUBLISH_BACKOFF_SECONDS="0.2",
        HERALD_BROKER_HEARTBEAT_MS="3000",
        HERALD_LANG="en",
    )
    env.update(extra)
    return env


@contextmanager
def herald_process(
    args: list[str], env: Mapping[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """``herald ARGS`` in its own process; stopped (SIGTERM, then SIGKILL) at the end."""
    with log.open("ab") as out:
        process = subprocess.Popen([HERALD, *args], env=dict(env), stdout=out, stderr=out)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(
    condition: Callable[[], bool], what: str | Callable[[], str], timeout: float = 90.0
) -> None:
    """Poll until ``condition`` holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what if isinstance(what, str) else what()}")
        time.sleep(0.1)


def send(url: str, queue: str, actor: str, *args: object, copies: int = 1) -> None:
    """Put ``copies`` identical messages for ``actor`` on ``queue``, as a producer would."""
    broker = brokers.make_broker(TaskConfig(database_url="", broker_url=url, queue=queue))
    broker.declare_queue(queue)
    for _ in range(copies):
        broker.enqueue(
            dramatiq.Message(queue_name=queue, actor_name=actor, args=args, kwargs={}, options={})
        )
    broker.close()


def depth(url: str, queue: str) -> int:
    broker = brokers.make_broker(TaskConfig(database_url="", broker_url=url, queue=queue))
    broker.declare_queue(queue)
    try:
        return brokers.queue_depth(broker, queue)
    finally:
        broker.close()
