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

# The lookahead (seven digits with only separators between them) skips the many short
# numbers of a post (prices, years, times) inside the regular-expression engine.
_CANDIDATE = re.compile(
    r"(?<![\w#/=@+\-.])(?=(?:[ \-.\u00a0()+]{0,3}\d){7})(?P<plus>\+[ \u00a0]?)?\(?\d+\)?"
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
    siblings: tuple[tuple[str, re.Pattern[str]], ...]
    """Each region sharing the country code with the union of its own type patterns."""


def _type_patterns(region: str) -> set[str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    descs = (getattr(meta, name, None) for name in _TYPE_DESCS) if meta is not None else ()
    return {d.national_number_pattern for d in descs if d is not None and d.national_number_pattern}


def _union(patterns: set[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(sorted(patterns)) + ")")


@cache
def _plan(region: str) -> _Plan | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.country_code is None:
        return None
    # Regions sharing the country code (the Isle of Man under +44, Canada under +1) too.
    siblings = [
        (sibling, _type_patterns(sibling))
        for sibling in phonenumbers.region_codes_for_country_code(meta.country_code)
    ]
    everything: set[str] = set().union(*(p for _, p in siblings))
    if not everything:
        return None
    rule = meta.national_prefix_for_parsing or meta.national_prefix or ""
    prefixes = tuple(sorted((p for p in rule.split("|") if p), key=len, reverse=True))
    simple = meta.national_prefix_transform_rule is None and all(p.isdigit() for p in prefixes)
    return _Plan(
        meta.country_code,
        prefixes,
        simple,
        _union(everything),
        tuple((sibling, _union(p)) for sibling, p in siblings if p),
    )


def _national_number(digits: str, plan: _Plan) -> str | None:
    """The national significant number if ``digits`` can be one of the region's numbers.

    This rejects order numbers and dates before the much slower validation.
    """
    if plan.pattern.fullmatch(digits) or not plan.simple:
        return digits  # a prefix rule we cannot apply ourselves: let the parser decide
    for prefix in plan.prefixes:
        if digits.startswith(prefix) and plan.pattern.fullmatch(digits[len(prefix) :]):
            return digits[len(prefix) :]
    return None


def _number(country_code: int, national: str) -> phonenumbers.PhoneNumber:
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    zeros = len(national) - len(national.lstrip("0"))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros if zeros > 1 else None
    return number


def _valid_region(
    number: phonenumbers.PhoneNumber, plan: _Plan, preferred: tuple[str, ...]
) -> str | None:
    """The region ``phonenumbers`` says the number is valid in, asking only the regions
    whose patterns match (the generic lookup walks all twenty-five under +1)."""
    national = phonenumbers.national_significant_number(number)
    ranked = sorted(plan.siblings, key=lambda s: s[0] not in preferred)
    for region, pattern in ranked:
        if pattern.fullmatch(national) and phonenumbers.is_valid_number_for_region(number, region):
            return region
    return None


def _parse(candidate: str, digits: str, regions: tuple[str, ...]) -> _Parsed | None:
    compact = candidate.strip()
    if compact.startswith("+"):
        return _parse_international(digits, regions)
    if compact.startswith("00"):
        return _parse_international(digits[2:], regions)
    for region in regions:
        plan = _plan(region)
        if plan is None or not plan.simple:
            found = _parse_generic(compact, region)
        else:
            national = _national_number(digits, plan)
            if national is None:
                continue
            found = _valid_region(_number(plan.country_code, national), plan, (region,))
        if found is not None:
            return _Parsed(found, international=False)
    return None


def _parse_generic(text: str, region: str | None) -> str | None:
    """The library's own parser, for regions whose prefix rules we do not apply."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.region_code_for_number(number) or region or "?"


def _parse_international(digits: str, regions: tuple[str, ...]) -> _Parsed | None:
    """``digits`` start with the country code (the '+' or '00' removed)."""
    owners: list[str] = []
    size = 0
    for size in (1, 2, 3):  # country codes are prefix-free: at most one length fits
        owners = list(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size] or 0), ()))
        if owners:
            break
    if not owners:
        return None
    plan = _plan(owners[0])
    if plan is None or not plan.simple:
        found = _parse_generic("+" + digits, None)
    else:
        national = _national_number(digits[size:], plan)
        if national is None:
            return None
        found = _valid_region(_number(plan.country_code, national), plan, regions)
    return _Parsed(found, international=True) if found is not None else None


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
