"""An alert as the detectors raise it: what, where, when, and the drivers behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class AlertKind(StrEnum):
    VOLUME_SPIKE = "volume_spike"
    SENTIMENT_DIP = "sentiment_dip"
    CRISIS = "crisis"
    VIP = "vip"


HIGH_VOLUME_RATIO = 3.0
"""A volume spike at this many times its expected volume is of high severity."""
HIGH_SENTIMENT_SHIFT = 0.25
"""A sentiment dip whose negative share rose this much is of high severity."""


def severity(kind: str, observed: float, expected: float) -> str:
    """``crisis``, ``high`` or ``medium``: crisis bursts are crises, a VIP speaking is high,
    spikes and dips are high when far from their baseline (crisis and high open a case)."""
    if kind == AlertKind.CRISIS:
        return "crisis"
    if kind == AlertKind.VIP:
        return "high"
    if kind == AlertKind.VOLUME_SPIKE:
        return "high" if observed >= HIGH_VOLUME_RATIO * max(expected, 1.0) else "medium"
    if kind == AlertKind.SENTIMENT_DIP:
        return "high" if observed - expected >= HIGH_SENTIMENT_SHIFT else "medium"
    return "medium"


def iso(ts: float) -> str:
    """Seconds since the epoch as ISO 8601 UTC with a Z."""
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Alert:
    ts: float
    """When it was raised, in (simulated) stream time."""
    kind: AlertKind
    query: str
    lang: str
    window_start: float
    window_end: float
    observed: float
    expected: float
    z: float
    drivers: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "ts": iso(self.ts),
            "kind": str(self.kind),
            "query": self.query,
            "lang": self.lang,
            "window_start": iso(self.window_start),
            "window_end": iso(self.window_end),
            "observed": round(self.observed, 3),
            "expected": round(self.expected, 3),
            "z": round(self.z, 2),
            "drivers": self.drivers,
        }
