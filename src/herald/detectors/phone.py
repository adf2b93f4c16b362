"""Telephone numbers of any country, parsed and validated with ``phonenumbers``.

International numbers ("+90 532 ...", "0034 612 ...") carry their country. National ones
("0532 418 27 63", "612 34 56 78", "(212) 555-0199") are read with candidate regions:
the organisation's default region first, then the regions of the post's language, then
TR, ES, US and GB. A number glued to digits without formatting ("4182763915") is weak
evidence: order and tracking numbers look the same, so it needs a context word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import phonenumbers
from pydantic import BaseModel
from stdnum import luhn

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.digits import is_tc_kimlik
from herald.detectors.payment_card import issuer_of
from herald.text.document import Document
from herald.types import Category, OrgSettings, ScanContext

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

_CANDIDATE = re.compile(
    r"(?<![\w#/=@+\-.])(?P<plus>\+[ \u00a0]?)?\(?\d+\)?"
    r"(?:[ \-.\u00a0]{1,2}\(?\d+\)?|\(\d+\))*(?!\d)"
)
_GROUP = re.compile(r"\d+")
_LETTER_AFTER = re.compile(r"[^\W\d_]")
# IBAN digits look like phone numbers; skip what sits inside one.
_IBAN_LIKE = re.compile(r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,}")
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
    international: bool


_TYPE_DESCS = (
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
    "voip", "pager", "uan", "voicemail",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to read a national-format number of one region, from its metadata."""

    country_code: int
    prefixes: tuple[str, ...]
    """National prefixes to strip ('0' in TR and GB, '1' in the US), longest first."""
    simple: bool
    """True when the prefixes are plain digits, so the number can be built directly."""
    pattern: re.Pattern[str]
    """Union of the number-type patterns of the region and its country-code siblings."""


@cache
def _plan(region: str) -> _Plan | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.country_code is None:
        return None
    # Regions sharing the country code (the Isle of Man under +44, Canada under +1) too.
    siblings = phonenumbers.region_codes_for_country_code(meta.country_code)
    patterns = {
        desc.national_number_pattern
        for sibling in siblings
        for desc in (
            getattr(phonenumbers.PhoneMetadata.metadata_for_region(sibling), name, None)
            for name in _TYPE_DESCS
        )
        if desc is not None and desc.national_number_pattern
    }
    if not patterns:
        return None
    rule = meta.national_prefix_for_parsing or meta.national_prefix or ""
    prefixes = tuple(sorted((p for p in rule.split("|") if p), key=len, reverse=True))
    simple = meta.national_prefix_transform_rule is None and all(p.isdigit() for p in prefixes)
    pattern = re.compile("(?:" + "|".join(sorted(patterns)) + ")")
    return _Plan(meta.country_code, prefixes, simple, pattern)


def _national_number(digits: str, plan: _Plan) -> str | None:
    """The national significant number if ``digits`` can be one of the region's numbers.

    This rejects order numbers and dates before the much slower parse and validation.
    """
    if plan.pattern.fullmatch(digits) or not plan.simple:
        return digits  # a prefix rule we cannot apply ourselves: let the parser decide
    for prefix in plan.prefixes:
        if digits.startswith(prefix) and plan.pattern.fullmatch(digits[len(prefix) :]):
            return digits[len(prefix) :]
    return None


def _number_in(region: str, plan: _Plan, national: str, text: str) -> phonenumbers.PhoneNumber:
    if not plan.simple:
        return phonenumbers.parse(text, region)
    number = phonenumbers.PhoneNumber(country_code=plan.country_code, national_number=int(national))
    zeros = len(national) - len(national.lstrip("0"))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros if zeros > 1 else None
    return number


def _parse(candidate: str, digits: str, regions: tuple[str, ...]) -> _Parsed | None:
    compact = candidate.strip()
    if compact.startswith(("+", "00")):
        return _parse_international(
            "+" + compact[2:] if compact.startswith("00") else compact, regions
        )
    for region in regions:
        plan = _plan(region)
        national = _national_number(digits, plan) if plan is not None else digits
        if national is None or plan is None:
            continue
        try:
            number = _number_in(region, plan, national, compact)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            return _Parsed(region, international=False)
        if phonenumbers.is_valid_number(number):
            # A region sharing the country code: Canada under +1, Isle of Man under +44.
            return _Parsed(phonenumbers.region_code_for_number(number) or region, False)
    return None


def _parse_international(compact: str, regions: tuple[str, ...]) -> _Parsed | None:
    try:
        number = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException:
        return None
    # Try the expected regions first: the generic lookup walks every region of a shared
    # country code (+1 has twenty-five).
    shared = phonenumbers.region_codes_for_country_code(number.country_code or 0)
    for expected in regions:
        if expected in shared and phonenumbers.is_valid_number_for_region(number, expected):
            return _Parsed(expected, international=True)
    if phonenumbers.is_valid_number(number):
        return _Parsed(phonenumbers.region_code_for_number(number) or "?", international=True)
    return None


@register
class PhoneDetector(Detector):
    name = "phone"
    entities = ("PHONE_NUMBER",)
    category = Category.PERSONAL_DATA

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        self._published = frozenset(
            _only_digits(c.value)[-9:] for c in org.contact_points if c.kind == "phone"
        )
        self._regions = {lang: self._regions_for(lang) for lang in (*_LANGUAGE_REGIONS, "other")}

    def _regions_for(self, lang: str) -> tuple[str, ...]:
        ordered = []
        if self.org.default_region:
            ordered.append(self.org.default_region.upper())
        ordered.extend(_LANGUAGE_REGIONS.get(lang, ()))
        ordered.extend(_FALLBACK_REGIONS)
        return tuple(dict.fromkeys(ordered))

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        published = self._published
        regions = self._regions.get(doc.lang) or self._regions["other"]
        taken = [(m.start(), m.end()) for m in _IBAN_LIKE.finditer(text)]
        for m in _CANDIDATE.finditer(text):
            if m.end() < len(text) and _LETTER_AFTER.match(text, m.end()):
                continue
            whole = _only_digits(m.group())
            if len(whole) < MIN_DIGITS or _other_identifier(m.group(), whole):
                continue
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = [
                (g.start() + m.start(), g.end() + m.start()) for g in _GROUP.finditer(m.group())
            ]
            for start, end in self._windows(m.start(), groups):
                candidate = text[start:end]
                digits = _only_digits(candidate)
                if any(start < e and s < end for s, e in taken):
                    continue
                if _other_identifier(candidate, digits):
                    continue
                parsed = _parse(candidate, digits, regions)
                if parsed is None:
                    continue
                taken.append((start, end))
                if digits[-9:] not in published:
                    balanced = _balance(text, start, end)
                    yield self._detection(doc, *balanced, candidate, digits, parsed)
                if (start, end) == (m.start(), groups[-1][1]):
                    break  # the whole candidate was a number: no window inside it can be

    @staticmethod
    def _windows(match_start: int, groups: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """The whole candidate (with its '+'), then windows of whole groups holding a
        plausible count of digits, longest first."""
        sizes = [e - s for s, e in groups]
        if MIN_DIGITS <= sum(sizes) <= MAX_DIGITS:
            yield match_start, groups[-1][1]
        if len(groups) == 1:
            return
        spans = []
        for i in range(len(groups)):
            total = 0
            for j in range(i, len(groups)):
                total += sizes[j]
                if total > MAX_DIGITS:
                    break
                if total >= MIN_DIGITS and (i, j) != (0, len(groups) - 1):
                    spans.append((groups[i][0], groups[j][1]))
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
            validation=f"valid {parsed.region} number",
            context_words=words,
            message_args={"region": parsed.region},
        )


_NON_DIGIT = re.compile(r"\D")


def _only_digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


_SSN_SHAPE = re.compile(r"^\d{3}([\- ])\d{2}\1\d{4}$")


def _other_identifier(candidate: str, digits: str) -> bool:
    """A TC Kimlik No, a card number or an SSN-shaped value is not read as a phone."""
    if candidate.startswith("+"):
        return False
    if is_tc_kimlik(digits):
        return True
    if len(digits) >= 12 and issuer_of(digits) is not None and luhn.is_valid(digits):
        return True
    return bool(_SSN_SHAPE.match(candidate))


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Include an opening '(' before the span or drop an unmatched trailing ')'."""
    if start > 0 and text[start - 1] == "(" and ")" in text[start:end]:
        start -= 1
    piece = text[start:end]
    if piece.endswith(")") and piece.count("(") < piece.count(")"):
        end -= 1
    return start, end
