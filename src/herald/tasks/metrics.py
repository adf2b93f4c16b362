"""Prometheus metrics of background work, shared by the worker, the scheduler and the web app.

Counters and histograms are per process (each worker exposes its own, ``herald worker
--metrics-port``); what every process shares, such as publications by state, is read from
the database when scraped.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

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
