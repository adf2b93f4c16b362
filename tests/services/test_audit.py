"""The hash chain: every kind of tampering is detected and the entry is named."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from herald.services import audit
from herald.store.models import AuditEntry, AuditHead
from herald.store.types import utcnow


def _log(factory: sessionmaker[Session], n: int = 5) -> None:
    with factory.begin() as s:
        for i in range(1, n + 1):
            audit.append(
                s,
                actor=None,
                org_id=1,
                action="test.event",
                subject_type="thing",
                subject_id=i,
                data={"n": i, "word": "görüşler bana aittir"},
            )


def _problems(factory: sessionmaker[Session]) -> list[tuple[int, str]]:
    with factory() as s:
        return [(p.seq, p.kind) for p in audit.verify(s).problems]


def test_intact_chain_verifies(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory() as s:
        report = audit.verify(s)
        assert report.ok
        assert (report.entries, report.head_seq) == (5, 5)
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None
        assert report.head_hash == last.hash


def test_empty_log_verifies(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        assert audit.verify(s).ok


@pytest.mark.parametrize("column", ["payload", "action", "actor", "subject_id", "at"])
def test_changed_entry_is_named(factory: sessionmaker[Session], column: str) -> None:
    _log(factory)
    values = {
        "payload": '{"n":3,"word":"x"}',
        "action": "test.other",
        "actor": "mallory@acme.test",
        "subject_id": "99",
        "at": utcnow() - timedelta(days=3),
    }
    with factory.begin() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 3).values({column: values[column]}))
    assert _problems(factory) == [(3, "altered")]


def test_changed_entry_with_recomputed_hash_breaks_the_next_link(
    factory: sessionmaker[Session],
) -> None:
    _log(factory)
    with factory.begin() as s:
        entry = s.get_one(AuditEntry, 3)
        entry.payload = '{"n":3,"word":"forged"}'
        entry.hash = audit.entry_hash(entry)
    assert _problems(factory) == [(4, "out_of_chain")]


def test_deleted_entry_is_named(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
    problems = _problems(factory)
    assert (2, "missing") in problems
    assert (3, "out_of_chain") in problems


def test_deleted_tail_is_detected(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq >= 4))
    with factory() as s:
        report = audit.verify(s)
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "missing")]
    assert "4..5" in report.problems[0].detail


def test_reordered_entries_are_named(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory.begin() as s:
        for old, new in ((2, -2), (3, 2), (-2, 3)):  # swap the two rows' positions
            s.execute(update(AuditEntry).where(AuditEntry.seq == old).values(seq=new))
    problems = _problems(factory)
    assert (2, "altered") in problems
    assert (3, "altered") in problems


def test_inserted_entry_is_named(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory.begin() as s:
        # Make room at 3 by shifting the later entries up, then forge a valid-looking link.
        for seq in (5, 4, 3):
            s.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(seq=seq + 1))
        prev = s.get_one(AuditEntry, 2)
        forged = AuditEntry(
            seq=3,
            at=utcnow(),
            org_id=1,
            actor_id=None,
            actor="mallory",
            action="test.event",
            subject_type="thing",
            subject_id="x",
            payload="{}",
            prev_hash=prev.hash,
        )
        forged.hash = audit.entry_hash(forged)
        s.add(forged)
    problems = _problems(factory)
    assert (4, "altered") in problems  # the shifted entry's seq no longer matches its hash
    assert (4, "out_of_chain") in problems  # and it does not follow the forged entry 3


def test_entry_appended_behind_the_head_is_named(factory: sessionmaker[Session]) -> None:
    _log(factory)
    with factory.begin() as s:
        last = s.get_one(AuditEntry, 5)
        extra = AuditEntry(
            seq=6, at=utcnow(), org_id=1, actor_id=None, actor="mallory", action="x",
            subject_type="thing", subject_id="6", payload="{}", prev_hash=last.hash,
        )  # fmt: skip
        extra.hash = audit.entry_hash(extra)
        s.add(extra)
    assert _problems(factory) == [(6, "inserted")]


def test_head_rewritten_to_hide_a_cut_tail_still_needs_matching_hash(
    factory: sessionmaker[Session],
) -> None:
    _log(factory)
    with factory.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 5))
        s.execute(update(AuditHead).values(seq=5))
    assert _problems(factory) == [(5, "missing")]


def test_export_jsonl_and_csv_for_a_date_range(factory: sessionmaker[Session]) -> None:
    _log(factory, 3)
    with factory.begin() as s:
        s.execute(
            update(AuditEntry).where(AuditEntry.seq == 1).values(at=utcnow() - timedelta(days=10))
        )
    start = utcnow() - timedelta(days=1)
    with factory() as s:
        lines = list(audit.export_jsonl(audit.entries_between(s, start, None, org_id=1)))
        rows = list(
            csv.DictReader(
                io.StringIO("".join(audit.export_csv(audit.entries_between(s, start, org_id=1))))
            )
        )
    records = [json.loads(line) for line in lines]
    assert [r["seq"] for r in records] == [2, 3]
    assert json.loads(records[0]["payload"]) == {"n": 2, "word": "görüşler bana aittir"}
    assert records[1]["prev_hash"] == records[0]["hash"]
    assert [r["seq"] for r in rows] == ["2", "3"]
    assert rows[0]["hash"] == records[0]["hash"]


def test_export_of_an_empty_range_has_only_the_csv_header(
    factory: sessionmaker[Session],
) -> None:
    with factory() as s:
        assert list(audit.export_jsonl(audit.entries_between(s, org_id=None))) == []
        assert "".join(audit.export_csv(audit.entries_between(s, org_id=None))) == (
            ",".join(audit.EXPORT_FIELDS) + "\n"
        )


def test_a_long_lived_session_appends_after_the_real_head(
    factory: sessionmaker[Session],
) -> None:
    def event(s: Session, n: int) -> None:
        audit.append(s, actor=None, org_id=1, action="e", subject_type="t", subject_id=n)

    with factory() as long_lived, factory() as other:
        event(long_lived, 1)
        long_lived.commit()  # its copy of the head stays in memory (expire_on_commit=False)
        event(other, 2)
        other.commit()
        event(long_lived, 3)
        long_lived.commit()
    with factory() as s:
        report = audit.verify(s)
        assert report.ok
        assert report.entries == 3


def test_an_export_verifies_on_its_own_and_tampering_is_named(
    factory: sessionmaker[Session],
) -> None:
    _log(factory, 5)
    with factory() as s:
        records = [
            json.loads(line) for line in audit.export_jsonl(audit.entries_between(s, org_id=None))
        ]
    middle = records[1:]  # a date range: starts mid-chain
    report = audit.verify_export(middle)
    assert report.ok
    assert (report.entries, report.head_seq) == (4, 5)
    forged = [dict(r) for r in middle]
    forged[1]["payload"] = '{"n":3,"word":"forged"}'
    assert [(p.seq, p.kind) for p in audit.verify_export(forged).problems] == [(3, "altered")]
    dropped = middle[:1] + middle[2:]
    assert (3, "missing") in [(p.seq, p.kind) for p in audit.verify_export(dropped).problems]
    assert audit.verify_export([]).ok


def test_an_emptied_log_never_verifies(factory: sessionmaker[Session]) -> None:
    from herald.services import orgs

    with factory.begin() as s:
        org, _ = orgs.create_organisation(s, "Anchored", "owner@anchored.test", "Olga")
        org_id = org.id
    with factory() as s:
        assert audit.verify(s).ok
        assert audit.verify_org(s, org_id).ok
    with factory.begin() as s:
        s.execute(delete(AuditEntry))
        s.execute(delete(AuditHead))
    with factory() as s:
        assert [p.kind for p in audit.verify(s).problems] == ["missing"]
        assert [p.kind for p in audit.verify_org(s, org_id).problems] == ["missing"]


def test_a_truncated_organisation_log_never_verifies(factory: sessionmaker[Session]) -> None:
    from herald.services import orgs

    with factory.begin() as s:
        org, _ = orgs.create_organisation(s, "Anchored", "owner@anchored.test", "Olga")
        org_id = org.id
        last = s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).first()
    with factory.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == last))
        s.execute(update(AuditHead).values(seq=last - 1))  # the head rewritten to match
        prev = s.get_one(AuditEntry, last - 1)
        s.execute(update(AuditHead).values(hash=prev.hash))
    with factory() as s:
        assert not audit.verify(s).ok
        assert [p.kind for p in audit.verify_org(s, org_id).problems] == ["missing"]
