from __future__ import annotations

from herald.listening.alert import Alert, AlertKind
from herald.listening.config import listening_query
from herald.listening.mention import Mention
from herald.listening.pipeline import ListeningPipeline
from listening.streams import DAY, T0, background, outage


def run(mentions: list[Mention], **kwargs: object) -> list[Alert]:
    pipeline = ListeningPipeline([listening_query("nexora", "nexora OR #nexora", **kwargs)])  # type: ignore[arg-type]
    alerts = list(pipeline.process(sorted(mentions, key=lambda m: m.ts)))
    return alerts + list(pipeline.finish())


def test_quiet_rhythm_raises_nothing() -> None:
    assert run(background(5)) == []


def test_spike_raises_volume_and_crisis_alerts_with_drivers() -> None:
    onset = T0 + 4 * DAY + 12 * 3600
    alerts = run(background(5) + outage(onset, 120))
    kinds = {a.kind for a in alerts}
    assert {AlertKind.VOLUME_SPIKE, AlertKind.CRISIS} <= kinds
    first = min(alerts, key=lambda a: a.ts)
    assert onset < first.ts <= onset + 15 * 60
    assert first.lang == "tr"
    assert first.query == "nexora"
    terms = [t["term"] for t in first.drivers["terms"]]
    assert "coktu" in terms or "sistem coktu" in terms
    assert first.drivers["samples"]


def test_bot_burst_of_one_template_is_down_weighted() -> None:
    onset = T0 + 4 * DAY + 12 * 3600
    bots = [
        Mention(
            f"bot{n}",
            onset + n * 3,
            "x",
            f"bot_{n}",
            f"Nexora 500 TL bonus kazan hemen tıkla bit.ly/nx{n} #nexora",
            "tr",
        )
        for n in range(200)
    ]
    alerts = run(background(5) + bots)
    assert not [a for a in alerts if a.kind == AlertKind.VOLUME_SPIKE]


def test_vip_mention_alerts_at_once_and_cools_down() -> None:
    mentions = [
        Mention("v1", T0 + 100, "x", "@bddk_gov", "Nexora hakkında inceleme başlattık", "tr"),
        Mention("v2", T0 + 200, "x", "@bddk_gov", "Nexora açıklaması bekleniyor", "tr"),
    ]
    alerts = run(mentions, vip_authors=("@bddk_gov",))
    assert [(a.kind, a.ts) for a in alerts] == [(AlertKind.VIP, T0 + 100)]
