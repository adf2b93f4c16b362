"""What a task needs in a worker process: the database, the connector provider, settings.

Built once per process on first use, so importing the task definitions opens nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from herald.services.connector_provider import ConnectorProvider, default_provider
from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory
from herald.tasks.config import TaskConfig


@dataclass(frozen=True)
class Runtime:
    config: TaskConfig
    engine: Engine
    factory: sessionmaker[Session]
    provider: ConnectorProvider

    @classmethod
    def open(cls, config: TaskConfig, provider: ConnectorProvider | None = None) -> Runtime:
        engine = make_engine(config.database_url)
        if not migrate.is_up_to_date(engine):
            migrate.upgrade(engine)
        return cls(config, engine, make_session_factory(engine), provider or default_provider())


_lock = threading.Lock()
_current: Runtime | None = None


def current() -> Runtime:
    """This process's runtime, opened from the environment the first time it is asked for."""
    global _current
    with _lock:
        if _current is None:
            _current = Runtime.open(TaskConfig.from_env())
        return _current


def use(runtime: Runtime) -> None:
    """Run this process's tasks on ``runtime`` (the worker command opens it up front)."""
    global _current
    with _lock:
        _current = runtime
