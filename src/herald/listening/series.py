"""Counts in five-minute buckets for one (query, language) series, with what drives them.

Counts live in ring buffers long enough for the weekly baseline (five weeks and a day), so
a series costs the same memory after a year as after a week. The recent buckets also keep
their terms, authors and sample messages, which name an alert's drivers; terms that leave
the recent window feed a decaying long-run profile that drivers are compared against.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from herald.listening.detectors import BASELINE_WEEKS, BUCKETS_PER_DAY, BUCKETS_PER_WEEK

RING = BASELINE_WEEKS * BUCKETS_PER_WEEK + 2 * BUCKETS_PER_DAY
RECENT_BUCKETS = 12
"""Buckets (an hour) whose terms, authors and samples are kept for drivers."""
SAMPLES_PER_BUCKET = 5
PROFILE_DECAY = 0.8
"""The long-run term profile keeps this share of its weight each day."""
PROFILE_SIZE = 4000
FIELDS = ("total", "raw", "negative", "positive", "crisis")


@dataclass(slots=True)
class BucketDetail:
    terms: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    authors: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    crisis: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    samples: list[tuple[float, str, str]] = field(default_factory=list)
    """(score, text, dedup key): the most negative distinct messages first."""


@dataclass(slots=True)
class Series:
    start: int
    """Absolute bucket index where history begins (earlier buckets are missing, not zero)."""
    counts: dict[str, np.ndarray] = field(default_factory=dict)
    recent: deque[tuple[int, BucketDetail]] = field(default_factory=deque)
    profile: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    profile_day: int = 0
    cooldowns: dict[str, int] = field(default_factory=dict)
    """Alert kind -> first bucket it may alert again."""

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = {name: np.zeros(RING, dtype=np.float64) for name in FIELDS}

    def detail(self, bucket: int) -> BucketDetail:
        if self.recent and self.recent[-1][0] == bucket:
            return self.recent[-1][1]
        detail = BucketDetail()
        self.recent.append((bucket, detail))
        while len(self.recent) > RECENT_BUCKETS:
            _, old = self.recent.popleft()
            _merge(self.profile, old.terms)
        return detail

    def clear(self, bucket: int) -> None:
        """Make ``bucket`` a fresh bucket (its ring slot last held five weeks ago)."""
        slot = bucket % RING
        for values in self.counts.values():
            values[slot] = 0.0
        day = bucket // BUCKETS_PER_DAY
        if day != self.profile_day:
            self._decay(day - self.profile_day)
            self.profile_day = day

    def _decay(self, days: int) -> None:
        factor = PROFILE_DECAY ** max(days, 1)
        kept = sorted(self.profile.items(), key=lambda tc: -tc[1])[:PROFILE_SIZE]
        self.profile = defaultdict(float, {t: c * factor for t, c in kept if c * factor >= 0.5})

    def add(self, bucket: int, field_name: str, value: float) -> None:
        self.counts[field_name][bucket % RING] += value

    def window(self, field_name: str, end: int, width: int) -> float:
        lo = max(end - width + 1, self.start)
        if lo > end:
            return 0.0
        idx = np.arange(lo, end + 1) % RING
        return float(self.counts[field_name][idx].sum())

    def samples(self, field_name: str, end: int, width: int, offsets: list[int]) -> list[float]:
        """Sums of the same window ``offsets`` buckets back, for each that has history."""
        usable = [o for o in offsets if end - o - width + 1 >= self.start]
        if not usable:
            return []
        base = np.arange(end - width + 1, end + 1)
        idx = (base[None, :] - np.array(usable)[:, None]) % RING
        sums: list[float] = self.counts[field_name][idx].sum(axis=1).tolist()
        return sums

    def recent_details(self, end: int, width: int) -> list[BucketDetail]:
        return [d for b, d in self.recent if end - width < b <= end]


def _merge(into: defaultdict[str, float], other: dict[str, float]) -> None:
    for key, value in other.items():
        into[key] += value


def _top(values: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def top_drivers(
    details: list[BucketDetail], profile: dict[str, float], exclude: frozenset[str], limit: int = 8
) -> dict[str, Any]:
    """Terms that rose most against the long-run profile, top authors, samples, crisis phrases."""
    terms: defaultdict[str, float] = defaultdict(float)
    authors: defaultdict[str, float] = defaultdict(float)
    crisis: defaultdict[str, float] = defaultdict(float)
    samples: list[tuple[float, str, str]] = []
    for detail in details:
        _merge(terms, detail.terms)
        _merge(authors, detail.authors)
        _merge(crisis, detail.crisis)
        samples.extend(detail.samples)
    window_total = sum(terms.values()) or 1.0
    profile_total = sum(profile.values()) or 1.0
    lifts = []
    for term, count in terms.items():
        if count < 2 or term in exclude:
            continue
        expected = window_total * (profile.get(term, 0.0) + 0.5) / profile_total
        lifts.append(((count - expected) / math.sqrt(expected + 1.0), term, count))
    lifts.sort(reverse=True)
    seen: set[str] = set()
    chosen = []
    for _score, text, key in sorted(samples, key=lambda s: -s[0]):
        if key not in seen:
            seen.add(key)
            chosen.append(text)
        if len(chosen) == 3:
            break
    return {
        "terms": [
            {"term": t, "count": round(c, 1), "lift": round(s, 1)} for s, t, c in lifts[:limit]
        ],
        "authors": [{"author": a, "count": round(c, 1)} for a, c in _top(authors, 5)],
        "crisis_phrases": [p for p, _ in _top(crisis, 5)],
        "samples": chosen,
    }
