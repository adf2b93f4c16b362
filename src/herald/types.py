"""The vocabulary every layer shares: categories, severities, findings, verdicts, context.

Everything here is plain, immutable data so that findings can cross process and
storage boundaries (JSON, the database, the audit log) without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

LANGUAGES: tuple[str, ...] = ("tr", "es", "en")
"""First-class languages: every message, rule and model exists in each of them."""

OTHER_LANGUAGE = "other"


class Category(StrEnum):
    """The fixed vocabulary of what a finding is about; used in every output."""

    PERSONAL_DATA = "personal_data"
    CONFIDENTIAL = "confidential"
    CREDENTIALS = "credentials"
    OFFENSIVE = "offensive"
    ILLEGAL_CONDUCT = "illegal_conduct"
    DISCLAIMER = "disclaimer"
    ATTRIBUTION = "attribution"
    REGULATED_CLAIM = "regulated_claim"
    RISKY_LINK = "risky_link"
    DISPARAGEMENT = "disparagement"
    BRAND_VOICE = "brand_voice"


class Severity(StrEnum):
    """How much a finding matters, from least to most."""

    INFO = "info"
    WARN = "warn"
    REVIEW = "review"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.REVIEW: 2, Severity.BLOCK: 3}


class Verdict(StrEnum):
    """What should happen to a post: derived from the worst severity among its findings."""

    PASS = "pass"
    WARN = "warn"
    REVIEW = "review"
    BLOCK = "block"

    @classmethod
    def from_severities(cls, severities: list[Severity]) -> Verdict:
        worst = max((s.rank for s in severities), default=-1)
        if worst >= Severity.BLOCK.rank:
            return cls.BLOCK
        if worst >= Severity.REVIEW.rank:
            return cls.REVIEW
        if worst >= Severity.WARN.rank:
            return cls.WARN
        return cls.PASS


class AccountType(StrEnum):
    BRAND = "brand"
    PERSONAL = "personal"


class Scope(StrEnum):
    """Which part of a post a rule looks at."""

    TEXT = "text"
    LINKS = "links"
    HASHTAGS = "hashtags"
    MENTIONS = "mentions"


@dataclass(frozen=True, slots=True)
class ScanContext:
    """Who is saying it, where, and in which language (None: detect it)."""

    lang: str | None = None
    account_type: AccountType = AccountType.BRAND
    industry: str | None = None
    author_role: str | None = None
    message_lang: str | None = None
    """Language of the messages in findings; defaults to the text's language."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a finding was raised, in terms a reviewer can check."""

    source: str
    """What produced it: 'detector:<name>', 'term', 'pattern', 'occurrence', 'conditional'."""
    pattern: str | None = None
    """The term, regular expression or detector rule that matched."""
    context_words: tuple[str, ...] = ()
    """Words near the match that raised (or lowered) the score."""
    validation: str | None = None
    """Outcome of a checksum or structural check, e.g. 'tckimlik checksum valid'."""
    notes: tuple[str, ...] = ()
    """Anything else worth showing: model features that drove a score, etc."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.context_words:
            out["context_words"] = list(self.context_words)
        if self.validation is not None:
            out["validation"] = self.validation
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """One policy problem at one place in the original text."""

    rule_id: str
    category: Category
    severity: Severity
    start: int
    """Offset of the first character in the ORIGINAL text (code points)."""
    end: int
    """Offset one past the last character in the original text."""
    text: str
    message: str
    explanation: Explanation
    score: float = 1.0
    fix: str | None = None
    """Suggested replacement for text[start:end]; '' means delete; None means no fix."""
    clause: str | None = None
    """The policy clause the rule enforces."""
    entity: str | None = None
    """Stable detector finding type, e.g. 'TR_TC_KIMLIK', 'EMAIL_ADDRESS'."""
    fix_span: tuple[int, int] | None = None
    """Where ``fix`` goes when that is not [start, end): a missing disclaimer is shown on
    what made it necessary but is appended at the end of the text."""

    def apply_fix(self, text: str) -> str:
        """``text`` with this finding's fix applied (unchanged when it has none)."""
        if self.fix is None:
            return text
        start, end = self.fix_span or (self.start, self.end)
        return text[:start] + self.fix + text[end:]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "score": round(self.score, 4),
            "explanation": self.explanation.to_dict(),
        }
        if self.fix is not None:
            out["fix"] = self.fix
        if self.clause is not None:
            out["clause"] = self.clause
        if self.entity is not None:
            out["entity"] = self.entity
        if self.fix_span is not None:
            out["fix_span"] = list(self.fix_span)
        return out


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything the engine concluded about one text."""

    text: str
    lang: str
    """Language the rules ran in: 'tr', 'es', 'en' or 'other'."""
    lang_detected: bool
    findings: tuple[Finding, ...]
    verdict: Verdict
    policy_version: str
    signals: dict[str, Any] = field(default_factory=dict)
    """Model outputs other services use (sentiment, scam score), when requested."""
    errors: tuple[str, ...] = ()
    """Rules that could not run (e.g. a regular expression hit its time bound)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "lang": self.lang,
            "lang_detected": self.lang_detected,
            "verdict": self.verdict.value,
            "policy_version": self.policy_version,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.signals:
            out["signals"] = self.signals
        if self.errors:
            out["errors"] = list(self.errors)
        return out


@dataclass(frozen=True, slots=True)
class ContactPoint:
    """A published contact point of the organisation: not personal data when it appears."""

    kind: str
    """'email', 'phone', 'url' or 'handle'."""
    value: str


@dataclass(frozen=True, slots=True)
class OrgSettings:
    """What the policy pack says about the organisation; detectors read it."""

    name: str = ""
    company_names: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    """The organisation's own domains: links to them are fine, lookalikes are not."""
    codenames: tuple[str, ...] = ()
    confidential_terms: tuple[str, ...] = ()
    contact_points: tuple[ContactPoint, ...] = ()
    industry: str | None = None
    languages: tuple[str, ...] = LANGUAGES
    default_region: str | None = None
    """ISO country used to read national-format phone numbers ("0532 ..." -> TR)."""
    handles: tuple[tuple[str, str], ...] = ()
    """Official (network, handle) pairs; look-alikes of them in messages are suspicious."""
