"""Reading incoming messages from JSONL (or a JSON array) or CSV: import, triage, eval.

Each message is an object with ``id`` and ``text``, and optionally ``channel`` (comment,
mention, direct_message, review), ``author``, ``author_followers``, ``lang``,
``account`` (the brand handle it was addressed to), ``network``, ``thread_id``,
``in_reply_to`` and ``created_at``. A bad line becomes a :class:`Record` with an error
(its line number and a reason in tr/es/en); the lines after it are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from herald.connectors.base import IncomingItem, ItemKind
from herald.services.classify import Incoming
from herald.services.messages import render

MAX_LINE_CHARS = 1_000_000
MAX_ID_CHARS = 200
DEFAULT_NETWORK = "import"
_KINDS = frozenset(k.value for k in ItemKind)


class InboxInputError(ValueError):
    """A message that cannot be read, with a stable code and its arguments."""

    def __init__(self, code: str, line: int = 0, **args: object) -> None:
        self.code = code
        self.line = line
        self.args_for_message = args
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        reason = render(self.code, lang, **self.args_for_message)
        return render("inbox_line", lang, line=self.line, reason=reason) if self.line else reason


@dataclass(frozen=True, slots=True)
class Record:
    """One input message as read: its line, the object, or why it could not be read."""

    line: int
    data: Mapping[str, Any] = field(default_factory=dict)
    error: InboxInputError | None = None


def decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InboxInputError("inbox_not_utf8", source=source, offset=exc.start) from None


def read_records(content: str, *, jsonl: bool | None = None) -> Iterator[Record]:
    """Objects from JSONL (or a JSON array) or CSV with a header row; ``jsonl`` None
    decides by the first character."""
    first = content.lstrip()[:1]
    if jsonl is None:
        jsonl = first in ("{", "[")
    if not jsonl:
        reader = csv.DictReader(io.StringIO(content))
        for number, row in enumerate(reader, 2):
            yield Record(number, {k: v for k, v in row.items() if k is not None})
        return
    if first == "[":
        try:
            items = json.loads(content)
        except (ValueError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
            yield Record(1, error=InboxInputError("inbox_invalid_json", 1, reason=reason))
            return
        for number, item in enumerate(items if isinstance(items, list) else [items], 1):
            if isinstance(item, dict):
                yield Record(number, item)
            else:
                yield Record(number, error=InboxInputError("inbox_not_object", number))
        return
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            error = InboxInputError("inbox_too_long", number, field="line", limit=MAX_LINE_CHARS)
            yield Record(number, error=error)
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
            yield Record(number, error=InboxInputError("inbox_invalid_json", number, reason=reason))
            continue
        if isinstance(item, dict):
            yield Record(number, item)
        else:
            yield Record(number, error=InboxInputError("inbox_not_object", number))


def _text(record: Record, name: str, *, required: bool = False) -> str | None:
    value = record.data.get(name)
    if value is None or value == "":
        if required:
            raise InboxInputError("inbox_missing_field", record.line, field=name)
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InboxInputError("inbox_not_text", record.line, field=name)
    return str(value)


def _count(record: Record, name: str) -> int | None:
    value = record.data.get(name)
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool | float) or not isinstance(value, int | str):
            raise ValueError
        number = int(str(value).replace(",", "").replace("_", "").strip())
        if number < 0:
            raise ValueError
    except ValueError:
        raise InboxInputError(
            "inbox_not_number", record.line, field=name, value=repr(value)[:40]
        ) from None
    return number


def to_incoming(record: Record) -> Incoming:
    """The message of a record; raises :class:`InboxInputError` when it has none."""
    if record.error is not None:
        raise record.error
    message_id = _text(record, "id", required=True) or ""
    if len(message_id) > MAX_ID_CHARS:
        raise InboxInputError("inbox_too_long", record.line, field="id", limit=MAX_ID_CHARS)
    return Incoming(
        id=message_id,
        text=_text(record, "text", required=True) or "",
        channel=_text(record, "channel") or "mention",
        author=_text(record, "author") or "",
        author_followers=_count(record, "author_followers"),
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
        raise InboxInputError("inbox_bad_date", record.line) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def to_item(record: Record) -> IncomingItem:
    """The record as a connector would deliver it, for storing."""
    message = to_incoming(record)
    kind = message.channel if message.channel in _KINDS else ItemKind.MENTION.value
    return IncomingItem(
        network=_text(record, "network") or DEFAULT_NETWORK,
        id=message.id,
        text=message.text,
        author=message.author,
        created_at=_time(record),
        kind=ItemKind(kind),
        author_followers=message.author_followers,
        thread_id=_text(record, "thread_id"),
        in_reply_to=_text(record, "in_reply_to"),
        lang=message.lang,
        channel=message.account,
    )
