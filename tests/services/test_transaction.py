from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from herald.services import audit
from herald.services.errors import ConcurrentUpdateError, GovernanceError
from herald.services.transaction import run_in_transaction


def test_commits_the_work(factory: sessionmaker[Session]) -> None:
    run_in_transaction(
        factory,
        lambda s: audit.append(s, actor=None, action="a", subject_type="t", subject_id=1),
    )
    with factory() as s:
        assert audit.verify(s).entries == 1


def test_a_lost_race_is_retried_then_reported(factory: sessionmaker[Session]) -> None:
    calls = 0

    def always_stale(s: Session) -> None:
        nonlocal calls
        calls += 1
        audit.append(s, actor=None, action="a", subject_type="t", subject_id=calls)
        raise StaleDataError("someone else won")

    with pytest.raises(ConcurrentUpdateError):
        run_in_transaction(factory, always_stale, attempts=3)
    assert calls == 3
    with factory() as s:
        assert audit.verify(s).entries == 0  # every attempt rolled back


def test_business_errors_are_not_retried_and_roll_back(factory: sessionmaker[Session]) -> None:
    calls = 0

    def refuse(s: Session) -> None:
        nonlocal calls
        calls += 1
        audit.append(s, actor=None, action="a", subject_type="t", subject_id=1)
        raise GovernanceError("no_policy")

    with pytest.raises(GovernanceError):
        run_in_transaction(factory, refuse)
    assert calls == 1
    with factory() as s:
        assert audit.verify(s).entries == 0
