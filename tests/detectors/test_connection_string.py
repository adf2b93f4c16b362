from __future__ import annotations

import pytest

from detectors.detect import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "DATABASE_URL=postgres://app:S3cr3t!@db.internal:5432/prod, bakın",
            "postgres://app:S3cr3t!@db.internal:5432/prod",
        ),
        ("mongodb+srv://u:pw1234@c.mongodb.net/db.", "mongodb+srv://u:pw1234@c.mongodb.net/db"),
        ("Server=db;User Id=sa;Password=Pa55w0rd;", "Server=db;User Id=sa;Password=Pa55w0rd;"),
    ],
)
def test_connection_strings(text: str, expected: str) -> None:
    assert found("connection_string", text, "en") == [("CONNECTION_STRING", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "mongodb+srv://u:<password>@c.mongodb.net",
        "postgres://app:${DB_PASSWORD}@db:5432/prod",
        "redis://cache:6379/0",  # no password
        "Server=db;User Id=sa;Password=****;",
    ],
)
def test_no_password_no_finding(text: str) -> None:
    assert found("connection_string", text, "en") == []
