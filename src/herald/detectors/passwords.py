"""Passwords and one-time codes written in prose, in Turkish, Spanish and English.

"şifrem Kedi1234", "wifi şifresi: ...", "mi contraseña es ...", "mi clave es ...",
"password is ...", "doğrulama kodu 482913", "código de verificación: 482 913". The
trigger words are matched on the folded text (so "SIFRE", "şifre" and "sifre" meet);
the value must look like a password (digits, symbols or mixed case), so "şifremi
unuttum" or "la contraseña es segura" are not reported, and placeholders never are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.detectors.placeholders import character_classes, is_placeholder
from herald.text.document import Document
from herald.types import Category, ScanContext

_NETWORK = r"wifi|wi-fi|wi fi|wlan|router|red|internet|modem|casa|oficina|house|office|network|home"
_WIFI = regex.compile(r"wifi|wi-fi|wi fi|wlan|router|modem|red|network|internet|ag(?:in|imiz)?")
# Folded trigger words; a Turkish suffix may follow ("şifrem", "şifresi", "parolamız").
_PASSWORD = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<trigger>sifre|parola|contrasena|contraseña|clave|password|passwd|"
    r"passcode|pwd|pw|pin|contra(?=\s+del?\s+(?:wifi|wi-fi|wi fi|router|red)))"
    r"(?P<suffix>\p{L}{0,6})"
    # What the password is for: "la contraseña del wifi es", "the password for the wifi is",
    # "wifi şifresi": a network name in between, then the verb or a colon.
    rf"(?P<network>\s+(?:del?|de\s+la|de\s+mi|for\s+(?:the|my|our)|of\s+(?:the|my|our)|to\s+the)"
    rf"\s+(?:{_NETWORK})(?:\s+\p{{L}}+)?)?"
    r"(?:\s*[:=]\s*|\s+(?:(?:is|was|es|era|sera|olarak|su|de\s+acceso\s+es|:)\s+)?)"
    r"(?P<value>\S{4,64})"
)
_OTP = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<trigger>"
    r"dogrulama kodu|onay kodu|sms kodu|giris kodu|guvenlik kodu|tek kullanimlik (?:sifre|kod)|"
    r"codigo de verificacion|codigo de seguridad|codigo de acceso|codigo sms|clave de un solo uso|"
    r"verification code|security code|one[- ]time (?:code|password|passcode)|login code|"
    r"auth(?:entication)? code|2fa code|otp)"
    r"\p{L}{0,4}[\s:]*(?:(?:is|es|ise|olarak)\s+)?"
    r"(?P<value>\d{3}[ \-]?\d{3}|\d{4,8})(?![\p{N}])"
)
# What each pattern's trigger words have in common (a text without any is skipped, and the
# standard library's engine finds that out at a fraction of the cost of the patterns).
_PASSWORD_HINT = re.compile(r"sifre|parola|contrase|clave|pass|pw|pin")
_OTP_HINT = re.compile(r"kod|codigo|code|clave|sifre|pass|otp")
_PROMO = regex.compile(
    r"(?<!\p{L})(?:indirim|kupon|promo|descuento|cupon|discount|coupon|referans|ref)"
)
_SUFFIX_AFTER_VALUE = regex.compile(r"['’][\p{L}]+$")
_LEADING = "\"'“‘«([{"
_TRAILING = ".,;:!?)]}\"'"
_WEAK_WORDS = frozenset({"123", "abc"})
_IDENTIFIER = regex.compile(r"^[a-z_]+(?:[._\-][a-z_]+)+$")
PASSWORD_SCORE = 0.9
OTP_SCORE = 0.9


def _clean_value(value: str) -> str:
    value = value.lstrip(_LEADING).rstrip(_TRAILING)
    value = _SUFFIX_AFTER_VALUE.sub("", value)  # "Kedi1234'tür" -> "Kedi1234"
    return value.rstrip(_TRAILING)


def looks_like_password(value: str, trigger: str, *, network: bool = False) -> bool:
    if len(value) < 4 or is_placeholder(value) or value.lower() in _WEAK_WORDS:
        return False
    if network and value.isdigit() and len(value) >= 6:
        return True  # a wifi password is often all digits: "la clave del wifi es 87654321"
    if "fake" in value.lower():
        return False  # "a-fake-tooshort-key": says itself that it is not real
    if not any(c.isalnum() for c in value) or _IDENTIFIER.match(value):
        return False  # punctuation, or a name such as "real_key" / "db.password": not a value
    if trigger == "pin":
        return value.isdigit() and 4 <= len(value) <= 8
    if value.isalpha() and (value.islower() or value.istitle()):
        return False  # an ordinary word: "şifremi unuttum", "contraseña segura"
    if value.startswith(("http", "www.")):
        return False
    return character_classes(value) >= 2 or (len(value) >= 8 and not value.isalpha())


@register
class PasswordsDetector(Detector):
    name = "passwords"
    entities = ("PASSWORD", "ONE_TIME_CODE")
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        # Trigger words in disguise ("p@ssw0rd", "ş1fre") are read undone; the value itself
        # is always taken from the original text.
        view = doc.deobfuscated
        for m in _PASSWORD.finditer(view) if _PASSWORD_HINT.search(view) else ():
            v_start, v_end = m.span("value")
            o_start, o_end = doc.to_original(v_start, v_end)
            raw = doc.text[o_start:o_end]
            value = _clean_value(raw)
            before = view[max(0, m.start() - 12) : m.start()]
            network = bool(m.group("network")) or bool(_WIFI.search(before))
            if not looks_like_password(value, m.group("trigger"), network=network):
                continue
            start = o_start + len(raw) - len(raw.lstrip(_LEADING))
            yield Detection(
                "PASSWORD",
                start,
                start + len(value),
                PASSWORD_SCORE,
                pattern=f"'{m.group('trigger')}{m.group('suffix')}' followed by a value",
                validation="value mixes letters, digits or symbols",
                context_words=(m.group("trigger") + m.group("suffix"),),
            )
        view = doc.folded.folded
        for m in _OTP.finditer(view) if _OTP_HINT.search(view) else ():
            before = view[max(0, m.start() - 24) : m.start()]
            if _PROMO.search(before) or _PROMO.search(m.group("trigger")):
                continue
            o_start, o_end = doc.to_original(*m.span("value"))
            yield Detection(
                "ONE_TIME_CODE",
                o_start,
                o_end,
                OTP_SCORE,
                pattern=f"'{m.group('trigger')}' followed by digits",
                validation="4 to 8 digits",
                context_words=(m.group("trigger"),),
            )
