"""International bank account numbers of any country, validated by mod-97."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import mul

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.text.document import Document
from herald.types import Category, ScanContext

# python-stdnum is imported where it is used: most posts have no candidate, and importing
# it costs `herald check` more than checking a post.

CONTEXT = ContextWords(
    {
        "tr": ["iban", "hesap", "hesap no", "hesap numarası", "havale", "eft"],
        "es": ["iban", "cuenta", "número de cuenta", "transferencia", "bizum"],
        "en": ["iban", "account", "account number", "bank", "transfer", "wire"],
    }
)
# Country code, check digits, then 10-30 letters or digits in optional groups of any size.
_CANDIDATE = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){10,30}")
_SEPARATORS = " -"
BASE_SCORE = 0.95


@dataclass(frozen=True, slots=True)
class _Country:
    length: int
    bban: re.Pattern[str]
    """The structure of the account part, e.g. "5!n1!n16!c" -> [0-9]{5}[0-9]{1}[A-Z0-9]{16}."""
    national: Callable[[str], bool] | None
    """The country's own check of the whole IBAN (Spain's CCC check digits), if any."""


@cache
def _countries() -> dict[str, _Country]:
    """Country code -> IBAN length and structure, from python-stdnum's IBAN registry.

    Validating with these is what ``stdnum.iban.is_valid`` does (mod 97, registry entry,
    structure, then the country's module), without its registry walk and regular
    expression building on every call; the tests compare the two on many numbers.
    """
    from stdnum import numdb

    countries: dict[str, _Country] = {}
    for entry in numdb.get("iban").prefixes:
        country, props = entry[1], entry[3]
        bban = props.get("bban", "")
        if len(country) == 2 and bban:
            parts = _STRUCTURE.findall(bban)
            pattern = "".join(f"{_CLASSES[kind]}{{{count}}}" for count, kind in parts)
            countries[country] = _Country(
                4 + sum(int(count) for count, _ in parts),
                re.compile(pattern),
                _national_check(country),
            )
    return countries


_CLASSES = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Za-z0-9]"}
_STRUCTURE = re.compile(r"([1-9][0-9]*)!([nac])")


def _national_check(country: str) -> Callable[[str], bool] | None:
    """The country module's check (python-stdnum has IBAN modules for a few countries)."""
    from stdnum.util import get_cc_module

    if country in _REGISTRY_LOOKUP:
        return None
    if country == "ES":  # the module re-validates the generic part first
        return _spanish_ccc_ok
    module = get_cc_module(country.lower(), "iban")
    check = getattr(module, "is_valid", None) if module is not None else None
    return check if callable(check) else None


_CCC_WEIGHTS = tuple(2**i % 11 for i in range(10))
_CCC_ZERO = 48 * sum(_CCC_WEIGHTS)
"""What the weights add up to over ten ASCII '0' codes (the digits are read as bytes)."""


def _ccc_digit(digits: str) -> int:
    check: int = (sum(map(mul, _CCC_WEIGHTS, digits.encode())) - _CCC_ZERO) % 11
    return check if check < 2 else 11 - check


def _spanish_ccc_ok(number: str) -> bool:
    """The two check digits of a Spanish account (CCC), as python-stdnum's ``es.ccc``
    computes them, on an IBAN whose account part the registry structure already read as
    20 digits."""
    ccc = number[4:]
    return ccc[8:10] == f"{_ccc_digit('00' + ccc[:8])}{_ccc_digit(ccc[10:])}"


# Countries whose stdnum module also looks the bank code up in a bundled registry: a valid
# account of a bank missing from it would be let through, so their generic check is used.
_REGISTRY_LOOKUP = frozenset({"BE"})


def iban_lengths() -> dict[str, int]:
    """Country code -> IBAN length."""
    return {country: c.length for country, c in _countries().items()}


# Letters count as 10..35 in the mod-97 check.
_AS_NUMBER = {ord(ch): str(ord(ch) - 55) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _mod97_ok(compact: str) -> bool:
    """ISO 7064 mod 97-10 over the rearranged number (upper-case letters and digits)."""
    moved = (compact[4:] + compact[:4]).translate(_AS_NUMBER)
    return moved.isascii() and moved.isdigit() and int(moved) % 97 == 1


def iban_valid(compact: str) -> bool:
    """A compact, upper-case IBAN is valid: registry country and length, account
    structure, mod 97 and the country's own check where there is one."""
    if not compact.isascii():  # full-width digits and the like: python-stdnum decides
        from stdnum import iban

        return bool(iban.is_valid(compact, check_country=compact[:2] not in _REGISTRY_LOOKUP))
    country = _countries().get(compact[:2])
    if country is None or len(compact) != country.length:
        return False
    if not compact[2:4].isdigit() or not country.bban.fullmatch(compact[4:]):
        return False
    if not _mod97_ok(compact):
        return False
    return country.national is None or country.national(compact)


@register
class IbanDetector(Detector):
    name = "iban"
    entities = ("IBAN_CODE",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        for m in _CANDIDATE.finditer(text):
            found = self._longest_valid(text, m.start(), m.end())
            if found is None:
                continue
            end, compact = found
            words = CONTEXT.near(doc, m.start(), end)
            yield Detection(
                "IBAN_CODE",
                m.start(),
                end,
                1.0 if words else BASE_SCORE,
                pattern="country code + check digits + account",
                validation=f"iban mod-97 and {compact[:2]} format valid",
                context_words=words,
                message_args={"country": compact[:2]},
            )

    @staticmethod
    def _longest_valid(text: str, start: int, end: int) -> tuple[int, str] | None:
        # The candidate may run on into the next word ("... 26 numaralı"): the country's
        # IBAN length says where it ends.
        positions = [i for i in range(start, end) if text[i] not in _SEPARATORS]
        raw = "".join([text[i] for i in positions])
        chars = raw.upper()
        country = _countries().get(chars[:2])
        if country is None or len(chars) < country.length:
            return None
        length = country.length
        stop = positions[length - 1] + 1
        if stop < len(text) and text[stop].isalnum():
            return None  # the account number runs on: not an IBAN of this country
        letters = [c for c in raw[:length] if c.isalpha()]
        if any(c.isupper() for c in letters) and any(c.islower() for c in letters):
            return None  # "LV80 bANK …": an IBAN is written in one case
        compact = chars[:length]
        if iban_valid(compact):
            return stop, compact
        return None
