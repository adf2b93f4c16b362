"""The scheduler fires each slot once: across restarts, and with two running at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork
from herald.store.models import SchedulerTick
from herald.tasks.scheduler import Job, Scheduler, slot_of
from tasks.brokers import depth, drop_queue, herald_process, task_env, wait_for


def _slots(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(SchedulerTick)) or 0


NOON = datetime(2026, 12, 5, 12, 0, 10, tzinfo=UTC)


def test_a_slot_fires_once_whoever_ticks(factory: sessionmaker[Session]) -> None:
    fired: list[str] = []
    jobs = [Job("sweep", 60, lambda: fired.append("sweep"))]
    first, restarted = Scheduler(factory, jobs), Scheduler(factory, jobs)

    assert first.tick(NOON) == ["sweep"]
    assert restarted.tick(NOON + timedelta(seconds=30)) == []
    assert first.tick(NOON + timedelta(seconds=49)) == []
    assert restarted.tick(NOON + timedelta(seconds=50)) == ["sweep"]  # 12:01:00, a new slot
    assert fired == ["sweep", "sweep"]


def test_a_failing_job_does_not_stop_the_others(
    factory: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("database away")

    fired: list[str] = []
    scheduler = Scheduler(
        factory, [Job("broken", 60, broken), Job("fine", 60, lambda: fired.append("fine"))]
    )
    assert scheduler.tick(NOON) == ["fine"]
    assert fired == ["fine"]
    assert "broken" in caplog.text


def test_slots_are_aligned_to_the_interval() -> None:
    assert slot_of(NOON, 60) == int(datetime(2026, 12, 5, 12, 0, tzinfo=UTC).timestamp())
    assert slot_of(NOON, 3600) == slot_of(NOON + timedelta(minutes=59), 3600)


def test_restarting_the_scheduler_process_does_not_fire_again(
    pg_url: str, broker: str, stub_network: StubNetwork, tmp_path: Path
) -> None:
    # A day-long slot: both runs fall in the same one.
    env = task_env(pg_url, broker, stub_network.url, HERALD_SCHEDULER_INTERVAL="86400")
    outputs = []
    depths = []
    try:
        for _ in range(2):
            log = tmp_path / f"run{len(outputs)}.log"
            with herald_process(["scheduler", "--once"], env, log) as process:
                assert process.wait(timeout=60) == 0
            outputs.append(log.read_text())
            depths.append(depth(broker, env["HERALD_TASK_QUEUE"]))
        # One message per job from the first run (publishing, acknowledgement reminders),
        # none from the second.
        assert depths[0] >= 2
        assert depths[1] == depths[0]
    finally:
        drop_queue(broker, env["HERALD_TASK_QUEUE"])
    assert "fired publish_due" in outputs[0]
    assert "already fired" in outputs[1]


def test_two_schedulers_running_at_once_fire_each_slot_once(
    pg_url: str,
    pg_factory: sessionmaker[Session],
    broker: str,
    stub_network: StubNetwork,
    tmp_path: Path,
) -> None:
    env = task_env(pg_url, broker, stub_network.url, HERALD_SCHEDULER_INTERVAL="1")
    try:
        with (
            herald_process(["scheduler"], env, tmp_path / "a.log"),
            herald_process(["scheduler"], env, tmp_path / "b.log"),
        ):
            wait_for(lambda: _slots(pg_factory) >= 3, "three one-second slots fired")
        slots = _slots(pg_factory)
        assert depth(broker, env["HERALD_TASK_QUEUE"]) == slots
    finally:
        drop_queue(broker, env["HERALD_TASK_QUEUE"])
