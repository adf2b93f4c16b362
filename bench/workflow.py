"""Benchmark of the governance workflow: posts per second through
create -> scan -> submit -> two-step approval -> scheduled, on SQLite and on PostgreSQL.

Run: `python -m bench workflow` (PostgreSQL from HERALD_TEST_POSTGRES_URL, else a local
server on 127.0.0.1; skipped if none answers). Each step is its own transaction, as the
web app would run it; every step writes its audit entries. Figures are printed, never
asserted.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from herald.services import accounts, approvals, orgs, people, policies, posts, workflows
from herald.services.transaction import run_in_transaction
from herald.services.workflows import StepSpec
from herald.store import migrate
from herald.store.engine import make_engine, make_session_factory, normalise_url
from herald.store.enums import Capability, Decision, Role, StepRule
from herald.store.models import Person, Post
from herald.text.langid import warm_up

POSTS = int(os.environ.get("HERALD_BENCH_POSTS", "200"))
TEXTS = (
    "Our new store opens on Monday in Istanbul. See you there! ({n})",
    "Yeni mağazamız pazartesi Kadıköy'de açılıyor. Hepinizi bekleriz! ({n})",
    "Nuestra nueva tienda abre el lunes en Madrid. ¡Os esperamos! ({n})",
    "Thanks to everyone who joined the webinar today; slides are on our blog. ({n})",
    "Bugünkü web seminerine katılan herkese teşekkürler; sunum blogumuzda. ({n})",
    "Gracias a todos por asistir al seminario web; las diapositivas están en el blog. ({n})",
)
STEPS = ("create+scan", "submit", "approve 1", "approve 2", "schedule")


def _setup(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory.begin() as s:
        _, owner = orgs.create_organisation(s, "Bench", "owner@bench.test", "Owner")
        ids = {"owner": owner.id}
        for name, role in (
            ("writer", Role.CONTRIBUTOR),
            ("marketing", Role.APPROVER),
            ("legal", Role.COMPLIANCE_OFFICER),
            ("publisher", Role.PUBLISHER),
        ):
            ids[name] = people.add_person(s, owner, f"{name}@bench.test", name, role).id
        policies.activate(s, owner, None)
        brand = accounts.add_brand_account(s, owner, "mastodon", "@bench")
        ids["brand"] = brand.id
        accounts.grant(s, owner, brand, Capability.DRAFT, person=s.get_one(Person, ids["writer"]))
        accounts.grant(
            s, owner, brand, Capability.PUBLISH, person=s.get_one(Person, ids["publisher"])
        )
        workflows.set_workflow(
            s,
            owner,
            brand,
            "two steps",
            [
                StepSpec("marketing", StepRule.ANY, people=("marketing@bench.test",)),
                StepSpec("legal", StepRule.ANY, people=("legal@bench.test",)),
            ],
        )
    return ids


def _one_post(
    factory: sessionmaker[Session], ids: dict[str, int], n: int, timings: dict[str, list[float]]
) -> None:
    def step(name: str, work: Callable[[Session], int]) -> int:
        started = time.perf_counter()
        result = run_in_transaction(factory, work)
        timings[name].append(time.perf_counter() - started)
        return result

    def person(s: Session, name: str) -> Person:
        return s.get_one(Person, ids[name])

    def create(s: Session) -> int:
        brand = accounts.get(s, person(s, "writer"), ids["brand"])
        text_ = TEXTS[n % len(TEXTS)].format(n=n)
        return posts.create(s, person(s, "writer"), text_, [posts.Target(brand)]).id

    post_id = step("create+scan", create)
    step("submit", lambda s: posts.submit(s, person(s, "writer"), s.get_one(Post, post_id)).id)
    for label, who in (("approve 1", "marketing"), ("approve 2", "legal")):
        step(
            label,
            lambda s, who=who: (
                approvals.decide(s, person(s, who), s.get_one(Post, post_id), Decision.APPROVE).id
            ),
        )
    step(
        "schedule",
        lambda s: posts.schedule(s, person(s, "publisher"), s.get_one(Post, post_id)).id,
    )


def _run(label: str, url: str) -> float:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    ids = _setup(factory)
    _one_post(factory, ids, -1, {k: [] for k in STEPS})  # warm caches
    timings: dict[str, list[float]] = {k: [] for k in STEPS}
    started = time.perf_counter()
    for n in range(POSTS):
        _one_post(factory, ids, n, timings)
    elapsed = time.perf_counter() - started
    engine.dispose()
    rate = POSTS / elapsed
    parts = ", ".join(f"{k} {statistics.mean(v) * 1000:.1f} ms" for k, v in timings.items())
    print(f"{label:<11} {rate:7.1f} posts/s  ({POSTS} posts, {elapsed:.2f} s)  mean: {parts}")
    return rate


def _postgres_database() -> tuple[str, Callable[[], None]] | None:
    server = normalise_url(
        os.environ.get("HERALD_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    try:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        name = f"herald_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"postgresql  skipped: {error.__class__.__name__}")
        return None

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    warm_up()
    print(f"{POSTS} posts each: create (scan) -> submit -> 2 approvals -> schedule")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_rate = _run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    pg = _postgres_database()
    if pg is None:
        return
    url, drop = pg
    try:
        pg_rate = _run("postgresql", url)
    finally:
        drop()
    print(f"ratio       sqlite/postgresql = {sqlite_rate / pg_rate:.2f}")


if __name__ == "__main__":
    main()
