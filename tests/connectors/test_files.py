"""File import: every good line read, every bad line named with its line and field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from herald.connectors.base import ItemKind
from herald.connectors.files import ImportResult, read_csv, read_jsonl, read_path


def jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


GOOD = {
    "id": "m1",
    "ts": "2026-12-01T10:00:00+03:00",
    "network": "Mastodon",
    "author": "ayse",
    "text": "Kartım çalındı, yardım edin!",
    "lang": "tr",
    "channel": "@acme",
    "author_followers": 120,
    "kind": "direct_message",
    "thread_id": "t1",
    "in_reply_to": "m0",
    "campaign": "winter",
}


def codes(result: ImportResult) -> list[tuple[int, str, str | None]]:
    return [(e.line, e.code, e.field) for e in result.errors]


def test_a_full_record_becomes_an_item() -> None:
    result = read_jsonl(jsonl(GOOD))
    assert result.ok
    (item,) = result.items
    assert item.network == "mastodon"
    assert item.created_at == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    assert item.kind is ItemKind.DIRECT_MESSAGE
    assert (item.author_followers, item.thread_id, item.in_reply_to) == (120, "t1", "m0")
    assert item.channel == "@acme"
    assert item.raw == {"campaign": "winter"}


def test_created_at_and_a_default_network_and_naive_times_as_utc() -> None:
    record = {"id": 7, "created_at": "2026-12-01T10:00:00", "author": "a", "text": "hola"}
    (item,) = read_jsonl(jsonl(record), network="file").items
    assert item.id == "7"
    assert item.network == "file"
    assert item.created_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert item.kind is ItemKind.MENTION


def test_bad_lines_are_named_and_good_lines_still_read() -> None:
    lines = [
        jsonl(GOOD),
        b"{not json",
        b"[1, 2]",
        jsonl({**GOOD, "id": "m2", "ts": "yesterday"}),
        jsonl({**GOOD, "id": "m3", "text": "  "}),
        jsonl({**GOOD, "id": "m4", "kind": "tweet"}),
        jsonl({**GOOD, "id": "m5", "author_followers": "-3"}),
        jsonl({**GOOD, "id": "m6", "lang": "Turkish!"}),
        b'{"id": "m7", "text": "\xff\xfe"}',
        b"",
        jsonl({**GOOD, "id": "m8", "author": {"name": "x"}}),
        b"[" * 100_000,
        jsonl({**GOOD, "id": "m9"}),
        jsonl({**GOOD}),
    ]
    result = read_jsonl(b"\n".join(lines))
    assert [i.id for i in result.items] == ["m1", "m9"]
    assert codes(result) == [
        (2, "invalid_json", None),
        (3, "invalid_json", None),
        (4, "invalid", "ts"),
        (5, "missing", "text"),
        (6, "invalid", "kind"),
        (7, "invalid", "author_followers"),
        (8, "invalid", "lang"),
        (9, "invalid_utf8", None),
        (11, "invalid", "author"),
        (12, "invalid_json", None),
        (14, "duplicate", "id"),
    ]
    assert not result.ok


def test_messages_come_in_three_languages() -> None:
    result = read_jsonl(jsonl({**GOOD, "text": ""}))
    (error,) = result.errors
    assert error.message("en") == "line 1: text is missing or empty"
    assert error.message("tr") == "satır 1: text eksik ya da boş"
    assert error.message("es") == "línea 1: falta text o está vacío"


def test_a_duplicate_alone_still_counts_as_ok() -> None:
    result = read_jsonl(jsonl(GOOD, GOOD))
    assert len(result.items) == 1
    assert result.ok


def test_csv_with_quoted_newlines_reports_the_starting_line() -> None:
    data = (
        "\ufeffid,ts,network,author,text,lang,author_followers\n"
        'c1,2026-12-01T10:00:00Z,bluesky,bob,"two\nlines",en,5\n'
        "c2,2026-12-01T10:00:00Z,bluesky,bob,,en,5\n"
        "c3,2026-12-01T10:00:00Z,bluesky,bob,fine,es,\n"
        "c4,2026-12-01T10:00:00Z,bluesky,bob,extra,en,1,surplus\n"
        ",,,,,,\n"
    ).encode()
    result = read_csv(data)
    assert [(i.id, i.text) for i in result.items] == [("c1", "two\nlines"), ("c3", "fine")]
    assert codes(result) == [(4, "missing", "text"), (6, "invalid", "csv")]


def test_csv_bad_bytes_reject_only_their_row() -> None:
    data = b"id,ts,network,author,text\nb1,2026-12-01T10:00:00Z,rss,x,caf\xe9\nb2,2026-12-01T10:00:00Z,rss,x,ok\n"
    result = read_csv(data)
    assert [i.id for i in result.items] == ["b2"]
    assert codes(result) == [(2, "invalid_utf8", "text")]


def test_read_path_picks_the_format_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(jsonl(GOOD))
    assert len(read_path(tmp_path / "a.jsonl").items) == 1
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    result = read_path(tmp_path / "a.xlsx")
    assert codes(result) == [(0, "unknown_format", None)]
    assert ".jsonl" in result.errors[0].message()
