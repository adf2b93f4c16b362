"""The task definitions: thin wrappers that run a service and say what comes next.

Handlers are idempotent, because delivery is at least once: a message may arrive twice,
or again after its worker died mid-way. The publishing service decides from the database
what is still to do, so a repeated message finds the work done or owned by another.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

import dramatiq

from herald.services import acknowledgement_reminders, publishing
from herald.store.types import utcnow
from herald.tasks import broker as _broker
from herald.tasks import runtime
from herald.tasks.metrics import PUBLISH_ATTEMPTS, TASK_ERRORS, TASK_SECONDS

CONFIG, BROKER = _broker.installed()
# Unexpected errors (the database away, a bug) are retried by Dramatiq with backoff;
# expected network failures are the publishing service's business, never raised here.
_MAX_RETRIES = 10
_MIN_BACKOFF_MS = 1_000
_MAX_BACKOFF_MS = 300_000
_TIME_LIMIT_MS = int(CONFIG.publishing.lease * 1000)


@dramatiq.actor(
    queue_name=CONFIG.queue,
    time_limit=_TIME_LIMIT_MS,
    max_retries=_MAX_RETRIES,
    min_backoff=_MIN_BACKOFF_MS,
    max_backoff=_MAX_BACKOFF_MS,
)
def publish_one(publication_id: int) -> None:
    """One attempt at one post on one account; schedules its own retry when it needs one."""
    started = time.perf_counter()
    rt = runtime.current()
    try:
        result = publishing.publish_one(
            rt.factory, rt.provider, publication_id, rt.config.publishing
        )
    except Exception:
        TASK_ERRORS.labels("publish_one").inc()
        raise
    finally:
        TASK_SECONDS.labels("publish_one").observe(time.perf_counter() - started)
    PUBLISH_ATTEMPTS.labels(result.outcome.value).inc()
    if result.retry_at is not None:
        publish_one.send_with_options(args=(publication_id,), delay=_delay_ms(result.retry_at))


@dramatiq.actor(
    queue_name=CONFIG.queue,
    max_retries=_MAX_RETRIES,
    min_backoff=_MIN_BACKOFF_MS,
    max_backoff=_MAX_BACKOFF_MS,
)
def publish_due() -> None:
    """Hand every publication that is due to the pool, one message each."""
    started = time.perf_counter()
    rt = runtime.current()
    try:
        due = publishing.due_publications(rt.factory, rt.config.publishing)
        for publication_id in due:
            publish_one.send(publication_id)
        # Only now: killed before this line, the message comes back and sends them again.
        publishing.mark_dispatched(rt.factory, due, rt.config.publishing)
    except Exception:
        TASK_ERRORS.labels("publish_due").inc()
        raise
    finally:
        TASK_SECONDS.labels("publish_due").observe(time.perf_counter() - started)


@dramatiq.actor(
    queue_name=CONFIG.queue,
    max_retries=_MAX_RETRIES,
    min_backoff=_MIN_BACKOFF_MS,
    max_backoff=_MAX_BACKOFF_MS,
)
def remind_acknowledgements() -> None:
    """Remind who has not acknowledged the policy in force (in the app, and by e-mail)."""
    started = time.perf_counter()
    rt = runtime.current()
    try:
        acknowledgement_reminders.run(rt.factory, os.environ)
    except Exception:
        TASK_ERRORS.labels("remind_acknowledgements").inc()
        raise
    finally:
        TASK_SECONDS.labels("remind_acknowledgements").observe(time.perf_counter() - started)


def _delay_ms(at: datetime) -> int:
    # A little past the moment, so the attempt does not arrive a hair too early.
    return max(0, int((at - utcnow()).total_seconds() * 1000)) + 50
