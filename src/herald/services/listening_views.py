"""What the listening pages show: a query's history, the alert history, a query's preview.

Read-only, and every read is narrowed to one organisation (:mod:`herald.services.scoping`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from herald.listening.alert import severity
from herald.listening.config import ListeningQuery
from herald.listening.pipeline import STOPWORDS, WORD
from herald.listening.query import (
    CompiledQuery,
    MatchInput,
    QuerySet,
    compile_query,
    terms_of,
)
from herald.services import cases
from herald.services.scoping import get_owned, owned_by
from herald.store.models import InboxCase, ListeningAlert, ListeningBucket, ListeningMention
from herald.text.fold import fold, fold_term

HISTORY_DAYS = 30
TOP_DAYS = 7
"""Top terms and authors are counted over the last week of mentions."""
TOP_MENTIONS = 20_000
PREVIEW_MENTIONS = 3_000
"""Recent mentions a query preview is matched against."""
PREVIEW_SHOWN = 20


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class AlertView:
    alert: ListeningAlert
    severity: str
    case: InboxCase | None = None


@dataclass(slots=True)
class Dashboard:
    hours: list[str] = field(default_factory=list)
    """ISO hour starts (UTC) of the chart's x axis."""
    volume: dict[str, list[float]] = field(default_factory=dict)
    """Language -> weighted mentions per hour."""
    negative: list[float] = field(default_factory=list)
    positive: list[float] = field(default_factory=list)
    neutral: list[float] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)
    """negative, neutral, positive and all: weighted, over the whole history."""
    raw: int = 0
    terms: list[tuple[str, float]] = field(default_factory=list)
    authors: list[tuple[str, float]] = field(default_factory=list)
    alerts: list[AlertView] = field(default_factory=list)


def rounded(values: Sequence[float]) -> list[float]:
    return [round(v, 1) for v in values]


def _hour(moment: datetime) -> datetime:
    return aware(moment).replace(minute=0, second=0, microsecond=0)


def dashboard(
    session: Session, org_id: int, query: ListeningQuery, days: int = HISTORY_DAYS
) -> Dashboard:
    """Hourly volume per language and sentiment over the last ``days`` of stored history
    (ending at the newest bucket, so a replayed month shows whole), its alerts, and the
    top terms and authors of the last week."""
    view = Dashboard()
    newest = session.scalar(
        select(func.max(ListeningBucket.bucket_start)).where(
            ListeningBucket.org_id == org_id, ListeningBucket.query_id == query.id
        )
    )
    if newest is None:
        return view
    end = _hour(newest) + timedelta(hours=1)
    start = end - timedelta(days=days)
    hours = [start + timedelta(hours=h) for h in range(days * 24)]
    index = {h: i for i, h in enumerate(hours)}
    volume: defaultdict[str, list[float]] = defaultdict(lambda: [0.0] * len(hours))
    negative, positive, total = [0.0] * len(hours), [0.0] * len(hours), [0.0] * len(hours)
    buckets = session.scalars(
        owned_by(ListeningBucket, org_id).where(
            ListeningBucket.query_id == query.id, ListeningBucket.bucket_start >= start
        )
    )
    for bucket in buckets:
        i = index.get(_hour(bucket.bucket_start))
        if i is None:
            continue
        volume[bucket.lang][i] += bucket.total
        negative[i] += bucket.negative
        positive[i] += bucket.positive
        total[i] += bucket.total
        view.raw += bucket.raw
    view.hours = [h.isoformat().replace("+00:00", "Z") for h in hours]
    view.volume = {lang: rounded(volume[lang]) for lang in sorted(volume)}
    view.negative = rounded(negative)
    view.positive = rounded(positive)
    view.neutral = rounded(
        [max(t - n - p, 0.0) for t, n, p in zip(total, negative, positive, strict=True)]
    )
    view.totals = {
        "negative": round(sum(negative), 1),
        "neutral": round(sum(view.neutral), 1),
        "positive": round(sum(positive), 1),
        "all": round(sum(total), 1),
    }
    view.alerts = alert_history(session, org_id, query_id=query.id, since=start)
    view.terms, view.authors = _top(session, org_id, query, end - timedelta(days=TOP_DAYS))
    return view


def _top(
    session: Session, org_id: int, query: ListeningQuery, since: datetime
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    exclude = frozenset(t.text for t in terms_of(query.query.tree)) | STOPWORDS
    terms: defaultdict[str, float] = defaultdict(float)
    authors: defaultdict[str, float] = defaultdict(float)
    rows = session.execute(
        owned_by(ListeningMention, org_id)
        .where(ListeningMention.ts >= since)
        .order_by(ListeningMention.ts.desc())
        .limit(TOP_MENTIONS)
        .with_only_columns(
            ListeningMention.text,
            ListeningMention.author,
            ListeningMention.weight,
            ListeningMention.queries,
        )
    )
    for text, author, weight, queries in rows:
        if query.id not in queries.get("ids", []):
            continue
        authors[author] += weight
        words = [w for w in WORD.findall(fold(text).folded) if w not in exclude]
        for word in set(words):
            terms[word] += weight
        for pair in {f"{a} {b}" for a, b in pairwise(words)}:
            terms[pair] += weight
    top_terms = [(t, round(c, 1)) for t, c in _most(terms, 12) if c >= 2]
    top_authors = [(a, round(c, 1)) for a, c in _most(authors, 10)]
    return top_terms, top_authors


def _most(counts: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def alert_history(
    session: Session,
    org_id: int,
    *,
    query_id: str | None = None,
    since: datetime | None = None,
    limit: int = 200,
) -> list[AlertView]:
    """Alerts, newest first, with their severity and the case each opened."""
    statement = owned_by(ListeningAlert, org_id)
    if query_id is not None:
        statement = statement.where(ListeningAlert.query_id == query_id)
    if since is not None:
        statement = statement.where(ListeningAlert.window_end >= since)
    rows = session.scalars(
        statement.order_by(ListeningAlert.window_end.desc(), ListeningAlert.id.desc()).limit(limit)
    ).all()
    threads = {cases.alert_thread(a): a for a in rows}
    opened = {
        c.thread_key: c
        for c in session.scalars(
            owned_by(InboxCase, org_id).where(
                InboxCase.network == cases.ALERT_NETWORK, InboxCase.thread_key.in_(threads)
            )
        )
    }
    return [
        AlertView(a, severity(a.kind, a.observed, a.expected), opened.get(cases.alert_thread(a)))
        for a in rows
    ]


def alert_view(session: Session, org_id: int, alert_id: int) -> AlertView:
    """One alert of the organisation (NotFoundError for another's or a missing one)."""
    row = get_owned(session, ListeningAlert, alert_id, org_id, "listening_alert")
    row.deliveries.sort(key=lambda d: d.id)  # loaded now: the page reads them after the session
    return AlertView(
        row, severity(row.kind, row.observed, row.expected), cases.case_for_alert(session, row)
    )


@dataclass(frozen=True, slots=True)
class Preview:
    query: CompiledQuery
    searched: int
    """Recent mentions matched against."""
    matched: int
    shown: list[ListeningMention]


def compile_preview(text: str) -> CompiledQuery:
    """Raises :class:`herald.listening.query.QuerySyntaxError` with a code and position."""
    return compile_query("preview", text)


@lru_cache(maxsize=2 * PREVIEW_MENTIONS)
def _folded(text: str) -> str:
    # The editor previews on every keystroke over the same recent mentions: fold each once.
    return fold(text).folded


def preview(
    session: Session,
    org_id: int,
    query: CompiledQuery,
    languages: Sequence[str] | None = None,
    limit: int = PREVIEW_MENTIONS,
) -> Preview:
    """The query matched against the organisation's most recent stored mentions."""
    rows = session.scalars(
        owned_by(ListeningMention, org_id).order_by(ListeningMention.ts.desc()).limit(limit)
    ).all()
    matcher = QuerySet([query])
    hits = []
    for row in rows:
        if languages and row.lang not in languages:
            continue
        facts = MatchInput(
            _folded(row.text), row.lang, row.network, fold_term(row.author.lstrip("@"))
        )
        if matcher.match(facts):
            hits.append(row)
    return Preview(query, len(rows), len(hits), hits[:PREVIEW_SHOWN])
