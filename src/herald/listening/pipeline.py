"""The listening stream: match, classify, deduplicate, count, detect; in stream time.

Mentions go in in timestamp order (a late one is counted in the current bucket); alerts
come out when the bucket that completes their window closes, stamped with that bucket's
end, so a replay gives the alerts a live stream would have given at the same moments.
The stateless work (:mod:`herald.listening.prepare`) runs on chunks of mentions (one
feature pass and one model call a chunk); everything that depends on order runs mention
by mention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

import regex

from herald.listening.alert import Alert, AlertKind
from herald.listening.config import ListeningQuery
from herald.listening.dedup import DedupIndex
from herald.listening.detectors import (
    BUCKET_SECONDS,
    crisis_burst,
    daily_offsets,
    seasonal_baseline,
    sentiment_dip,
    volume_spike,
    weekly_offsets,
)
from herald.listening.mention import Mention
from herald.listening.prepare import CACHE_SIZE, Classified, Prepared, Preparer
from herald.listening.query import terms_of
from herald.listening.series import RING, SAMPLES_PER_BUCKET, Series, top_drivers
from herald.text.fold import fold_term

CHUNK = 512
VOLUME_WIDTHS = (3, 12)
"""Windows (in buckets) for volume spikes: 15 minutes for sudden ones, an hour for slow burns."""
SENTIMENT_WIDTHS = (3, 6, 12)
CRISIS_WIDTH = 3
COPY_WEIGHT = 0.1
"""An exact copy (retweet, bot template) counts a tenth of an original."""
NEAR_COPY_WEIGHT = 0.5
SCAM_WEIGHT = 0.1
AUTHOR_FREE = 2
"""Mentions per author and hour that count in full; later ones count less and less."""
VIP_COOLDOWN = 3600.0
WORD = regex.compile(r"[\p{L}#][\p{L}\p{N}_]{2,}")
STOPWORDS = frozenset(
    fold_term(w)
    for w in [
        "bir",
        "bu",
        "şu",
        "ve",
        "ile",
        "için",
        "ama",
        "çok",
        "daha",
        "gibi",
        "da",
        "de",
        "ki",
        "mi",
        "ne",
        "var",
        "yok",
        "olan",
        "olarak",
        "ben",
        "sen",
        "biz",
        "siz",
        "onlar",
        "her",
        "hiç",
        "artık",
        "yine",
        "bile",
        "diye",
        "kadar",
        "sonra",
        "önce",
        "şey",
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "unos",
        "que",
        "con",
        "por",
        "para",
        "pero",
        "muy",
        "más",
        "como",
        "del",
        "al",
        "se",
        "lo",
        "le",
        "es",
        "no",
        "sí",
        "ya",
        "hay",
        "son",
        "está",
        "están",
        "mi",
        "tu",
        "su",
        "nos",
        "the",
        "and",
        "for",
        "but",
        "with",
        "this",
        "that",
        "you",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "not",
        "all",
        "just",
        "from",
        "they",
        "them",
        "our",
        "your",
        "its",
        "it's",
        "been",
        "what",
        "when",
        "who",
        "will",
        "would",
        "can",
    ]
)


@dataclass(frozen=True, slots=True)
class Observed:
    """A counted mention with what the pipeline made of it (for storage)."""

    mention: Mention
    lang: str
    sentiment: str
    scam: bool
    crisis: bool
    weight: float
    queries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BucketRow:
    """A closed bucket's counts for one query and language (for storage)."""

    query: str
    lang: str
    start: float
    total: float
    raw: int
    negative: float
    positive: float
    crisis: float


@dataclass(slots=True)
class Stats:
    mentions: int = 0
    matched: int = 0
    duplicates: int = 0
    rejected: int = 0
    alerts: Counter[str] = field(default_factory=Counter)


class ListeningPipeline:
    """One organisation's listening state. Not thread-safe: one stream, one pipeline."""

    def __init__(
        self, queries: Sequence[ListeningQuery], *, keep: bool = False, cache_size: int = CACHE_SIZE
    ) -> None:
        self.keep = keep
        """Keep counted mentions and closed buckets for :meth:`drain` (storage)."""
        self.observed: list[Observed] = []
        self.closed: list[BucketRow] = []
        self.queries = {q.id: q for q in queries}
        self.preparer = Preparer(queries, cache_size=cache_size)
        self.dedup = DedupIndex()
        self.series: dict[tuple[str, str], Series] = {}
        self.stats = Stats()
        self.current: int | None = None
        self.start: int | None = None
        self._authors: Counter[str] = Counter()
        self._authors_hour = -1
        self._vip_seen: dict[tuple[str, str], float] = {}
        self._exclude = {
            q.id: frozenset(t.text for t in terms_of(q.query.tree)) | STOPWORDS for q in queries
        }

    # -- the stream ------------------------------------------------------------------------

    def process(self, mentions: Iterable[Mention]) -> Iterator[Alert]:
        """Run mentions (in timestamp order) through the pipeline; yield alerts as raised."""
        stream = iter(mentions)
        while chunk := list(islice(stream, CHUNK)):
            yield from self._process_chunk(chunk)

    def drain(self) -> tuple[list[Observed], list[BucketRow]]:
        """Counted mentions and closed buckets since the last call (with ``keep``)."""
        observed, closed = self.observed, self.closed
        self.observed, self.closed = [], []
        return observed, closed

    def restore(
        self, rows: Iterable[BucketRow], cooldowns: Mapping[tuple[str, str, str], float]
    ) -> None:
        """Continue from closed buckets stored earlier (after a restart), so the baselines
        are not lost; ``cooldowns`` maps (query, language, kind) to the end of the last
        alert's window. Only on a fresh pipeline; rows of queries it does not run, and
        rows older than the ring holds, are left out."""
        if self.current is not None:
            raise RuntimeError("restore only into a pipeline that has not started")
        kept = [r for r in rows if r.query in self.queries]
        if not kept:
            return
        last = max(int(r.start // BUCKET_SECONDS) for r in kept)
        first = max(min(int(r.start // BUCKET_SECONDS) for r in kept), last - RING + 2)
        self.start = first
        self.current = last + 1
        for row in kept:
            bucket = int(row.start // BUCKET_SECONDS)
            if bucket < first:
                continue
            series = self._series(row.query, row.lang)
            series.add(bucket, "total", row.total)
            series.add(bucket, "raw", float(row.raw))
            series.add(bucket, "negative", row.negative)
            series.add(bucket, "positive", row.positive)
            series.add(bucket, "crisis", row.crisis)
        for (query_id, lang, kind), window_end in cooldowns.items():
            query = self.queries.get(query_id)
            if query is None:
                continue
            ends = (
                int(window_end // BUCKET_SECONDS)
                - 1
                + query.cooldown_minutes * 60 // BUCKET_SECONDS
            )
            series = self._series(query_id, lang)
            series.cooldowns[kind] = max(series.cooldowns.get(kind, 0), ends)
        self._open(self.current)

    def recount(self, observed: Iterable[Observed]) -> None:
        """Count mentions stored earlier in the open bucket (after a restart), with the
        weights and classes they were stored with."""
        if self.current is None:
            return
        bucket = self.current
        for item in observed:
            for query_id in item.queries:
                if query_id not in self.queries:
                    continue
                series = self._series(query_id, item.lang)
                series.add(bucket, "total", item.weight)
                series.add(bucket, "raw", 1.0)
                if item.sentiment == "negative":
                    series.add(bucket, "negative", item.weight)
                elif item.sentiment == "positive":
                    series.add(bucket, "positive", item.weight)
                if item.crisis:
                    series.add(bucket, "crisis", item.weight)

    def finish(self) -> Iterator[Alert]:
        """Close the last open bucket (end of a replay)."""
        if self.current is not None:
            yield from self._close(self.current)
            self.current += 1

    def _process_chunk(self, chunk: list[Mention]) -> Iterator[Alert]:
        yield from self.consume(self.preparer.prepare(chunk))

    def consume(self, prepared: Iterable[Prepared]) -> Iterator[Alert]:
        """Count prepared mentions in order (the part of the pipeline that needs order);
        :meth:`process` is ``consume(prepare(...))`` a chunk at a time."""
        for item in prepared:
            self.stats.mentions += 1
            yield from self._advance(item.mention.ts)
            if item.matched:
                matched = [self.queries[q] for q in item.matched]
                yield from self._count(
                    item.mention, item.key, item.crisis, item.classified, matched
                )

    def _advance(self, ts: float) -> Iterator[Alert]:
        bucket = int(ts // BUCKET_SECONDS)
        if self.current is None:
            self.current = self.start = bucket
            self._open(bucket)
            return
        while bucket > self.current:  # close every bucket passed, empty ones too
            yield from self._close(self.current)
            self.current += 1
            self._open(self.current)

    def _open(self, bucket: int) -> None:
        for series in self.series.values():
            series.clear(bucket)

    def _series(self, query: str, lang: str) -> Series:
        key = (query, lang)
        series = self.series.get(key)
        if series is None:
            assert self.start is not None
            series = self.series[key] = Series(start=self.start)
        return series

    def _weight(self, mention: Mention, key: str, result: Classified) -> float:
        hour = int(mention.ts // 3600)
        if hour != self._authors_hour:
            self._authors.clear()
            self._authors_hour = hour
        author = mention.author.lower()
        self._authors[author] += 1
        weight = min(1.0, AUTHOR_FREE / self._authors[author])
        copy = self.dedup.add_text(key, mention.ts)
        if copy.duplicate:
            self.stats.duplicates += 1
            weight *= COPY_WEIGHT if copy.exact else NEAR_COPY_WEIGHT
        if result.scam:
            weight *= SCAM_WEIGHT
        return weight

    def _count(
        self,
        mention: Mention,
        key: str,
        crisis: tuple[str, ...],
        result: Classified,
        matched: list[ListeningQuery],
    ) -> Iterator[Alert]:
        self.stats.matched += 1
        weight = self._weight(mention, key, result)
        assert self.current is not None
        bucket = self.current
        words = WORD.findall(key)
        if self.keep:
            ids = tuple(q.id for q in matched)
            self.observed.append(
                Observed(
                    mention, result.lang, result.sentiment, result.scam, bool(crisis), weight, ids
                )
            )
        for query in matched:
            series = self._series(query.id, result.lang)
            series.add(bucket, "total", weight)
            series.add(bucket, "raw", 1.0)
            if result.sentiment == "negative":
                series.add(bucket, "negative", weight)
            elif result.sentiment == "positive":
                series.add(bucket, "positive", weight)
            if crisis:
                series.add(bucket, "crisis", weight)
            detail = series.detail(bucket)
            exclude = self._exclude[query.id]
            for word in words:
                if word not in exclude:
                    detail.terms[word] += weight
            for a, b in pairwise(words):
                if a not in exclude and b not in exclude:
                    detail.terms[f"{a} {b}"] += weight
            detail.authors[mention.author] += weight
            for phrase in crisis:
                detail.crisis[phrase] += 1.0
            score = result.negative + (1.0 if crisis else 0.0)
            if len(detail.samples) < SAMPLES_PER_BUCKET:
                detail.samples.append((score, mention.text[:280], key))
            else:
                low = min(range(SAMPLES_PER_BUCKET), key=lambda i: detail.samples[i][0])
                if detail.samples[low][0] < score:
                    detail.samples[low] = (score, mention.text[:280], key)
            vip = self._vip(query, mention, result.lang)
            if vip is not None:
                yield vip

    def _vip(self, query: ListeningQuery, mention: Mention, lang: str) -> Alert | None:
        if not query.vip_authors:
            return None
        author = fold_term(mention.author.lstrip("@"))
        handle = author.split("@", 1)[0]
        if author not in query.vip_authors and handle not in query.vip_authors:
            return None
        last = self._vip_seen.get((query.id, handle))
        if last is not None and mention.ts - last < VIP_COOLDOWN:
            return None
        self._vip_seen[(query.id, handle)] = mention.ts
        self.stats.alerts[AlertKind.VIP] += 1
        drivers = {
            "authors": [{"author": mention.author, "count": 1}],
            "samples": [mention.text[:280]],
            "network": mention.network,
        }
        return Alert(
            mention.ts,
            AlertKind.VIP,
            query.id,
            lang,
            mention.ts,
            mention.ts,
            1.0,
            0.0,
            0.0,
            drivers,
        )

    # -- detection at bucket close ---------------------------------------------------------

    def _close(self, bucket: int) -> Iterator[Alert]:
        for (query_id, lang), series in self.series.items():
            query = self.queries[query_id]
            if self.keep and series.window("raw", bucket, 1) > 0:
                self.closed.append(
                    BucketRow(
                        query_id,
                        lang,
                        float(bucket * BUCKET_SECONDS),
                        series.window("total", bucket, 1),
                        int(series.window("raw", bucket, 1)),
                        series.window("negative", bucket, 1),
                        series.window("positive", bucket, 1),
                        series.window("crisis", bucket, 1),
                    )
                )
            for alert in self._detect(query, lang, series, bucket):
                self.stats.alerts[alert.kind] += 1
                series.cooldowns[alert.kind] = (
                    bucket + query.cooldown_minutes * 60 // BUCKET_SECONDS
                )
                yield alert

    def _detect(
        self, query: ListeningQuery, lang: str, series: Series, end: int
    ) -> Iterator[Alert]:
        sens = query.thresholds
        daily, weekly = daily_offsets(), weekly_offsets()

        def ready(kind: AlertKind) -> bool:
            return series.cooldowns.get(kind, 0) <= end

        if ready(AlertKind.VOLUME_SPIKE):
            for width in VOLUME_WIDTHS:
                observed = series.window("total", end, width)
                if observed < sens.min_volume:
                    continue
                base = seasonal_baseline(
                    series.samples("total", end, width, daily),
                    series.samples("total", end, width, weekly),
                )
                verdict = volume_spike(observed, base, sens) if base is not None else None
                if verdict is not None:
                    yield self._alert(
                        AlertKind.VOLUME_SPIKE, query, lang, series, end, width, verdict
                    )
                    break
        if ready(AlertKind.SENTIMENT_DIP):
            for width in SENTIMENT_WIDTHS:
                total = series.window("total", end, width)
                if total < sens.min_volume:
                    continue
                negative = series.window("negative", end, width)
                pairs = [
                    list(
                        zip(
                            series.samples("negative", end, width, offs),
                            series.samples("total", end, width, offs),
                            strict=True,
                        )
                    )
                    for offs in (daily, weekly)
                ]
                verdict = sentiment_dip(negative, total, pairs[0], pairs[1], sens)
                if verdict is not None:
                    yield self._alert(
                        AlertKind.SENTIMENT_DIP, query, lang, series, end, width, verdict
                    )
                    break
        if ready(AlertKind.CRISIS):
            observed = series.window("crisis", end, CRISIS_WIDTH)
            if observed >= sens.min_crisis:
                base = seasonal_baseline(
                    series.samples("crisis", end, CRISIS_WIDTH, daily),
                    series.samples("crisis", end, CRISIS_WIDTH, weekly),
                )
                verdict = crisis_burst(observed, base, sens)
                if verdict is not None:
                    yield self._alert(
                        AlertKind.CRISIS, query, lang, series, end, CRISIS_WIDTH, verdict
                    )

    def _alert(
        self,
        kind: AlertKind,
        query: ListeningQuery,
        lang: str,
        series: Series,
        end: int,
        width: int,
        verdict: Any,
    ) -> Alert:
        window_start = (end - width + 1) * BUCKET_SECONDS
        window_end = (end + 1) * BUCKET_SECONDS
        drivers = top_drivers(
            series.recent_details(end, width), series.profile, self._exclude[query.id]
        )
        total = series.window("total", end, width)
        negative = series.window("negative", end, width)
        base_total = series.samples("total", end, width, daily_offsets())
        base_negative = series.samples("negative", end, width, daily_offsets())
        base_share = sum(base_negative) / sum(base_total) if sum(base_total) > 0 else 0.0
        share = negative / total if total > 0 else 0.0
        drivers["languages"] = {lang: round(series.window("raw", end, width))}
        drivers["sentiment"] = {
            "negative_share": round(share, 3),
            "baseline_negative_share": round(base_share, 3),
            "shift": round(share - base_share, 3),
        }
        return Alert(
            float(window_end),
            kind,
            query.id,
            lang,
            float(window_start),
            float(window_end),
            verdict.observed,
            verdict.expected,
            verdict.z,
            drivers,
        )
