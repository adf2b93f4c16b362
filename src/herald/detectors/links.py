"""Risky links: lookalikes of the organisation's and well-known brands' domains,
punycode and mixed-script hosts, brands used as subdomains of someone else's domain,
URL shorteners, raw IP hosts and credential-harvest paths; allow and deny lists.

Links to the organisation's own domains (and their subdomains) are fine. A domain is a
*lookalike* of a brand when its registrable label differs from the brand's but reads the
same after undoing homoglyphs (Cyrillic 'е', '0' for 'o', 'rn' for 'm'), or is one or two
edits away, or wraps the brand in extra words ("nexora-giris"). The public-suffix list
is the one that ships with ``tldextract``; nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

import regex
from pydantic import BaseModel, ConfigDict

from herald.detectors.base import Detection, Detector, register
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.types import Category, OrgSettings, ScanContext

if TYPE_CHECKING:
    import tldextract

# tldextract (with requests) and confusable_homoglyphs (a large table) are imported on
# first use, not with this module: most posts have no link, and `herald check` would
# pay for them on every run.

WELL_KNOWN_BRANDS: tuple[str, ...] = (
    # global
    "google",
    "gmail",
    "youtube",
    "apple",
    "icloud",
    "microsoft",
    "outlook",
    "office365",
    "amazon",
    "paypal",
    "facebook",
    "instagram",
    "whatsapp",
    "netflix",
    "linkedin",
    "twitter",
    "github",
    "dropbox",
    "binance",
    "coinbase",
    "metamask",
    "spotify",
    "adobe",
    "docusign",
    "fedex",
    "steam",
    "steamcommunity",
    "telegram",
    "tiktok",
    "yahoo",
    # Türkiye
    "garanti",
    "garantibbva",
    "akbank",
    "isbank",
    "yapikredi",
    "ziraat",
    "ziraatbank",
    "halkbank",
    "vakifbank",
    "qnbfinansbank",
    "enpara",
    "turkcell",
    "vodafone",
    "turktelekom",
    "trendyol",
    "hepsiburada",
    "sahibinden",
    "getir",
    "yemeksepeti",
    "turkiye",
    "papara",
    # España
    "santander",
    "bbva",
    "caixabank",
    "bankinter",
    "sabadell",
    "unicaja",
    "correos",
    "movistar",
    "mercadona",
    "elcorteingles",
    "agenciatributaria",
    "bizum",
    "wallapop",
    # US / UK
    "chase",
    "wellsfargo",
    "bankofamerica",
    "citibank",
    "barclays",
    "hsbc",
    "lloydsbank",
    "natwest",
    "royalmail",
)
SHORTENERS: frozenset[str] = frozenset(
    {
        "bit.ly",
        "bitly.com",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "cutt.ly",
        "rebrand.ly",
        "shorturl.at",
        "rb.gy",
        "t.ly",
        "tiny.cc",
        "s.id",
        "bit.do",
        "v.gd",
        "shorte.st",
        "adf.ly",
        "trib.al",
        "soo.gd",
        "clck.ru",
        "tr.im",
        "x.co",
        "qrco.de",
        "linktr.ee",
        "urlkisalt.com",
        "kisa.link",
    }
)
SUSPICIOUS_SUFFIXES: frozenset[str] = frozenset(
    {
        "zip",
        "mov",
        "xyz",
        "top",
        "click",
        "link",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "work",
        "support",
        "rest",
        "fit",
        "country",
        "kim",
        "loan",
        "men",
        "party",
        "review",
        "ru",
        "cn",
        "su",
        "buzz",
        "icu",
        "cam",
        "monster",
        "online",
        "site",
        "live",
        "shop",
    }
)
_HARVEST_PATH = regex.compile(
    r"(?i)/(?:[\w\-]*[-_/])?(?:log[-_]?in|sign[-_]?in|signon|verify|verification|validate|"
    r"account[-_/]?(?:update|verify|suspended|locked|recovery)|secure|webscr|confirm|"
    r"password|passwd|reset|unlock|wallet|giris|oturum[-_]?ac|dogrula|hesap|sifre|"
    r"iniciar[-_]?sesion|verificar|cuenta|acceso|restablecer)(?![a-z])"
)
_LEET = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
)
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))
_SCHEME = regex.compile(r"^[a-z][a-z0-9+.\-]*://", regex.IGNORECASE)
MIN_TYPO_LENGTH = 5
"""Brands shorter than this match too many ordinary words at one edit."""


class LinkParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    allow: tuple[str, ...] = ()
    """Domains (and their subdomains) that are never reported."""
    deny: tuple[str, ...] = ()
    """Domains (and their subdomains) that are always reported."""
    brands: tuple[str, ...] = ()
    """More brand names to protect, in addition to the built-in well-known ones."""
    shorteners: tuple[str, ...] = ()
    """More URL-shortener domains."""
    use_well_known_brands: bool = True


@dataclass(frozen=True, slots=True)
class Host:
    host: str
    """The host as written, lower-cased, punycode decoded."""
    subdomain: str
    label: str
    """The registrable label: 'nexora' in 'www.nexora.com.tr'."""
    suffix: str
    userinfo: str
    path: str

    @property
    def registrable(self) -> str:
        return f"{self.label}.{self.suffix}" if self.suffix else self.label


@cache
def _extractor() -> tldextract.TLDExtract:
    import tldextract

    # suffix_list_urls=() keeps tldextract on its bundled snapshot: no download, ever.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def _latin(ch: str) -> str:
    """The Latin letter a confusable character imitates (itself when none)."""
    if ch.isascii():
        return ch
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=False)
    if found:
        for glyph in found[0]["homoglyphs"]:
            candidate = str(glyph["c"])
            if len(candidate) == 1 and candidate.isascii():
                return candidate.lower()
    return fold_term(ch)[:1] or ch


def skeleton(label: str) -> str:
    """How a label reads to a hurried eye: homoglyphs, digits for letters, 'rn' for 'm'."""
    out = "".join(_latin(ch) for ch in label).translate(_LEET)
    for seq, rep in _MULTI:
        out = out.replace(seq, rep)
    return out.replace("-", "")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _decode(host: str) -> str:
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    return ".".join(labels)


def parse_host(link: str) -> Host | None:
    rest = _SCHEME.sub("", link)
    cut = min(
        (i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest)
    )
    authority, path = rest[:cut], rest[cut:]
    userinfo, _, hostport = authority.rpartition("@")
    host = hostport
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.strip(".").casefold()
    if not host:
        return None
    punycode = "xn--" in host
    decoded = _decode(host) if punycode else host
    parts = _extractor()(host)
    return Host(
        host=decoded,
        subdomain=_decode(parts.subdomain) if punycode else parts.subdomain,
        label=_decode(parts.domain) if punycode else parts.domain,
        suffix=parts.suffix,
        userinfo=userinfo.casefold(),
        path=path,
    )


def _under(host: str, domains: frozenset[str]) -> str | None:
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def _ip_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@register
class RiskyLinksDetector(Detector):
    name = "risky_links"
    entities = (
        "ORG_LOOKALIKE_DOMAIN",
        "BRAND_LOOKALIKE_DOMAIN",
        "IDN_DOMAIN",
        "URL_SHORTENER",
        "RAW_IP_HOST",
        "CREDENTIAL_HARVEST",
        "DENIED_DOMAIN",
    )
    category = Category.RISKY_LINK
    Params = LinkParams

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        assert isinstance(params, LinkParams)
        self.p = params
        own = {d.casefold().strip(".") for d in org.domains}
        self._own = frozenset(own)
        brands = set(params.brands) | (
            set(WELL_KNOWN_BRANDS) if params.use_well_known_brands else set()
        )
        self._brand_names = frozenset(fold_term(b).replace(" ", "") for b in brands)
        self._allow = frozenset(d.casefold() for d in params.allow)
        self._deny = frozenset(d.casefold() for d in params.deny)
        self._shorteners = SHORTENERS | frozenset(d.casefold() for d in params.shorteners)

    @cached_property
    def _targets(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The organisation's own registrable labels, and the brands that are not its own.
        Worked out at the first link rather than at load: it needs the public-suffix list.
        Sorted: the first look-alike found is reported, the same one in every process."""
        own_labels = frozenset(_extractor()(d).domain for d in self._own) - {""}
        return tuple(sorted(own_labels)), tuple(sorted(self._brand_names - own_labels))

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        for link in doc.links:
            host = parse_host(link.text)
            if host is None:
                continue
            for entity, score, why, args in self._judge(host):
                yield Detection(
                    entity,
                    link.start,
                    link.end,
                    score,
                    pattern=why,
                    validation=f"host {host.host}",
                    message_args={"domain": host.host, **args},
                )

    def _judge(self, host: Host) -> Iterator[tuple[str, float, str, dict[str, str]]]:
        name = host.host
        if _under(name, self._allow) or _under(name, self._own):
            return
        denied = _under(name, self._deny)
        if denied:
            yield "DENIED_DOMAIN", 1.0, f"on the pack's deny list ({denied})", {}
            return
        if _ip_host(name):
            harvest = bool(_HARVEST_PATH.search(host.path))
            yield "RAW_IP_HOST", 0.9, "link to a raw IP address", {}
            if harvest:
                yield "CREDENTIAL_HARVEST", 0.9, "login path on a raw IP host", {}
            return
        if not host.suffix:
            return  # no public suffix: words joined by a full stop, not a domain
        if host.registrable in self._shorteners or name in self._shorteners:
            yield "URL_SHORTENER", 0.9, f"URL shortener ({host.registrable})", {}
            return
        signals = 0
        for entity, score, why, brand in self._lookalikes(host):
            signals += 1
            yield entity, score, why, {"brand": brand}
        mixed = self._mixed_script(host.label)
        if not host.label.isascii() and signals == 0:
            signals += 1 if mixed else 0
            reason = "mixed scripts in the domain" if mixed else "internationalised domain"
            yield "IDN_DOMAIN", 0.85 if mixed else 0.45, reason, {}
        if _HARVEST_PATH.search(host.path):
            suspicious = signals > 0 or host.suffix.rsplit(".", 1)[-1] in SUSPICIOUS_SUFFIXES
            score = 0.85 if suspicious else 0.4
            yield "CREDENTIAL_HARVEST", score, "login or verification path", {}

    def _lookalikes(self, host: Host) -> Iterator[tuple[str, float, str, str]]:
        label = host.label
        if not label:
            return
        seen = skeleton(fold_term(label))
        own_labels, brands = self._targets
        for targets, entity in (
            (own_labels, "ORG_LOOKALIKE_DOMAIN"),
            (brands, "BRAND_LOOKALIKE_DOMAIN"),
        ):
            for brand in targets:
                why = self._compare(
                    label, seen, host, brand, official=entity == "BRAND_LOOKALIKE_DOMAIN"
                )
                if why is not None:
                    yield entity, why[0], why[1], brand
                    return

    @staticmethod
    def _compare(
        label: str, seen: str, host: Host, brand: str, *, official: bool
    ) -> tuple[float, str] | None:
        if label == brand:
            if official:
                return None  # the brand's own domain, whatever its country suffix
            return 0.75, f"'{brand}' under another suffix (.{host.suffix})"
        if seen == brand:
            return 0.95, f"reads as '{brand}' (homoglyphs or character swaps)"
        if len(brand) >= MIN_TYPO_LENGTH:
            limit = 2 if len(brand) >= 9 else 1
            if edit_distance(seen, brand, limit) <= limit:
                return 0.9, f"{edit_distance(seen, brand, limit)} edit(s) from '{brand}'"
        tokens = regex.split(r"[-_.]", fold_term(label))
        if brand in tokens or (len(brand) >= MIN_TYPO_LENGTH and brand in seen):
            return 0.85, f"'{brand}' inside another name ({label})"
        sub = fold_term(host.subdomain).split(".") + regex.split(r"[.:]", host.userinfo)
        if brand in sub or any(t.startswith(brand + "-") for t in sub):
            return 0.9, f"'{brand}' used as a subdomain of {host.registrable}"
        return None

    @staticmethod
    def _mixed_script(label: str) -> bool:
        from confusable_homoglyphs import confusables

        return bool(confusables.is_mixed_script(label, allowed_aliases=["COMMON"]))
