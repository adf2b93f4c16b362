"""IP addresses (IPv4 and IPv6): personal data when they point at a person's device.

Version numbers look like IPv4 addresses ("v1.2.3.4", "sürüm 10.0.19041.1"), so a
version word or a 'v' right before the value rules it out.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

import regex

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.text.document import Document
from herald.types import Category, ScanContext

CONTEXT = ContextWords(
    {
        "tr": ["ip", "ip adresi", "ip adresim", "sunucu", "modem", "bağlantı"],
        "es": ["ip", "dirección ip", "servidor", "conexión", "router"],
        "en": ["ip", "ip address", "server", "host", "router", "connection"],
    }
)
# A version word right before the value ("sürüm 10.0.19041.1", "versión 2.1.0.4").
_VERSION_BEFORE = regex.compile(
    r"(?<!\p{L})(?:surum|versiyon|version|build|release|firmware|guncelleme|actualizacion|update|v)"
    r"[\s:.]{0,3}$"
)
_IPV4 = re.compile(r"(?<![\w.\-])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d|-)")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
BASE_SCORE = 0.85
CONTEXT_SCORE = 1.0
VERSION_WINDOW = 16


@register
class IpAddressDetector(Detector):
    name = "ip_address"
    entities = ("IP_ADDRESS",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        # Cheap tests first: an IPv4 address has three dots, an IPv6 one "::" or 7 colons.
        for m in _IPV4.finditer(text) if text.count(".") >= 3 else ():
            if any(len(part) > 1 and part[0] == "0" for part in m.group().split(".")):
                continue  # "01.02.2024.1": leading zeros are dates and codes, not addresses
            yield from self._check(doc, m.start(), m.end(), "IPv4 dotted quad")
        for m in _IPV6.finditer(text) if "::" in text or text.count(":") >= 7 else ():
            value = m.group()
            if "::" not in value and value.count(":") != 7:
                continue  # times ("12:30:45") and MAC addresses are not IPv6
            if sum(ch.isalnum() for ch in value) < 2:
                continue  # "::" between words is punctuation
            yield from self._check(doc, m.start(), m.end(), "IPv6 hex groups")

    def _check(self, doc: Document, start: int, end: int, pattern: str) -> Iterator[Detection]:
        value = doc.text[start:end]
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return
        if _VERSION_BEFORE.search(doc.folded.folded, max(0, start - VERSION_WINDOW), start):
            return
        words = CONTEXT.near(doc, start, end)
        kind = "private" if address.is_private else "public"
        yield Detection(
            "IP_ADDRESS",
            start,
            end,
            CONTEXT_SCORE if words else BASE_SCORE,
            pattern=pattern,
            validation=f"valid {kind} IPv{address.version} address",
            context_words=words,
        )
