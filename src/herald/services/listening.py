"""Listening for one organisation: mentions in, stored, counted, and alerts recorded.

The pipeline (:mod:`herald.listening`) keeps the counts it alerts on in memory; this
service stores what it read and decided, each batch in one transaction: the mentions
(once per network and id: a mention delivered twice is skipped before it is counted), the
closed buckets and the alerts with their pending deliveries (:mod:`herald.services.alerts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from herald.listening.alert import Alert
from herald.listening.config import ListeningQuery
from herald.listening.detectors import BUCKET_SECONDS
from herald.listening.mention import Mention
from herald.listening.pipeline import BucketRow, ListeningPipeline, Observed
from herald.listening.series import RING
from herald.services.alerts import AlertChannels, record_alert
from herald.services.transaction import run_in_transaction
from herald.store.models import ListeningAlert, ListeningBucket, ListeningMention


def _moment(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class ListeningService:
    def __init__(
        self,
        factory: sessionmaker[Session],
        org_id: int,
        queries: Sequence[ListeningQuery],
        channels: AlertChannels | None = None,
        *,
        restore: bool = True,
    ) -> None:
        self.factory = factory
        self.org_id = org_id
        self.channels = channels or AlertChannels()
        self.pipeline = ListeningPipeline(queries, keep=True)
        if restore:
            self.restore()

    def restore(self) -> None:
        """Load the stored closed buckets (five weeks and two days: what the baselines
        read), the last alert of each query, language and kind (cooldowns), and the
        mentions stored after the last closed bucket (the bucket that was open)."""
        org = self.org_id
        with self.factory() as session:
            newest = session.scalar(
                select(func.max(ListeningBucket.bucket_start)).where(ListeningBucket.org_id == org)
            )
            if newest is None:
                return
            newest = _aware(newest)
            since = newest - timedelta(seconds=BUCKET_SECONDS * (RING - 1))
            rows = [
                BucketRow(
                    b.query_id,
                    b.lang,
                    _aware(b.bucket_start).timestamp(),
                    b.total,
                    b.raw,
                    b.negative,
                    b.positive,
                    b.crisis,
                )
                for b in session.scalars(
                    select(ListeningBucket).where(
                        ListeningBucket.org_id == org, ListeningBucket.bucket_start >= since
                    )
                )
            ]
            last_alerts = session.execute(
                select(
                    ListeningAlert.query_id,
                    ListeningAlert.lang,
                    ListeningAlert.kind,
                    func.max(ListeningAlert.window_end),
                )
                .where(ListeningAlert.org_id == org)
                .group_by(ListeningAlert.query_id, ListeningAlert.lang, ListeningAlert.kind)
            ).all()
            cooldowns = {(q, lang, k): _aware(end).timestamp() for q, lang, k, end in last_alerts}
            open_from = newest + timedelta(seconds=BUCKET_SECONDS)
            pending = [
                Observed(
                    Mention(m.external_id, _aware(m.ts).timestamp(), m.network, m.author, m.text),
                    m.lang,
                    m.sentiment,
                    m.scam,
                    m.crisis,
                    m.weight,
                    tuple(m.queries.get("ids", [])),
                )
                for m in session.scalars(
                    select(ListeningMention).where(
                        ListeningMention.org_id == org, ListeningMention.ts >= open_from
                    )
                )
            ]
        self.pipeline.restore(rows, cooldowns)
        self.pipeline.recount(pending)

    def _unseen(self, mentions: Sequence[Mention]) -> list[Mention]:
        keys = list({(m.network, m.id) for m in mentions})
        stored: set[tuple[str, str]] = set()
        with self.factory() as session:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                rows = session.execute(
                    select(ListeningMention.network, ListeningMention.external_id).where(
                        ListeningMention.org_id == self.org_id,
                        tuple_(ListeningMention.network, ListeningMention.external_id).in_(part),
                    )
                )
                stored.update((network, external) for network, external in rows)
        fresh: list[Mention] = []
        for mention in mentions:
            key = (mention.network, mention.id)
            if key not in stored:
                stored.add(key)  # a copy later in the same batch is a duplicate too
                fresh.append(mention)
        return fresh

    def ingest(self, mentions: Sequence[Mention], *, final: bool = False) -> list[Alert]:
        """Count a batch (in timestamp order) and store it; returns the alerts raised.
        ``final`` closes the last open bucket (the end of a replay)."""
        fresh = self._unseen(mentions)
        alerts = list(self.pipeline.process(fresh))
        if final:
            alerts.extend(self.pipeline.finish())
        observed, closed = self.pipeline.drain()

        def store(session: Session) -> None:
            self._store_mentions(session, observed)
            self._store_buckets(session, closed)
            for alert in alerts:
                record_alert(session, self.org_id, alert, self.channels)

        run_in_transaction(self.factory, store)
        return alerts

    def _store_mentions(self, session: Session, observed: list[Observed]) -> None:
        """One multi-row insert a batch (an ORM object per mention cost more than
        counting it)."""
        if not observed:
            return
        session.execute(
            insert(ListeningMention),
            [
                {
                    "org_id": self.org_id,
                    "network": item.mention.network[:40],
                    "external_id": item.mention.id[:200],
                    "author": item.mention.author[:200],
                    "text": item.mention.text,
                    "lang": item.lang,
                    "ts": _moment(item.mention.ts),
                    "sentiment": item.sentiment,
                    "scam": item.scam,
                    "crisis": item.crisis,
                    "weight": item.weight,
                    "queries": {"ids": list(item.queries)},
                }
                for item in observed
            ],
        )

    def _store_buckets(self, session: Session, rows: list[BucketRow]) -> None:
        """Closed buckets: new ones inserted together, ones stored before (a bucket
        closed again after a restart) updated."""
        if not rows:
            return
        first = _moment(min(r.start for r in rows))
        last = _moment(max(r.start for r in rows))
        stored = {
            (b.query_id, b.lang, _aware(b.bucket_start)): b
            for b in session.scalars(
                select(ListeningBucket).where(
                    ListeningBucket.org_id == self.org_id,
                    ListeningBucket.bucket_start >= first,
                    ListeningBucket.bucket_start <= last,
                )
            )
        }
        fresh = []
        for row in rows:
            start = _moment(row.start)
            counts = {
                "total": row.total,
                "raw": row.raw,
                "negative": row.negative,
                "positive": row.positive,
                "crisis": row.crisis,
            }
            bucket = stored.get((row.query, row.lang, start))
            if bucket is None:
                fresh.append(
                    {
                        "org_id": self.org_id,
                        "query_id": row.query,
                        "lang": row.lang,
                        "bucket_start": start,
                        **counts,
                    }
                )
                continue
            for name, value in counts.items():
                setattr(bucket, name, value)
        if fresh:
            session.execute(insert(ListeningBucket), fresh)
