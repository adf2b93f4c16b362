"""Benchmark of POST /api/v1/scan: requests per second and latency percentiles, end to end.

Run: `python -m bench web`. A Herald server (one uvicorn process, the demo workspace) is
started on 127.0.0.1 only, once on SQLite and once on PostgreSQL (``HERALD_BENCH_POSTGRES_URL``
or ``HERALD_TEST_POSTGRES_URL``, a server URL; a throw-away database is created and
dropped). A bounded load generator sends at most ``REQUESTS`` requests, ``CONCURRENCY`` at
a time, for at most ``TIME_LIMIT_S`` seconds per scenario. Each request authenticates with
an API token (two database reads) and scans one 40-280 character post. Figures are
printed, never asserted.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

import httpx2 as httpx

from bench.corpus import generate

REQUESTS = 3_000
CONCURRENCY = 16
TIME_LIMIT_S = 20.0
WARM_UP = 100
SINGLE_CLIENT_REQUESTS = 500
"""A row with one client at a time: latency without queueing."""
HOST = "127.0.0.1"  # loopback only: the benchmark never listens on another interface


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _serve(database_url: str, port: int) -> None:
    """The server side (run in its own process so the load generator does not share its GIL)."""
    import uvicorn
    from argon2.profiles import RFC_9106_LOW_MEMORY

    from herald.security import passwords
    from herald.web import demo
    from herald.web.app import create_app
    from herald.web.settings import Settings
    from herald.web.workspace import Workspace

    passwords.use_parameters(RFC_9106_LOW_MEMORY)  # sign-in cost is not what is measured
    workspace = Workspace.open(database_url)
    if demo.is_new(workspace):
        demo.create(workspace)
    person_id = workspace.person_id_for_email("writer@acme.example")
    assert person_id is not None
    _, token = workspace.credentials.issue_token(person_id, "bench", ["scan"])
    print(token, flush=True)
    app = create_app(Settings(secret_key="bench-" + "k" * 40), workspace=workspace)
    uvicorn.run(app, host=HOST, port=port, log_level="error", access_log=False)


@dataclass(frozen=True)
class Result:
    sent: int
    errors: int
    elapsed_s: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.sent / self.elapsed_s if self.elapsed_s else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _load(
    url: str, token: str, bodies: list[dict[str, object]], total: int, concurrency: int
) -> Result:
    latencies: list[float] = []
    errors = 0
    next_index = 0
    deadline = time.perf_counter() + TIME_LIMIT_S
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=30
    ) as client:

        async def worker() -> None:
            nonlocal next_index, errors
            while next_index < total and time.perf_counter() < deadline:
                body = bodies[next_index % len(bodies)]
                next_index += 1
                started = time.perf_counter()
                response = await client.post("/api/v1/scan", json=body)
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Result(len(latencies), errors, elapsed, latencies)


def _scenario(label: str, database_url: str) -> dict[str, Result]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.web", "--serve", database_url, str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        token = server.stdout.readline().strip()
        url = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/signin", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"the {label} server did not start")
            time.sleep(0.2)
        posts = generate(2_000)
        results = {}
        for mode, with_lang, clients, total in (
            (f"given, {CONCURRENCY} clients", True, CONCURRENCY, REQUESTS),
            (f"detected, {CONCURRENCY} clients", False, CONCURRENCY, REQUESTS),
            ("given, 1 client", True, 1, SINGLE_CLIENT_REQUESTS),
        ):
            bodies: list[dict[str, object]] = [
                {"text": p.text, **({"lang": p.lang} if with_lang else {})} for p in posts
            ]
            asyncio.run(_load(url, token, bodies, WARM_UP, clients))
            results[mode] = asyncio.run(_load(url, token, bodies, total, clients))
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def _postgres_database() -> tuple[str, str] | None:
    """(server URL, URL of a new throw-away database), or None when no server is set."""
    server = os.environ.get("HERALD_BENCH_POSTGRES_URL") or os.environ.get(
        "HERALD_TEST_POSTGRES_URL"
    )
    if not server:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from herald.store.engine import normalise_url

    name = f"herald_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server, make_url(normalise_url(server)).set(database=name).render_as_string(
        hide_password=False
    )


def _drop_postgres(server: str, database_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from herald.store.engine import normalise_url

    name = make_url(database_url).database
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _report(label: str, results: dict[str, Result]) -> None:
    for mode, result in results.items():
        print(
            f"{label:<11} lang {mode:<22} {result.sent:>6,} requests  {result.rps:>8,.1f} req/s  "
            f"p50 {result.pct(0.50):>7.1f} ms  p99 {result.pct(0.99):>7.1f} ms  "
            f"mean {statistics.fmean(result.latencies_ms):>7.1f} ms  errors {result.errors}"
        )


def main() -> None:
    import tempfile

    print(
        f"POST /api/v1/scan on {HOST}, one uvicorn process, {CONCURRENCY} concurrent clients, "
        f"at most {REQUESTS:,} requests or {TIME_LIMIT_S:.0f} s per row"
    )
    with tempfile.TemporaryDirectory(prefix="herald-bench-") as tmp:
        sqlite = _scenario("SQLite", f"sqlite:///{tmp}/herald.db")
    _report("SQLite", sqlite)
    databases = _postgres_database()
    if databases is None:
        print("PostgreSQL  skipped: set HERALD_BENCH_POSTGRES_URL (or HERALD_TEST_POSTGRES_URL)")
        return
    server, database_url = databases
    try:
        postgres = _scenario("PostgreSQL", database_url)
    finally:
        _drop_postgres(server, database_url)
    _report("PostgreSQL", postgres)
    for mode in sqlite:
        ratio = postgres[mode].rps / sqlite[mode].rps if sqlite[mode].rps else 0.0
        print(f"ratio PostgreSQL/SQLite (lang {mode}): {ratio:.2f}x requests per second")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        _serve(sys.argv[2], int(sys.argv[3]))
    else:
        main()
