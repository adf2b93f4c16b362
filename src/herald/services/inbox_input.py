"""Reading incoming messages from JSONL or CSV (import, triage, evaluation).

Each message is an object with ``id`` and ``text``, and optionally ``channel``,
``author``, ``author_followers``, ``lang``, ``account``, ``network``, ``thread_id``,
``in_reply_to`` and ``created_at``. A bad line is reported with its number; nothing
after it is silently dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from herald.connectors.base import IncomingItem, ItemKind
from herald.services.classify import Incoming

MAX_LINE_BYTES = 1_000_000
MAX_ID_CHARS = 200
DEFAULT_NETWORK = "import"


class InboxInputError(ValueError):
    """A message that cannot be read; ``str()`` says where and why."""


@dataclass(frozen=True, slots=True)
class Record:
    """One input message as read, with its line (for errors) and the raw object."""

    line: int
    data: Mapping[str, Any]


def _int_or_none(value: object, where: str, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InboxInputError(f"{where}: {name} must be a whole number")
    try:
        number = int(str(value).replace(",", "").replace("_", ""))
    except ValueError:
        raise InboxInputError(f"{where}: {name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise InboxInputError(f"{where}: {name} cannot be negative")
    return number


def _text(record: Record, name: str, *, required: bool = False) -> str | None:
    value = record.data.get(name)
    if value is None or value == "":
        if required:
            raise InboxInputError(f"line {record.line}: '{name}' is missing")
        return None
    if not isinstance(value, str | int):
        raise InboxInputError(f"line {record.line}: '{name}' must be text")
    return str(value)


def read_records(content: str, *, jsonl: bool | None = None) -> Iterator[Record]:
    """Objects from JSONL (or a JSON array) or CSV with a header row."""
    stripped = content.lstrip("\ufeff")
    first = stripped.lstrip()[:1]
    if jsonl is None:
        jsonl = first in ("{", "[")
    if not jsonl:
        reader = csv.DictReader(io.StringIO(stripped))
        for number, row in enumerate(reader, 2):
            yield Record(number, {k: v for k, v in row.items() if k is not None})
        return
    if first == "[":
        try:
            items = json.loads(stripped)
        except ValueError as exc:
            raise InboxInputError(f"invalid JSON ({exc})") from None
        for number, item in enumerate(items if isinstance(items, list) else [items], 1):
            if not isinstance(item, dict):
                raise InboxInputError(f"item {number}: expected an object")
            yield Record(number, item)
        return
    for number, line in enumerate(stripped.splitlines(), 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            raise InboxInputError(f"line {number}: longer than {MAX_LINE_BYTES:,} characters")
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise InboxInputError(f"line {number}: invalid JSON ({exc})") from None
        if not isinstance(item, dict):
            raise InboxInputError(f"line {number}: expected an object")
        yield Record(number, item)


def to_incoming(record: Record) -> Incoming:
    where = f"line {record.line}"
    message_id = _text(record, "id", required=True) or ""
    if len(message_id) > MAX_ID_CHARS:
        raise InboxInputError(f"{where}: id longer than {MAX_ID_CHARS} characters")
    return Incoming(
        id=message_id,
        text=_text(record, "text", required=True) or "",
        channel=_text(record, "channel") or "mention",
        author=_text(record, "author") or "",
        author_followers=_int_or_none(
            record.data.get("author_followers"), where, "author_followers"
        ),
        lang=_text(record, "lang"),
        account=_text(record, "account"),
    )


def _time(record: Record) -> datetime:
    raw = _text(record, "created_at")
    if raw is None:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise InboxInputError(f"line {record.line}: created_at is not an ISO date") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def to_item(record: Record) -> IncomingItem:
    """The record as a connector would deliver it (for storing)."""
    message = to_incoming(record)
    channel = message.channel if message.channel in ItemKind.__members__.values() else "mention"
    return IncomingItem(
        network=_text(record, "network") or DEFAULT_NETWORK,
        id=message.id,
        text=message.text,
        author=message.author,
        created_at=_time(record),
        kind=ItemKind(channel),
        author_followers=message.author_followers,
        thread_id=_text(record, "thread_id"),
        in_reply_to=_text(record, "in_reply_to"),
        lang=message.lang,
        channel=message.account,
    )
