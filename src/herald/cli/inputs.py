"""Reading posts for ``herald check``: arguments, files, stdin, and JSONL batches.

A bad record never stops a batch: it becomes a record with an error, and the rest is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from herald.scan.errors import InputError, decode_text
from herald.types import AccountType

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FIELDS = {"id", "text", "lang", "account_type", "industry", "author_role"}


@dataclass(frozen=True, slots=True)
class Record:
    source: str
    """Where it came from: a file path, '<stdin>' or '<argument N>'."""
    line: int | None
    id: str
    text: str = ""
    lang: str | None = None
    account_type: AccountType | None = None
    industry: str | None = None
    author_role: str | None = None
    error_code: str | None = None
    error: str | None = None


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string")
    return value


def parse_json_record(raw: str, source: str, line: int) -> Record:
    default_id = f"{source}:{line}"
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Record(
            source,
            line,
            default_id,
            error_code="invalid_json",
            error=f"not valid JSON: {exc.msg} (column {exc.colno})",
        )
    except RecursionError:  # [[[[... nested beyond what the parser can follow
        return Record(
            source, line, default_id, error_code="invalid_json", error="JSON nested too deeply"
        )
    if not isinstance(obj, dict):
        return Record(
            source,
            line,
            default_id,
            error_code="invalid_record",
            error="each line must be a JSON object with a 'text' field",
        )
    raw_id = obj.get("id", default_id)
    record_id = str(raw_id) if isinstance(raw_id, str | int) else default_id
    try:
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError("missing 'text'" if text is None else "'text' must be a string")
        unknown = sorted(set(obj) - _FIELDS)
        if unknown:
            raise InputError(f"unknown field(s): {', '.join(unknown)}")
        account = _optional_str(obj, "account_type")
        try:
            account_type = AccountType(account) if account is not None else None
        except ValueError:
            raise InputError("'account_type' must be 'brand' or 'personal'") from None
        return Record(
            source,
            line,
            record_id,
            text,
            lang=_optional_str(obj, "lang"),
            account_type=account_type,
            industry=_optional_str(obj, "industry"),
            author_role=_optional_str(obj, "author_role"),
        )
    except InputError as exc:
        return Record(source, line, record_id, error_code="invalid_record", error=str(exc))


def read_jsonl(data: bytes, source: str) -> Iterator[Record]:
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        try:
            line = decode_text(raw_line)
        except InputError as exc:
            yield Record(
                source, number, f"{source}:{number}", error_code="invalid_text", error=str(exc)
            )
            continue
        yield parse_json_record(line, source, number)


def read_path(path: Path, *, jsonl: bool | None) -> Iterator[Record]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Record(
            source, None, source, error_code="unreadable", error=f"cannot read: {exc.strerror}"
        )
        return
    yield from read_data(
        data, source, jsonl=jsonl if jsonl is not None else path.suffix in JSONL_SUFFIXES
    )


def read_data(data: bytes, source: str, *, jsonl: bool) -> Iterator[Record]:
    if jsonl:
        yield from read_jsonl(data, source)
        return
    try:
        text = decode_text(data)
    except InputError as exc:
        yield Record(source, None, source, error_code=exc.code, error=str(exc))
        return
    yield Record(source, None, source, text)


def read_stream(stream: BinaryIO, source: str, *, jsonl: bool) -> Iterator[Record]:
    if jsonl:
        # Streamed line by line: a large batch is never held in memory.
        for number, raw_line in enumerate(stream, start=1):
            if raw_line.strip():
                yield from _one_line(raw_line, source, number)
        return
    yield from read_data(stream.read(), source, jsonl=False)


def _one_line(raw_line: bytes, source: str, number: int) -> Iterator[Record]:
    try:
        line = decode_text(raw_line.rstrip(b"\r\n"))
    except InputError as exc:
        yield Record(
            source, number, f"{source}:{number}", error_code="invalid_text", error=str(exc)
        )
        return
    yield parse_json_record(line, source, number)
