"""Small hand-made streams: a quiet rhythm of distinct posts, and an outage on top of it."""

from __future__ import annotations

from herald.listening.mention import Mention
from herald.listening.synthetic import START

T0 = START.timestamp()
DAY = 86400.0
_TEXTS = (
    "Nexora şubeleri cumartesi açık mı {w}",
    "Nexora kredi kartı başvurusu kaç günde sonuçlanır {w}",
    "Nexora müşteri temsilcisi çok yardımcı oldu teşekkürler {w}",
    "Nexora uygulamasını güncelledim bakalım {w}",
)


def _word(n: int) -> str:
    """A distinct letters-only word per n (digits would be stripped as noise by dedup)."""
    letters = "abcdefghijklmnop"
    out = ""
    while True:
        out = letters[n % 16] + out
        n //= 16
        if n == 0:
            return "kelime" + out


def background(days: float) -> list[Mention]:
    """Four distinct ordinary posts every five minutes."""
    out = []
    for step in range(int(days * DAY // 300)):
        for k, text in enumerate(_TEXTS):
            n = step * 4 + k
            out.append(
                Mention(
                    f"b{n}",
                    T0 + step * 300 + k * 10,
                    "x",
                    f"user{n % 997}",
                    text.format(w=_word(n)),
                    "tr",
                )
            )
    return out


def outage(start: float, count: int, minutes: float = 10) -> list[Mention]:
    return [
        Mention(
            f"i{n}",
            start + n * (minutes * 60 / count),
            "x",
            f"angry{n}",
            f"Nexora sistem çöktü saatlerdir açılmıyor, maaşımı {_word(n)} çekemiyorum {_word(n * 7 + 3)}",
            "tr",
        )
        for n in range(count)
    ]
