"""Running a replay on in-process shards: the queries split across pipelines.

Every shard reads every mention (a query needs the whole stream to count it), so shards
split the per-query work (counting, detection) but each repeats matching and
classification; on CPython the GIL keeps threads from running Python code at once. With
one worker nothing is split. The task queue (issue: workers on a broker) replaces this.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from queue import Queue

from herald.listening.alert import Alert
from herald.listening.config import ListeningQuery
from herald.listening.mention import Mention
from herald.listening.pipeline import CACHE_SIZE, CHUNK, ListeningPipeline


@dataclass(slots=True)
class ReplayResult:
    mentions: int = 0
    matched: int = 0
    duplicates: int = 0
    alerts: Counter[str] = field(default_factory=Counter)


def replay(
    queries: Sequence[ListeningQuery],
    mentions: Iterable[Mention],
    emit: Callable[[Alert], None],
    *,
    cache_size: int = CACHE_SIZE,
) -> ReplayResult:
    pipeline = ListeningPipeline(queries, cache_size=cache_size)
    for alert in pipeline.process(mentions):
        emit(alert)
    for alert in pipeline.finish():
        emit(alert)
    stats = pipeline.stats
    return ReplayResult(stats.mentions, stats.matched, stats.duplicates, Counter(stats.alerts))


def replay_sharded(
    queries: Sequence[ListeningQuery],
    mentions: Iterable[Mention],
    workers: int,
    emit: Callable[[Alert], None],
) -> ReplayResult:
    shards = [list(queries[i::workers]) for i in range(min(workers, len(queries)))]
    if len(shards) <= 1:
        return replay(queries, mentions, emit)
    lock = threading.Lock()
    inboxes: list[Queue[list[Mention] | None]] = [Queue(maxsize=8) for _ in shards]
    results: list[ReplayResult] = [ReplayResult() for _ in shards]

    def locked_emit(alert: Alert) -> None:
        with lock:
            emit(alert)

    def run(index: int) -> None:
        def feed() -> Iterable[Mention]:
            while (chunk := inboxes[index].get()) is not None:
                yield from chunk

        results[index] = replay(shards[index], feed(), locked_emit)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(shards))]
    for thread in threads:
        thread.start()
    chunk: list[Mention] = []
    for mention in mentions:
        chunk.append(mention)
        if len(chunk) == CHUNK:
            for inbox in inboxes:
                inbox.put(chunk)
            chunk = []
    for inbox in inboxes:
        inbox.put(chunk)
        inbox.put(None)
    for thread in threads:
        thread.join()
    total = ReplayResult(mentions=results[0].mentions, duplicates=results[0].duplicates)
    for result in results:
        total.matched = max(total.matched, result.matched)
        total.alerts.update(result.alerts)
    return total
