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
    r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{5,}\.(?P<payload>eyJ[A-Za-z0-9_\-]{5,})"
    r"(?P<signature>\.[A-Za-z0-9_\-]{10,})?(?![A-Za-z0-9_\-])"
)


def _decode_json(part: str) -> object:
    padded = part + "=" * (-len(part) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError):
        return None


def _header_algorithm(part: str) -> str | None:
    header = _decode_json(part)
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
            if m.group("signature") is None and not isinstance(_decode_json(m["payload"]), dict):
                continue  # unsigned: both parts must be JSON objects to be a token
            signed = m.group("signature") is not None
            yield Detection(
                "JWT",
                m.start(),
                m.end(),
                1.0,
                pattern="header.payload.signature in base64url"
                if signed
                else "header.payload in base64url (unsigned)",
                validation=f"header is JSON with alg {alg}",
            )
