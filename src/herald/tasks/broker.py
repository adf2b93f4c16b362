"""The Dramatiq broker: Redis or RabbitMQ, chosen by the scheme of ``HERALD_BROKER_URL``.

Both deliver at least once: a message is acknowledged only after its handler returns.
RabbitMQ hands a dead worker's unacknowledged messages to another worker as soon as its
connection drops; Redis does so once the worker has sent no heartbeat for
``heartbeat_ms``.
"""

from __future__ import annotations

import dramatiq
import redis
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import dq_name

from herald.tasks.config import TaskConfig, TaskConfigError

NAMESPACE = "herald"
# Out of a million broker commands, how many also look for dead workers and requeue their
# messages. An idle worker polls about once a second per queue, so 10% finds a dead
# worker's messages within seconds of its heartbeat timeout; the look-up is one sorted-set
# range query, cheap enough to run that often.
MAINTENANCE_CHANCE = 100_000

_installed: tuple[TaskConfig, dramatiq.Broker] | None = None


def make_broker(config: TaskConfig) -> dramatiq.Broker:
    if config.broker_url is None:
        raise TaskConfigError("HERALD_BROKER_URL is not set: there is no broker to use")
    if config.broker_kind == "redis":
        return RedisBroker(  # type: ignore[no-untyped-call]
            url=config.broker_url,
            namespace=NAMESPACE,
            heartbeat_timeout=config.heartbeat_ms,
            maintenance_chance=MAINTENANCE_CHANCE,
        )
    # confirm_delivery: a send returns only once RabbitMQ has the message.
    return RabbitmqBroker(url=config.broker_url, confirm_delivery=True)


def install(config: TaskConfig) -> dramatiq.Broker:
    """Make the broker for ``config`` the one the task definitions are bound to.

    Call it before importing :mod:`herald.tasks.actors`; a second call in the same
    process returns the broker already installed.
    """
    global _installed
    if _installed is None:
        broker = make_broker(config)
        dramatiq.set_broker(broker)
        _installed = (config, broker)
    return _installed[1]


def installed() -> tuple[TaskConfig, dramatiq.Broker]:
    """The installed configuration and broker (from the environment if none was)."""
    if _installed is None:
        install(TaskConfig.from_env())
    assert _installed is not None
    return _installed


def queue_depth(broker: dramatiq.Broker, queue: str) -> int:
    """Messages waiting in ``queue`` (ready and delayed), not counting those in flight."""
    if isinstance(broker, RabbitmqBroker):
        ready, delayed, _dead = broker.get_queue_message_counts(queue)
        return int(ready) + int(delayed)
    if isinstance(broker, RedisBroker):
        client: redis.Redis = broker.client
        return sum(
            int(client.llen(f"{broker.namespace}:{name}")) for name in (queue, dq_name(queue))
        )
    raise TypeError(f"no queue depth for {type(broker).__name__}")


def ping(config: TaskConfig, timeout: float = 2.0) -> None:
    """Raise unless the broker answers within ``timeout`` seconds (for readiness checks)."""
    if config.broker_url is None:
        return
    if config.broker_kind == "redis":
        client = redis.Redis.from_url(
            config.broker_url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        try:
            client.ping()
        finally:
            client.close()
        return
    import pika

    parameters = pika.URLParameters(config.broker_url)
    parameters.socket_timeout = timeout
    parameters.blocked_connection_timeout = timeout
    parameters.connection_attempts = 1
    connection = pika.BlockingConnection(parameters)
    connection.close()
