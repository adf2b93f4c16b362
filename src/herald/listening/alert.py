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
