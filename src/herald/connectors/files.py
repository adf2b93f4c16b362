"""Importing messages from files: JSONL (one object a line) and CSV (a header row).

Fields: ``id``, ``ts`` or ``created_at`` (ISO 8601; without an offset it is read as UTC),
``network``, ``author``, ``text``; optional ``lang``, ``channel``, ``author_followers``,
``kind``, ``thread_id``, ``in_reply_to``, ``url``. Other fields are kept in ``raw``.

A bad line never stops the import and is never dropped silently: it becomes a
:class:`LineError` naming the line, the field and what is wrong (in tr, es or en), and
every good line is still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from herald.connectors.base import IncomingItem, ItemKind

MAX_LINE_BYTES = 1_000_000
MAX_TEXT_CHARS = 100_000
MAX_FIELD_CHARS = 2_000
MAX_FILE_BYTES = 200_000_000
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
_SURROGATE = re.compile("[\udc80-\udcff]")

REQUIRED = ("id", "network", "author", "text")
OPTIONAL_TEXT = ("channel", "thread_id", "in_reply_to", "url")

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_utf8": {
        "en": "line {line}: not valid UTF-8",
        "tr": "satır {line}: geçerli UTF-8 değil",
        "es": "línea {line}: no es UTF-8 válido",
    },
    "invalid_json": {
        "en": "line {line}: not a JSON object ({detail})",
        "tr": "satır {line}: JSON nesnesi değil ({detail})",
        "es": "línea {line}: no es un objeto JSON ({detail})",
    },
    "too_long": {
        "en": "line {line}: {field} is too long (more than {limit})",
        "tr": "satır {line}: {field} çok uzun ({limit} sınırını aşıyor)",
        "es": "línea {line}: {field} es demasiado largo (más de {limit})",
    },
    "missing": {
        "en": "line {line}: {field} is missing or empty",
        "tr": "satır {line}: {field} eksik ya da boş",
        "es": "línea {line}: falta {field} o está vacío",
    },
    "invalid": {
        "en": "line {line}: {field} is not valid: {detail}",
        "tr": "satır {line}: {field} geçersiz: {detail}",
        "es": "línea {line}: {field} no es válido: {detail}",
    },
    "duplicate": {
        "en": "line {line}: the same message as line {detail} (kept once)",
        "tr": "satır {line}: {detail}. satırla aynı mesaj (bir kez alındı)",
        "es": "línea {line}: el mismo mensaje que la línea {detail} (se guarda una vez)",
    },
    "file_too_large": {
        "en": "the file is larger than {limit} bytes",
        "tr": "dosya {limit} bayttan büyük",
        "es": "el archivo supera {limit} bytes",
    },
    "unknown_format": {
        "en": "unknown file type {detail}: use .jsonl or .csv",
        "tr": "bilinmeyen dosya türü {detail}: .jsonl ya da .csv kullanın",
        "es": "tipo de archivo desconocido {detail}: use .jsonl o .csv",
    },
}


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    """1-based line (for CSV, the line the record starts on); 0 for the whole file."""
    code: str
    field: str | None = None
    detail: str = ""
    limit: int | None = None

    def message(self, lang: str = "en") -> str:
        catalogue = MESSAGES[self.code]
        template = catalogue.get(lang, catalogue["en"])
        return template.format(
            line=self.line, field=self.field or "", detail=self.detail, limit=self.limit
        )

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True, slots=True)
class ImportResult:
    items: tuple[IncomingItem, ...]
    errors: tuple[LineError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(e.code != "duplicate" for e in self.errors)


class _RejectedLineError(Exception):
    def __init__(self, error: LineError) -> None:
        self.error = error


def _text(record: Mapping[str, Any], name: str, line: int, *, required: bool) -> str | None:
    value = record.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _RejectedLineError(LineError(line, "missing", name))
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _RejectedLineError(
            LineError(line, "invalid", name, f"expected text, got {type(value).__name__}")
        )
    text = str(value)
    limit = MAX_TEXT_CHARS if name == "text" else MAX_FIELD_CHARS
    if len(text) > limit:
        raise _RejectedLineError(LineError(line, "too_long", name, limit=limit))
    if _SURROGATE.search(text):
        raise _RejectedLineError(LineError(line, "invalid_utf8", name))
    return text if name == "text" else text.strip()


def _timestamp(record: Mapping[str, Any], line: int) -> datetime:
    name = "ts" if record.get("ts") not in (None, "") else "created_at"
    raw = _text(record, name, line, required=True)
    assert raw is not None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise _RejectedLineError(
            LineError(line, "invalid", name, f"{raw[:40]!r} is not ISO 8601")
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _item(record: Mapping[str, Any], line: int, network: str | None) -> IncomingItem:
    if network and not record.get("network"):
        record = {**record, "network": network}
    values = {name: _text(record, name, line, required=True) for name in REQUIRED}
    optional = {name: _text(record, name, line, required=False) for name in OPTIONAL_TEXT}
    created = _timestamp(record, line)
    lang = _text(record, "lang", line, required=False)
    if lang is not None and not _LANG.match(lang):
        raise _RejectedLineError(LineError(line, "invalid", "lang", repr(lang[:20])))
    kind_text = _text(record, "kind", line, required=False)
    try:
        kind = ItemKind(kind_text.casefold()) if kind_text else ItemKind.MENTION
    except ValueError:
        allowed = ", ".join(k.value for k in ItemKind)
        raise _RejectedLineError(
            LineError(line, "invalid", "kind", f"{kind_text!r} (use {allowed})")
        ) from None
    followers_raw = record.get("author_followers")
    followers: int | None = None
    if followers_raw not in (None, ""):
        try:
            followers = int(str(followers_raw).strip())
        except ValueError:
            followers = -1
        if followers < 0:
            detail = f"{str(followers_raw)[:20]!r} is not a count"
            raise _RejectedLineError(LineError(line, "invalid", "author_followers", detail))
    known = {*REQUIRED, *OPTIONAL_TEXT, "ts", "created_at", "lang", "kind", "author_followers"}
    network_name = str(values["network"]).casefold()
    return IncomingItem(
        network=network_name,
        id=str(values["id"]),
        text=str(values["text"]),
        author=str(values["author"]),
        created_at=created,
        kind=kind,
        author_followers=followers,
        thread_id=optional["thread_id"],
        in_reply_to=optional["in_reply_to"],
        url=optional["url"],
        lang=lang,
        channel=optional["channel"],
        raw={k: _clean_extra(v) for k, v in record.items() if k not in known},
    )


def _clean_extra(value: Any) -> Any:
    """Extra CSV columns may hold bad bytes: keep them visible, never as lone surrogates."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _collect(
    records: Iterable[tuple[int, Mapping[str, Any] | LineError]], network: str | None
) -> ImportResult:
    items: list[IncomingItem] = []
    errors: list[LineError] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, record in records:
        if isinstance(record, LineError):
            errors.append(record)
            continue
        try:
            item = _item(record, line, network)
        except _RejectedLineError as reject:
            errors.append(reject.error)
            continue
        key = (item.network, item.id)
        if key in first_line:
            errors.append(LineError(line, "duplicate", "id", str(first_line[key])))
            continue
        first_line[key] = line
        items.append(item)
    return ImportResult(tuple(items), tuple(errors))


def _decode(data: bytes) -> str:
    """Surrogate escapes keep bad bytes in place, so only their own line is rejected."""
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")


def _jsonl_records(data: bytes) -> Iterator[tuple[int, Mapping[str, Any] | LineError]]:
    for number, raw in enumerate(data.split(b"\n"), 1):
        raw = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
        if not raw.strip():
            continue
        if len(raw) > MAX_LINE_BYTES:
            yield number, LineError(number, "too_long", "line", limit=MAX_LINE_BYTES)
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, LineError(number, "invalid_utf8")
            continue
        try:
            record = json.loads(text)
        except (ValueError, RecursionError) as error:
            detail = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
            yield number, LineError(number, "invalid_json", detail=detail)
            continue
        if not isinstance(record, dict):
            yield number, LineError(number, "invalid_json", detail=type(record).__name__)
            continue
        yield number, record


def _csv_records(data: bytes) -> Iterator[tuple[int, Mapping[str, Any] | LineError]]:
    csv.field_size_limit(MAX_TEXT_CHARS * 4)
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    start = 2  # line 1 is the header
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, LineError(start, "invalid", "csv", str(error))
            start = reader.line_num + 1
            continue
        record: dict[str, Any] = {k: v for k, v in row.items() if k is not None}
        if None in row:
            yield start, LineError(start, "invalid", "csv", "more values than header columns")
        elif any(v for v in record.values()):
            yield start, record
        start = reader.line_num + 1


def _check_size(data: bytes) -> ImportResult | None:
    if len(data) > MAX_FILE_BYTES:
        return ImportResult((), (LineError(0, "file_too_large", limit=MAX_FILE_BYTES),))
    return None


def read_records(
    records: Iterable[Mapping[str, Any]], *, network: str | None = None
) -> ImportResult:
    """Already-parsed records (a webhook's JSON items); "line" is then the item's position."""
    return _collect(
        (
            (
                n,
                r
                if isinstance(r, Mapping)
                else LineError(n, "invalid_json", detail="not an object"),
            )
            for n, r in enumerate(records, 1)
        ),
        network,
    )


def read_jsonl(data: bytes, *, network: str | None = None) -> ImportResult:
    """``network`` fills in lines that do not name one."""
    return _check_size(data) or _collect(_jsonl_records(data), network)


def read_csv(data: bytes, *, network: str | None = None) -> ImportResult:
    return _check_size(data) or _collect(_csv_records(data), network)


def read_path(path: Path, *, network: str | None = None) -> ImportResult:
    suffix = path.suffix.casefold()
    if suffix not in (".jsonl", ".ndjson", ".csv"):
        return ImportResult((), (LineError(0, "unknown_format", detail=repr(path.suffix)),))
    if path.stat().st_size > MAX_FILE_BYTES:
        return ImportResult((), (LineError(0, "file_too_large", limit=MAX_FILE_BYTES),))
    data = path.read_bytes()
    if suffix == ".csv":
        return read_csv(data, network=network)
    return read_jsonl(data, network=network)
