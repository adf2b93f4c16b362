"""The listening service on both databases: stored once, counted once, alerts recorded."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from herald.listening.config import listening_query
from herald.services import orgs
from herald.services.listening import ListeningService
from herald.store.models import ListeningAlert, ListeningBucket, ListeningMention
from listening.streams import DAY, T0, background, outage


def _org(factory: sessionmaker[Session]) -> int:
    with factory() as session, session.begin():
        org, _ = orgs.create_organisation(session, "Nexora", "owner@nexora.example", "Owner")
        return org.id


def _count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_ingest_stores_mentions_buckets_and_alerts_once(factory: sessionmaker[Session]) -> None:
    org_id = _org(factory)
    service = ListeningService(factory, org_id, [listening_query("nexora", "nexora")])
    history = background(4)
    service.ingest(history[: len(history) // 2])
    service.ingest(history[len(history) // 2 :])
    spike = outage(T0 + 4 * DAY + 600, 150)
    alerts = service.ingest(spike, final=True)
    assert alerts
    assert _count(factory, ListeningMention) == len(history) + len(spike)
    assert _count(factory, ListeningAlert) == len(alerts)
    buckets = _count(factory, ListeningBucket)
    assert buckets >= 4 * 288

    # The same batch delivered again (a retried task) changes nothing.
    again = service.ingest(spike, final=True)
    assert again == []
    assert _count(factory, ListeningMention) == len(history) + len(spike)
    assert _count(factory, ListeningAlert) == len(alerts)
    with factory() as session:
        stored = session.scalars(
            select(ListeningMention).where(ListeningMention.external_id == "i0")
        ).one()
        assert stored.org_id == org_id
        assert stored.crisis
        assert stored.queries == {"ids": ["nexora"]}


def test_a_restart_keeps_the_baselines_and_alerts_as_one_process_would(
    factory: sessionmaker[Session],
) -> None:
    query = listening_query("nexora", "nexora")
    history = background(4)
    spike = outage(T0 + 4 * DAY + 600, 150)
    # Cut in the middle of a bucket, so the open bucket's mentions must be recounted.
    cut = next(i for i, m in enumerate(history) if m.ts >= T0 + 3 * DAY + 150)
    org_a = _org(factory)
    with factory() as session, session.begin():
        org_b, _ = orgs.create_organisation(session, "Other", "owner@other.example", "O")
        org_b_id = org_b.id
    one = ListeningService(factory, org_a, [query])
    expected = one.ingest(history) + one.ingest(spike, final=True)
    assert expected

    first = ListeningService(factory, org_b_id, [query])
    first.ingest(history[:cut])
    restarted = ListeningService(factory, org_b_id, [query])  # a new process
    got = restarted.ingest(history[cut:]) + restarted.ingest(spike, final=True)
    assert [(a.kind, a.window_end, round(a.observed, 6)) for a in got] == [
        (a.kind, a.window_end, round(a.observed, 6)) for a in expected
    ]

    # Without the stored history the spike finds no baseline: no volume alert (a crisis
    # burst needs none).
    forgetful = ListeningService(factory, org_b_id, [query], restore=False)
    later = [replace(m, id=f"j{m.id}") for m in outage(T0 + 4 * DAY + 7200, 150)]
    assert "volume_spike" in {a.kind for a in expected}
    assert "volume_spike" not in {a.kind for a in forgetful.ingest(later, final=True)}
