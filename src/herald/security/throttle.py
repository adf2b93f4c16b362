"""Sign-in throttling kept in the database: per account and per client address, with
exponential backoff.

Every web process (and every restart) reads and writes the same counters, so guessing
cannot be spread over workers or reset by a restart. A key is a kind and a keyed hash of
what it counts (an e-mail address after NFKC + casefold, a client address, a second
factor's person): the table never holds an address in clear.

A counter that reaches its rule's ``threshold`` starts a wait of ``first_wait_s``; each
further failure doubles the wait, up to ``max_wait_s``. A counter quiet for
``forget_s`` (after its last failure and the end of its wait) starts again from zero.
A success clears only the key it proves (the account); an address is never cleared by a
success, so signing in to one's own account does not buy more guesses at others.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from herald.store.models import signin_throttle_table as table


@dataclass(frozen=True, slots=True)
class Rule:
    threshold: int
    """Failures allowed before the first wait."""
    first_wait_s: float = 30.0
    max_wait_s: float = 3600.0
    forget_s: float = 86400.0

    def wait_after(self, failures: int) -> float:
        """The wait that ``failures`` failures earn (0 below the threshold)."""
        if failures < self.threshold:
            return 0.0
        doublings = min(failures - self.threshold, 40)  # 2**40 s is far past any cap
        return float(min(self.max_wait_s, self.first_wait_s * 2**doublings))


@dataclass(frozen=True, slots=True)
class Key:
    value: str
    rule: Rule


def client_network(address: str) -> str:
    """What one client is: an IPv4 address, or the /64 an IPv6 host picks addresses from."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


class SigninThrottle:
    def __init__(
        self,
        engine: Engine,
        secret: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self._secret = secret.encode("utf-8")
        self._clock = clock

    def key(self, kind: str, identifier: str, rule: Rule) -> Key:
        digest = hmac.new(
            self._secret, f"{kind}\x00{identifier}".encode("utf-8", "surrogatepass"), hashlib.sha256
        ).hexdigest()
        return Key(f"{kind}:{digest[:64]}"[:80], rule)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def wait_s(self, keys: Sequence[Key]) -> float:
        """Seconds until every key may try again; 0 when they may try now."""
        now = self._now()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table.c.locked_until).where(
                    table.c.key.in_([k.value for k in keys]), table.c.locked_until.is_not(None)
                )
            ).scalars()
            waits = [float((until - now).total_seconds()) for until in rows]
        return max([0.0, *waits])

    def record_failure(self, keys: Iterable[Key]) -> None:
        """Count one failure on each key (atomically: concurrent processes lose none)."""
        now = self._now()
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        with self.engine.begin() as conn:
            for key in keys:
                forget_before = now - timedelta(seconds=key.rule.forget_s)
                conn.execute(
                    delete(table).where(
                        table.c.key == key.value,
                        table.c.last_failure_at < forget_before,
                        or_(table.c.locked_until.is_(None), table.c.locked_until < forget_before),
                    )
                )
                statement = insert(table).values(
                    key=key.value, failures=1, last_failure_at=now, locked_until=None
                )
                failures = conn.execute(
                    statement.on_conflict_do_update(
                        index_elements=[table.c.key],
                        set_={"failures": table.c.failures + 1, "last_failure_at": now},
                    ).returning(table.c.failures)
                ).scalar_one()
                wait = key.rule.wait_after(int(failures))
                if wait > 0:
                    conn.execute(
                        update(table)
                        .where(table.c.key == key.value)
                        .values(locked_until=now + timedelta(seconds=wait))
                    )

    def clear(self, key: Key) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.key == key.value))

    def failures(self, key: Key) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                select(table.c.failures).where(table.c.key == key.value)
            ).scalar_one_or_none()
        return int(value or 0)
