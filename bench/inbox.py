"""Benchmark of the inbox: messages per second imported, classified, routed and stored
end to end on SQLite, and the triage latency of one message (p50, p99).

Run: `python -m bench inbox`. The messages are the training rows (tr, es, en, with every
kind of trap), repeated with fresh ids up to HERALD_BENCH_MESSAGES (default 3000). The
end-to-end figure covers reading the JSONL, storing every message (deduplicated),
classifying, routing, opening cases and writing their audit entries, in batches of 500
as `herald inbox import` does. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from herald.nlp.inbox import load_inbox_model
from herald.policy.loader import load_policy
from herald.services import inbox, orgs
from herald.services.classify import Incoming
from herald.services.inbox_input import read_records, to_incoming, to_item
from herald.services.triage import Triage, triage
from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory
from herald.text.langid import warm_up

MESSAGES = int(os.environ.get("HERALD_BENCH_MESSAGES", "3000"))
DATA = Path(__file__).resolve().parent.parent / "training" / "data" / "inbox"
DEMO = Path(__file__).resolve().parent.parent / "src" / "herald" / "web" / "demo" / "policy.yaml"
TARGET_PER_SECOND = 1000


def _corpus() -> str:
    rows = [
        json.loads(line)
        for path in sorted(DATA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = []
    for n in range(MESSAGES):
        row = dict(rows[n % len(rows)])
        row["id"] = f"bench-{n}"
        out.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(out) + "\n"


def main() -> None:
    policy = load_policy(DEMO)
    warm_up()
    load_inbox_model()
    content = _corpus()
    today = date.today()

    def classify(message: Incoming) -> Triage:
        return triage(message, policy, today)

    # Warm every lazily built matcher once, outside the timings.
    for record in list(read_records(content))[:50]:
        classify(to_incoming(record))

    latencies = []
    for record in list(read_records(content))[:1000]:
        message = to_incoming(record)
        t0 = time.perf_counter()
        classify(message)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"triage latency per message ({len(latencies)} messages): p50 {p50:.2f} ms, p99 {p99:.2f} ms"
    )

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        with factory.begin() as session:
            org, _ = orgs.create_organisation(session, "Bench", "owner@bench.test", "Owner")
            org_id = org.id
        t0 = time.perf_counter()
        items = [to_item(record) for record in read_records(content)]
        stored, classified = inbox.ingest(factory, org_id, items, classify, policy)
        elapsed = time.perf_counter() - t0
        again = time.perf_counter()
        duplicate, _ = inbox.ingest(factory, org_id, items, classify, policy)
        duplicate_elapsed = time.perf_counter() - again
        engine.dispose()
    rate = len(items) / elapsed
    print(
        f"end to end on SQLite: {len(items)} messages in {elapsed:.2f} s = {rate:,.0f} msg/s "
        f"({rate / TARGET_PER_SECOND:.2f}x the {TARGET_PER_SECOND:,} msg/s target); "
        f"{stored.new} stored, {classified.classified} classified, "
        f"{classified.cases_opened} cases opened, {classified.failed} failed"
    )
    print(
        f"re-delivery of the same {len(items)} messages: {duplicate.duplicates} duplicates "
        f"skipped in {duplicate_elapsed:.2f} s ({len(items) / duplicate_elapsed:,.0f} msg/s)"
    )
