"""Prometheus metrics of background work, shared by the worker, the scheduler and the web app.

Counters and histograms are per process (each worker exposes its own, ``herald worker
--metrics-port``); what every process shares, such as publications by state, is read from
the database when scraped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from herald.store.enums import PublicationState
from herald.store.models import Publication, PublishingLockdown

PUBLISH_ATTEMPTS = Counter(
    "herald_publish_attempts",
    "Publishing attempts by outcome (published, retry, failed, locked, busy...).",
    ["outcome"],
)
TASK_SECONDS = Histogram(
    "herald_task_duration_seconds",
    "Time a background task took, from start to finish.",
    ["task"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
TASK_ERRORS = Counter(
    "herald_task_errors", "Background tasks that raised (they are retried).", ["task"]
)
SCHEDULER_FIRED = Counter(
    "herald_scheduler_fired", "Scheduler slots fired by this process.", ["job"]
)


class StoreCollector(Collector):
    """Figures every process shares, read when scraped: publications by state, failures
    by kind, active lock-downs, and the queue's depth when there is a broker."""

    def __init__(
        self, factory: sessionmaker[Session], queue_depth: Callable[[], int] | None = None
    ) -> None:
        self.factory = factory
        self.queue_depth = queue_depth

    def collect(self) -> Iterator[Metric]:
        by_state = GaugeMetricFamily(
            "herald_publications", "Publications (post x account) by state.", labels=["state"]
        )
        failures = GaugeMetricFamily(
            "herald_publication_failures",
            "Failed publications by kind of error (auth_expired, refused...).",
            labels=["kind"],
        )
        with self.factory() as session:
            counts = dict(
                session.execute(
                    select(Publication.state, func.count()).group_by(Publication.state)
                ).all()
            )
            kinds = session.execute(
                select(Publication.error_kind, func.count())
                .where(Publication.state == PublicationState.FAILED)
                .group_by(Publication.error_kind)
            ).all()
            locked = session.scalar(
                select(func.count())
                .select_from(PublishingLockdown)
                .where(PublishingLockdown.lifted_at.is_(None))
            )
        for state in PublicationState:
            by_state.add_metric([state.value], counts.get(state, 0))
        for kind, n in kinds:
            failures.add_metric([kind or "unknown"], n)
        yield by_state
        yield failures
        yield GaugeMetricFamily(
            "herald_lockdowns_active", "Lock-downs in force.", value=locked or 0
        )
        if self.queue_depth is None:
            return
        try:
            depth = self.queue_depth()
        except Exception:  # the broker away: say so, and keep the other figures
            yield GaugeMetricFamily("herald_broker_up", "The broker answered.", value=0)
            return
        yield GaugeMetricFamily("herald_broker_up", "The broker answered.", value=1)
        yield GaugeMetricFamily(
            "herald_queue_depth",
            "Messages waiting in the task queue (ready and delayed).",
            value=depth,
        )
