"""Fixtures for the task tests: a PostgreSQL database, the brokers, the stub network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork, serve
from databases import new_database_url
from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory
from tasks.brokers import broker_url


@pytest.fixture
def pg_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated PostgreSQL database of this test's own (workers connect to it)."""
    url = new_database_url(request, "postgresql", tmp_path)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def pg_factory(pg_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(pg_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(params=["redis", "rabbitmq"])
def broker(request: pytest.FixtureRequest) -> str:
    return broker_url(request.param)


@pytest.fixture
def stub_network() -> Iterator[StubNetwork]:
    with serve() as network:
        yield network
