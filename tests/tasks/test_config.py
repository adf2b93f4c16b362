"""Task settings from the environment: defaults, and a clear error for each bad value."""

from __future__ import annotations

import pytest

from herald.tasks.config import TaskConfig, TaskConfigError


def test_defaults_mean_in_process() -> None:
    config = TaskConfig.from_env({"HERALD_DATABASE_URL": "sqlite:///x.db"})
    assert config.broker_url is None
    assert config.broker_kind is None
    assert config.queue == "herald"
    assert config.scheduler_interval == 60
    assert config.publishing.max_attempts == 8


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("redis://127.0.0.1:6379/0", "redis"),
        ("rediss://cache.internal:6380/1", "redis"),
        ("amqp://guest:guest@127.0.0.1:5672/%2F", "rabbitmq"),
    ],
)
def test_the_broker_kind_follows_the_scheme(url: str, kind: str) -> None:
    assert TaskConfig.from_env({"HERALD_BROKER_URL": url}).broker_kind == kind


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("HERALD_BROKER_URL", "http://localhost", "must start with redis://"),
        ("HERALD_TASK_QUEUE", "a queue!", "letters, digits"),
        ("HERALD_SCHEDULER_INTERVAL", "soon", "must be a number"),
        ("HERALD_SCHEDULER_INTERVAL", "0", "greater than 0"),
        ("HERALD_PUBLISH_LEASE_SECONDS", "-5", "greater than 0"),
        ("HERALD_PUBLISH_MAX_ATTEMPTS", "2.5", "whole number"),
        ("HERALD_BROKER_HEARTBEAT_MS", "nan", "greater than 0"),
    ],
)
def test_bad_values_are_named(name: str, value: str, says: str) -> None:
    with pytest.raises(TaskConfigError, match=name) as error:
        TaskConfig.from_env({name: value})
    assert says in str(error.value)


def test_publishing_settings_are_read() -> None:
    config = TaskConfig.from_env(
        {
            "HERALD_PUBLISH_MAX_ATTEMPTS": "3",
            "HERALD_PUBLISH_BACKOFF_SECONDS": "0.5",
            "HERALD_PUBLISH_LEASE_SECONDS": "10",
        }
    )
    assert (config.publishing.max_attempts, config.publishing.backoff_base) == (3, 0.5)
    assert config.publishing.lease == 10
