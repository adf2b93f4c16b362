"""Alembic environment: the engine comes from ``herald.store.migrate`` (never a URL here)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from herald.store.models import Base

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    context.run_migrations()
