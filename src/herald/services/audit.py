"""The append-only, hash-chained audit log: append, verify, export.

Each entry's hash covers its own fields and the previous entry's hash, so changing,
inserting, deleting or reordering an entry breaks the chain at a nameable place. The
chain head is also kept in its own row, so cutting entries off the end is detected.
A full rewrite of the whole chain can only be caught against a copy of the head hash
kept elsewhere: :func:`verify` returns it for that purpose.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.store.models import AuditEntry, AuditHead, Person
from herald.store.types import utcnow

GENESIS_HASH = "0" * 64
_HEAD_ID = 1


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over every field of ``entry`` except its own hash."""
    body = canonical_json(
        {
            "seq": entry.seq,
            "at": entry.at.isoformat(timespec="microseconds"),
            "org_id": entry.org_id,
            "actor_id": entry.actor_id,
            "actor": entry.actor,
            "action": entry.action,
            "subject_type": entry.subject_type,
            "subject_id": entry.subject_id,
            "payload": entry.payload,
            "prev_hash": entry.prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    actor: Person | None,
    action: str,
    subject_type: str,
    subject_id: object,
    data: dict[str, Any] | None = None,
    org_id: int | None = None,
) -> AuditEntry:
    """Add one entry at the end of the chain, inside the caller's transaction.

    The head row is read FOR UPDATE, so concurrent appenders queue on PostgreSQL (SQLite
    already serialises writers); a lost race on the first entry surfaces as a unique-key
    conflict that :func:`~herald.services.transaction.run_in_transaction` retries.
    """
    # populate_existing: a long-lived session must not append after a stale copy of the head.
    head = session.get(AuditHead, _HEAD_ID, with_for_update=True, populate_existing=True)
    if head is None:
        head = AuditHead(id=_HEAD_ID, seq=0, hash=GENESIS_HASH)
        session.add(head)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=utcnow(),
        org_id=org_id if org_id is not None else (actor.org_id if actor else None),
        actor_id=actor.id if actor else None,
        actor=actor.email if actor else "system",
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        payload=canonical_json(data or {}),
        prev_hash=head.hash,
    )
    entry.hash = entry_hash(entry)
    head.seq, head.hash = entry.seq, entry.hash
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True, slots=True)
class Problem:
    """One break in the chain, naming the entry (by sequence number) where it shows."""

    seq: int
    kind: str
    """'altered', 'missing', 'out_of_chain', 'inserted', 'head_mismatch'."""
    detail: str


@dataclass(slots=True)
class VerifyReport:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> VerifyReport:
    """Walk the whole chain in order and report every place where it does not hold."""
    report = VerifyReport()
    prev_seq = 0
    prev_hash = GENESIS_HASH
    rows = session.scalars(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000)
    )
    for entry in rows:
        report.entries += 1
        if entry.seq != prev_seq + 1:
            gap = (
                f"entries {prev_seq + 1}..{entry.seq - 1}"
                if entry.seq - 1 > prev_seq + 1
                else f"entry {prev_seq + 1}"
            )
            report.problems.append(
                Problem(prev_seq + 1, "missing", f"{gap} deleted before entry {entry.seq}")
            )
        if entry_hash(entry) != entry.hash:
            report.problems.append(
                Problem(entry.seq, "altered", f"entry {entry.seq} does not match its own hash")
            )
        if entry.prev_hash != prev_hash:
            report.problems.append(
                Problem(
                    entry.seq,
                    "out_of_chain",
                    f"entry {entry.seq} does not follow entry {prev_seq}"
                    " (inserted, reordered, or the entry before it changed or was deleted)",
                )
            )
        prev_seq, prev_hash = entry.seq, entry.hash
    head = session.get(AuditHead, _HEAD_ID)
    report.head_seq = head.seq if head else 0
    report.head_hash = head.hash if head else GENESIS_HASH
    if report.head_seq > prev_seq:
        report.problems.append(
            Problem(
                prev_seq + 1,
                "missing",
                f"entries {prev_seq + 1}..{report.head_seq} deleted from the end",
            )
        )
    elif report.head_seq < prev_seq:
        report.problems.append(
            Problem(
                report.head_seq + 1,
                "inserted",
                f"entries {report.head_seq + 1}..{prev_seq} added after the chain head",
            )
        )
    elif report.head_hash != prev_hash:
        report.problems.append(
            Problem(
                prev_seq,
                "head_mismatch",
                f"entry {prev_seq} is not the entry the chain head recorded",
            )
        )
    return report


def entries_between(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> Iterator[AuditEntry]:
    """Entries with ``start <= at < end`` in chain order (either bound optional)."""
    query = select(AuditEntry).order_by(AuditEntry.seq)
    if start is not None:
        query = query.where(AuditEntry.at >= start)
    if end is not None:
        query = query.where(AuditEntry.at < end)
    yield from session.scalars(query.execution_options(yield_per=1000))


def entry_record(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "org_id": entry.org_id,
        "actor_id": entry.actor_id,
        "actor": entry.actor,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


EXPORT_FIELDS = (
    "seq",
    "at",
    "org_id",
    "actor_id",
    "actor",
    "action",
    "subject_type",
    "subject_id",
    "payload",
    "prev_hash",
    "hash",
)


def export_jsonl(entries: Iterator[AuditEntry]) -> Iterator[str]:
    """One JSON object per line; ``payload`` stays the exact hashed string."""
    for entry in entries:
        yield canonical_json(entry_record(entry)) + "\n"


def export_csv(entries: Iterator[AuditEntry]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(entry_record(entry))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def history(session: Session, subject_type: str, subject_id: object) -> list[AuditEntry]:
    """Everything the log says about one subject, oldest first."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.subject_type == subject_type, AuditEntry.subject_id == str(subject_id)
            )
            .order_by(AuditEntry.seq)
        )
    )
