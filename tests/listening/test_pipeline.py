from __future__ import annotations

from herald.listening.alert import Alert, AlertKind
from herald.listening.config import listening_query
from herald.listening.mention import Mention
from herald.listening.pipeline import ListeningPipeline
from herald.listening.synthetic import START

T0 = START.timestamp()
DAY = 86400.0


def background(days: int) -> list[Mention]:
    """Four distinct ordinary posts every five minutes for ``days`` days."""
    texts = [
        "Nexora şubeleri cumartesi açık mı {i}",
        "Nexora kredi kartı başvurusu kaç günde sonuçlanır {i}",
        "Nexora müşteri temsilcisi çok yardımcı oldu teşekkürler {i}",
        "Nexora uygulamasını güncelledim bakalım {i}",
    ]
    out = []
    for step in range(int(days * DAY // 300)):
        for k, text in enumerate(texts):
            word = f"kelime{step}x{k}".replace("0", "a").replace("1", "b")
            out.append(
                Mention(
                    f"b{step}-{k}",
                    T0 + step * 300 + k * 10,
                    "x",
                    f"user{(step * 4 + k) % 997}",
                    text.format(i=word),
                    "tr",
                )
            )
    return out


def incident(start: float, count: int) -> list[Mention]:
    return [
        Mention(
            f"i{n}",
            start + n * (600 / count),
            "x",
            f"angry{n}",
            f"Nexora sistem çöktü saatlerdir açılmıyor, maaşımı çekemiyorum {'ya ' * (n % 7)}kimse cevap vermiyor no{n}".replace(
                "no", "numara" + "x" * (n % 13)
            ),
            "tr",
        )
        for n in range(count)
    ]


def run(mentions: list[Mention], **kwargs: object) -> list[Alert]:
    pipeline = ListeningPipeline([listening_query("nexora", "nexora OR #nexora", **kwargs)])  # type: ignore[arg-type]
    alerts = list(pipeline.process(sorted(mentions, key=lambda m: m.ts)))
    return alerts + list(pipeline.finish())


def test_quiet_rhythm_raises_nothing() -> None:
    assert run(background(5)) == []


def test_spike_raises_volume_and_crisis_alerts_with_drivers() -> None:
    onset = T0 + 4 * DAY + 12 * 3600
    alerts = run(background(5) + incident(onset, 120))
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
