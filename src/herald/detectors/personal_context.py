"""Personal details that only context makes personal: dates of birth, home addresses
and health information tied to a person.

A date is everywhere in posts; it is a date of birth only next to "doğum tarihi",
"fecha de nacimiento", "date of birth" or "born on". An address is reported only after
"ev adresim", "vivo en", "my address is" and only when it looks like one (a street word
and a number). A health condition counts only near a word tying it to someone
("teşhisi kondu", "padece", "diagnosed", "çalışanımız", "my mother").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex
from pydantic import BaseModel

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.gated import GatedTerms
from herald.text.document import Document
from herald.types import Category, OrgSettings, ScanContext

_MONTHS = (
    "ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = (
    r"(?:\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}"
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?(?:19|20)\d{{2}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})"
)
# Searched in the folded view, where "Doğum" is "dogum" and "día" is "dia".
_DOB_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:dogum tarihi\p{L}*|d\.\s?t\.|dogdugum gun|fecha de nacimiento|f\.\s?nac\.|"
    r"naci(?:o|do|da)? (?:el|un)|date of birth|birth ?date|d\.?o\.?b\.?|born on|born)"
    rf"[\s:,\-]{{0,4}}(?:(?:is|es|el|on)\s+)?(?P<date>{_DATE})(?![\p{{N}}])"
)
# "La empresa nació el 3 de mayo de 1995": a company, brand or project was born, not a person.
_FOUNDED = regex.compile(
    r"(?<![\p{L}])(?:empresa|marca|compania|banco|tienda|proyecto|negocio|startup|app|company|"
    r"brand|business|shop|store|bank|sirket\p{L}*|firma\p{L}*|marka\p{L}*|magaza\p{L}*)"
    r"(?![\p{L}])[^.!?\n]{0,20}$"
)
_DOB_AFTER = regex.compile(
    rf"(?<![\p{{N}}])(?P<date>{_DATE})(?:'?\p{{L}}{{0,4}})?\s+(?:tarihinde\s+)?(?:dogdum|dogdu|dogumluyum|dogumlu)"
)
_ADDRESS_TRIGGER = regex.compile(
    r"(?<![\p{L}])(?:ev adresi\p{L}*|adresi[mn]\p{L}*|adresimiz\p{L}*|evimiz\p{L}* adresi|"
    r"mi direccion(?: es| de casa es)?|mi domicilio(?: es| esta en)?|vivo en|nuestra direccion es|"
    r"my (?:home )?address is|home address(?: is)?|i live at|we live at|our address is)"
    r"[\s:,\-]{1,4}"
)
_ADDRESS_MARKERS = (
    r"no:?|nº|n°|c/|mah(?:allesi)?\.?|sok(?:ak|agi)?\.?|sk\.?|cad(?:desi)?\.?|bulvari|daire|kat|"
    r"blok|apt\.?|calle|avenida|avda\.?|plaza|paseo|piso|puerta|portal|bajo|de|del|"
    r"street|st\.?|avenue|ave\.?|road|rd\.?|lane|drive|suite|flat|apartment"
)
# One piece of an address: a capitalised word, a number ("12", "3º", "221B") or a marker.
_ADDRESS_TOKEN = regex.compile(
    rf"\G\s*(?:(?i:{_ADDRESS_MARKERS})(?![\p{{L}}])|\p{{Lu}}[\p{{L}}'’]*\.?|\d+[\p{{L}}º°ª]?)[,/:\-]?"
)
_ABBREVIATION = regex.compile(rf"(?i:{_ADDRESS_MARKERS})|\p{{Lu}}\p{{L}}{{0,3}}\.")
_STREET_WORD = regex.compile(
    r"(?i)(?<![\p{L}])(?:mah(?:allesi)?|sok(?:ak|agi)?|sk|cad(?:desi)?|bulvar\p{L}*|daire|apt|"
    r"calle|c/|avenida|avda|plaza|paseo|piso|portal|street|st|avenue|ave|road|rd|lane|drive|"
    r"suite|flat|blvd|way|close|court|no)(?![\p{L}])"
)
# Cheap tests (standard engine) before the full expressions: the trigger words' stems.
_BIRTH_GATE = re.compile(r"dogum|dogdu|naci|birth|born|d\.?o\.?b|d\.\s?t\.|f\.\s?nac")
_ADDRESS_GATE = re.compile(r"adres|direccion|domicilio|vivo en|live at|address")
_HEALTH_TERMS = [
    "kanser",
    "diyabet",
    "şeker hastası",
    "hiv",
    "aids",
    "depresyon",
    "epilepsi",
    "alzheimer",
    "kemoterapi",
    "hamile",
    "tüberküloz",
    "bipolar",
    "şizofreni",
    "kalp krizi",
    "demans",
    "cáncer",
    "diabetes",
    "vih",
    "sida",
    "depresión",
    "epilepsia",
    "embarazada",
    "quimioterapia",
    "esquizofrenia",
    "infarto",
    "demencia",
    "cancer",
    "diabetes",
    "hiv",
    "aids",
    "depression",
    "epilepsy",
    "pregnant",
    "chemotherapy",
    "schizophrenia",
    "heart attack",
    "dementia",
    "alzheimer's",
]
PERSON_CUES = ContextWords(
    {
        "tr": [
            "teşhis",
            "tanısı",
            "tanı kondu",
            "hastası",
            "hastalığı",
            "tedavi",
            "çalışanımız",
            "müşterimiz",
            "arkadaşım",
            "annem",
            "babam",
            "eşim",
            "oğlum",
            "kızım",
            "bey",
            "hanım",
            "yakalandı",
            "yakalanmış",
            "raporu",
        ],
        "es": [
            "diagnosticado",
            "diagnosticada",
            "padece",
            "sufre",
            "tratamiento",
            "empleado",
            "empleada",
            "cliente",
            "mi madre",
            "mi padre",
            "mi hijo",
            "mi hija",
            "mi marido",
            "mi mujer",
            "paciente",
            "tiene",
        ],
        "en": [
            "diagnosed",
            "suffers",
            "treatment",
            "employee",
            "customer",
            "patient",
            "my mother",
            "my father",
            "my son",
            "my daughter",
            "my wife",
            "my husband",
            "has",
            "is being treated",
        ],
    }
)
DOB_SCORE = 0.9
ADDRESS_SCORE = 0.85
HEALTH_SCORE = 0.75
MAX_ADDRESS = 120


@register
class PersonalContextDetector(Detector):
    name = "personal_context"
    entities = ("DATE_OF_BIRTH", "HOME_ADDRESS", "HEALTH_DATA")
    category = Category.PERSONAL_DATA

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        self._health = GatedTerms(_HEALTH_TERMS, inflect=True)

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        if _BIRTH_GATE.search(view):
            yield from self._dates_of_birth(doc, view)
        if _ADDRESS_GATE.search(view):
            yield from self._addresses(doc, view)
        yield from self._health_data(doc, view)

    def _dates_of_birth(self, doc: Document, view: str) -> Iterator[Detection]:
        seen: set[int] = set()
        for pattern, how in ((_DOB_BEFORE, "after"), (_DOB_AFTER, "before")):
            for m in pattern.finditer(view):
                start, end = doc.to_original(*m.span("date"))
                if start in seen or _FOUNDED.search(view, max(0, m.start() - 40), m.start()):
                    continue
                seen.add(start)
                cue = (
                    view[m.start() : m.start("date")]
                    if how == "after"
                    else view[m.end("date") : m.end()]
                )
                yield Detection(
                    "DATE_OF_BIRTH",
                    start,
                    end,
                    DOB_SCORE,
                    pattern=f"date {how} a birth word",
                    context_words=(cue.strip(" :,-"),),
                )

    def _addresses(self, doc: Document, view: str) -> Iterator[Detection]:
        text = doc.text
        for m in _ADDRESS_TRIGGER.finditer(view):
            start, _ = doc.to_original(m.end(), m.end())
            pos, end = start, start
            limit = min(len(text), start + MAX_ADDRESS)
            while pos < limit:
                token = _ADDRESS_TOKEN.match(text, pos, limit)
                if token is None or token.end() == pos:
                    break
                pos = token.end()
                end = pos
                piece = token.group().strip().rstrip(",/:-")
                if piece.endswith(".") and not _ABBREVIATION.fullmatch(piece):
                    break  # a full stop after a word ends the sentence
            body = text[start:end].rstrip(" ,.:-/")
            if not body or not any(ch.isdigit() for ch in body) or not _STREET_WORD.search(body):
                continue
            yield Detection(
                "HOME_ADDRESS",
                start,
                start + len(body),
                ADDRESS_SCORE,
                pattern="street, number and place after an address phrase",
                context_words=(view[m.start() : m.end()].strip(" :,-"),),
            )

    def _health_data(self, doc: Document, view: str) -> Iterator[Detection]:
        for m in self._health.finditer(view):
            start, end = doc.to_original(m.start, m.end)
            cues = PERSON_CUES.near(doc, start, end, window=40)
            if not cues:
                continue
            yield Detection(
                "HEALTH_DATA",
                start,
                end,
                HEALTH_SCORE,
                pattern=f"health term '{m.term}' near a person",
                context_words=cues,
            )
