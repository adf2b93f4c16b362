"""Database fixtures: every storage and service test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``HERALD_TEST_POSTGRES_URL`` (a server URL; CI sets it). Each test
session creates its own throw-away database there and drops it at the end. Without the
variable a local server on 127.0.0.1 is tried; if none answers, the PostgreSQL cases
are skipped, but when the variable is set an unreachable server is an error.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory, normalise_url
from herald.store.models import Base

POSTGRES_ENV = "HERALD_TEST_POSTGRES_URL"
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
ENGINES = ["sqlite", "postgresql"]


def _server_url() -> str | None:
    explicit = os.environ.get(POSTGRES_ENV)
    url = normalise_url(explicit or LOCAL_POSTGRES)
    try:
        probe = create_engine(url)
        with probe.connect():
            pass
        probe.dispose()
    except Exception as error:
        if explicit:
            raise RuntimeError(f"{POSTGRES_ENV}={explicit} is unreachable: {error}") from error
        return None
    return url


class PostgresServer:
    """Creates databases on the test server and drops them all at the end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def create_database(self) -> str:
        name = f"herald_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    url = _server_url()
    if url is None:
        yield None
        return
    server = PostgresServer(url)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the head revision, copied for each test (faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "herald.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_server: PostgresServer | None) -> str | None:
    if postgres_server is None:
        return None
    url = postgres_server.create_database()
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture(params=ENGINES)
def db_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def engine(request: pytest.FixtureRequest, db_kind: str, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database of each kind."""
    if db_kind == "sqlite":
        path = tmp_path / "herald.db"
        shutil.copy(request.getfixturevalue("migrated_sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    url = request.getfixturevalue("migrated_postgres_url")
    if url is None:
        pytest.skip("no PostgreSQL server (set HERALD_TEST_POSTGRES_URL)")
    engine = make_engine(url)
    # DELETE beats TRUNCATE on a handful of rows (TRUNCATE rewrites every table).
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def session(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as session:
        yield session
