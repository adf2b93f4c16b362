"""Replaying a stream through one pipeline, optionally with worker processes.

With ``workers`` > 1 the stateless half (folding, matching, language, sentiment, scam,
crisis phrases; :mod:`herald.listening.prepare`) runs in a pool of processes, chunks in
order, while this process counts and detects: the alerts are the ones one process gives,
at the same stream times. (Each worker keeps its own classification cache.)
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from herald.listening.alert import Alert
from herald.listening.config import ListeningQuery, listening_query
from herald.listening.mention import Mention
from herald.listening.pipeline import CHUNK, ListeningPipeline
from herald.listening.prepare import CACHE_SIZE, Prepared, Preparer


@dataclass(slots=True)
class ReplayResult:
    mentions: int = 0
    matched: int = 0
    duplicates: int = 0
    alerts: Counter[str] = field(default_factory=Counter)


QuerySpec = tuple[str, str, tuple[str, ...]]
"""(id, query text, languages): what a worker needs to rebuild a query (compiled queries
hold closures, which cannot cross a process boundary)."""

_preparer: Preparer | None = None


def _start_worker(specs: list[QuerySpec], cache_size: int) -> None:
    global _preparer
    queries = [listening_query(i, text, languages=langs) for i, text, langs in specs]
    _preparer = Preparer(queries, cache_size=cache_size)


def _prepare(chunk: list[Mention]) -> list[Prepared]:
    assert _preparer is not None, "worker not started"
    return _preparer.prepare(chunk)


def _chunks(mentions: Iterable[Mention]) -> Iterator[list[Mention]]:
    stream = iter(mentions)
    while chunk := list(islice(stream, CHUNK)):
        yield chunk


def replay(
    queries: Sequence[ListeningQuery],
    mentions: Iterable[Mention],
    emit: Callable[[Alert], None],
    *,
    workers: int = 1,
    cache_size: int = CACHE_SIZE,
) -> ReplayResult:
    """Run ``mentions`` (timestamp order) through a fresh pipeline; ``emit`` each alert."""
    pipeline = ListeningPipeline(queries, cache_size=cache_size)
    if workers <= 1:
        for alert in pipeline.process(mentions):
            emit(alert)
    else:
        specs = [(q.id, q.query.text, q.languages) for q in queries]
        context = multiprocessing.get_context("spawn")  # no fork of a threaded process
        with context.Pool(workers, _start_worker, (specs, cache_size)) as pool:
            # imap keeps the chunks' order; a few chunks ahead keep every worker busy.
            for prepared in pool.imap(_prepare, _chunks(mentions), chunksize=1):
                for alert in pipeline.consume(prepared):
                    emit(alert)
    for alert in pipeline.finish():
        emit(alert)
    stats = pipeline.stats
    return ReplayResult(stats.mentions, stats.matched, stats.duplicates, Counter(stats.alerts))
