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

from pydantic import BaseModel

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.digits import MAX_GROUPS, iban_like_spans, is_tc_kimlik, luhn_valid, overlaps
from herald.detectors.payment_card import issuer_of
from herald.text.document import Document
from herald.types import Category, OrgSettings, ScanContext

# phonenumbers and python-stdnum are imported by the functions that use them, on the
# first candidate number: most posts have none, and importing them costs `herald check`
# more than checking a post.

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
    r"(?:[ \-.\u00a0]{1,2}\(?\d+\)?|\(\d+\)|(?<=\))\d+)*(?!\d)"
)
_GROUP = re.compile(r"\d+")
_LETTER_AFTER = re.compile(r"[^\W\d_]")
MIN_DIGITS, MAX_DIGITS = 7, 15

INTERNATIONAL_SCORE = 0.9
FORMATTED_SCORE = 0.8
PLAIN_SCORE = 0.6
NEGATIVE_SCORE = 0.3
BUSINESS_SCORE = 0.3
"""Free-phone and premium lines are companies' numbers, not personal data."""
CONTEXT_SCORE = 1.0
CONTEXT_WINDOW = 32
NEGATIVE_WINDOW = 24
"""An order or tracking word right before a bare number outweighs a phone word further off."""


@dataclass(frozen=True, slots=True)
class _Parsed:
    region: str
    international: bool


# Numbers that belong to businesses, not people: free-phone, premium-rate, shared-cost
# and "universal access" lines ("0800 …", "0850 …", "0906 …", "902 …").
_BUSINESS_DESCS = ("toll_free", "premium_rate", "shared_cost", "uan")
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
    import phonenumbers

    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    descs = (getattr(meta, name, None) for name in _TYPE_DESCS) if meta is not None else ()
    return {d.national_number_pattern for d in descs if d is not None and d.national_number_pattern}


@cache
def _business_pattern(region: str) -> re.Pattern[str] | None:
    import phonenumbers

    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    descs = (getattr(meta, name, None) for name in _BUSINESS_DESCS) if meta is not None else ()
    found = {
        d.national_number_pattern for d in descs if d is not None and d.national_number_pattern
    }
    return _union(found) if found else None


def business_line(digits: str, parsed: _Parsed) -> bool:
    """True for a free-phone, premium-rate, shared-cost or universal-access number."""
    pattern = _business_pattern(parsed.region)
    plan = _plan(parsed.region)
    if pattern is None or plan is None:
        return False
    if parsed.international:
        digits = digits.removeprefix("00").removeprefix(str(plan.country_code))
    national = _national_number(digits, plan) or digits
    return bool(pattern.fullmatch(national))


def _union(patterns: set[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(sorted(patterns)) + ")")


@cache
def _plan(region: str) -> _Plan | None:
    import phonenumbers

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


_Desc = tuple[frozenset[int], re.Pattern[str] | None]


@dataclass(frozen=True, slots=True)
class _Validity:
    """What ``phonenumbers.is_valid_number_for_region`` asks of a national number, read
    once from the region's metadata: it matches the general description and at least one
    number type (each with its possible lengths and pattern). Asking it here skips the
    library's per-call lookups; the tests compare the two on many numbers."""

    general: _Desc
    types: tuple[_Desc, ...]

    def accepts(self, national: str) -> bool:
        return _matches(self.general, national) and any(_matches(t, national) for t in self.types)


def _matches(desc: _Desc, national: str) -> bool:
    lengths, pattern = desc
    if lengths and len(national) not in lengths:
        return False
    return pattern is not None and pattern.fullmatch(national) is not None


def _desc(desc: object) -> _Desc:
    pattern = getattr(desc, "national_number_pattern", None)
    return (
        frozenset(getattr(desc, "possible_length", None) or ()),
        re.compile(pattern) if pattern else None,
    )


@cache
def _validity(region: str) -> _Validity | None:
    import phonenumbers

    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        return None
    types = tuple(
        _desc(d) for d in (getattr(meta, name, None) for name in _TYPE_DESCS) if d is not None
    )
    return _Validity(_desc(meta.general_desc), types)


def _significant(national: str) -> str:
    """The national significant number as ``phonenumbers`` rebuilds it from an integer and
    a count of leading zeros (the same digits, unless they are all zeros)."""
    return national if national.strip("0") else national + "0"


def _valid_in(region: str, national: str) -> bool:
    validity = _validity(region)
    return validity is not None and validity.accepts(national)


def _valid_region(national: str, plan: _Plan, preferred: tuple[str, ...]) -> str | None:
    """The region the number is valid in, asking only the regions whose patterns match
    (the generic lookup walks all twenty-five under +1)."""
    national = _significant(national)
    if len(plan.siblings) == 1:
        region = plan.siblings[0][0]
        return region if _valid_in(region, national) else None
    ranked = sorted(plan.siblings, key=lambda s: s[0] not in preferred)
    for region, pattern in ranked:
        if pattern.fullmatch(national) and _valid_in(region, national):
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
            found = _valid_region(national, plan, (region,))
        if found is not None:
            return _Parsed(found, international=False)
    return None


def _parse_generic(text: str, region: str | None) -> str | None:
    """The library's own parser, for regions whose prefix rules we do not apply."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.region_code_for_number(number) or region or "?"


def _parse_international(digits: str, regions: tuple[str, ...]) -> _Parsed | None:
    """``digits`` start with the country code (the '+' or '00' removed)."""
    import phonenumbers

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
        found = _valid_region(national, plan, regions)
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
        # Where a bare run of digits may be a phone number: the organisation's region and the
        # language's own. "1234567890" in a Turkish post is no British number.
        self._home_regions = {
            lang: frozenset({*self._regions_for(lang)[:1], *_LANGUAGE_REGIONS.get(lang, ())})
            for lang in (*_LANGUAGE_REGIONS, "other")
        }

    def _regions_for(self, lang: str) -> tuple[str, ...]:
        ordered = []
        if self.org.default_region:
            ordered.append(self.org.default_region.upper())
        ordered.extend(_LANGUAGE_REGIONS.get(lang, ()))
        ordered.extend(_FALLBACK_REGIONS)
        return tuple(dict.fromkeys(ordered))

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        regions = self._regions.get(doc.lang) or self._regions["other"]
        taken: list[tuple[int, int]] | None = None  # IBANs, then the numbers found
        for m in _CANDIDATE.finditer(text):
            m_start, m_end = m.span()
            if m_end < len(text) and _LETTER_AFTER.match(text, m_end):
                continue
            raw = m.group()
            groups = [
                (g.start() + m_start, g.end() + m_start, g.group()) for g in _GROUP.finditer(raw)
            ]
            date = _DATE_INSIDE.search(raw)
            if date is not None:
                # "2017-08-12 23:50" or "12.05.2024 0532 …": a date's digits are never
                # part of a phone number; look only at the groups around it.
                cut_start, cut_end = date.start() + m_start, date.end() + m_start
                before = [g for g in groups if g[1] <= cut_start]
                after = [g for g in groups if g[0] >= cut_end]
                if taken is None:
                    taken = list(iban_like_spans(doc))
                for part in (before, after):
                    yield from self._windows_of(doc, text, part, regions, taken, whole=True)
                continue
            whole = "".join([g[2] for g in groups])
            if len(whole) < MIN_DIGITS or _other_identifier(raw, whole):
                continue
            if taken is None:
                taken = list(iban_like_spans(doc))
            if overlaps(taken, m_start, m_end):
                continue
            if len(whole) <= MAX_DIGITS:
                parsed = _parse(raw, whole, regions)
                if parsed is not None:
                    taken.append((m_start, m_end))
                    yield from self._report(doc, m_start, m_end, raw, whole, parsed)
                    continue
            yield from self._windows_of(doc, text, groups, regions, taken, whole=False)

    def _windows_of(
        self,
        doc: Document,
        text: str,
        groups: list[tuple[int, int, str]],
        regions: tuple[str, ...],
        taken: list[tuple[int, int]],
        *,
        whole: bool,
    ) -> Iterator[Detection]:
        """Phone numbers made of whole groups of a run (with the run itself if ``whole``)."""
        if not groups or len(groups) > MAX_GROUPS:
            return  # a long list of numbers is not one phone number (and costs n²)
        windows = _sub_windows(groups)
        if whole:
            digits = "".join([g[2] for g in groups])
            if MIN_DIGITS <= len(digits) <= MAX_DIGITS:
                windows.insert(0, (groups[0][0], groups[-1][1], digits))
        for start, end, digits in windows:
            candidate = text[start:end]
            if overlaps(taken, start, end) or _other_identifier(candidate, digits):
                continue
            parsed = _parse(candidate, digits, regions)
            if parsed is not None:
                taken.append((start, end))
                yield from self._report(doc, start, end, candidate, digits, parsed)

    def _report(
        self, doc: Document, start: int, end: int, candidate: str, digits: str, parsed: _Parsed
    ) -> Iterator[Detection]:
        bare = not parsed.international and candidate == digits and not digits.startswith("0")
        home = self._home_regions.get(doc.lang) or self._home_regions["other"]
        if bare and parsed.region not in home:
            return
        if digits[-9:] not in self._published:
            balanced = _balance(doc.text, start, end)
            yield self._detection(doc, *balanced, candidate, digits, parsed)

    def _detection(
        self, doc: Document, start: int, end: int, candidate: str, digits: str, parsed: _Parsed
    ) -> Detection:
        words = CONTEXT.near(doc, start, end, window=CONTEXT_WINDOW)
        formatted = parsed.international or candidate != digits or digits.startswith("0")
        business = business_line(digits, parsed)
        if business:
            score = BUSINESS_SCORE
        elif (
            not parsed.international
            and not digits.startswith("0")
            and NEGATIVE.near(doc, start, end, window=NEGATIVE_WINDOW)
        ):
            # "Sipariş no 532-418-2763", "pedido 612-34-56-78": order and tracking numbers
            # (a trunk prefix, "0532 …", still marks a phone number)
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
            validation=f"valid {parsed.region} number"
            + (" (free-phone, premium or shared-cost: a business line)" if business else ""),
            context_words=words,
            message_args={"region": parsed.region},
        )


_NON_DIGIT = re.compile(r"\D")


def _sub_windows(groups: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Windows of whole groups inside a longer run, holding a plausible count of digits,
    longest first ("Sipariş 12345 0532 418 27 63" -> "0532 418 27 63")."""
    spans = []
    for i in range(len(groups)):
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j][2]
            if len(digits) > MAX_DIGITS:
                break
            if len(digits) >= MIN_DIGITS and (i, j) != (0, len(groups) - 1):
                spans.append((groups[i][0], groups[j][1], digits))
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    return spans


def _only_digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


_SSN_SHAPE = re.compile(r"^\d{3}([\- ])\d{2}\1\d{4}$")
# Dates and IPv4 addresses are not phone numbers either ("612.34.56.78" still is one:
# 612 cannot start an address).
_DATE_OR_QUAD = re.compile(
    r"^\d{1,2}([./\-])\d{1,2}\1\d{4}$|^\d{4}-\d{2}-\d{2}$"
    r"|^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$"
)
_DATE_INSIDE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}([./\-])\d{1,2}\1(?:19|20)\d{2})(?!\d)"
)
# Four groups of four (or Amex 4-6-5): a card number, valid or not, never a phone.
_CARD_SHAPE = re.compile(r"^\d{4}([ \-])\d{4}\1\d{4}\1\d{1,7}$|^\d{4}([ \-])\d{6}\2\d{5}$")


def _other_identifier(candidate: str, digits: str) -> bool:
    """A TC Kimlik No, a card number or an SSN-shaped value is not read as a phone."""
    if candidate.startswith("+"):
        return False
    if is_tc_kimlik(digits):
        return True
    if len(digits) >= 12 and issuer_of(digits) is not None and luhn_valid(digits):
        return True
    return bool(
        _SSN_SHAPE.match(candidate)
        or _CARD_SHAPE.match(candidate)
        or _DATE_OR_QUAD.match(candidate)
    )


def _wrapped(piece: str) -> bool:
    """True for "(...)" where the first bracket closes at the very end."""
    if not (piece.startswith("(") and piece.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(piece):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(piece) - 1
    return False


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep brackets only in pairs: "(0532) 418 ..." keeps its "(", while
    "(0532 418 27 63)" around a number loses both."""
    piece = text[start:end]
    if piece.count(")") > piece.count("(") and start > 0 and text[start - 1] == "(":
        start -= 1
        piece = text[start:end]
    if _wrapped(piece):
        return start + 1, end - 1  # brackets around the whole number are not part of it
    while piece.startswith("(") and piece.count("(") > piece.count(")"):
        start += 1
        piece = piece[1:]
    while piece.endswith(")") and piece.count(")") > piece.count("("):
        end -= 1
        piece = piece[:-1]
    return start, end
