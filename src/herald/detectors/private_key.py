"""Private keys pasted as PEM or OpenSSH blocks (even when the post cuts them off)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.text.document import Document
from herald.types import Category, ScanContext

_BEGIN = regex.compile(
    r"-----BEGIN (?P<kind>(?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
)
_BODY = regex.compile(r"[A-Za-z0-9+/=\s:\-,]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)")
_PUTTY = regex.compile(r"PuTTY-User-Key-File-\d: [\w\-]+")


@register
class PrivateKeyDetector(Detector):
    name = "private_key"
    entities = ("PRIVATE_KEY",)
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        if "PRIVATE KEY" not in text and "PuTTY" not in text:
            return
        for m in _BEGIN.finditer(text):
            body = _BODY.match(text, m.end())
            end = body.end() if body else m.end()
            closed = "-----END" in text[m.end() : end]
            yield Detection(
                "PRIVATE_KEY",
                m.start(),
                end if closed else len(text[:end].rstrip()),
                1.0,
                pattern=f"-----BEGIN {m.group('kind')}----- block",
                validation="complete block" if closed else "block without its END line",
            )
        for m in _PUTTY.finditer(text):
            yield Detection("PRIVATE_KEY", m.start(), m.end(), 1.0, pattern="PuTTY key file header")
