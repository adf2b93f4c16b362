"""Uncredited statistics: a study, a survey or a share of people, with no named source.

Two constructions make a statistic: a vague source ("studies show", "según un estudio",
"araştırmalara göre", "experts say", "9 out of 10 dentists") or a share of a population
("73% of millennials", "1 in 3 people", "10'da 8'i", "8 de cada 10"). Personal numbers
("I ran 10 km", "30% off", "scored 85%") are neither. A named source anywhere in the post
credits it: a link, an @handle, "Source: …", "according to <Name>", an outlet in
parentheses, "<Name>'s 2025 report", or the organisation's own survey with its sample.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.detectors.constructions import CueSet
from herald.text.document import Document
from herald.types import Category, ScanContext

_PEOPLE_EN = r"(?:people|persons|adults|users|customers|clients|workers|employees|millennials|gen z|teens|households|startups|companies|firms|breaches|emails|shoppers|patients|doctors|dentists|experts|americans|women|men|kids|children|consumers|investors|developers|teams|drivers|homes)"
_PEOPLE_TR = r"(?:insan|kisi|kullanici|musteri|calisan|genc|hane|girisim|sirket|ihlal|mail|doktor|dis hekimi|hekim|uzman|tuketici|yatirimci|ekip|yetiskin|kadin|erkek|cocuk)\w*"
_PEOPLE_ES = r"(?:personas|gente|adultos|usuarios|clientes|trabajadores|empleados|jovenes|millennials|hogares|startups|empresas|brechas|correos|compradores|pacientes|medicos|dentistas|expertos|consumidores|inversores|equipos|espa[ñn]oles|mujeres|hombres|ni[ñn]os)"

VAGUE: dict[str, dict[str, str]] = {
    "en": {
        "vague source": r"(?:studies|research|science|surveys?|statistics|stats|data|new data|a (?:recent |new )?(?:study|survey|report|poll)|scientists|doctors|experts|economists|most (?:economists|experts|doctors|scientists)|some research(?: i saw)?) (?:show|shows|says|say|said|found|finds|suggests?|prove|proves|agree|reveals?)|according to (?:a |one |the )?(?:study|studies|research|experts|a survey|surveys|scientists)|it'?s (?:scientifically )?proven|it is scientifically proven|scientifically proven|it'?s a (?:known )?fact that|a harvard study|studies prove|experts say",
    },
    "tr": {
        "vague source": r"arastirma\w* (?:gore|gosteriyor|kanitliyor)|(?:bir|yeni bir|son) (?:arastirma|calisma|rapor|anket)\w*(?: gore)?|bi arastirma\w*|bir ankete gore|ankete gore|anketler\w* (?:diyor|gosteriyor)|istatistik\w* (?:gore|gosteriyor)|uzman\w* (?:gore|diyor|dediğine|dedigine)|bilim (?:insanlari|adamlari|diyor)|bilimsel olarak kanitlan\w*|kanitlanmis bir gercek|herkesin bildigi bir gercek|ekonomistlerin cogu|doktorlar hemfikir|bi yerde okumustum|okudum .{0,20}(?:%|\d)",
    },
    "es": {
        "vague source": r"(?:segun|lei que) (?:un|una|los|las) (?:estudio|encuesta|informe|expertos|estudios|investigacion)\w*|(?:un|una) (?:estudio|encuesta|informe|nuevo informe) (?:reciente )?(?:dice|descubrio|revela|muestra|demuestra)|(?:un nuevo|el nuevo) informe revela|los (?:estudios|expertos|medicos|economistas) (?:dicen|demuestran|muestran|coinciden)|la ciencia dice|las (?:estadisticas|encuestas) (?:dicen|muestran)|esta (?:demostrado|comprobado)(?: cientificamente)?|unos cientificos|es un hecho que|la mayoria de economistas|dicen por ahi|lei por ahi|segun los expertos",
    },
}
SHARES: dict[str, dict[str, str]] = {
    "en": {
        "share of a population": rf"\d+(?:[.,]\d+)?% of (?:all |the |our )?(?:\w+ )?{_PEOPLE_EN}|\d+ (?:out of|in) \d+ (?:\w+ )?{_PEOPLE_EN}"
    },
    "tr": {
        "share of a population": rf"(?!icin )\w+(?:in|un|nin|nun) %\d+(?:[.,]\d+)?'?\w*|\d+'?(?:da|de|ta|te)n? \d+'?\w*|her \d+ {_PEOPLE_TR} \d+'?\w*"
    },
    "es": {
        "share of a population": rf"(?:el )?\d+(?:[.,]\d+)?% de (?:los |las |nuestros |nuestras )?(?:\w+ )?{_PEOPLE_ES}|\d+ de cada \d+"
    },
}
_SOURCE = regex.compile(
    r"https?://|www\.|\b\w+\.(?:com|org|int|gov|net|edu)\b|(?<![\w@])@\w{2,}"
    r"|\b(?i:source|kaynak|fuente|via|vía)\s*:|\((?:[^)]*\p{Lu}[^)]*)\)"
    r"|\b(?i:according to|per the|as per|seg[uú]n(?: el| la)?|published in|publicado en)\s+(?:the\s+)?\p{Lu}"
    r"|\p{Lu}[\p{L}]+(?:'s|'(?:ın|in|un|ün|nın|nin))?\s+(?:\d{4}\s+)?(?:raporu|report|informe|survey|verileri|data)"
    r"|\b(?:verilerine|raporuna|verisi)\b|\bn\s*=\s*\d"
    r"|\b(?:our own|kendi|nuestra encuesta)\b"
)


@register
class AttributionDetector(Detector):
    name = "attribution"
    entities = ("UNSOURCED_STATISTIC",)
    category = Category.ATTRIBUTION

    _vague = CueSet(VAGUE)
    _shares = CueSet(SHARES)

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        cue = self._vague.search(view, doc.lang)
        if cue is None:
            cue = self._shares.search(view, doc.lang)
        if cue is None or _SOURCE.search(doc.text) is not None:
            return
        start, end = doc.to_original(cue.start, cue.end)
        yield Detection(
            "UNSOURCED_STATISTIC",
            start,
            end,
            0.85,
            pattern=cue.label,
            message_args={"construction": cue.label},
        )
