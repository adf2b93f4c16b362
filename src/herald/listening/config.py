"""A listening query as the pipeline runs it: compiled query, languages, VIPs, sensitivity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from herald.listening.query import CompiledQuery, compile_query
from herald.text.fold import fold_term

SensitivityName = Literal["low", "medium", "high"]
ALL_LANGUAGES: tuple[str, ...] = ("tr", "es", "en", "other")


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """How far above its baseline a window must rise to alert."""

    k: float
    """Robust standard deviations above the expected value."""
    min_volume: float
    """Weighted mentions a window needs before any volume or sentiment alert."""
    min_ratio: float
    """Observed over expected volume, so a large baseline's small relative rise is quiet."""
    min_shift: float
    """Rise of the negative share (0..1) a sentiment dip needs."""
    min_crisis: float
    """Weighted crisis-signal mentions a crisis burst needs."""


SENSITIVITIES: dict[str, Sensitivity] = {
    "low": Sensitivity(k=7.0, min_volume=20, min_ratio=2.0, min_shift=0.2, min_crisis=8),
    "medium": Sensitivity(k=5.0, min_volume=12, min_ratio=1.6, min_shift=0.15, min_crisis=5),
    "high": Sensitivity(k=3.5, min_volume=8, min_ratio=1.35, min_shift=0.1, min_crisis=3),
}


@dataclass(frozen=True, slots=True)
class ListeningQuery:
    id: str
    name: str
    query: CompiledQuery
    languages: tuple[str, ...] = ALL_LANGUAGES
    vip_authors: frozenset[str] = frozenset()
    """Folded handles without '@'."""
    sensitivity: SensitivityName = "medium"
    cooldown_minutes: int = 120

    @property
    def thresholds(self) -> Sensitivity:
        return SENSITIVITIES[self.sensitivity]


def listening_query(
    query_id: str,
    text: str,
    *,
    name: str | None = None,
    languages: tuple[str, ...] = ALL_LANGUAGES,
    vip_authors: tuple[str, ...] = (),
    sensitivity: SensitivityName = "medium",
    cooldown_minutes: int = 120,
) -> ListeningQuery:
    """Compile a query; raises :class:`herald.listening.query.QuerySyntaxError`."""
    return ListeningQuery(
        id=query_id,
        name=name or query_id,
        query=compile_query(query_id, text),
        languages=languages,
        vip_authors=frozenset(fold_term(a.strip().lstrip("@")) for a in vip_authors),
        sensitivity=sensitivity,
        cooldown_minutes=cooldown_minutes,
    )
