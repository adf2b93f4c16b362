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
    r"(?<!\p{L})(?:(?:surum|versiyon|version|build|release|firmware|guncelleme|actualizacion|"
    r"update|compilacion|yapi|revision|ver)\p{L}{0,5}(?:\s+(?:no|numarasi|numero|nro))?|v)"
    r"[\s:.#]{0,3}$"
)
_IPV4 = re.compile(r"(?<![\w.\-])(?:\d{1,3}\.){3}\d{1,3}(?P<prefix>/\d{1,4})?(?!\w|\.\d|-|/\d)")
# The longest run that could be an IPv6 address (hex groups, colons, an IPv4 tail), with its
# zone ("%eth0") and prefix ("/64"). It is reported whole or not at all: a valid address cut
# out of an invalid one would leave the rest in clear when redacted.
_IPV6 = re.compile(
    r"(?<![\w:.%/])(?P<address>[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)"
    r"(?P<zone>%[\w.\-]+)?(?P<prefix>/\d{1,4})?(?![\w:%/])"
)
BASE_SCORE = 0.85
CONTEXT_SCORE = 1.0
VERSION_WINDOW = 32


@register
class IpAddressDetector(Detector):
    name = "ip_address"
    entities = ("IP_ADDRESS",)
    category = Category.PERSONAL_DATA

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        ipv6_runs: list[tuple[int, int]] = []
        # Cheap tests first: an IPv6 address has "::" or at least six colons.
        for m in _IPV6.finditer(text) if "::" in text or text.count(":") >= 6 else ():
            address = m.group("address").rstrip(".")
            if "::" not in address and address.count(":") < 6:
                continue  # times ("12:30:45") and ratios are not IPv6
            start, end = m.start(), m.start() + len(address)
            if address.count(".") and address.count(".") != 3:
                continue  # "1:2.3": not an address and not worth keeping out of IPv4
            ipv6_runs.append((start, m.end()))
            prefix = m.group("prefix")
            if not any(ch.isalnum() for ch in address) and not prefix:
                continue  # a bare "::" is punctuation in prose and code; "::/0" is a route
            if end == m.end("address") and (m.group("zone") or prefix):
                # A zone and a valid prefix belong to the address; "/9999" does not.
                end = m.end() if not prefix or int(prefix[1:]) <= 128 else m.start("prefix")
            yield from self._check(doc, start, end, "IPv6 hex groups", address)
        # An IPv4 address has three dots; one inside an IPv6 run was judged with it.
        for m in _IPV4.finditer(text) if text.count(".") >= 3 else ():
            start, end = m.span()
            if any(s <= start < e for s, e in ipv6_runs):
                continue
            address = text[start : m.start("prefix") if m.group("prefix") else end]
            if any(len(part) > 1 and part[0] == "0" for part in address.split(".")):
                continue  # "01.02.2024.1": leading zeros are dates and codes, not addresses
            if m.group("prefix") and int(m.group("prefix")[1:]) > 32:
                end = m.start("prefix")  # "/123" is no prefix length: the address alone
            yield from self._check(doc, start, end, "IPv4 dotted quad", address)

    def _check(
        self, doc: Document, start: int, end: int, pattern: str, value: str
    ) -> Iterator[Detection]:
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
