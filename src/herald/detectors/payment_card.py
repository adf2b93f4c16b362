"""Payment card numbers: a known issuer range and a valid Luhn check digit.

Plain ("4111111111111111"), spaced or dashed in fours ("4111 1111 1111 1111"), and the
15-digit American Express grouping (4-6-5) are all read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.digits import (
    document_runs,
    iban_like_spans,
    luhn_valid,
    overlaps,
    take_non_overlapping,
)
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "tr": [
            "kart",
            "kart numarası",
            "kredi kartı",
            "kartım",
            "banka kartı",
            "cvv",
            "son kullanma",
        ],
        "es": [
            "tarjeta",
            "número de tarjeta",
            "tarjeta de crédito",
            "visa",
            "mastercard",
            "cvv",
            "caducidad",
        ],
        "en": [
            "card",
            "card number",
            "credit card",
            "debit card",
            "visa",
            "mastercard",
            "amex",
            "cvv",
            "expiry",
        ],
    }
)
_LENGTHS = frozenset(range(13, 20))

# Issuer identification number prefixes (first digits) with their card lengths.
_ISSUERS: tuple[tuple[str, str, frozenset[int]], ...] = (
    ("amex", r"3[47]", frozenset({15})),
    ("diners", r"3(?:0[0-5]|[689])", frozenset({14, 16})),
    ("jcb", r"35(?:2[89]|[3-8])", frozenset({16, 17, 18, 19})),
    ("troy", r"9792|65[0-9]{2}", frozenset({16})),
    ("mastercard", r"5[1-5]|2(?:2[2-9]|[3-6]|7[01]|720)", frozenset({16})),
    ("visa", r"4", frozenset({13, 16, 19})),
    ("discover", r"6(?:011|4[4-9]|5)", frozenset({16, 19})),
    ("unionpay", r"62", frozenset({16, 17, 18, 19})),
    ("maestro", r"5[06-8]|6[0-9]", frozenset({12, 13, 14, 15, 16, 17, 18, 19})),
    ("uatp", r"1", frozenset({15})),  # airline cards (Universal Air Travel Plan)
)
_ISSUER_PATTERNS = tuple((name, re.compile(prefix), lengths) for name, prefix, lengths in _ISSUERS)
BASE_SCORE = 0.9
CONTEXT_SCORE = 1.0


def issuer_of(digits: str) -> str | None:
    """The card network whose prefix and length ``digits`` have, if any."""
    for name, prefix, lengths in _ISSUER_PATTERNS:
        if len(digits) in lengths and prefix.match(digits):
            return name
    return None


@register
class PaymentCardDetector(Detector):
    name = "payment_card"
    entities = ("CREDIT_CARD",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        taken: list[tuple[int, int]] = []
        ibans = iban_like_spans(doc)
        for run in document_runs(doc, min(_LENGTHS)):
            for window in run.windows(_LENGTHS):
                if overlaps(ibans, window.start, window.end):
                    continue
                issuer = issuer_of(window.digits)
                if issuer is None or len(set(window.digits)) < 2:
                    continue
                if not luhn_valid(window.digits):
                    continue
                if not take_non_overlapping(taken, window.start, window.end):
                    continue
                words = CONTEXT.near(doc, window.start, window.end)
                yield Detection(
                    "CREDIT_CARD",
                    window.start,
                    window.end,
                    CONTEXT_SCORE if words else BASE_SCORE,
                    pattern=f"{len(window.digits)} digits, {issuer} issuer range",
                    validation="luhn check digit valid",
                    context_words=words,
                    message_args={"issuer": issuer},
                )
