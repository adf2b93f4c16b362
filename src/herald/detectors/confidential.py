"""Confidential company information: codenames, confidential terms, internal-only
markers, unreleased financial figures and merger or acquisition talk.

Codenames and confidential terms come from the policy pack (``OrgSettings``) and are
matched with Turkish inflection ("Kestrel'in", "Kestreli") and folded accents. Financial
figures are common in public posts, so on their own they score below the default
threshold; a cue that they are not public yet ("henüz açıklanmadı", "before the
earnings call", "aún no publicado", an internal marker or a codename) raises them. M&A
vocabulary counts only near a codename or a company name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.constructions import Sentences
from herald.detectors.gated import GatedTerms
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.types import Category, OrgSettings, ScanContext

INTERNAL_MARKERS = {
    "tr": [
        "yalnızca şirket içi",
        "sadece şirket içi",
        "şirket içi kullanım",
        "şirket içine özel",
        "kurum içi",
        "hizmete özel",
        "çok gizli",
        "gizlidir",
        "gizli tutun",
        "dışarıyla paylaşmayın",
        "paylaşmayın",
        "paylaşılmamalıdır",
        "dağıtılmaz",
        "ambargolu",
    ],
    "es": [
        "confidencial",
        "estrictamente confidencial",
        "uso interno",
        "solo uso interno",
        "solo para uso interno",
        "no compartir",
        "no difundir",
        "información reservada",
        "bajo embargo",
    ],
    "en": [
        "internal only",
        "internal use only",
        "for internal use",
        "confidential",
        "strictly confidential",
        "do not share",
        "do not distribute",
        "not for distribution",
        "not for external",
        "under embargo",
        "embargoed",
        "under nda",
    ],
}
FINANCIAL_TERMS = [
    # tr
    "gelir",
    "gelirimiz",
    "ciro",
    "cirosu",
    "ciromuz",
    "net kâr",
    "faaliyet kârı",
    "kârımız",
    "kârlılık",
    "hasılat",
    "satışlar",
    "satış hedefi",
    "favök",
    "bütçe",
    "çeyrek",
    "tahmin",
    "öngörü",
    "bilanço",
    # es
    "ingresos",
    "facturación",
    "beneficio",
    "beneficios",
    "ventas",
    "previsión",
    "previsiones",
    "ebitda",
    "trimestre",
    "resultados",
    "presupuesto",
    "margen",
    # en
    "revenue",
    "revenues",
    "earnings",
    "profit",
    "net income",
    "sales",
    "forecast",
    "guidance",
    "quarter",
    "margin",
    "budget",
    "results",
]
UNRELEASED_CUES = [
    "henüz açıklanmadı",
    "henüz açıklanmayan",
    "açıklanmadan önce",
    "açıklanmamış",
    "ön rakamlar",
    "bilanço öncesi",
    "aún no publicado",
    "aún no publicados",
    "sin publicar",
    "antes de publicar",
    "antes de anunciar",
    "cifras preliminares",
    "not yet announced",
    "not yet public",
    "unreleased",
    "unannounced",
    "before the earnings call",
    "before we announce",
    "preliminary numbers",
    "ahead of the announcement",
    "leak",
]
MERGER_TERMS = [
    "satın alma",
    "satın alıyoruz",
    "satın alacağız",
    "satın alınması",
    "devralma",
    "devralıyoruz",
    "birleşme",
    "birleşiyoruz",
    "şirket evliliği",
    "hisse devri",
    "adquisición",
    "adquirir",
    "adquiriremos",
    "fusión",
    "fusionarnos",
    "compra de",
    "opa",
    "acquisition",
    "acquire",
    "acquiring",
    "merger",
    "merge with",
    "takeover",
    "buyout",
    "due diligence",
    "term sheet",
]
# An amount with a currency or a scale word. One digit run, then the unit, so the engine
# never backtracks through the digits (the text is folded: "dólar" is "dolar").
_SCALE = r"(?:milyon|milyar|million|billion|millones|mil millones|bn|mn)"
_CURRENCY = r"(?:%|tl|try|usd|eur|gbp|dolar|dollars?|euros?|lira|[$€£₺])"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?:[$€£₺]\s?\d[\d.,]*(?:\s?(?:{_SCALE}|k|m|b))?"
    rf"|\d[\d.,]*\s?(?:{_SCALE}(?:\s?{_CURRENCY})?|{_CURRENCY}))(?!\w)",
    re.IGNORECASE,
)


class ConfidentialParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    extra_markers: tuple[str, ...] = ()
    """More internal-only phrases for this organisation."""
    financial_window: int = 48
    """Characters between a financial term and an amount for them to count together."""
    merger_window: int = 64
    """Characters between M&A vocabulary and a codename or company name."""


CODENAME_SCORE = 0.95
AMBIGUOUS_CODENAME_SCORE = 0.35
"""A codename that is also an everyday word ("falcon" the bird), seen without project context."""

# Words that make a codename mention about the project ("Falcon's launch date")...
PROJECT_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "launch",
        "release",
        "project",
        "roadmap",
        "beta",
        "demo",
        "ship",
        "shipping",
        "version",
        "feature",
        "product",
        "codename",
        "internal",
        "announce",
        "announcement",
        "deadline",
        "sprint",
    ),
    "tr": (
        "lansman",
        "proje",
        "projesi",
        "sürüm",
        "yol haritası",
        "beta",
        "demo",
        "ürün",
        "özellik",
        "kod adı",
        "duyur",
        "tanıtım",
        "teslim",
        "sprint",
        "çıkış",
    ),
    "es": (
        "lanzamiento",
        "proyecto",
        "versión",
        "hoja de ruta",
        "beta",
        "demo",
        "producto",
        "función",
        "nombre en clave",
        "anunciar",
        "anuncio",
        "entrega",
        "sprint",
    ),
}
# ...and words that make it about the everyday thing the name also means.
EVERYDAY_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "bird",
        "birds",
        "wildlife",
        "nature",
        "zoo",
        "nest",
        "wings",
        "flew",
        "hunting",
        "species",
        "saw a",
        "called",
        "lego",
        "toy",
        "toys",
        "movie",
        "film",
        "series",
        "season",
        "episode",
        "watching",
        "game",
        "team",
        "rocket",
    ),
    "tr": (
        "kuş",
        "kuşu",
        "doğa",
        "yaban hayatı",
        "hayvanat",
        "yuva",
        "kanat",
        "uçtu",
        "türü",
        "gördüm",
        "lego",
        "oyuncak",
        "dizi",
        "film",
        "maç",
        "takım",
        "roket",
    ),
    "es": (
        "pájaro",
        "ave",
        "aves",
        "naturaleza",
        "zoológico",
        "nido",
        "alas",
        "voló",
        "especie",
        "vi un",
        "lego",
        "juguete",
        "serie",
        "peli",
        "película",
        "partido",
        "equipo",
        "cohete",
    ),
}
# A codename inside a longer proper name or a model number ("Millennium Falcon", "Atlanta
# Falcons", "Falcon 9", "Tofaş Şahin") is that famous thing, whatever project words surround it.
_NAME_BEFORE = re.compile(r"(?:^|(?<=[^.!?\s])\s|(?<=,)\s)([A-ZÇĞİÖŞÜÑ][\w'’]+)\s+$")
_NOT_A_NAME = frozenset(
    [
        "the",
        "our",
        "my",
        "project",
        "proje",
        "projesi",
        "proyecto",
        "codename",
        "el",
        "la",
        "los",
        "las",
        "bu",
        "yeni",
        "new",
        "nuevo",
    ]
)
_FAMOUS_AFTER = re.compile(r"^(?:s\b|\s+\d|\s+(?:and the|y el|ve)\s+[A-ZÇĞİÖŞÜÑ])")


def _inside_a_longer_name(text: str, start: int, end: int) -> bool:
    before = _NAME_BEFORE.search(text[max(0, start - 40) : start])
    if before is not None and before.start(1) > 0 and before.group(1).casefold() not in _NOT_A_NAME:
        return True
    return _FAMOUS_AFTER.search(text[end : end + 20]) is not None


# Privacy promises and instructions to customers use the same words as internal markers
# ("your data is confidential with us", "kodunuzu kimseyle paylaşmayın"): a marker whose
# sentence speaks to the reader about the reader's things is not a marking.
_CUSTOMER_FACING = re.compile(
    r"\b(?:your|yours|you|with us|consultations|shopping|packaging|upload(?:ed)?|records)\b"
    r"|\w*(?:niz|nuz|nız|nüz)\b|\b(?:kimseyle|bizde|bizimle|muayene\w*)\b"
    r"|\b(?:tu|tus|su|sus|usted|con nosotros|consultas|subes)\b",
    re.IGNORECASE,
)
TERM_SCORE = 0.9
MARKER_SCORE = 0.85
FINANCIAL_SCORE = 0.4
FINANCIAL_CUE_SCORE = 0.85
MERGER_SCORE = 0.85


@register
class ConfidentialDetector(Detector):
    name = "confidential"
    entities = ("CODENAME", "CONFIDENTIAL_TERM", "INTERNAL_MARKER", "FINANCIAL_FIGURE", "M_AND_A")
    category = Category.CONFIDENTIAL
    Params = ConfidentialParams

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        assert isinstance(params, ConfidentialParams)
        self.p = params
        self._codenames = GatedTerms(self.org.codenames, inflect=True)
        # How each codename was declared: "Falcon" written as "falcon" is a weaker signal.
        self._declared = {fold_term(c).strip(): c for c in self.org.codenames}
        self._project_cues = ContextWords(PROJECT_CUES)
        self._everyday_cues = ContextWords(EVERYDAY_CUES)
        self._terms = GatedTerms(self.org.confidential_terms, inflect=True)
        markers = [m for ms in INTERNAL_MARKERS.values() for m in ms] + list(params.extra_markers)
        self._markers = GatedTerms(markers, inflect=False)
        self._financial = GatedTerms(FINANCIAL_TERMS, inflect=True)
        self._cues = GatedTerms(UNRELEASED_CUES, inflect=False)
        self._mergers = GatedTerms(MERGER_TERMS, inflect=True)
        self._companies = GatedTerms(
            (*self.org.company_names, *self.org.competitors, self.org.name), inflect=True
        )

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        codenames = [(m.start, m.end, m.term) for m in self._codenames.finditer(view)]
        for start, end, term in codenames:
            yield self._codename(doc, start, end, term)
        for m in self._terms.finditer(view):
            yield self._term("CONFIDENTIAL_TERM", doc, m.start, m.end, m.term, TERM_SCORE)
        sentences = Sentences(view)
        markers = [
            m
            for m in self._markers.finditer(view)
            if _CUSTOMER_FACING.search(view, *sentences.around(m.start)) is None
        ]
        for m in markers:
            yield self._term("INTERNAL_MARKER", doc, m.start, m.end, m.term, MARKER_SCORE)
        cues = [m.term for m in self._cues.finditer(view)]
        cues += [m.term for m in markers] + [t for _, _, t in codenames]
        yield from self._figures(doc, view, tuple(dict.fromkeys(cues)))
        yield from self._mergers_near_names(doc, view, codenames)

    def _codename(self, doc: Document, start: int, end: int, term: str) -> Detection:
        """Score a codename by how it is written and what surrounds it.

        Written as declared (capitalised) or beside project words it is the codename;
        written in lower case, or beside everyday words ("a bird called falcon"), with no
        project word near, it is probably just the word.
        """
        o_start, o_end = doc.to_original(start, end)
        declared = self._declared.get(term, term)
        written = doc.text[o_start : o_start + len(declared)]
        as_declared = written == declared or written.isupper()
        project = self._project_cues.near(doc, o_start, o_end, window=80)
        everyday = self._everyday_cues.near(doc, o_start, o_end, window=40)
        famous = _inside_a_longer_name(doc.text, o_start, o_end)
        if famous:
            everyday = (*everyday, "part of a longer name")
        ambiguous = famous or ((not as_declared or bool(everyday)) and not project)
        detection = self._term(
            "CODENAME",
            doc,
            start,
            end,
            term,
            AMBIGUOUS_CODENAME_SCORE if ambiguous else CODENAME_SCORE,
        )
        notes = ("written as an everyday word, no project context",) if ambiguous else ()
        return Detection(
            detection.entity,
            detection.start,
            detection.end,
            detection.score,
            pattern=detection.pattern,
            context_words=project or everyday,
            notes=notes,
            message_args=detection.message_args,
        )

    def _term(
        self, entity: str, doc: Document, start: int, end: int, term: str, score: float
    ) -> Detection:
        o_start, o_end = doc.to_original(start, end)
        return Detection(
            entity,
            o_start,
            o_end,
            score,
            pattern=f"term '{term}'",
            message_args={"term": doc.text[o_start:o_end]},
        )

    def _figures(self, doc: Document, view: str, cues: tuple[str, ...]) -> Iterator[Detection]:
        terms = list(self._financial.finditer(view)) if _AMOUNT.search(view) else []
        if not terms:
            return
        window = self.p.financial_window
        for amount in _AMOUNT.finditer(view):
            near = [t.term for t in terms if t.start - window <= amount.start() <= t.end + window]
            if not near:
                continue
            o_start, o_end = doc.to_original(amount.start(), amount.end())
            yield Detection(
                "FINANCIAL_FIGURE",
                o_start,
                o_end,
                FINANCIAL_CUE_SCORE if cues else FINANCIAL_SCORE,
                pattern="amount near a financial term",
                context_words=tuple(dict.fromkeys(near)) + cues,
                notes=("not yet public: " + ", ".join(cues),) if cues else (),
            )

    def _mergers_near_names(
        self, doc: Document, view: str, codenames: list[tuple[int, int, str]]
    ) -> Iterator[Detection]:
        deals = list(self._mergers.finditer(view))
        if not deals:
            return
        names = [(m.start, m.end, m.term) for m in self._companies.finditer(view)] + codenames
        window = self.p.merger_window
        for deal in deals:
            near = [t for s, e, t in names if s - window <= deal.start <= e + window]
            if not near:
                continue
            o_start, o_end = doc.to_original(deal.start, deal.end)
            yield Detection(
                "M_AND_A",
                o_start,
                o_end,
                MERGER_SCORE,
                pattern=f"term '{deal.term}' near a company name or codename",
                context_words=tuple(dict.fromkeys(near)),
                message_args={"term": doc.text[o_start:o_end]},
            )
