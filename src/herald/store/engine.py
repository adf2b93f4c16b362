"""Where the database lives and how to connect to it.

SQLite (one file, WAL) is the default so a new user needs nothing else; PostgreSQL is
chosen with ``HERALD_DATABASE_URL``. Both are configured for real transactions: the
services rely on them (and on optimistic locking) to keep state consistent.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DATABASE_URL_ENV = "HERALD_DATABASE_URL"
HOME_ENV = "HERALD_HOME"

SQLITE_BUSY_TIMEOUT_MS = 10_000


def default_database_url() -> str:
    """``HERALD_DATABASE_URL`` if set, else ``$HERALD_HOME/herald.db`` (``~/.herald``)."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    home = Path(os.environ.get(HOME_ENV) or Path.home() / ".herald")
    return f"sqlite:///{home / 'herald.db'}"


def normalise_url(url: str) -> str:
    """Plain ``postgresql://`` URLs use psycopg 3, the driver Herald ships with."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default: :func:`default_database_url`), ready for services."""
    url = normalise_url(url or default_database_url())
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    database = parsed.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling does not start a transaction before a SELECT,
    # so a read-modify-write would not be atomic. Take control: autocommit at the driver,
    # explicit BEGIN from SQLAlchemy (the recipe in the SQLAlchemy SQLite dialect docs).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred BEGIN gives each transaction one snapshot (serializable in SQLite);
        # a writer whose snapshot went stale gets "database is locked", which
        # run_in_transaction retries, and readers never wait for writers (WAL).
        connection.exec_driver_sql("BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
