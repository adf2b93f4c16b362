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
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from herald.services.scoping import owned_by
from herald.store.models import AuditEntry, AuditHead, Organisation, Person
from herald.store.types import utcnow

GENESIS_HASH = "0" * 64
_HEAD_ID = 1


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


HASHED_FIELDS = (
    "seq", "at", "org_id", "actor_id", "actor", "action",
    "subject_type", "subject_id", "payload", "prev_hash",
)  # fmt: skip


def record_hash(record: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of an entry's fields (everything but its hash)."""
    body = canonical_json({name: record[name] for name in HASHED_FIELDS})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return record_hash(entry_record(entry))


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
    if entry.org_id is not None:
        org = session.get(Organisation, entry.org_id, with_for_update=True, populate_existing=True)
        if org is not None:
            org.audit_count, org.audit_hash = org.audit_count + 1, entry.hash
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
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class _Link:
    seq: int
    prev_hash: str
    hash: str
    computed: str


def _walk(links: Iterable[_Link], report: VerifyReport, prev_seq: int, prev_hash: str) -> None:
    """Check each link against its own content and against the one before it."""
    for link in links:
        report.entries += 1
        if link.seq != prev_seq + 1:
            gap = (
                f"entries {prev_seq + 1}..{link.seq - 1}"
                if link.seq - 1 > prev_seq + 1
                else f"entry {prev_seq + 1}"
            )
            report.problems.append(
                Problem(prev_seq + 1, "missing", f"{gap} deleted before entry {link.seq}")
            )
        if link.computed != link.hash:
            report.problems.append(
                Problem(link.seq, "altered", f"entry {link.seq} does not match its own hash")
            )
        if link.prev_hash != prev_hash:
            report.problems.append(
                Problem(
                    link.seq,
                    "out_of_chain",
                    f"entry {link.seq} does not follow entry {prev_seq}"
                    " (inserted, reordered, or the entry before it changed or was deleted)",
                )
            )
        prev_seq, prev_hash = link.seq, link.hash
        report.last_seq, report.last_hash = link.seq, link.hash


def verify(session: Session) -> VerifyReport:
    """Walk the whole chain in order and report every place where it does not hold."""
    report = VerifyReport()
    rows = session.scalars(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000)
    )
    _walk(
        (_Link(e.seq, e.prev_hash, e.hash, entry_hash(e)) for e in rows),
        report,
        0,
        GENESIS_HASH,
    )
    prev_seq, prev_hash = report.last_seq, report.last_hash
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
    for org in session.scalars(select(Organisation).where(Organisation.audit_count > 0)):
        counted = session.execute(
            select(func.count(), func.max(AuditEntry.seq)).where(AuditEntry.org_id == org.id)
        ).one()
        last = session.get(AuditEntry, counted[1]) if counted[1] is not None else None
        own = VerifyReport(entries=int(counted[0]), last_seq=counted[1] or 0)
        own.last_hash = last.hash if last is not None else GENESIS_HASH
        _check_anchor(own, org)
        report.problems.extend(own.problems)
    return report


def verify_org(session: Session, org_id: int) -> VerifyReport:
    """Check one organisation's entries, reading nothing of any other organisation's.

    The chain is shared by every organisation; each of this organisation's entries must
    match its own hash and link to the stored hash of the entry before it (only that
    hash is read, never another organisation's content). Problems name only this
    organisation's entries.
    """
    report = VerifyReport()
    before = aliased(AuditEntry)
    rows = session.execute(
        owned_by(AuditEntry, org_id)
        .add_columns(before.hash)
        .outerjoin(before, before.seq == AuditEntry.seq - 1)
        .order_by(AuditEntry.seq)
        .execution_options(yield_per=1000)
    )
    for entry, previous_hash in rows:
        report.entries += 1
        if entry_hash(entry) != entry.hash:
            report.problems.append(
                Problem(entry.seq, "altered", f"entry {entry.seq} does not match its own hash")
            )
        expected = GENESIS_HASH if entry.seq == 1 else previous_hash
        if expected is None:
            report.problems.append(
                Problem(entry.seq, "missing", f"the entry before entry {entry.seq} was deleted")
            )
        elif entry.prev_hash != expected:
            report.problems.append(
                Problem(
                    entry.seq,
                    "out_of_chain",
                    f"entry {entry.seq} does not follow the entry before it"
                    " (inserted, reordered, or the entry before it changed)",
                )
            )
        report.last_seq, report.last_hash = entry.seq, entry.hash
    report.head_seq, report.head_hash = report.last_seq, report.last_hash
    org = session.get(Organisation, org_id)
    if org is not None:
        _check_anchor(report, org)
    return report


def _check_anchor(report: VerifyReport, org: Organisation) -> None:
    """The organisation row says how many entries it has and which came last: an emptied
    or truncated log does not verify."""
    if org.audit_count != report.entries:
        kind = "missing" if org.audit_count > report.entries else "inserted"
        report.problems.append(
            Problem(
                report.last_seq + 1 if kind == "missing" else report.last_seq,
                kind,
                f"organisation {org.id} should have {org.audit_count} audit entries,"
                f" {report.entries} found",
            )
        )
    elif org.audit_hash != report.last_hash:
        report.problems.append(
            Problem(
                report.last_seq,
                "head_mismatch",
                f"organisation {org.id}'s last audit entry is not the one it recorded",
            )
        )


def verify_export(records: Iterable[dict[str, Any]]) -> VerifyReport:
    """Check an export (JSONL records) on its own, without the database: every entry
    matches its hash and follows the one before it. The first entry of a date range
    links to an entry outside the export, which is taken on trust."""
    report = VerifyReport()
    links = (_Link(int(r["seq"]), r["prev_hash"], r["hash"], record_hash(r)) for r in records)
    first = next(links, None)
    if first is None:
        return report
    _walk(itertools.chain([first], links), report, first.seq - 1, first.prev_hash)
    report.head_seq, report.head_hash = report.last_seq, report.last_hash
    return report


def entries_between(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    org_id: int | None,
) -> Iterator[AuditEntry]:
    """Entries with ``start <= at < end`` in chain order (either bound optional), of
    organisation ``org_id``; None means every organisation, which only the operator's
    command line (with the database itself in hand) asks for."""
    query = (select(AuditEntry) if org_id is None else owned_by(AuditEntry, org_id)).order_by(
        AuditEntry.seq
    )
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
