"""Turkish identity numbers (TC Kimlik No), validated by their two check digits."""

from __future__ import annotations

from collections.abc import Iterator

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.digits import (
    document_runs,
    iban_like_spans,
    is_tc_kimlik,
    overlaps,
    take_non_overlapping,
)
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "tr": [
            "tc",
            "t.c.",
            "tckn",
            "tc kimlik",
            "kimlik",
            "kimlik no",
            "kimlik numarası",
            "nüfus",
        ],
        "es": ["tc kimlik", "identidad turca", "documento de identidad", "número de identidad"],
        "en": ["tc kimlik", "turkish id", "national id", "identity number", "id number"],
    }
)
_LENGTH = frozenset({11})
BASE_SCORE = 0.85
CONTEXT_SCORE = 1.0
SPACED_SCORE = 0.7
"""Written in several groups without context: the checksum alone is weaker evidence."""


@register
class TcKimlikDetector(Detector):
    name = "tc_kimlik"
    entities = ("TR_TC_KIMLIK",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        taken: list[tuple[int, int]] = []
        ibans = iban_like_spans(doc)
        for run in document_runs(doc, 11):
            for window in run.windows(_LENGTH):
                if overlaps(ibans, window.start, window.end):
                    continue
                if not is_tc_kimlik(window.digits):
                    continue
                if not take_non_overlapping(taken, window.start, window.end):
                    continue
                words = CONTEXT.near(doc, window.start, window.end)
                score = BASE_SCORE if window.groups == 1 else SPACED_SCORE
                yield Detection(
                    "TR_TC_KIMLIK",
                    window.start,
                    window.end,
                    CONTEXT_SCORE if words else score,
                    pattern="11 digits" if window.groups == 1 else "11 digits in groups",
                    validation="tckimlik checksum valid",
                    context_words=words,
                )
