"""Telephone numbers of any country, parsed and validated with ``phonenumbers``.

International numbers ("+90 532 ...", "0034 612 ...") carry their country. National ones
("0532 418 27 63", "612 34 56 78", "(212) 555-0199") are read with candidate regions:
the organisation's default region first, then the regions of the post's language, then
TR, ES, US and GB. A number glued to digits without formatting ("4182763915") is weak
evidence: order and tracking numbers look the same, so it needs a context word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
import regex

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.digits import take_non_overlapping
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "tr": [
            "tel",
            "telefon",
            "telefonum",
            "cep",
            "cep no",
            "gsm",
            "numara",
            "numaram",
            "numarası",
            "ara",
            "arayın",
            "arayabilirsiniz",
            "ulaş",
            "whatsapp",
            "wp",
            "sms",
            "mesaj",
        ],
        "es": [
            "tel",
            "teléfono",
            "telefono",
            "móvil",
            "movil",
            "llama",
            "llámame",
            "llamar",
            "número",
            "whatsapp",
            "contacto",
            "escríbeme",
            "sms",
            "fijo",
        ],
        "en": [
            "tel",
            "phone",
            "call",
            "text me",
            "mobile",
            "cell",
            "number",
            "whatsapp",
            "reach me",
            "contact",
            "sms",
            "landline",
        ],
    }
)
NEGATIVE = ContextWords(
    {
        "tr": [
            "sipariş",
            "fatura",
            "takip",
            "kargo",
            "referans",
            "ref",
            "seri",
            "müşteri no",
            "ürün kodu",
            "poliçe",
        ],
        "es": [
            "pedido",
            "factura",
            "seguimiento",
            "envío",
            "referencia",
            "ref",
            "serie",
            "albarán",
            "póliza",
        ],
        "en": [
            "order",
            "invoice",
            "tracking",
            "shipment",
            "reference",
            "ref",
            "serial",
            "ticket",
            "policy no",
        ],
    }
)
_LANGUAGE_REGIONS = {"tr": ("TR",), "es": ("ES",), "en": ("US", "GB")}
_FALLBACK_REGIONS = ("TR", "ES", "US", "GB")

_CANDIDATE = regex.compile(
    r"(?<![\p{L}\p{N}_#/=@+\-.])(?P<plus>\+[ \u00a0]?)?\(?\d+\)?"
    r"(?:[ \-.\u00a0]{1,2}\(?\d+\)?|\(\d+\))*(?![\p{N}])"
)
_GROUP = regex.compile(r"\d+")
_LETTER_AFTER = regex.compile(r"\p{L}")
# IBAN digits look like phone numbers; skip what sits inside one.
_IBAN_LIKE = regex.compile(r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,}")
MIN_DIGITS, MAX_DIGITS = 7, 15

INTERNATIONAL_SCORE = 0.9
FORMATTED_SCORE = 0.8
PLAIN_SCORE = 0.6
NEGATIVE_SCORE = 0.3
CONTEXT_SCORE = 1.0
CONTEXT_WINDOW = 32
NEGATIVE_WINDOW = 24
"""An order or tracking word right before a bare number outweighs a phone word further off."""


@dataclass(frozen=True, slots=True)
class _Parsed:
    region: str
    kind: str
    international: bool


_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll free",
    phonenumbers.PhoneNumberType.VOIP: "voip",
}


def _parse(candidate: str, regions: tuple[str, ...]) -> _Parsed | None:
    compact = candidate.strip()
    international = compact.startswith(("+", "00"))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    for region in (None,) if international else regions:
        try:
            number = phonenumbers.parse(compact, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            kind = _TYPES.get(phonenumbers.number_type(number), "valid")
            found = phonenumbers.region_code_for_number(number) or region or "?"
            return _Parsed(found, kind, international)
    return None


@register
class PhoneDetector(Detector):
    name = "phone"
    entities = ("PHONE_NUMBER",)
    category = Category.PERSONAL_DATA

    def _regions(self, lang: str) -> tuple[str, ...]:
        ordered = []
        if self.org.default_region:
            ordered.append(self.org.default_region.upper())
        ordered.extend(_LANGUAGE_REGIONS.get(lang, ()))
        ordered.extend(_FALLBACK_REGIONS)
        return tuple(dict.fromkeys(ordered))

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        published = {
            regex.sub(r"\D", "", c.value)[-9:] for c in self.org.contact_points if c.kind == "phone"
        }
        regions = self._regions(doc.lang)
        taken = [(m.start(), m.end()) for m in _IBAN_LIKE.finditer(text)]
        for m in _CANDIDATE.finditer(text):
            if m.end() < len(text) and _LETTER_AFTER.match(text, m.end()):
                continue
            groups = [
                (g.start() + m.start(), g.end() + m.start()) for g in _GROUP.finditer(m.group())
            ]
            for start, end in self._windows(m.start(), groups):
                candidate = text[start:end]
                digits = regex.sub(r"\D", "", candidate)
                if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
                    continue
                if any(start < e and s < end for s, e in taken):
                    continue
                parsed = _parse(candidate, regions)
                if parsed is None:
                    continue
                if digits[-9:] in published:
                    take_non_overlapping(taken, start, end)
                    continue
                start, end = _balance(text, start, end)
                take_non_overlapping(taken, start, end)
                yield self._detection(doc, start, end, candidate, digits, parsed)

    @staticmethod
    def _windows(match_start: int, groups: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """The whole candidate (with its '+'), then windows of groups, longest first."""
        yield match_start, groups[-1][1]
        spans = [
            (groups[i][0], groups[j][1])
            for i in range(len(groups))
            for j in range(i, len(groups))
            if (i, j) != (0, len(groups) - 1)
        ]
        spans.sort(key=lambda s: (s[0] - s[1], s[0]))
        yield from spans

    def _detection(
        self, doc: Document, start: int, end: int, candidate: str, digits: str, parsed: _Parsed
    ) -> Detection:
        words = CONTEXT.near(doc, start, end, window=CONTEXT_WINDOW)
        formatted = parsed.international or candidate != digits or digits.startswith("0")
        if not formatted and NEGATIVE.near(doc, start, end, window=NEGATIVE_WINDOW):
            score = NEGATIVE_SCORE
        elif words:
            score = CONTEXT_SCORE
        elif parsed.international:
            score = INTERNATIONAL_SCORE
        else:
            score = FORMATTED_SCORE if formatted else PLAIN_SCORE
        form = "international" if parsed.international else "national"
        return Detection(
            "PHONE_NUMBER",
            start,
            end,
            score,
            pattern=f"{form} phone number",
            validation=f"valid {parsed.region} {parsed.kind} number",
            context_words=words,
            message_args={"region": parsed.region},
        )


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Include an opening '(' before the span or drop an unmatched trailing ')'."""
    if start > 0 and text[start - 1] == "(" and ")" in text[start:end]:
        start -= 1
    piece = text[start:end]
    if piece.endswith(")") and piece.count("(") < piece.count(")"):
        end -= 1
    return start, end
