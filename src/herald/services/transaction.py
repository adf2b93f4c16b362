"""Run a unit of work in one transaction, retrying when a concurrent writer won a race.

A retry re-reads everything, so the business rules run again on fresh state: a second
approver's decision is re-applied on top of the first (nothing lost), and a decision on
content that changed meanwhile is refused with a clear error instead of being recorded.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from herald.services.errors import ConcurrentUpdateError

T = TypeVar("T")

DEFAULT_ATTEMPTS = 8

# PostgreSQL: serialization failure, deadlock detected.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def is_retryable(error: BaseException) -> bool:
    if isinstance(error, StaleDataError | IntegrityError):
        return True
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None)
        if sqlstate in _RETRYABLE_SQLSTATES:
            return True
        return "database is locked" in str(error.orig)
    return False


def run_in_transaction(
    factory: sessionmaker[Session],
    work: Callable[[Session], T],
    attempts: int = DEFAULT_ATTEMPTS,
) -> T:
    """Call ``work(session)`` and commit; on a lost race roll back and run it again.

    Business-rule errors (``GovernanceError``) are never retried: they roll back and
    propagate. A race still lost after ``attempts`` tries raises ``ConcurrentUpdateError``;
    an IntegrityError that persists (a real constraint violation) is re-raised.
    """
    last: BaseException | None = None
    for attempt in range(attempts):
        with factory() as session:
            try:
                with session.begin():
                    return work(session)
            except Exception as error:
                if not is_retryable(error):
                    raise
                last = error
        # Jittered backoff so two retrying writers do not collide again in lock-step.
        time.sleep(random.uniform(0, 0.005 * (2**attempt)))
    if isinstance(last, IntegrityError):
        raise last
    raise ConcurrentUpdateError() from last
