"""Migration 0009: one e-mail address per person after NFKC + casefold, or a clear stop."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from databases import new_database_url
from herald.store import migrate
from herald.store.engine import make_engine


def _at_0008(request: pytest.FixtureRequest, db_kind: str, tmp_path: Path) -> Engine:
    engine = make_engine(new_database_url(request, db_kind, tmp_path))
    migrate.upgrade(engine, "0008")
    return engine


def _add(engine: Engine, org_id: int, email: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (org_id, email, name, role, lang, active, created_at, version)"
                " VALUES (:org, :email, 'x', 'viewer', 'en', :active, CURRENT_TIMESTAMP, 1)"
            ),
            {"org": org_id, "email": email, "active": True},
        )


def _orgs(engine: Engine, count: int) -> None:
    with engine.begin() as conn:
        for n in range(count):
            conn.execute(
                text(
                    "INSERT INTO organisations (name, default_lang, created_at)"
                    " VALUES (:name, 'en', CURRENT_TIMESTAMP)"
                ),
                {"name": f"org {n}"},
            )


def test_addresses_are_rewritten_to_one_spelling_and_made_unique(
    request: pytest.FixtureRequest, db_kind: str, tmp_path: Path
) -> None:
    engine = _at_0008(request, db_kind, tmp_path)
    try:
        _orgs(engine, 2)
        _add(engine, 1, "ＢＯＢ@acme.example")
        _add(engine, 2, "alice@other.example")
        migrate.upgrade(engine)
        with engine.connect() as conn:
            emails = set(conn.execute(text("SELECT email FROM people")).scalars())
        assert emails == {"bob@acme.example", "alice@other.example"}
        with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
            _add(engine, 2, "bob@acme.example")  # the database itself refuses a second Bob
    finally:
        engine.dispose()


def test_existing_duplicates_stop_the_upgrade_and_are_named(
    request: pytest.FixtureRequest, db_kind: str, tmp_path: Path
) -> None:
    engine = _at_0008(request, db_kind, tmp_path)
    try:
        _orgs(engine, 2)
        _add(engine, 1, "Deniz@acme.example")
        _add(engine, 2, "ＤＥＮＩＺ@ACME.example")
        with pytest.raises(Exception, match="belong to several") as caught:
            migrate.upgrade(engine)
        message = str(caught.value)
        assert "deniz@acme.example" in message
        assert "organisation 1" in message
        assert "organisation 2" in message
        assert migrate.current_revision(engine) == "0008"
        with engine.connect() as conn:
            emails = sorted(conn.execute(text("SELECT email FROM people")).scalars())
        assert emails == ["Deniz@acme.example", "ＤＥＮＩＺ@ACME.example"]  # nothing changed
    finally:
        engine.dispose()
