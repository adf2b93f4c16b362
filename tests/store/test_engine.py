from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from herald.store.engine import default_database_url, make_engine, normalise_url


def test_sqlite_file_is_created_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "herald.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert path.exists()
    engine.dispose()


def test_default_url_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("HERALD_DATABASE_URL", raising=False)
    monkeypatch.setenv("HERALD_HOME", str(tmp_path))
    assert default_database_url() == f"sqlite:///{tmp_path / 'herald.db'}"
    monkeypatch.setenv("HERALD_DATABASE_URL", "postgresql://u@db/herald")
    assert default_database_url() == "postgresql://u@db/herald"


def test_plain_postgres_urls_use_psycopg() -> None:
    assert normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (org_id, email, name, role, lang, active, created_at, version)"
                " VALUES (999, 'a@b.test', 'A', 'viewer', 'en', true, CURRENT_TIMESTAMP, 1)"
            )
        )
