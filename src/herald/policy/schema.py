"""The policy pack format (schema version 1), as pydantic models.

Each rule type is its own model, selected by ``type``, so a misspelt field is reported
as exactly that rather than silently ignored. docs/policy.md documents every field.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from herald.types import AccountType, Category, Scope, Severity

SCHEMA_VERSION = 1
RULE_ID = r"^[a-z0-9][a-z0-9_.\-]*$"

Lang = Literal["tr", "es", "en"]
TermList = list[str] | dict[Lang, list[str]]
"""Terms for every language, or per language."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Handle = Annotated[str, Field(pattern=r"^@?[A-Za-z0-9_.\-]{1,100}(@[A-Za-z0-9_.\-]{1,200})?$")]


class ContactPointSpec(_Strict):
    kind: Literal["email", "phone", "url", "handle"]
    value: str = Field(min_length=1)


class OrganisationSpec(_Strict):
    name: str = ""
    company_names: list[str] = []
    competitors: list[str] = []
    domains: list[str] = []
    codenames: list[str] = []
    confidential_terms: list[str] = []
    contact_points: list[ContactPointSpec] = []
    industry: str | None = None
    languages: list[Lang] = ["tr", "es", "en"]
    default_region: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    handles: dict[str, list[Handle]] = {}
    """The organisation's official handles per network ("mastodon": ["@acmebank"]), so
    that look-alike handles in incoming messages are recognised."""


class When(_Strict):
    """Conditions on the context; a rule applies only if every given one holds."""

    account_type: list[AccountType] | None = None
    industry: list[str] | None = None
    author_role: list[str] | None = None
    not_author_role: list[str] | None = None


class Matcher(_Strict):
    """Something to look for: terms (with inflection), regular expressions, or both."""

    terms: TermList = []
    patterns: list[str] = []
    hashtags: list[str] = []
    """Hashtags without '#', matched as whole hashtags ("ad" matches #ad, not #adidas)."""

    @model_validator(mode="after")
    def _not_empty(self) -> Matcher:
        if not (self.terms or self.patterns or self.hashtags):
            raise PydanticCustomError(
                "matcher_empty", "give at least one of terms, patterns or hashtags"
            )
        return self


class ExampleSpec(_Strict):
    """A post that shows the rule: one that breaks it ("fail") or a near miss that does not
    ("pass"). Examples are golden tests (the suite checks each against the engine) and the
    policy document shows them, so the document and the engine never disagree."""

    lang: Lang
    text: str = Field(min_length=1, max_length=2000)
    verdict: Literal["pass", "fail"]
    account_type: AccountType = AccountType.BRAND
    industry: str | None = None


DOCUMENT_SECTIONS = (
    "purpose",
    "who_speaks",
    "minimum_rules",
    "brand_voice",
    "conflict",
    "personal_accounts",
    "legal",
    "security",
    "consequences",
)
SectionId = Literal[
    "purpose",
    "who_speaks",
    "minimum_rules",
    "brand_voice",
    "conflict",
    "personal_accounts",
    "legal",
    "security",
    "consequences",
]


class DocumentSpec(_Strict):
    """The company's own words in the generated policy document, per section and language."""

    title: dict[Lang, str] = {}
    sections: dict[SectionId, dict[Lang, str]] = {}


class AcknowledgementSpec(_Strict):
    """How people confirm they know this version of the policy."""

    required_to_draft: bool = False
    """A person who has not acknowledged the version in force may not draft posts."""
    quiz_questions: int = Field(default=5, ge=0, le=20)
    """How many questions the quiz asks before acknowledging (0: no quiz)."""
    quiz_pass_mark: float = Field(default=0.8, gt=0.0, le=1.0)
    """The share of quiz answers that must be right."""


class _RuleBase(_Strict):
    id: str = Field(pattern=RULE_ID, max_length=100)
    category: Category
    severity: Severity | dict[AccountType, Severity]
    message: dict[Lang, str]
    languages: list[Lang] = ["tr", "es", "en"]
    scope: Scope = Scope.TEXT
    when: When = When()
    exceptions: list[str] = []
    clause: str | None = None
    description: str | None = None
    """A sentence for the generated policy document (defaults to the English message)."""
    examples: list[ExampleSpec] = []

    @model_validator(mode="after")
    def _messages_cover_languages(self) -> _RuleBase:
        missing = [lang for lang in self.languages if lang not in self.message]
        if missing:
            raise PydanticCustomError(
                "message_missing",
                "message is missing for language(s): {languages}",
                {"languages": missing},
            )
        return self


class ExistenceRule(_RuleBase):
    """Terms that must not appear."""

    type: Literal["existence"]
    terms: TermList
    obfuscation: bool = False
    """Also match stretched letters, leetspeak and masks ("s1kt1r", "p*ta", "fuuuck")."""
    inflect: bool = True
    """Match Turkish inflected forms in Turkish text ("Kestrel'in", "Kestreli")."""


class SubstitutionRule(_RuleBase):
    """Wording to replace, with the replacement offered as a fix."""

    type: Literal["substitution"]
    swap: dict[str, str] | dict[Lang, dict[str, str]]
    inflect: bool = True


class OccurrenceRule(_RuleBase):
    """Content that must appear at least ``min`` and at most ``max`` times."""

    type: Literal["occurrence"]
    require: Matcher
    min: int = Field(default=1, ge=0)
    max: int | None = Field(default=None, ge=0)
    fix: dict[Lang, str] | None = None
    """Text appended to the post when the content is missing."""
    only_if: Matcher | None = None
    """Check only texts that contain this (e.g. the company's name)."""


class ConditionalRule(_RuleBase):
    """If ``if`` is present then ``then`` must be present too."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: Literal["conditional"]
    if_: Matcher = Field(alias="if")
    then: Matcher
    fix: dict[Lang, str] | None = None


class PatternRule(_RuleBase):
    """A regular expression (checked for compile errors and catastrophic backtracking)."""

    type: Literal["pattern"]
    pattern: str | dict[Lang, str]
    case_sensitive: bool = False
    fix: str | None = None
    """Replacement template; may use groups (\\1, \\g<name>)."""


class DetectorRule(_RuleBase):
    """A built-in detector by name, with parameters."""

    type: Literal["detector"]
    detector: str
    params: dict[str, Any] = {}
    entities: list[str] | None = None
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)


Rule = Annotated[
    ExistenceRule
    | SubstitutionRule
    | OccurrenceRule
    | ConditionalRule
    | PatternRule
    | DetectorRule,
    Field(discriminator="type"),
]


class RuleOverride(_Strict):
    """Fields of an inherited rule to change, by id; everything else is kept."""

    severity: Severity | dict[AccountType, Severity] | None = None
    message: dict[Lang, str] | None = None
    languages: list[Lang] | None = None
    when: When | None = None
    exceptions: list[str] | None = None
    clause: str | None = None
    params: dict[str, Any] | None = None
    min_score: float | None = Field(default=None, ge=0.0, le=1.0)


Team = Literal["crisis_response", "customer_service", "pr_management", "social_engagement", "none"]
Priority = Literal["critical", "high", "normal", "low"]
Intent = Literal["complaint", "question", "praise", "press", "spam", "abuse", "other"]
Sentiment = Literal["negative", "neutral", "positive"]
Channel = Literal["comment", "mention", "direct_message", "review"]
TOPIC_ID = r"^[a-z][a-z0-9_]*$"


class RoutingWhen(_Strict):
    """Conditions on an incoming message; a routing rule applies when every given one holds.

    List conditions hold when the message's value is one of the list.
    """

    crisis_signal: bool | None = None
    scam: bool | None = None
    abusive: bool | None = None
    at_risk: bool | None = None
    """Money or access at risk right now (a fraud report, a blocked card, no sign-in)."""
    intent: list[Intent] | None = None
    sentiment: list[Sentiment] | None = None
    reply_topic: list[Annotated[str, Field(pattern=TOPIC_ID)]] | None = None
    keywords: TermList | None = None
    """Terms (inflected forms included) of which at least one must appear."""
    channel: list[Channel] | None = None
    account: list[str] | None = None
    """The brand accounts (handles) the message was addressed to."""
    lang: list[Lang] | None = None
    min_followers: int | None = Field(default=None, ge=0)
    press_author: bool | None = None
    """The author writes for a known outlet or has at least the press follower threshold."""


class RoutingRule(_Strict):
    """Where a message goes: the first rule whose conditions hold decides."""

    id: str = Field(pattern=RULE_ID, max_length=100)
    when: RoutingWhen = RoutingWhen()
    team: Team
    priority: Priority
    sla_minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 30)
    """Time allowed for the first response; None: no SLA."""
    tags: list[Annotated[str, Field(pattern=RULE_ID)]] = []
    hide: bool = False
    """Hide the message on the brand's channel (recorded with the reason, reversible)."""
    description: str | None = None


class InboxSettings(_Strict):
    press_followers: int = Field(default=100_000, ge=1)
    """Authors with at least this many followers are treated as press or influencers."""
    known_outlets: list[str] = []
    """Handles of news outlets and journalists (matched without '@', case-insensitive)."""
    reply_approval_teams: list[Team] = ["crisis_response"]
    """Replies on cases of these teams wait for a second person's approval, whoever
    writes them (a crisis is answered with two pairs of eyes)."""


class ReplySpec(_Strict):
    """A pre-approved reply: suggested for messages on its topic in its language."""

    id: str = Field(pattern=RULE_ID, max_length=100)
    topic: str = Field(pattern=TOPIC_ID, max_length=64)
    lang: Lang
    text: str = Field(min_length=1, max_length=2000)
    """May use {name} (the author) and {case_id}."""
    owner: str = Field(min_length=1, max_length=200)
    expires: date | None = None
    """After this day the reply is no longer suggested."""


class ListeningQuerySpec(_Strict):
    """A listening query: what to follow in incoming streams, and how eagerly to alert."""

    id: str = Field(pattern=RULE_ID, max_length=100)
    name: str | None = None
    query: str = Field(min_length=1, max_length=4000)
    """The boolean query (docs/listening.md); parsed when the pack loads."""
    languages: list[Literal["tr", "es", "en", "other"]] = ["tr", "es", "en", "other"]
    vip_authors: list[str] = []
    """Handles whose every mention alerts (journalists, regulators, large accounts)."""
    sensitivity: Literal["low", "medium", "high"] = "medium"
    cooldown_minutes: int = Field(default=120, ge=5, le=10080)


class ListeningSpec(_Strict):
    queries: list[ListeningQuerySpec] = []


class PackFile(_Strict):
    """One YAML file of a pack. A pack is one file, or a directory of them read in order."""

    herald: int = SCHEMA_VERSION
    """Schema version of the file."""
    id: str | None = Field(default=None, pattern=RULE_ID)
    name: str | None = None
    version: str | None = None
    extends: str | None = None
    organisation: OrganisationSpec | None = None
    document: DocumentSpec | None = None
    acknowledgement: AcknowledgementSpec | None = None
    rules: list[Rule] = []
    disable: list[str] = []
    overrides: dict[str, RuleOverride] = {}
    examples: dict[str, list[ExampleSpec]] = {}
    """More examples for rules defined anywhere in the pack or its parents, by rule id."""
    routing: list[RoutingRule] = []
    inbox: InboxSettings | None = None
    replies: list[ReplySpec] = []
    listening: ListeningSpec | None = None

    @field_validator("herald")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise PydanticCustomError(
                "unsupported_schema_version",
                "unsupported schema version {version}; this Herald reads version {supported}",
                {"version": value, "supported": SCHEMA_VERSION},
            )
        return value
