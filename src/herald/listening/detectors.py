"""Alert detectors: pure functions over bucket counts, testable in simulated time.

The baseline of a window is the same window on previous days (the daily rhythm) and on the
same weekday of previous weeks (the weekly rhythm). Medians and the median absolute
deviation keep one past incident in those samples from moving the baseline.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from herald.listening.config import Sensitivity

BUCKET_SECONDS = 300
BUCKETS_PER_DAY = 86400 // BUCKET_SECONDS
BUCKETS_PER_WEEK = 7 * BUCKETS_PER_DAY
BASELINE_DAYS = 7
BASELINE_WEEKS = 4
MIN_DAILY_SAMPLES = 3
"""No alert on a series with fewer days of history: the baseline would be a guess."""
MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True, slots=True)
class Baseline:
    expected: float
    sigma: float
    samples: int


@dataclass(frozen=True, slots=True)
class Verdict:
    observed: float
    expected: float
    z: float


def window_sums(values: np.ndarray, end: int, width: int, offsets: Sequence[int]) -> list[float]:
    """Sum of ``values[end - width + 1 - off .. end - off]`` for each offset that has history
    (indices below zero are missing, not zero)."""
    out = []
    for off in offsets:
        stop = end - off + 1
        start = stop - width
        if start < 0:
            continue
        out.append(float(values[start:stop].sum()))
    return out


def daily_offsets() -> list[int]:
    return [d * BUCKETS_PER_DAY for d in range(1, BASELINE_DAYS + 1)]


def weekly_offsets() -> list[int]:
    return [w * BUCKETS_PER_WEEK for w in range(1, BASELINE_WEEKS + 1)]


def _mad(values: Sequence[float], centre: float) -> float:
    return statistics.median(abs(v - centre) for v in values)


def seasonal_baseline(daily: Sequence[float], weekly: Sequence[float]) -> Baseline | None:
    """Expected value and spread from same-time samples; None without enough history.

    The expectation is the larger of the daily and the weekly median, so a weekday that is
    always busier (Monday morning) is judged against itself; the weekly median is capped
    at three daily medians so one contaminated week cannot silence a series.
    """
    if len(daily) < MIN_DAILY_SAMPLES:
        return None
    daily_median = statistics.median(daily)
    expected = daily_median
    if weekly:
        expected = max(expected, min(statistics.median(weekly), 3 * daily_median + 3))
    spread = MAD_TO_SIGMA * _mad(daily, daily_median)
    # Counts are at least Poisson-noisy: the spread of a few samples can be zero.
    sigma = max(spread, math.sqrt(expected + 1.0))
    return Baseline(expected, sigma, len(daily) + len(weekly))


def volume_spike(observed: float, base: Baseline, sens: Sensitivity) -> Verdict | None:
    """A window whose weighted volume is far above its baseline, and large enough to matter."""
    if observed < sens.min_volume or observed < sens.min_ratio * base.expected:
        return None
    z = (observed - base.expected) / base.sigma
    return Verdict(observed, base.expected, z) if z >= sens.k else None


def sentiment_dip(
    negative: float,
    total: float,
    daily: Sequence[tuple[float, float]],
    weekly: Sequence[tuple[float, float]],
    sens: Sensitivity,
) -> Verdict | None:
    """A window whose negative share is far above the share at the same times before.

    ``daily`` and ``weekly`` are (negative, total) samples. The share, not the count, is
    compared, so a positive viral spike (more mentions, a smaller negative share) never
    raises it, and a dip without any rise in volume does.
    """
    if total < sens.min_volume:
        return None
    shares = [n / t for n, t in (*daily, *weekly) if t >= 1.0]
    if len(shares) < MIN_DAILY_SAMPLES:
        return None
    expected = statistics.median(shares)
    observed = negative / total
    spread = MAD_TO_SIGMA * _mad(shares, expected)
    binomial = math.sqrt(max(expected * (1 - expected), 0.02) / total)
    sigma = max(spread, binomial)
    z = (observed - expected) / sigma
    if observed - expected < sens.min_shift or z < sens.k:
        return None
    return Verdict(observed, expected, z)


def crisis_burst(observed: float, base: Baseline | None, sens: Sensitivity) -> Verdict | None:
    """Crisis-signal mentions far above their usual number (usually close to none)."""
    if observed < sens.min_crisis:
        return None
    expected = base.expected if base is not None else 0.0
    sigma = base.sigma if base is not None else 1.0
    z = (observed - expected) / sigma
    return Verdict(observed, expected, z) if z >= sens.k else None
