"""Spanish personal identifiers: DNI and NIE, validated by their check letter.

A company's CIF is not personal data, so it is never reported; neither is a DNI-shaped
value whose letter does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.checksums import dni_valid, nie_valid
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "es": [
            "dni",
            "nie",
            "nif",
            "documento",
            "identidad",
            "carnet",
            "carné",
            "número de identificación",
        ],
        "tr": ["dni", "nie", "nif", "kimlik", "ispanyol kimlik"],
        "en": ["dni", "nie", "nif", "spanish id", "id number", "identity"],
    }
)
# 7 or 8 digits (optionally dotted 12.345.678) or X/Y/Z + 7 digits, then the check letter.
_ID = re.compile(
    r"(?<![\w#/=@\-])"
    r"(?:(?P<nie>[XYZxyz][ \-]?\d{7})|(?P<dni>\d{7,8}|\d{1,2}\.\d{3}\.\d{3}))"
    r"[ \-]?(?P<letter>[A-Za-z])(?![^\W_])"
)
BASE_SCORE = 0.85
CONTEXT_SCORE = 1.0


@register
class SpanishIdDetector(Detector):
    name = "es_dni_nie"
    entities = ("ES_DNI", "ES_NIE")
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        for m in _ID.finditer(doc.text):
            value = m.group().upper().replace(".", "").replace(" ", "").replace("-", "")
            if m.group("dni") and len(value) == 8:
                value = "0" + value  # an old DNI without its leading zero: "1111111-G"
            if m.group("nie"):
                entity, valid, label = "ES_NIE", nie_valid(value), "nie check letter valid"
            else:
                entity, valid, label = "ES_DNI", dni_valid(value), "dni check letter valid"
            if not valid:
                continue
            words = CONTEXT.near(doc, m.start(), m.end())
            yield Detection(
                entity,
                m.start(),
                m.end(),
                CONTEXT_SCORE if words else BASE_SCORE,
                pattern="X/Y/Z + 7 digits + letter" if entity == "ES_NIE" else "8 digits + letter",
                validation=label,
                context_words=words,
            )
