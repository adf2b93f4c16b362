"""A seeded synthetic mention stream with incidents of known onset, and decoys.

It lives in the package, not in ``training/`` or ``bench/``, because three users share it:
``herald listen generate`` (so anyone can try listening without a data feed), the tests and
the benchmark. It is pure: a seed in, mentions and a ground truth out.

The stream: Turkish, Spanish and English posts about a brand (Nexora, the example pack's
fintech) and a competitor, written from templates with slang, sarcasm, emoji, dropped
diacritics and typos, on several networks from a heavy-tailed population of authors.
Volume follows a daily rhythm with an evening peak, a weekly rhythm with busy Monday
mornings and quieter weekends, a holiday, a slow trend and Poisson noise.

Incidents (the ground truth says when each is *visible*, see :class:`Incident`): sudden
crisis spikes, slow burns, night incidents, positive viral spikes and sentiment dips without
any rise in volume. Decoys that must not alert: the evening peak and Monday mornings (part
of the rhythm) and bot bursts (one templated spam text from many new accounts).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import numpy as np

from herald.listening.alert import iso
from herald.listening.mention import Mention, to_record

START = datetime(2026, 1, 5, tzinfo=UTC)
"""A Monday."""
DAY = 86400.0
LANG_SHARE = {"tr": 0.5, "es": 0.3, "en": 0.2}
NETWORKS = (
    ("x", 0.35),
    ("instagram", 0.2),
    ("mastodon", 0.1),
    ("bluesky", 0.15),
    ("facebook", 0.1),
    ("reviews", 0.1),
)
SENTIMENT_MIX = (("negative", 0.25), ("neutral", 0.5), ("positive", 0.25))
BRAND_SHARE = 0.82
COMPETITOR_SHARE = 0.13
"""The rest mentions neither (a listening feed always carries some noise)."""

BRAND = {
    "tr": [
        "Nexora",
        "nexora",
        "NEXORA",
        "Nexora'nın",
        "Nexora'ya",
        "Nexora'dan",
        "@nexora",
        "#nexora",
        "NexoraPay",
        "nexorapay",
        "Nexora Bank",
    ],
    "es": [
        "Nexora",
        "nexora",
        "NEXORA",
        "@nexora",
        "#nexora",
        "NexoraPay",
        "Nexora Bank",
        "nexora bank",
    ],
    "en": ["Nexora", "nexora", "@nexora", "#nexora", "NexoraPay", "Nexora Bank", "NEXORA"],
}
COMPETITOR = {
    "tr": ["Finvera", "finvera", "Finvera'nın", "Finvera'ya", "#finvera"],
    "es": ["Finvera", "finvera", "#finvera"],
    "en": ["Finvera", "finvera", "#finvera"],
}
NOISE_SUBJECT = {
    "tr": ["bankam", "kredi kartım", "maaş hesabım"],
    "es": ["mi banco", "mi tarjeta"],
    "en": ["my bank", "my card"],
}

TEMPLATES: dict[str, dict[str, list[str]]] = {
    "tr": {
        "negative": [
            "{b} uygulaması yine açılmıyor, bıktım artık {e}",
            "{b} müşteri hizmetlerine 40 dakikadır ulaşamıyorum, bu ne rezillik",
            "kartım {b} yüzünden bloke oldu kimse yardımcı olmuyor {e}",
            "{b} kesinti yapmış haberim yok, aidat mı bu şimdi",
            "harika ya {b} yine hata verdi 👏👏 tebrikler",
            "{b} çağrı merkezi berbat, sıra bekle bekle bitmiyor",
            "{b} şubesinde 1 saat bekledim yazık",
            "bi {b} kadar yavaş bi uygulama görmedim cidden",
        ],
        "neutral": [
            "{b} kredi kartı başvurusu kaç günde sonuçlanıyor bilen var mı",
            "{b} faiz oranları bu ay değişti mi",
            "{b} şubeleri cumartesi açık mı",
            "{b} ile eft yaptım yarın geçer herhalde",
            "{b} yeni reklamı bugün tvde çıktı",
            "{b} mobil uygulamada IBAN nerede yaziyor",
            "arkadaşlar {b} hesabı açmak için ne lazım",
            "{b} uygulamasını güncelledim bakalım",
        ],
        "positive": [
            "{b} müşteri temsilcisi çok yardımcı oldu teşekkürler {e}",
            "{b} uygulaması gerçekten çok pratik bayıldım",
            "sonunda {b} ile kredi çıktı çok mutluyum {e}",
            "{b} bu konuda iyi iş çıkarmış helal",
            "{b} kampanyası süpermiş tavsiye ederim",
            "{b} şube çalışanları çok güler yüzlü",
        ],
    },
    "es": {
        "negative": [
            "la app de {b} no funciona otra vez, que verguenza {e}",
            "llevo 40 minutos esperando al servicio de atencion de {b}",
            "{b} me cobró una comisión que nadie me explicó",
            "genial {b}, otra vez caida la app 👏 gracias por nada",
            "pésimo servicio de {b}, nunca mas",
            "{b} me bloqueó la tarjeta sin avisar {e}",
            "que mal lo esta haciendo {b} ultimamente",
        ],
        "neutral": [
            "alguien sabe si {b} abre los sábados",
            "como se cambia el pin en la app de {b}",
            "{b} sacó un nuevo anuncio hoy",
            "cuanto tarda una transferencia con {b}",
            "voy a abrir cuenta en {b} mañana",
            "{b} tiene oficinas en Valencia?",
        ],
        "positive": [
            "muy contenta con {b}, me atendieron genial {e}",
            "la nueva app de {b} es una maravilla",
            "gracias {b} por resolverlo tan rapido!!",
            "{b} mola mucho, lo recomiendo",
            "por fin un banco que funciona, bien por {b} {e}",
        ],
    },
    "en": {
        "negative": [
            "{b} app down again, seriously?? {e}",
            "been on hold with {b} for 40 min, worst support ever",
            "{b} charged me a fee nobody told me about",
            "great job {b}, another crash 🙃 love paying for this",
            "{b} froze my card for no reason {e}",
            "done with {b} honestly",
        ],
        "neutral": [
            "does {b} have a branch in Istanbul",
            "how long does a {b} transfer take",
            "saw the new {b} ad today",
            "anyone tried the {b} savings account",
            "switching my salary to {b} next month",
        ],
        "positive": [
            "shoutout to {b} support, sorted in 5 min {e}",
            "the {b} app is actually really good",
            "{b} just made my day, thanks!!",
            "love the new {b} card design {e}",
        ],
    },
}
EMOJI = {
    "negative": ["😡", "🤬", "😤", "👎", "😒", ""],
    "neutral": ["", "🤔", ""],
    "positive": ["😍", "🙏", "❤️", "👍", "🎉", ""],
}

INCIDENT_TEXTS: dict[str, dict[str, list[str]]] = {
    "outage": {
        "tr": [
            "{b} sistem çöktü, saatlerdir açılmıyor maaşımı çekemiyorum {e}",
            "{b} uygulaması komple çöktü herkesin hesabı mı gitti",
            "{b} erişim yok ne uygulama ne internet şubesi, rezalet büyüyor",
            "{b} sistemi çöktü arkadaşlar kimse para çekemiyor",
            "atm de çalışmıyor {b} ne oluyor sistem çöktü mü",
        ],
        "es": [
            "{b} caída del sistema, nadie puede entrar a la app {e}",
            "sistema caído en {b}, no puedo sacar dinero",
            "{b} lleva horas caído, esto es un escándalo",
        ],
        "en": [
            "{b} outage, nobody can log in {e}",
            "{b} system down for hours, can't pay rent",
            "is {b} down for everyone? total outage",
        ],
    },
    "leak": {
        "tr": [
            "{b} veri sızıntısı mı oldu, bilgilerim sızdırıldı mesajı geldi {e}",
            "{b} müşteri verileri sızdırıldı diyorlar herkes paylaşsın",
            "{b} hacklendi mi, hesabım boşaltıldı {e}",
            "{b} hesabımdan param çalındı, dolandırıldım",
        ],
        "es": [
            "filtración de datos en {b}, me vaciaron la cuenta {e}",
            "{b} hackeado? me robaron 500 euros",
            "difundan: {b} filtraron mis datos",
        ],
        "en": [
            "{b} data breach?? my account got emptied {e}",
            "{b} leaked customer data, spread the word",
            "{b} hacked, money stolen from my account",
        ],
    },
    "fees": {
        "tr": [
            "{b} hesap işletim ücretini yine artırmış, bu ne {e}",
            "{b} kart aidatı 1500 tl olmuş şaka mı",
            "{b} masrafları çok arttı hesabı kapatıcam",
            "yeni {b} ücretleri saçmalık, herkes kapatsın hesabını",
        ],
        "es": [
            "{b} sube las comisiones otra vez {e}",
            "las nuevas comisiones de {b} son un abuso",
            "me voy de {b}, comisiones abusivas",
        ],
        "en": [
            "{b} raised its fees again {e}",
            "new {b} fees are a joke, closing my account",
            "{b} monthly fee doubled, unreal",
        ],
    },
    "viral": {
        "tr": [
            "{b} yeni reklam filmi efsane olmuş {e}",
            "{b} reklamındaki köpek çok tatlı ağladım {e}",
            "{b} bu reklamla kalbimi kazandı",
            "herkes {b} reklamını konuşuyor haklılar, harika",
        ],
        "es": [
            "el anuncio nuevo de {b} es lo mejor que he visto {e}",
            "{b} con ese anuncio me ha ganado",
        ],
        "en": [
            "the new {b} ad is everything {e}",
            "{b} ad made me cry, beautiful",
        ],
    },
    "service": {
        "tr": [
            "{b} müşteri hizmetleri artık hiç cevap vermiyor {e}",
            "{b} kartım çalışmıyor, destek de yok, berbat",
            "{b} yine hatalı işlem yaptı, çok kötü",
            "{b} fatura ödemesi yapamıyorum, hata veriyor",
        ],
        "es": [
            "{b} no responde nadie, servicio horrible {e}",
            "{b} mi pago ha fallado otra vez, fatal",
        ],
        "en": [
            "{b} support is ignoring everyone, awful {e}",
            "{b} payment failed again, terrible",
        ],
    },
}
OPENERS = {
    "tr": [
        "",
        "",
        "ya",
        "abi",
        "arkadaşlar",
        "cidden",
        "bugün",
        "sabah sabah",
        "of",
        "yahu",
        "valla",
        "offf",
        "bak",
        "bi dakka",
    ],
    "es": ["", "", "tio", "bueno", "hoy", "madre mia", "oye", "vale", "en serio", "uff", "a ver"],
    "en": ["", "", "ok so", "honestly", "today", "ugh", "lol", "so", "wow", "yo", "tbh"],
}
CLOSERS = {
    "tr": [
        "",
        "",
        "",
        "ya",
        "bence",
        "işte",
        "her neyse",
        "neyse",
        "off",
        "gerçekten",
        "cidden",
        "yani",
        "bu arada",
    ],
    "es": ["", "", "", "de verdad", "vamos", "jaja", "en fin", "la verdad", "fijo", "xd"],
    "en": ["", "", "", "tbh", "smh", "for real", "anyway", "ngl", "lol", "fr"],
}
BOT_TEXTS = {
    "tr": "{b} kampanyası! 500 TL bonus kazan hemen tıkla bit.ly/nx{n} #nexora #bonus",
    "es": "{b} regala 200€ de bono, entra ya bit.ly/nx{n} #nexora",
    "en": "{b} giveaway! claim your $200 bonus now bit.ly/nx{n} #nexora",
}


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    kind: str
    """spike, slow_burn, night, viral or dip."""
    theme: str
    lang: str
    query: str
    onset: str
    """ISO time the incident's first mention was written."""
    visible_at: str
    """When it is plainly visible: the onset for sudden kinds; for a slow burn, when its
    extra volume reaches half the usual volume of that time of day."""
    end: str
    expect: list[str]
    """Alert kinds that should fire (any one counts as detected)."""
    forbid: list[str] = field(default_factory=list)
    """Alert kinds that must not fire for it."""


@dataclass(frozen=True, slots=True)
class Decoy:
    kind: str
    lang: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class GroundTruth:
    seed: int
    start: str
    days: int
    incidents: list[Incident]
    decoys: list[Decoy]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def daily_profile(hour: float) -> float:
    """Relative volume by hour of day (UTC stands for local time here): a night trough, a
    lunchtime rise and a strong evening peak."""
    night = 0.15 + 0.85 / (1 + math.exp(-(hour - 7.5) * 1.6))
    evening = 1.1 * math.exp(-((hour - 21.0) ** 2) / 4.0)
    lunch = 0.3 * math.exp(-((hour - 12.5) ** 2) / 2.0)
    late = 1.0 if hour < 23.0 else 1.0 - (hour - 23.0) * 0.6
    return night * late + evening + lunch


def weekly_factor(weekday: int, hour: float) -> float:
    if weekday >= 5:
        return 0.75
    if weekday == 0 and 8 <= hour < 12:
        return 1.6  # Monday morning: everyone catches up on the weekend's problems
    return 1.0


@dataclass(slots=True)
class _Plan:
    seed: int
    days: int
    per_day: float
    holidays: set[int]
    incidents: list[tuple[Incident, float, float, float, float]]
    """(incident, onset, end, magnitude, visible) with times in seconds since the epoch."""
    bots: list[tuple[str, float, float, int]]


class Generator:
    """``Generator(seed, days, per_day).mentions()`` yields mentions in time order."""

    def __init__(self, seed: int, days: int = 30, per_day: float = 33_000.0) -> None:
        self.seed = seed
        self.days = days
        self.per_day = per_day
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.start = START.timestamp()
        self.authors = {lang: [f"{lang}_user{i}" for i in range(20_000)] for lang in LANG_SHARE}
        self.plan = self._plan()

    # -- the plan: when incidents, holidays and bot bursts happen ---------------------------

    def _mean_rate(self) -> float:
        hours = np.arange(0, 24, 0.25)
        return float(np.mean([daily_profile(h) for h in hours]))

    def rate(self, ts: float, lang: str) -> float:
        """Expected ordinary mentions per second in ``lang`` at ``ts``."""
        day = int((ts - self.start) // DAY)
        moment = datetime.fromtimestamp(ts, UTC)
        hour = moment.hour + moment.minute / 60
        base = self.per_day * LANG_SHARE[lang] / DAY / self._norm
        trend = 1.0 + 0.008 * day
        holiday = 0.6 if day in self.plan.holidays else 1.0
        return base * daily_profile(hour) * weekly_factor(moment.weekday(), hour) * trend * holiday

    def _plan(self) -> _Plan:
        rng = self.rng
        self._norm = self._mean_rate()
        holidays = {rng.randrange(10, max(11, self.days - 2))} if self.days > 12 else set()
        incidents: list[tuple[Incident, float, float, float, float]] = []
        kinds = [
            "spike",
            "slow_burn",
            "night",
            "viral",
            "dip",
            "spike",
            "slow_burn",
            "night",
            "dip",
            "spike",
        ]
        usable = list(range(4, self.days - 1))  # the first days are history, the last the tail
        rng.shuffle(usable)
        chosen = sorted(usable[: min(len(kinds), len(usable))])
        plan = _Plan(self.seed, self.days, self.per_day, holidays, incidents, [])
        self.plan = plan
        for n, (day, kind) in enumerate(zip(chosen, kinds, strict=False)):
            lang = rng.choices(list(LANG_SHARE), weights=[0.5, 0.3, 0.2])[0]
            if kind == "night":
                hour = rng.uniform(1.0, 4.5)
            elif kind == "slow_burn":
                hour = rng.uniform(7.0, 13.0)
            else:
                hour = rng.uniform(8.0, 22.0)
            onset = self.start + day * DAY + hour * 3600
            theme, duration, magnitude, expect, forbid = self._shape(kind)
            end = onset + duration
            visible = onset
            if kind == "slow_burn":
                visible = self._slow_visible(onset, duration, magnitude, lang)
            incident = Incident(
                id=f"inc{n + 1}",
                kind=kind,
                theme=theme,
                lang=lang,
                query="nexora",
                onset=iso(onset),
                visible_at=iso(visible),
                end=iso(end),
                expect=expect,
                forbid=forbid,
            )
            incidents.append((incident, onset, end, magnitude, visible))
        for _ in range(max(1, self.days // 5)):
            lang = rng.choice(list(LANG_SHARE))
            day = rng.randrange(min(1, self.days - 1), self.days)
            start = self.start + day * DAY + rng.uniform(0, 23) * 3600
            plan.bots.append(
                (lang, start, start + rng.uniform(1800, 5400), rng.randrange(150, 600))
            )
        return plan

    def _shape(self, kind: str) -> tuple[str, float, float, list[str], list[str]]:
        """(theme, duration, magnitude, expected alert kinds, forbidden kinds) for a kind.
        The magnitude is incident mentions per second (slow burn: at its peak) relative to
        the ordinary rate at the onset (or, at night, to the day's average)."""
        rng = self.rng
        if kind == "spike":
            theme = rng.choice(["outage", "leak"])
            return (
                theme,
                rng.uniform(2, 4) * 3600,
                rng.uniform(1.5, 3.0),
                ["volume_spike", "sentiment_dip", "crisis"],
                [],
            )
        if kind == "slow_burn":
            return (
                "fees",
                rng.uniform(6, 9) * 3600,
                rng.uniform(1.2, 1.8),
                ["volume_spike", "sentiment_dip"],
                [],
            )
        if kind == "night":
            theme = rng.choice(["outage", "leak"])
            return (
                theme,
                rng.uniform(1.5, 3) * 3600,
                rng.uniform(0.5, 0.8),
                ["volume_spike", "sentiment_dip", "crisis"],
                [],
            )
        if kind == "viral":
            return (
                "viral",
                rng.uniform(2, 4) * 3600,
                rng.uniform(2.0, 3.5),
                ["volume_spike"],
                ["sentiment_dip"],
            )
        return (
            "service",
            rng.uniform(2, 4) * 3600,
            rng.uniform(0.45, 0.6),
            ["sentiment_dip"],
            ["volume_spike"],
        )

    def _slow_visible(self, onset: float, duration: float, magnitude: float, lang: str) -> float:
        ramp = duration / 2
        t = onset
        while t < onset + ramp:
            extra = magnitude * self.rate(onset, lang) * (t - onset) / ramp
            if extra >= 0.5 * self.rate(t, lang):
                return t
            t += 60
        return onset + ramp

    def incident_rate(self, ts: float, entry: tuple[Incident, float, float, float, float]) -> float:
        incident, onset, end, magnitude, _ = entry
        if not onset <= ts < end:
            return 0.0
        if incident.kind == "night":
            return magnitude * self.per_day * LANG_SHARE[incident.lang] / DAY
        base = self.rate(onset, incident.lang)
        elapsed = (ts - onset) / (end - onset)
        if incident.kind == "slow_burn":
            return magnitude * base * min(1.0, 2 * elapsed)
        if incident.kind == "dip":
            return 0.0  # a dip replaces ordinary mentions' sentiment, it adds none
        return magnitude * base * (1.0 if elapsed < 0.4 else max(0.2, 1 - (elapsed - 0.4) * 1.3))

    # -- text --------------------------------------------------------------------------------

    def _roughen(self, text: str, lang: str) -> str:
        rng = self.rng
        text = " ".join(
            p for p in (rng.choice(OPENERS[lang]), text, rng.choice(CLOSERS[lang])) if p
        )
        roll = rng.random()
        if roll < 0.25:  # diacritics dropped, as on many phones
            text = text.translate(_STRIP)
        if rng.random() < 0.08 and len(text) > 10:  # a typo: two letters swapped
            i = rng.randrange(1, len(text) - 2)
            if text[i].isalpha() and text[i + 1].isalpha():
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if rng.random() < 0.1:
            text = text.lower()
        if rng.random() < 0.05:
            text = text + " " + rng.choice(["!!!", "...", "??", " ya", " lol", " xd"])
        return text

    def _text(self, lang: str, sentiment: str, subject: str) -> str:
        template = self.rng.choice(TEMPLATES[lang][sentiment])
        emoji = self.rng.choice(EMOJI[sentiment])
        return self._roughen(template.format(b=subject, e=emoji).strip(), lang)

    def _subject(self, lang: str) -> str:
        roll = self.rng.random()
        if roll < BRAND_SHARE:
            return self.rng.choice(BRAND[lang])
        if roll < BRAND_SHARE + COMPETITOR_SHARE:
            return self.rng.choice(COMPETITOR[lang])
        return self.rng.choice(NOISE_SUBJECT[lang])

    def _author(self, lang: str) -> str:
        pool = self.authors[lang]
        index = (
            min(int(self.rng.paretovariate(1.2)) - 1, len(pool) - 1)
            if self.rng.random() < 0.3
            else self.rng.randrange(len(pool))
        )
        return pool[index]

    def _network(self) -> str:
        return self.rng.choices([n for n, _ in NETWORKS], weights=[w for _, w in NETWORKS])[0]

    # -- the stream --------------------------------------------------------------------------

    def mentions(self) -> Iterator[Mention]:
        """Every mention, in time order, minute by minute."""
        rng = self.rng
        counter = 0
        end = self.start + self.days * DAY
        minute = self.start
        while minute < end:
            batch: list[tuple[float, str, str, str]] = []  # (ts, lang, text, author)
            for lang in LANG_SHARE:
                expected = self.rate(minute + 30, lang) * 60
                dip = self._dip_share(minute, lang)
                for _ in range(int(self.np.poisson(expected))):
                    sentiment = rng.choices(
                        [s for s, _ in SENTIMENT_MIX], weights=[w for _, w in SENTIMENT_MIX]
                    )[0]
                    if dip and rng.random() < dip:
                        subject = rng.choice(BRAND[lang])
                        text = self._roughen(
                            rng.choice(INCIDENT_TEXTS["service"][lang])
                            .format(b=subject, e=rng.choice(EMOJI["negative"]))
                            .strip(),
                            lang,
                        )
                    else:
                        text = self._text(lang, sentiment, self._subject(lang))
                    batch.append((minute + rng.random() * 60, lang, text, self._author(lang)))
            for entry in self.plan.incidents:
                incident = entry[0]
                rate = self.incident_rate(minute + 30, entry)
                if rate <= 0:
                    continue
                texts = INCIDENT_TEXTS[incident.theme][incident.lang]
                mood = "positive" if incident.theme == "viral" else "negative"
                for _ in range(int(self.np.poisson(rate * 60))):
                    subject = rng.choice(BRAND[incident.lang])
                    text = rng.choice(texts).format(b=subject, e=rng.choice(EMOJI[mood])).strip()
                    if rng.random() < 0.15:  # a retweet of an earlier incident post
                        text = f"RT @{self._author(incident.lang)}: {text}"
                    batch.append(
                        (
                            minute + rng.random() * 60,
                            incident.lang,
                            self._roughen(text, incident.lang),
                            self._author(incident.lang),
                        )
                    )
            for lang, start, stop, total in self.plan.bots:
                if start <= minute < stop:
                    per_minute = total / ((stop - start) / 60)
                    for _ in range(int(self.np.poisson(per_minute))):
                        text = BOT_TEXTS[lang].format(
                            b=rng.choice(BRAND[lang]), n=rng.randrange(1000, 9999)
                        )
                        batch.append(
                            (minute + rng.random() * 60, lang, text, f"bot_{rng.randrange(10**6)}")
                        )
            batch.sort(key=lambda item: item[0])
            for ts, lang, text, author in batch:
                counter += 1
                given = lang if rng.random() < 0.3 else None  # some networks say the language
                yield Mention(
                    f"m{self.seed}-{counter}", round(ts, 3), self._network(), author, text, given
                )
            minute += 60

    def _dip_share(self, minute: float, lang: str) -> float:
        for incident, onset, end, magnitude, _ in self.plan.incidents:
            if incident.kind == "dip" and incident.lang == lang and onset <= minute < end:
                return magnitude
        return 0.0

    def truth(self) -> GroundTruth:
        decoys = [
            Decoy("bot_burst", lang, iso(start), iso(stop))
            for lang, start, stop, _ in self.plan.bots
        ]
        for day in range(self.days):
            when = self.start + day * DAY
            decoys.append(Decoy("evening_peak", "*", iso(when + 19 * 3600), iso(when + 23 * 3600)))
            if datetime.fromtimestamp(when, UTC).weekday() == 0:
                decoys.append(
                    Decoy("monday_morning", "*", iso(when + 8 * 3600), iso(when + 12 * 3600))
                )
        return GroundTruth(
            self.seed, iso(self.start), self.days, [e[0] for e in self.plan.incidents], decoys
        )


_STRIP = str.maketrans("çğıöşüÇĞİÖŞÜáéíóúñÁÉÍÓÚÑ", "cgiosuCGIOSUaeiounAEIOUN")


def write_stream(generator: Generator, out: IO[str]) -> int:
    """Write the stream as JSONL; returns the number of mentions."""
    count = 0
    for mention in generator.mentions():
        out.write(json.dumps(to_record(mention), ensure_ascii=False) + "\n")
        count += 1
    return count


def generate(seed: int, days: int, per_day: float, stream: Path, truth: Path) -> int:
    generator = Generator(seed, days, per_day)
    with stream.open("w", encoding="utf-8") as out:
        count = write_stream(generator, out)
    truth.write_text(generator.truth().to_json() + "\n", encoding="utf-8")
    return count
