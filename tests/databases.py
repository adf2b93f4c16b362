"""Throw-away databases for tests that need an empty one of their own."""

from __future__ import annotations

from pathlib import Path

import pytest


def new_database_url(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> str:
    """An empty database of ``kind`` for a test that migrates it itself."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    server = request.getfixturevalue("postgres_server")
    if server is None:
        pytest.skip("no PostgreSQL server (set HERALD_TEST_POSTGRES_URL)")
    url: str = server.create_database()
    return url
