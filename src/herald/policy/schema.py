"""The policy pack format (schema version 1), as pydantic models.

Each rule type is its own model, selected by ``type``, so a misspelt field is reported
as exactly that rather than silently ignored. docs/policy.md documents every field.
"""

from __future__ import annotations

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
    rules: list[Rule] = []
    disable: list[str] = []
    overrides: dict[str, RuleOverride] = {}
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
