"""The periodic scheduler: fires each job once per time slot, however many run.

Time is cut into slots of the job's interval (slot = start second of the slot). Before
firing, the scheduler inserts (job, slot) into ``scheduler_ticks``; the primary key lets
exactly one insert win, so a restarted scheduler, or a second one started by mistake,
does not fire a slot again. The row is committed before the job is fired: a crash in
between skips one slot, which the next slot makes up for, since every job here works
from the database's state ("everything due"), never from what a slot carried.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from herald.store.models import SchedulerTick
from herald.store.types import utcnow
from herald.tasks.metrics import SCHEDULER_FIRED

log = logging.getLogger(__name__)

KEEP_TICKS = timedelta(days=2)


@dataclass(frozen=True)
class Job:
    name: str
    interval: float
    """Seconds."""
    fire: Callable[[], object]


def slot_of(moment: datetime, interval: float) -> int:
    return int(math.floor(moment.timestamp() / interval) * interval)


class Scheduler:
    def __init__(self, factory: sessionmaker[Session], jobs: Sequence[Job]) -> None:
        self.factory = factory
        self.jobs = tuple(jobs)

    def tick(self, now: datetime | None = None) -> list[str]:
        """Fire every job whose current slot no one has fired yet; the names fired."""
        now = now or utcnow()
        fired = []
        for job in self.jobs:
            if self._claim(job.name, slot_of(now, job.interval), now):
                try:
                    job.fire()
                except Exception:  # one failing job must not stop the others or the loop
                    log.exception("scheduled job %s failed", job.name)
                    continue
                SCHEDULER_FIRED.labels(job.name).inc()
                fired.append(job.name)
        return fired

    def run(self, stop: threading.Event) -> None:
        """Tick at every slot boundary until ``stop`` is set."""
        while not stop.is_set():
            try:
                self.tick()
                self._prune()
            except Exception:  # the database away: try again at the next slot
                log.exception("scheduler tick failed")
            stop.wait(self._seconds_to_next_slot(utcnow()))

    def _claim(self, job: str, slot: int, now: datetime) -> bool:
        try:
            with self.factory.begin() as session:
                session.add(SchedulerTick(job=job, slot=slot, fired_at=now))
        except IntegrityError:
            return False
        return True

    def _prune(self) -> None:
        cutoff = utcnow() - KEEP_TICKS
        with self.factory.begin() as session:
            session.execute(delete(SchedulerTick).where(SchedulerTick.fired_at < cutoff))

    def _seconds_to_next_slot(self, now: datetime) -> float:
        stamp = now.timestamp()
        waits = [(math.floor(stamp / job.interval) + 1) * job.interval - stamp for job in self.jobs]
        return max(0.05, min(waits, default=60.0))
