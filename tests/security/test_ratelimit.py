from herald.security.ratelimit import AttemptLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_blocks_after_max_failures_until_window_passes() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(max_failures=3, window_s=60, clock=clock)
    for _ in range(3):
        assert limiter.retry_after("1.2.3.4") == 0
        limiter.record_failure("1.2.3.4")
    assert limiter.retry_after("1.2.3.4") == 60
    assert limiter.retry_after("5.6.7.8") == 0
    clock.now += 59
    assert limiter.retry_after("1.2.3.4") == 1
    clock.now += 1
    assert limiter.retry_after("1.2.3.4") == 0


def test_success_resets_the_key() -> None:
    limiter = AttemptLimiter(max_failures=2, window_s=60, clock=FakeClock())
    limiter.record_failure("k")
    limiter.record_failure("k")
    assert limiter.retry_after("k") > 0
    limiter.reset("k")
    assert limiter.retry_after("k") == 0


def test_memory_is_bounded() -> None:
    limiter = AttemptLimiter(max_failures=1, window_s=60, clock=FakeClock(), max_keys=10)
    for i in range(100):
        limiter.record_failure(f"k{i}")
    assert limiter.retry_after("k99") > 0
    assert limiter.retry_after("k0") == 0
