"""JSON Web Tokens: three base64url parts whose header decodes to JSON with an 'alg'."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.text.document import Document
from herald.types import Category, ScanContext

_JWT = regex.compile(
    r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{10,}"
    r"(?![A-Za-z0-9_\-])"
)


def _header_algorithm(part: str) -> str | None:
    padded = part + "=" * (-len(part) % 4)
    try:
        header = json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError):
        return None
    alg = header.get("alg") if isinstance(header, dict) else None
    return alg if isinstance(alg, str) else None


@register
class JwtDetector(Detector):
    name = "jwt"
    entities = ("JWT",)
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        if "eyJ" not in doc.text:
            return
        for m in _JWT.finditer(doc.text):
            alg = _header_algorithm(m.group().split(".", 1)[0])
            if alg is None:
                continue
            yield Detection(
                "JWT",
                m.start(),
                m.end(),
                1.0,
                pattern="header.payload.signature in base64url",
                validation=f"header is JSON with alg {alg}",
            )
