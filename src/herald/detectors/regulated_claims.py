"""Regulated claims: promises about money or health that regulators forbid.

Finance: guaranteed or risk-free returns, sure gains, "double your money", "can't lose".
Health: curing, treating or preventing a disease, "no side effects", fast weight loss,
one product replacing a medicine. Each is a construction ("guaranteed" next to a return,
"cures" before a condition), so a product warranty ("guaranteed 2-year warranty"), a
delivery promise or a money-back guarantee is not one. A negation or a warning in the
same sentence cancels the claim ("does not guarantee", "past returns are no guarantee",
"no cura ni previene", "tıbbi tavsiye değildir"), and so does a question.
"""

from __future__ import annotations

from collections.abc import Iterator

from herald.detectors.base import Detection, Detector, register
from herald.detectors.constructions import CueSet, Sentences
from herald.text.document import Document
from herald.types import Category, ScanContext

_RETURN = r"(?:returns?|profits?|income|gains?|yield|earnings|interest)"
FINANCE: dict[str, dict[str, str]] = {
    "en": {
        "guaranteed return": rf"guaranteed to \d+x|guaranteed (?:\d+(?:\.\d+)?% )?(?:passive )?{_RETURN}|{_RETURN} (?:are |is )?guaranteed|guaranteed to \d+x|(?:a|per|every) (?:week|month|day|year),? guaranteed|passive income guaranteed|income for life",
        "no risk": r"risk[- ]free|no risk|zero risk|100% safe|completely safe",
        "cannot lose": r"(?:can'?t|cannot|can not|never) lose(?: money)?|no way to lose|can only go up",
        "sure gain": r"double your money|turn \$?\d+k? into \$?\d+k?|sure (?:profit|gain|thing|win)|\d+% sure profit|get rich quick|will grow every month",
    },
    "tr": {
        "guaranteed return": r"garantili (?:%?\d+ )?(?:%\d+ )?(?:pasif )?(?:getiri|kazanc|gelir|kar)|(?:kazanc|getiri)\w* garanti|garanti \d+ katina|kazanc, garanti|omur boyu garantili",
        "no risk": r"sifir risk|risksiz|hic riski yok|riski yok|%100 guvende",
        "cannot lose": r"kaybetme (?:sansin|ihtimali|riski) yok|asla para kaybetmez|sadece yukselir",
        "sure gain": r"paran\w* ikiye katla|\d+ ?(?:lira|tl)\w* \d+ bine cevir|kesin (?:kazanc|getiri)|kisa yoldan zengin|her ay buyur",
    },
    "es": {
        "guaranteed return": r"rentabilidad garantizada|ganancias? (?:garantizad\w*|asegurad\w*)|ingresos (?:pasivos )?garantizados|(?:semana|mes|a[ñn]o), garantizado|garantizados de por vida|las ganancias estan aseguradas",
        "no risk": r"cero riesgo|sin (?:ningun )?riesgo|no tiene ningun riesgo|100% seguro",
        "cannot lose": r"imposible perder|no hay forma de perder|nunca perderas dinero|solo puede subir",
        "sure gain": r"duplica tu dinero|convierte [\d.]+ en [\d.]+|ganancia segura|hazte rico|se multiplica por \d+|crece cada mes",
    },
}
FINANCE_NEGATIONS: dict[str, dict[str, str]] = {
    "en": {
        "negation": r"(?:does|do|is|are|will) not guarantee|not guaranteed|no guarantee|aren'?t guaranteed|isn'?t guaranteed|capital at risk|can lose|may lose|could lose|past (?:returns|performance)|involves risk|no such thing|no fund is|is volatile"
    },
    "tr": {
        "negation": r"garanti (?:edilmez|etmez|edilemez)|garantisi (?:degildir|vermiyoruz|yok)|garanti etmez|risk icerir|risk altinda|diye bir sey yok|kaybedebilirsiniz|risksiz degil"
    },
    "es": {
        "negation": r"no garantiza\w*|no esta garantizad\w*|conlleva riesgo|esta en riesgo|no existe|libre de riesgo|puedes perder"
    },
}

HEALTH: dict[str, dict[str, str]] = {
    "en": {
        "cure claim": r"miracle cure|cure(?:s|d)? (?:my |for )?(?!anything)\w+|cure for \w+|heals? \w+|treats? (?!yourself)\w+ and \w+|treat (?:anxiety|depression|\w+ and \w+)|prevents? (?!the spread)\w+|fights? cancer|kills? cancer cells|reverses (?:aging|ageing)|stops hair loss|replaces your (?:\w+ )*(?:meds|medication|pills)|100% effective",
        "no side effects": r"(?:no|without|zero) side effects",
        "weight loss promise": r"lose \d+ ?(?:kg|kilos|lbs|pounds) in|drop \d+ sizes|melts (?:belly )?fat|burns? fat while|boosts your immune system 100%",
    },
    "tr": {
        "cure claim": r"(?:kanser|seker|diyabet|migren|romatizma|kaygi|depresyon|korona|sivilce|uykusuzluk|sac dokulme)\w* (?:\w+ ){0,3}?(?:tedavi eder|birebir|care|iyilestirir|yok eder|bitirir|gecirdi)|%100 etkili|kanser hucrelerini oldur\w*|kanserle savasir|koronadan korur|yaslanmayi geri dondur\w*|ilacinizin yerini tutar|ilaca gerek kalmiyor|mucize(?:vi)? tedavi|her derde deva",
        "no side effects": r"(?:hicbir |hic )?yan etkisi yok",
        "weight loss promise": r"\d+ (?:haftada|gunde|ayda) \d+ kilo ver\w*|\d+ beden kucul\w*|yaglarini eritir",
    },
    "es": {
        "cure claim": r"cura(?:n)? (?:el|la|los|las|de) \w+|cura milagrosa|cura (?:el|la) \w+|me quito las \w+|elimina las celulas \w+|previene el \w+|revierte el envejecimiento|tratan? la \w+|combate el cancer|acaba con (?:el|la) \w+(?: \w+)?|sustituye a tus \w+|100% eficaces?",
        "no side effects": r"sin (?:ningun )?efectos? secundarios?",
        "weight loss promise": r"adelgaza \d+ kilos|baja \d+ tallas|quema la grasa",
    },
}
HEALTH_NEGATIONS: dict[str, dict[str, str]] = {
    "en": {
        "negation": r"(?:does|do|will|can) not (?:cure|treat|prevent)|doesn'?t (?:cure|treat|prevent)|not intended|not medical advice|talk to your doctor|ask your (?:doctor|pharmacist)|may include|may cause|can help|results vary|according to"
    },
    "tr": {
        "negation": r"tedavi etmez|onlemez|tibbi tavsiye degil|doktorunuza|eczaciniza|amaci tasimaz|gorulebilir|kisiden kisiye"
    },
    "es": {
        "negation": r"no cura|ni previene|no es un consejo|consulta a tu medico|pregunta a tu|puede producir|no esta destinado|varian"
    },
}


class _ClaimDetector(Detector):
    """Claims from ``_claims`` that no negation in the same sentence cancels."""

    _claims: CueSet
    _negations: CueSet
    _entity: str

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        sentences = Sentences(view)
        for cue in self._claims.finditer(view, doc.lang):
            lo, hi = sentences.around(cue.start)
            if view[hi : hi + 1] == "?":
                continue  # a question is not a promise
            if self._negations.search(view, doc.lang, lo, hi) is not None:
                continue
            start, end = doc.to_original(cue.start, cue.end)
            yield Detection(
                self._entity,
                start,
                end,
                0.9,
                pattern=cue.label,
                message_args={"construction": cue.label},
            )


@register
class FinancePromiseDetector(_ClaimDetector):
    name = "finance_promise"
    entities = ("FINANCE_PROMISE",)
    category = Category.REGULATED_CLAIM
    _claims = CueSet(FINANCE)
    _negations = CueSet(FINANCE_NEGATIONS)
    _entity = "FINANCE_PROMISE"


@register
class HealthClaimDetector(_ClaimDetector):
    name = "health_claim"
    entities = ("HEALTH_CLAIM",)
    category = Category.REGULATED_CLAIM
    _claims = CueSet(HEALTH)
    _negations = CueSet(HEALTH_NEGATIONS)
    _entity = "HEALTH_CLAIM"
