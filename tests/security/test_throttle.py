"""Sign-in counters in the database: shared by processes, kept over restarts, backing off."""

from sqlalchemy import Engine, select

from herald.security.throttle import Rule, SigninThrottle, client_network
from herald.store.models import signin_throttle_table

RULE = Rule(threshold=3, first_wait_s=30, max_wait_s=240, forget_s=3600)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_waits_start_at_the_threshold_and_double_up_to_the_cap(engine: Engine) -> None:
    clock = Clock()
    throttle = SigninThrottle(engine, "secret", clock)
    key = throttle.key("account", "owner@acme.example", RULE)
    waits = []
    for _ in range(8):
        throttle.record_failure([key])
        waits.append(throttle.wait_s([key]))
    assert waits == [0, 0, 30, 60, 120, 240, 240, 240]
    clock.now += 239
    assert throttle.wait_s([key]) == 1
    clock.now += 1
    assert throttle.wait_s([key]) == 0
    # The counter is not forgotten when a wait ends: the next failure waits the cap again.
    throttle.record_failure([key])
    assert throttle.wait_s([key]) == 240


def test_a_quiet_counter_is_forgotten(engine: Engine) -> None:
    clock = Clock()
    throttle = SigninThrottle(engine, "secret", clock)
    key = throttle.key("account", "owner@acme.example", RULE)
    for _ in range(3):
        throttle.record_failure([key])
    clock.now += 30 + 3600 + 1
    throttle.record_failure([key])
    assert throttle.failures(key) == 1
    assert throttle.wait_s([key]) == 0


def test_counters_hold_across_processes_and_restarts(engine: Engine) -> None:
    clock = Clock()
    first = SigninThrottle(engine, "secret", clock)
    second = SigninThrottle(engine, "secret", clock)  # another web process
    key_a = first.key("account", "owner@acme.example", RULE)
    key_b = second.key("account", "owner@acme.example", RULE)
    assert key_a == key_b
    first.record_failure([key_a])
    second.record_failure([key_b])
    first.record_failure([key_a])
    restarted = SigninThrottle(engine, "secret", clock)
    assert restarted.failures(key_a) == 3
    assert restarted.wait_s([key_a]) == 30


def test_keys_are_separate_and_a_success_clears_only_its_own(engine: Engine) -> None:
    throttle = SigninThrottle(engine, "secret", Clock())
    account = throttle.key("account", "owner@acme.example", RULE)
    address = throttle.key("address", "203.0.113.9", RULE)
    for _ in range(3):
        throttle.record_failure([account, address])
    throttle.clear(account)
    assert throttle.wait_s([account]) == 0
    assert throttle.wait_s([address]) == 30
    assert throttle.wait_s([account, address]) == 30


def test_the_table_holds_no_address_in_clear(engine: Engine) -> None:
    throttle = SigninThrottle(engine, "secret", Clock())
    throttle.record_failure(
        [
            throttle.key("account", "owner@acme.example", RULE),
            throttle.key("address", "203.0.113.9", RULE),
        ]
    )
    with engine.connect() as conn:
        keys = list(conn.execute(select(signin_throttle_table.c.key)).scalars())
    assert len(keys) == 2
    assert not any("acme" in k or "203.0" in k for k in keys)
    assert {k.split(":")[0] for k in keys} == {"account", "address"}


def test_an_ipv6_host_counts_as_its_network() -> None:
    assert client_network("2001:db8::1") == client_network("2001:db8::ffff:1234")
    assert client_network("2001:db8:0:1::1") != client_network("2001:db8::1")
    assert client_network("::ffff:203.0.113.9") == "203.0.113.9"
    assert client_network("testclient") == "testclient"
