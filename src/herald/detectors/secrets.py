"""API keys and tokens: provider formats, and high-entropy strings that context names.

Provider tokens have fixed prefixes and lengths (``AKIA…``, ``ghp_…``, ``xoxb-…``,
``sk_live_…``), so they are reported on sight. Anything else random-looking is reported
only when a word such as "token", "api anahtarı" or "clave secreta" stands near it, and
never when it is a placeholder, a UUID, or a hexadecimal id inside a link (commit
hashes, object ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.detectors.base import ContextWords, Detection, Detector, register
from herald.detectors.placeholders import (
    character_classes,
    is_commit_hash,
    is_placeholder,
    is_uuid,
    shannon_entropy,
)
from herald.text.document import Document
from herald.types import Category, ScanContext

# (provider, pattern). Each pattern is the token itself; boundaries are added below.
PROVIDERS: tuple[tuple[str, str], ...] = (
    (
        "AWS access key",
        r"(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}",
    ),
    ("GitHub token", r"gh[pousr]_[A-Za-z0-9]{36,251}"),
    ("GitHub token", r"github_pat_[A-Za-z0-9_]{22,255}"),
    ("GitLab token", r"glpat-[A-Za-z0-9_\-]{20,}"),
    # Deploy, runner, CI job, feed, incoming-mail, trigger, agent, OAuth and SCIM tokens.
    # Deploy, runner, CI job, feed, SCIM, incoming-mail, trigger, agent and OAuth tokens, at the
    # lengths GitLab issues them (a longer or shorter run is another string).
    ("GitLab token", r"gl(?:dt|cbt|ft|rt|ffct)-[A-Za-z0-9_\-]{20,50}"),
    ("GitLab token", r"glsoat-[A-Za-z0-9_\-]{20,50}"),
    ("GitLab token", r"glimt-[A-Za-z0-9_\-]{25}"),
    ("GitLab token", r"glptt-[A-Za-z0-9_\-]{40}"),
    ("GitLab token", r"glagent-[A-Za-z0-9_\-]{50,1024}"),
    ("GitLab token", r"gloas-[A-Za-z0-9_\-]{64}"),
    ("GitLab runner registration token", r"GR1348941[A-Za-z0-9_\-]{20,50}"),
    ("JFrog Artifactory key", r"AKC[a-zA-Z0-9]{10,}"),
    ("JFrog Artifactory password", r"AP[0-9ABCDEF][a-zA-Z0-9]{8,}"),
    ("Mailchimp API key", r"[0-9a-f]{32}-us[0-9]{1,2}"),
    ("Slack token", r"xox[abposr]-[A-Za-z0-9\-]{10,}"),
    ("Slack webhook", r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
    (
        "Discord webhook",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_\-]+",
    ),
    ("Stripe secret key", r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("Google API key", r"AIza[0-9A-Za-z_\-]{35}"),
    ("Google OAuth secret", r"GOCSPX-[A-Za-z0-9_\-]{28}"),
    ("Anthropic API key", r"sk-ant-[A-Za-z0-9_\-]{20,}"),
    ("OpenAI API key", r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}"),
    ("Hugging Face token", r"hf_[A-Za-z]{34}"),
    ("Twilio API key", r"SK[0-9a-fA-F]{32}"),
    ("SendGrid API key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
    ("Mailgun API key", r"key-[0-9a-f]{32}"),
    ("npm token", r"npm_[A-Za-z0-9]{36}"),
    ("PyPI token", r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),
    ("TestPyPI token", r"pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\-]{50,}"),
    ("Telegram bot token", r"\d{8,10}:AA[A-Za-z0-9_\-]{33}"),
    ("Discord bot token", r"[MNO][A-Za-z\d_\-]{23,25}\.[A-Za-z\d_\-]{6}\.[A-Za-z\d_\-]{27,38}"),
    ("Azure storage key", r"AccountKey=[A-Za-z0-9+/=]{86,88}"),
    ("Square token", r"sq0(?:atp|csp)-[0-9A-Za-z_\-]{22,43}"),
    ("Shopify token", r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"),
    ("DigitalOcean token", r"do[opr]_v1_[a-f0-9]{64}"),
)
_PROVIDER = re.compile(
    r"(?<![A-Za-z0-9_\-])(?:"
    + "|".join(f"(?P<p{i}>{pattern})" for i, (_, pattern) in enumerate(PROVIDERS))
    + r")(?![A-Za-z0-9_\-])"
)
# A quick test that skips most posts: every provider pattern contains one of these.
_PREFILTER = re.compile(
    r"AKIA|ASIA|AGPA|AIDA|AROA|ANP|ANVA|AIPA|A3T|ABIA|ACCA|gh[pousr]_|github_pat_|gl[a-z]{1,5}-|"
    r"GR1348941|AKC|AP[0-9A-F]|-us[0-9]|xox|hooks\.slack|"
    r"discord|_live_|_test_|AIza|GOCSPX|sk-|hf_|SK[0-9a-f]|SG\.|key-|npm_|pypi-|:AA|"
    r"\.[A-Za-z\d_\-]{6}\.|AccountKey|sq0|shp|do[opr]_v1"
)

CONTEXT = ContextWords(
    {
        "tr": [
            "token",
            "api anahtarı",
            "api anahtarım",
            "anahtar",
            "gizli anahtar",
            "erişim anahtarı",
            "secret",
            "api key",
            "apikey",
            "bearer",
        ],
        "es": [
            "token",
            "clave api",
            "clave de api",
            "clave secreta",
            "clave de acceso",
            "secreto",
            "api key",
            "apikey",
            "bearer",
        ],
        "en": [
            "token",
            "api key",
            "apikey",
            "api_key",
            "secret",
            "secret key",
            "access key",
            "client secret",
            "bearer",
            "auth",
        ],
    }
)
_TOKEN = re.compile(r"(?<![A-Za-z0-9_\-+/=])[A-Za-z0-9_\-+/=.]{20,200}(?![A-Za-z0-9_\-+/=])")
_DOMAIN_OR_PATH = re.compile(
    r"^/?(?:[a-z0-9\-]+\.)+[a-z]{2,}(?:[/:][\w./\-]*)?$|^(?:/[\w.\-]+)+/?$"
)
MIN_ENTROPY = 3.5
MIN_HEX_ENTROPY = 3.0
PROVIDER_SCORE = 1.0
CONTEXT_SCORE = 0.8


@register
class SecretsDetector(Detector):
    name = "secrets"
    entities = ("API_KEY", "SECRET")
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        taken: list[tuple[int, int]] = []
        if _PREFILTER.search(text):
            for m in _PROVIDER.finditer(text):
                key = m.lastgroup
                provider = PROVIDERS[int(key[1:])][0] if key else "token"
                value = m.group()
                if is_placeholder(value):
                    continue
                taken.append((m.start(), m.end()))
                yield Detection(
                    "API_KEY",
                    m.start(),
                    m.end(),
                    PROVIDER_SCORE,
                    pattern=f"{provider} format",
                    validation="prefix and length match the provider's format",
                    message_args={"provider": provider},
                )
        yield from self._high_entropy(doc, taken)

    def _high_entropy(self, doc: Document, taken: list[tuple[int, int]]) -> Iterator[Detection]:
        text = doc.text
        for m in _TOKEN.finditer(text):
            start, end = m.start(), m.end()
            value = m.group().rstrip(".")
            end = start + len(value)
            if len(value) < 20 or any(start < e and s < end for s, e in taken):
                continue
            if is_placeholder(value) or is_uuid(value) or "@" in value:
                continue
            if "//" in value or _DOMAIN_OR_PATH.match(value):
                continue  # "//registry.npmjs.org/", "api.example.com/v1": addresses, not secrets
            hexadecimal = is_commit_hash(value)
            entropy = shannon_entropy(value)
            if entropy < (MIN_HEX_ENTROPY if hexadecimal else MIN_ENTROPY):
                continue
            if not hexadecimal and character_classes(value) < 2:
                continue
            if value.replace(".", "").replace("-", "").isdigit():
                continue
            words = CONTEXT.near(doc, start, end, window=32)
            if not words:
                continue
            # Asked last: finding the links costs more than every test above.
            if any(link.start <= start and end <= link.end for link in doc.links):
                continue  # ids in links: commit hashes, object and tracking ids
            yield Detection(
                "SECRET",
                start,
                end,
                CONTEXT_SCORE,
                pattern="high-entropy string near a secret word",
                validation=f"entropy {entropy:.1f} bits/char",
                context_words=words,
            )
