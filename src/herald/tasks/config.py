"""Settings for background work, from the environment (see ``.env.example``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from herald.services.publishing import PublishingConfig
from herald.store.engine import default_database_url

BROKER_SCHEMES = {"redis": "redis", "rediss": "redis", "amqp": "rabbitmq", "amqps": "rabbitmq"}


class TaskConfigError(ValueError):
    """A setting has a value Herald cannot run with; the message names it."""


@dataclass(frozen=True, slots=True)
class TaskConfig:
    database_url: str
    broker_url: str | None = None
    """``redis://host:6379/0`` or ``amqp://user:pass@host:5672/``; None: in-process."""
    queue: str = "herald"
    scheduler_interval: float = 60.0
    """Seconds between publish sweeps; each slot fires once however many schedulers run."""
    heartbeat_ms: int = 60_000
    """Redis only: how long a silent worker is taken for alive before its messages are
    handed to another."""
    publishing: PublishingConfig = field(default_factory=PublishingConfig)

    @property
    def broker_kind(self) -> str | None:
        if self.broker_url is None:
            return None
        return BROKER_SCHEMES[urlsplit(self.broker_url).scheme]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> TaskConfig:
        env = os.environ if env is None else env
        broker = env.get("HERALD_BROKER_URL") or None
        if broker is not None and urlsplit(broker).scheme not in BROKER_SCHEMES:
            raise TaskConfigError(
                "HERALD_BROKER_URL must start with redis://, rediss://, amqp:// or amqps://"
            )
        queue = env.get("HERALD_TASK_QUEUE", "herald")
        if not queue.replace("-", "").replace("_", "").isalnum():
            raise TaskConfigError("HERALD_TASK_QUEUE may hold letters, digits, - and _ only")
        defaults = PublishingConfig()
        publishing = PublishingConfig(
            max_attempts=_whole(env, "HERALD_PUBLISH_MAX_ATTEMPTS", defaults.max_attempts),
            backoff_base=_number(env, "HERALD_PUBLISH_BACKOFF_SECONDS", defaults.backoff_base),
            backoff_max=_number(env, "HERALD_PUBLISH_BACKOFF_MAX_SECONDS", defaults.backoff_max),
            lease=_number(env, "HERALD_PUBLISH_LEASE_SECONDS", defaults.lease),
            dispatch_lease=_number(
                env, "HERALD_PUBLISH_DISPATCH_LEASE_SECONDS", defaults.dispatch_lease
            ),
        )
        return cls(
            database_url=env.get("HERALD_DATABASE_URL") or default_database_url(),
            broker_url=broker,
            queue=queue,
            scheduler_interval=_number(env, "HERALD_SCHEDULER_INTERVAL", 60.0),
            heartbeat_ms=_whole(env, "HERALD_BROKER_HEARTBEAT_MS", 60_000),
            publishing=publishing,
        )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise TaskConfigError(f"{name} must be a number, got {raw!r}") from None
    if not value > 0:
        raise TaskConfigError(f"{name} must be greater than 0, got {raw!r}")
    return value


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    value = _number(env, name, default)
    if value != int(value):
        raise TaskConfigError(f"{name} must be a whole number, got {env.get(name)!r}")
    return int(value)
