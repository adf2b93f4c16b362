"""The mention a listening stream carries, read from a connector's item or a JSONL record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from herald.connectors.base import IncomingItem

MAX_TEXT_CHARS = 20_000
"""Longer texts are cut: a mention is a post, and the classifiers read its start."""


class MentionError(ValueError):
    """A record that is not a mention; ``field`` names what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    ts: float
    """Seconds since the epoch, UTC."""
    network: str
    author: str
    text: str
    lang: str | None = None


def from_incoming(item: IncomingItem) -> Mention:
    created = item.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return Mention(
        id=item.id,
        ts=created.timestamp(),
        network=item.network,
        author=item.author,
        text=item.text[:MAX_TEXT_CHARS],
        lang=item.lang,
    )


def parse_timestamp(value: str) -> float:
    """ISO 8601 with a zone (``Z`` or an offset); a naive time is refused, not guessed."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise MentionError("ts", "not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise MentionError("ts", "no time zone (write Z for UTC)")
    return moment.timestamp()


def _text_field(record: dict[str, object], name: str, *, required: bool = True) -> str:
    value = record.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise MentionError(name, "missing or not a non-empty string")
    return value


def from_record(record: object) -> Mention:
    """A mention from one decoded JSON object (``id``, ``ts``, ``network``, ``author``,
    ``text``, optional ``lang``)."""
    if not isinstance(record, dict):
        raise MentionError("record", "not a JSON object")
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise MentionError("lang", "not a string")
    mention_id = record.get("id")
    if isinstance(mention_id, int) and not isinstance(mention_id, bool):
        mention_id = str(mention_id)
    if not isinstance(mention_id, str) or not mention_id:
        raise MentionError("id", "missing or not a string")
    return Mention(
        id=mention_id,
        ts=parse_timestamp(_text_field(record, "ts")),
        network=_text_field(record, "network").lower(),
        author=_text_field(record, "author"),
        text=_text_field(record, "text")[:MAX_TEXT_CHARS],
        lang=lang.lower() if lang else None,
    )


def from_json_line(line: str) -> Mention:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        raise MentionError("record", "not valid JSON") from None
    return from_record(record)


def to_record(mention: Mention) -> dict[str, object]:
    stamp = datetime.fromtimestamp(mention.ts, UTC).isoformat().replace("+00:00", "Z")
    record: dict[str, object] = {
        "id": mention.id,
        "ts": stamp,
        "network": mention.network,
        "author": mention.author,
        "text": mention.text,
    }
    if mention.lang is not None:
        record["lang"] = mention.lang
    return record
