"""Cues that a message impersonates the brand, or reports someone who does.

Scammers answer a brand's customers from handles that look like the brand's own
("@AcmeBank_Destek", "@AcmeBankk", "@acme.musteri.hizmetleri") and ask for card numbers
and one-time codes. A customer who quotes such a message to report it uses the same
words, so report cues ("I got this SMS", "bu mesaj geldi", "me ha llegado") are measured
too: the inbox model weighs both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from herald.nlp.cues import CueList
from herald.text.fold import fold_term

_LEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s"})
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
MAX_LOOKALIKE_EDITS = 2

SUPPORT_WORDS = (
    "destek", "yardim", "musteri", "hizmet", "iletisim", "cekilis", "kampanya", "dogrula",
    "support", "help", "care", "service", "official", "verify", "giveaway", "team", "desk",
    "soporte", "ayuda", "atencion", "cliente", "oficial", "servicio", "sorteo", "verifica",
)  # fmt: skip

CREDENTIAL_REQUESTS = CueList(
    {
        "en": [
            "card number", "full card number", "cvv", "cvc", "security code", "expiry date",
            "expiration date", "one-time code", "one time code", "otp", "sms code",
            "verification code", "pin", "password", "login details", "card details",
            "bank details", "seed phrase", "verify your account", "confirm your account",
            "enter your details", "log in here", "processing fee", "upfront fee",
        ],
        "tr": [
            "kart numarası", "kart numaranızı", "kart bilgi", "kart bilgilerinizi", "cvv",
            "son kullanma tarihi", "sms şifre", "sms kodu", "onay kodu", "doğrulama kodu",
            "tek kullanımlık", "şifrenizi", "internet şifre", "hesabınızı doğrula",
            "bilgilerinizi girin", "giriş yapınız", "ön ödeme", "hizmet bedeli",
        ],
        "es": [
            "número de tarjeta", "numero de tarjeta", "datos de la tarjeta", "cvv",
            "fecha de caducidad", "código sms", "codigo sms", "código de verificación",
            "código que te", "clave", "contraseña", "pin", "verifica tu cuenta",
            "verificar su cuenta", "introduce tus datos", "inicia sesión aquí",
            "pago por adelantado", "comisión de gestión",
        ],
    }
)  # fmt: skip

REPORT_CUES = CueList(
    {
        "en": [
            "i got", "i received", "got this", "received this", "got a text", "got an sms",
            "got a call", "is this you", "is this real", "is this legit", "is this legitimate",
            "scam", "phishing", "fake", "pretending to be", "someone called", "reporting",
            "report this", "watch out", "beware", "just so you know", "heads up",
        ],
        "tr": [
            "mesaj geldi", "sms geldi", "bana geldi", "arandım", "aradılar", "bu siz misiniz",
            "gerçek mi", "dolandırıcı", "dolandırıcılık", "sahte", "oltalama", "bildiriyorum",
            "dikkat edin", "uyarayım", "kendini banka", "banka gibi",
        ],
        "es": [
            "me ha llegado", "me llegó", "me llego", "recibí", "he recibido", "me han llamado",
            "me llamaron", "sois vosotros", "es real", "es legítimo", "estafa", "timo",
            "phishing", "falso", "haciéndose pasar", "haciendose pasar", "aviso", "cuidado",
            "os aviso",
        ],
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImpersonationCues:
    lookalike_of: str | None
    """The official handle the author's handle imitates, if any."""
    official_author: bool
    """The author is one of the brand's own handles."""
    brand_in_handle: bool
    """The author's handle carries the brand's name without being official."""
    support_handle: bool
    """The author's handle claims to be support, help, a giveaway..."""
    credential_requests: tuple[str, ...]
    """Requests for card data, codes or passwords found in the text."""
    report_cues: tuple[str, ...]
    """Signs that the author reports a scam rather than sends one."""

    def reasons(self) -> list[str]:
        out = []
        if self.lookalike_of:
            out.append(f"handle imitates {self.lookalike_of}")
        elif self.brand_in_handle:
            out.append("brand name in an unofficial handle")
        if self.support_handle and not self.official_author:
            out.append("handle claims to be support or a giveaway")
        if self.credential_requests:
            out.append("asks for: " + ", ".join(self.credential_requests))
        return out


def handle_key(handle: str) -> str:
    """A handle as a hurried reader sees it: no '@', no network domain, folded, no
    separators, digits read as letters ('@Acme_Bank1@x.social' -> 'acmebankl')."""
    name = handle.strip().lstrip("@").split("@", 1)[0]
    return _NOT_ALNUM.sub("", fold_term(name).translate(_LEET))


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def impersonation_cues(
    text: str,
    lang: str,
    author: str,
    official_handles: Sequence[str] = (),
    brand_names: Sequence[str] = (),
    folded: str | None = None,
) -> ImpersonationCues:
    raw_author = author.strip().lstrip("@").split("@", 1)[0].casefold()
    key = handle_key(author)
    officials = {h.strip().lstrip("@").split("@", 1)[0].casefold(): h for h in official_handles}
    official = raw_author in officials
    lookalike = None
    brands = {handle_key(b) for b in brand_names} | {handle_key(h) for h in officials}
    brands.discard("")
    if not official and key:
        for name, handle in officials.items():
            target = handle_key(name)
            if target and (
                key == target
                or target in key
                or _edits(key, target, MAX_LOOKALIKE_EDITS) <= MAX_LOOKALIKE_EDITS
            ):
                lookalike = handle
                break
    brand_in_handle = not official and any(b in key for b in brands if len(b) >= 4)
    support = any(word in key for word in SUPPORT_WORDS)
    return ImpersonationCues(
        lookalike_of=lookalike,
        official_author=official,
        brand_in_handle=brand_in_handle,
        support_handle=support,
        credential_requests=CREDENTIAL_REQUESTS.find(text, lang, folded),
        report_cues=REPORT_CUES.find(text, lang, folded),
    )
