"""International bank account numbers of any country, validated by mod-97."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

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


@cache
def _validator(country: str) -> Callable[[str], bool]:
    """The most specific stdnum check for a country: its own IBAN module (national check
    digits, e.g. Spain's CCC) when there is one, else the generic one. Calling the module
    directly avoids stdnum validating the generic part twice."""
    from stdnum import iban
    from stdnum.util import get_cc_module

    if country in _REGISTRY_LOOKUP:
        return lambda number: iban.is_valid(number, check_country=False)
    module = get_cc_module(country.lower(), "iban")
    check = getattr(module, "is_valid", None) if module is not None else None
    return check if callable(check) else iban.is_valid


# Countries whose stdnum module also looks the bank code up in a bundled registry: a valid
# account of a bank missing from it would be let through, so their generic check is used.
_REGISTRY_LOOKUP = frozenset({"BE"})


@cache
def iban_lengths() -> dict[str, int]:
    """Country code -> IBAN length, from python-stdnum's IBAN registry (bban structures
    such as "5!n1!n16!c")."""
    from stdnum import numdb

    lengths: dict[str, int] = {}
    for entry in numdb.get("iban").prefixes:
        country, props = entry[1], entry[3]
        bban = props.get("bban", "")
        if len(country) == 2 and bban:
            lengths[country] = 4 + sum(int(n) for n in _STRUCTURE.findall(bban))
    return lengths


_STRUCTURE = re.compile(r"(\d+)!?[nac]")


def _mod97_ok(compact: str) -> bool:
    """Cheap pre-check used to find where the IBAN ends; stdnum validates the winner."""
    moved = compact[4:] + compact[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in moved))
    except ValueError:
        return False
    return number % 97 == 1


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
        length = iban_lengths().get(chars[:2])
        if length is None or len(chars) < length:
            return None
        stop = positions[length - 1] + 1
        if stop < len(text) and text[stop].isalnum():
            return None  # the account number runs on: not an IBAN of this country
        letters = [c for c in raw[:length] if c.isalpha()]
        if any(c.isupper() for c in letters) and any(c.islower() for c in letters):
            return None  # "LV80 bANK …": an IBAN is written in one case
        compact = chars[:length]
        if _mod97_ok(compact) and _validator(compact[:2])(compact):
            return stop, compact
        return None
