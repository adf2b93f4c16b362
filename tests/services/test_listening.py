"""The listening service on both databases: stored once, counted once, alerts recorded."""

from __future__ import annotations

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
