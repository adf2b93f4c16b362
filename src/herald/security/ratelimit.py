"""Sign-in rate limiting: a sliding window of failed attempts per key (address, account)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class AttemptLimiter:
    """At most ``max_failures`` failures per key within ``window_s``; success clears the key.

    In memory, per process: it slows down guessing against one instance; a deployment with
    several web processes should also rate-limit at its reverse proxy.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again; 0 when it may try now."""
        with self._lock:
            now = self._clock()
            times = self._prune(key, now)
            if len(times) < self.max_failures:
                return 0.0
            return max(0.0, self.window_s - (now - times[0]))

    def record_failure(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            self._prune(key, now)
            if key not in self._failures and len(self._failures) >= self._max_keys:
                # Bound memory under a flood of distinct keys: drop the oldest key.
                self._failures.pop(next(iter(self._failures)))
            self._failures.setdefault(key, deque()).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
