from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from herald.listening.synthetic import Generator


def test_rhythm_incidents_and_decoys() -> None:
    generator = Generator(seed=11, days=9, per_day=3000)
    mentions = list(generator.mentions())
    assert [m.ts for m in mentions] == sorted(m.ts for m in mentions)
    assert len({m.id for m in mentions}) == len(mentions)
    by_hour = Counter(datetime.fromtimestamp(m.ts, UTC).hour for m in mentions)
    assert by_hour[21] > 3 * by_hour[4]  # the evening peak against the night trough
    truth = generator.truth()
    assert truth.incidents
    for incident in truth.incidents:
        assert incident.onset <= incident.visible_at < incident.end
        assert incident.expect
    assert {d.kind for d in truth.decoys} >= {"bot_burst", "evening_peak", "monday_morning"}
    bots = [m for m in mentions if m.author.startswith("bot_")]
    assert bots  # the bot burst is in the stream
    langs = Counter(m.lang for m in mentions if m.lang)
    assert set(langs) == {"tr", "es", "en"}


def test_seeds_differ() -> None:
    one = [m.text for m in Generator(seed=1, days=1, per_day=500).mentions()][:50]
    two = [m.text for m in Generator(seed=2, days=1, per_day=500).mentions()][:50]
    assert one != two
