"""US Social Security numbers, with the ranges that are never issued excluded."""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.checksums import ssn_valid
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "en": ["ssn", "social security", "social security number", "ss#", "ss #"],
        "es": ["ssn", "seguro social", "número de seguro social"],
        "tr": ["ssn", "sosyal güvenlik", "sosyal güvenlik numarası"],
    }
)
# Dashed or spaced 3-2-4, or nine plain digits (only with context).
_SSN = re.compile(
    r"(?<![\w#/=@\-.])"
    r"(?:(?P<grouped>\d{3}(?P<sep>[\- ])\d{2}(?P=sep)\d{4})|(?P<plain>\d{9}))"
    r"(?!\d|[\-.]\d)"
)
GROUPED_SCORE = 0.6
"""A dashed 3-2-4 number without context could still be a part or case number."""
CONTEXT_SCORE = 1.0


@register
class UsSsnDetector(Detector):
    name = "us_ssn"
    entities = ("US_SSN",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        for m in _SSN.finditer(doc.text):
            if not ssn_valid(m.group().replace(" ", "-")):
                continue
            words = CONTEXT.near(doc, m.start(), m.end())
            if m.group("plain") and not words:
                continue
            yield Detection(
                "US_SSN",
                m.start(),
                m.end(),
                CONTEXT_SCORE if words else GROUPED_SCORE,
                pattern="3-2-4 digits" if m.group("grouped") else "9 digits",
                validation="ssn area, group and serial valid",
                context_words=words,
            )
