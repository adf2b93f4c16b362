from __future__ import annotations

from herald.listening.config import SENSITIVITIES
from herald.listening.detectors import (
    crisis_burst,
    seasonal_baseline,
    sentiment_dip,
    volume_spike,
)

MEDIUM = SENSITIVITIES["medium"]


def test_no_baseline_without_three_days_of_history() -> None:
    assert seasonal_baseline([40.0, 42.0], []) is None


def test_spike_far_above_the_same_hour_alerts() -> None:
    base = seasonal_baseline([40, 38, 44, 41, 39, 43, 40], [41, 42])
    assert base is not None
    assert volume_spike(140, base, MEDIUM) is not None
    assert volume_spike(55, base, MEDIUM) is None  # ordinary noise


def test_a_past_incident_does_not_raise_the_baseline() -> None:
    base = seasonal_baseline([40, 400, 44, 41, 39, 43, 40], [])
    assert base is not None
    assert base.expected < 45
    assert volume_spike(140, base, MEDIUM) is not None


def test_busy_weekday_is_judged_against_itself() -> None:
    # Monday mornings: the previous days are quieter, previous Mondays as busy.
    base = seasonal_baseline([40, 30, 30, 42, 41, 40, 62], [60, 64, 61])
    assert base is not None
    assert volume_spike(70, base, MEDIUM) is None


def test_minimum_volume_keeps_the_night_quiet() -> None:
    base = seasonal_baseline([0, 1, 0, 0, 1, 0, 0], [])
    assert base is not None
    assert volume_spike(6, base, MEDIUM) is None
    assert volume_spike(30, base, MEDIUM) is not None


def test_sensitivity_levels_order() -> None:
    base = seasonal_baseline([40, 38, 44, 41, 39, 43, 40], [])
    assert base is not None
    fired = {name: volume_spike(75, base, s) is not None for name, s in SENSITIVITIES.items()}
    assert fired == {"low": False, "medium": True, "high": True}


def history(share: float, total: float = 100.0) -> list[tuple[float, float]]:
    return [(share * total, total)] * 7


def test_sentiment_dip_without_volume() -> None:
    assert sentiment_dip(55, 100, history(0.25), [], MEDIUM) is not None
    assert sentiment_dip(30, 100, history(0.25), [], MEDIUM) is None


def test_positive_viral_spike_is_never_a_dip() -> None:
    # Four times the volume, more negative mentions in number, but a smaller share.
    assert sentiment_dip(60, 400, history(0.25), [], MEDIUM) is None


def test_crisis_burst() -> None:
    base = seasonal_baseline([0, 1, 0, 0, 0, 1, 0], [])
    assert crisis_burst(12, base, MEDIUM) is not None
    assert crisis_burst(2, base, MEDIUM) is None
