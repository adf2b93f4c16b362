"""E-mail addresses (personal data unless the organisation published them)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.text.document import Document
from herald.types import Category, ScanContext

# "scheme://user:" or "user:" right before, or a "://" earlier in the same word: the
# "address" is the password and host of a URL's or a connection's userinfo
# ("admin:Hunter2024@db.internal:5432", "mongodb+srv://app:Sup3r$ecret@cluster0...").
# A label ("Email:", "correo:", "mailto:") before the colon is an address, not a user name.
_USERINFO_BEFORE = regex.compile(
    r"(?:[a-z][a-z0-9+.\-]*://\S*|(?<![\S])(?!(?i:e-?mail|mailto|mail|correo|e-?posta|contact|"
    r"contacto|iletisim|iletişim|adres|to|cc|from|de|para)\s*:)[\w.\-]+:\S*)$",
    regex.IGNORECASE,
)
_EMAIL = regex.compile(
    r"(?<![\w.+\-])[\p{L}\p{N}._%+\-]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:[\p{L}]{2,24}|xn--[a-z0-9\-]{2,59})(?![\w\-])"
)


@register
class EmailDetector(Detector):
    name = "email"
    entities = ("EMAIL_ADDRESS",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        published = {c.value.casefold() for c in self.org.contact_points if c.kind == "email"}
        for m in _EMAIL.finditer(doc.text):
            value = m.group()
            if value.casefold() in published:
                continue
            if _USERINFO_BEFORE.search(doc.text, max(0, m.start() - 80), m.start()):
                continue
            local = value.split("@", 1)[0]
            if local.startswith(".") or local.endswith(".") or ".." in local:
                continue
            yield Detection(
                "EMAIL_ADDRESS", m.start(), m.end(), 1.0, pattern="email address syntax"
            )
