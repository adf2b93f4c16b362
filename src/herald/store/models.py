"""The relational schema (SQLAlchemy 2, typed). Business rules live in ``herald.services``.

Rows that several people change concurrently (people, posts, workflows) carry a
``version`` column: SQLAlchemy adds ``WHERE version = :seen`` to every UPDATE, so a
write based on a stale read fails instead of silently overwriting another's decision.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from herald.store.enums import (
    AccountKind,
    Capability,
    Decision,
    PolicySource,
    PostState,
    PublicationState,
    Role,
    StepRule,
)
from herald.store.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as VARCHAR + CHECK on both engines: portable and easy to migrate.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    default_lang: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    audit_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """How many audit entries the organisation has: the anchor of its part of the log,
    kept on a row that deleting log entries (or the chain head) does not touch."""
    audit_hash: Mapped[str] = mapped_column(String(64), default="0" * 64, server_default="0" * 64)
    """The hash of the organisation's last audit entry."""


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("org_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("org_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[TeamMember]] = relationship(
        back_populates="team", cascade="all, delete-orphan"
    )


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class Account(Base):
    """A brand account, or an employee's personal account used for advocacy."""

    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("org_id", "network", "handle"),
        CheckConstraint("kind = 'brand' OR owner_id IS NOT NULL", name="personal_has_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[AccountKind] = mapped_column(_enum(AccountKind, "account_kind"))
    network: Mapped[str] = mapped_column(String(64))
    handle: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccountGrant(Base):
    """Who may draft, publish or approve for an account: one person or one team."""

    __tablename__ = "account_grants"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (team_id IS NULL)", name="person_xor_team"),
        Index("ix_account_grants_account_capability", "account_id", "capability"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    capability: Mapped[Capability] = mapped_column(_enum(Capability, "capability"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))


class Workflow(Base):
    """The approval steps a brand account's posts go through, in order."""

    __tablename__ = "workflows"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    steps: Mapped[list[WorkflowStep]] = relationship(
        back_populates="workflow",
        cascade="all, delete-orphan",
        order_by="WorkflowStep.position",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class WorkflowStep(Base):
    __tablename__ = "workflow_steps"
    __table_args__ = (UniqueConstraint("workflow_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflows.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    rule: Mapped[StepRule] = mapped_column(_enum(StepRule, "step_rule"))
    deadline_seconds: Mapped[int | None] = mapped_column(Integer)
    backup_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )

    workflow: Mapped[Workflow] = relationship(back_populates="steps")
    approvers: Mapped[list[WorkflowStepApprover]] = relationship(cascade="all, delete-orphan")


class WorkflowStepApprover(Base):
    __tablename__ = "workflow_step_approvers"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (team_id IS NULL)", name="person_xor_team"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("workflow_steps.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))


class PolicyVersion(Base):
    """One exact policy pack (its files), identified by the engine's content hash."""

    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("org_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[PolicySource] = mapped_column(_enum(PolicySource, "policy_source"))
    files: Mapped[dict[str, Any]] = mapped_column(JSON)
    """File name -> YAML text: the pack can be rebuilt exactly, whatever happens on disk."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class PolicyActivation(Base):
    """The record that a version became the one in force (the latest row wins)."""

    __tablename__ = "policy_activations"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    activated_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    activated_at: Mapped[datetime] = mapped_column(default=utcnow)

    policy_version: Mapped[PolicyVersion] = relationship()


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_org_state", "org_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[PostState] = mapped_column(_enum(PostState, "post_state"))
    content_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the exact texts and targets; approvals are bound to it."""
    verdict: Mapped[str] = mapped_column(String(16))
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    """The policy version of the latest scan."""
    review_round: Mapped[int] = mapped_column(Integer, default=0)
    """Bumped each time the post (re)enters review; decisions of older rounds are void."""
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    step_started_at: Mapped[datetime | None] = mapped_column()
    escalated_step: Mapped[int | None] = mapped_column(Integer)
    workflow: Mapped[list[Any]] = mapped_column(JSON, default=list)
    """Snapshot of the approval steps taken when the post entered review."""
    scheduled_at: Mapped[datetime | None] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    targets: Mapped[list[PostTarget]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostTarget.id"
    )
    findings: Mapped[list[PostFinding]] = relationship(
        cascade="all, delete-orphan", order_by="PostFinding.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PostTarget(Base):
    """An account the post goes to, with an optional account-specific variant text."""

    __tablename__ = "post_targets"
    __table_args__ = (UniqueConstraint("post_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    variant_text: Mapped[str | None] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="targets")
    account: Mapped[Account] = relationship()


class PostFinding(Base):
    """A finding of the post's latest scan (replaced on every change)."""

    __tablename__ = "post_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    """Stable identity of the finding within this content (what an override names)."""
    rule_id: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    content_hash: Mapped[str] = mapped_column(String(64))


class FindingOverride(Base):
    """A compliance officer's written decision that a block finding may go out."""

    __tablename__ = "finding_overrides"
    __table_args__ = (UniqueConstraint("post_id", "finding_key", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    finding_key: Mapped[str] = mapped_column(String(64))
    rule_id: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApprovalDecision(Base):
    __tablename__ = "approval_decisions"
    __table_args__ = (UniqueConstraint("post_id", "review_round", "step", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    review_round: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "decision"))
    comment: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    as_backup: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    invalidated_at: Mapped[datetime | None] = mapped_column()


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """One link of the append-only, hash-chained audit log.

    ``hash`` covers every other column and ``prev_hash``; ``seq`` is the chain position,
    assigned by the writer (a unique key, so two concurrent appends cannot both win).
    No foreign keys: the log must outlive whatever it talks about.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_subject", "subject_type", "subject_id"),
        Index("ix_audit_log_at", "at"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column()
    org_id: Mapped[int | None] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    """Canonical JSON (sorted keys), hashed exactly as stored."""
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The chain's last link, kept apart so that cutting off the tail is detected too."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class PolicyAcknowledgement(Base):
    """A person read and acknowledged one version of the policy (once per version)."""

    __tablename__ = "policy_acknowledgements"
    __table_args__ = (UniqueConstraint("person_id", "policy_version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    acknowledged_at: Mapped[datetime] = mapped_column(default=utcnow)


class Publication(Base):
    """One post going out on one account: its idempotency key, attempts and outcome."""

    __tablename__ = "publications"
    __table_args__ = (
        UniqueConstraint("post_id", "account_id"),
        Index("ix_publications_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    """Sent with every attempt, so the network keeps one post however often we retry."""
    state: Mapped[PublicationState] = mapped_column(_enum(PublicationState, "publication_state"))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    """The post's approved content hash the last attempt was checked against."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    lease_until: Mapped[datetime | None] = mapped_column()
    """While ``sending``: until when the worker that claimed it owns the attempt."""
    network_id: Mapped[str | None] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    error_kind: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    account: Mapped[Account] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PublishingLockdown(Base):
    """A stop on publishing for one account, or for the whole organisation (no account)."""

    __tablename__ = "publishing_lockdowns"
    __table_args__ = (Index("ix_publishing_lockdowns_org_lifted", "org_id", "lifted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    locked_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    locked_at: Mapped[datetime] = mapped_column(default=utcnow)
    lifted_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    lifted_at: Mapped[datetime | None] = mapped_column()


class SchedulerTick(Base):
    """A periodic job's run for one time slot: the primary key lets only one scheduler
    (or one restart of it) fire a slot."""

    __tablename__ = "scheduler_ticks"

    job: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    """Seconds since the epoch at the start of the slot."""
    fired_at: Mapped[datetime] = mapped_column(default=utcnow)


# Stored secrets: password hashes, second factors, API tokens and sign-in rules. Plain
# tables apart from the ORM classes above, so that loading a person never loads a secret;
# the logic that reads and writes them is in herald.security.credentials.
credentials_table = Table(
    "herald_credentials",
    Base.metadata,
    Column("person_id", Integer, primary_key=True, autoincrement=False),
    Column("password_hash", String(256), nullable=False),
    Column("totp_secret", String(64)),
    Column("totp_last_step", Integer),
    Column("recovery_hashes", JSON, nullable=False, default=list),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

api_tokens_table = Table(
    "herald_api_tokens",
    Base.metadata,
    Column("token_id", String(32), primary_key=True),
    Column("person_id", Integer, nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("scopes", JSON, nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

org_security_table = Table(
    "herald_org_security",
    Base.metadata,
    Column("org_id", Integer, primary_key=True, autoincrement=False),
    Column("require_two_factor", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

CREDENTIAL_TABLES = (credentials_table, api_tokens_table, org_security_table)


class Connection(Base):
    """How Herald reaches one account on its network: encrypted settings and sync state.

    ``settings`` is ciphertext from :mod:`herald.security.secrets_box`; nothing else here is
    secret. ``cursor`` is the connector's own position in the account's incoming stream.
    """

    __tablename__ = "connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), unique=True
    )
    network: Mapped[str] = mapped_column(String(64))
    settings: Mapped[str] = mapped_column(Text)
    setting_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Which settings were given (never their values), to show what is configured."""
    cursor: Mapped[str | None] = mapped_column(Text)
    last_sync_at: Mapped[datetime | None] = mapped_column()
    health_ok: Mapped[bool | None] = mapped_column(Boolean)
    health_detail: Mapped[str] = mapped_column(String(500), default="")
    health_at: Mapped[datetime | None] = mapped_column()
    rate_limit: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    credentials_set_at: Mapped[datetime] = mapped_column(default=utcnow)
    """When the token was last entered: its age is shown so stale tokens get renewed."""
    connected_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class InboxMessage(Base):
    """A message, comment, mention or review received on a brand channel.

    Stored before it is classified (``classification`` 'pending'), so a message is never
    lost when the classifier is down; :func:`herald.services.inbox.classify_pending`
    classifies it later. ``(org_id, network, external_id)`` is unique: a duplicate
    delivery finds the stored row instead of adding another.
    """

    __tablename__ = "inbox_messages"
    __table_args__ = (
        UniqueConstraint("org_id", "network", "external_id"),
        Index("ix_inbox_messages_org_classification", "org_id", "classification"),
        Index("ix_inbox_messages_org_thread", "org_id", "network", "thread_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(200))
    thread_key: Mapped[str] = mapped_column(String(200))
    """The id of the conversation's first message (its own id when it starts one)."""
    in_reply_to: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    """comment, mention, direct_message or review."""
    account: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    author_followers: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    given_lang: Mapped[str | None] = mapped_column(String(8))
    sent_at: Mapped[datetime] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    classification: Mapped[str] = mapped_column(String(16), default="pending")
    """'pending' until classified, then 'done'."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8))
    intent: Mapped[str | None] = mapped_column(String(32))
    sentiment: Mapped[str | None] = mapped_column(String(16))
    crisis_signal: Mapped[bool | None] = mapped_column(Boolean)
    scam: Mapped[bool | None] = mapped_column(Boolean)
    abusive: Mapped[bool | None] = mapped_column(Boolean)
    team: Mapped[str | None] = mapped_column(String(32))
    priority: Mapped[str | None] = mapped_column(String(16))
    reply_topic: Mapped[str | None] = mapped_column(String(64))
    rule_id: Mapped[str | None] = mapped_column(String(100))
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    signals: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Scores and evidence per signal, and the routing reasons."""
    policy_version: Mapped[str | None] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_cases.id", ondelete="SET NULL"))


class InboxCase(Base):
    """A conversation that needs an answer: one per thread, with its SLA clock."""

    __tablename__ = "inbox_cases"
    __table_args__ = (
        UniqueConstraint("org_id", "network", "thread_key"),
        Index("ix_inbox_cases_org_status", "org_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(64))
    thread_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="new")
    """new, open, pending (waiting for the customer) or resolved."""
    team: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    sla_due_at: Mapped[datetime | None] = mapped_column()
    first_response_at: Mapped[datetime | None] = mapped_column()
    resolved_at: Mapped[datetime | None] = mapped_column()
    escalated_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class InboxCaseNote(Base):
    """An internal note on a case (never sent to the customer)."""

    __tablename__ = "inbox_case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inbox_cases.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboxReply(Base):
    """A reply written on a case: checked by the pack, then sent or sent to approval."""

    __tablename__ = "inbox_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inbox_cases.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    library_id: Mapped[str | None] = mapped_column(String(100))
    """The pre-approved reply it started from, if any."""
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    verdict: Mapped[str] = mapped_column(String(16))
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(32))
    """'queued' (cleared to go out) or 'awaiting_approval'."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- listening -------------------------------------------------------------------------------


class ListeningMention(Base):
    """A mention listening has read, with its classification; (org, network, id) once."""

    __tablename__ = "listening_mentions"
    __table_args__ = (
        UniqueConstraint("org_id", "network", "external_id"),
        Index("ix_listening_mentions_org_ts", "org_id", "ts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(40))
    external_id: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    ts: Mapped[datetime] = mapped_column()
    sentiment: Mapped[str] = mapped_column(String(16))
    scam: Mapped[bool] = mapped_column(Boolean, default=False)
    crisis: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[float] = mapped_column(default=1.0)
    """How much it counts: copies, bots and repeated authors count less."""
    queries: Mapped[dict[str, Any]] = mapped_column(JSON)
    """{"ids": [...]}: the listening queries it matched."""


class ListeningBucket(Base):
    """Counts of one five-minute bucket of one query and language."""

    __tablename__ = "listening_buckets"
    __table_args__ = (UniqueConstraint("org_id", "query_id", "lang", "bucket_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    query_id: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(8))
    bucket_start: Mapped[datetime] = mapped_column()
    total: Mapped[float] = mapped_column(default=0.0)
    raw: Mapped[int] = mapped_column(Integer, default=0)
    negative: Mapped[float] = mapped_column(default=0.0)
    positive: Mapped[float] = mapped_column(default=0.0)
    crisis: Mapped[float] = mapped_column(default=0.0)


class ListeningAlert(Base):
    """An alert as raised, with its drivers; one per (query, language, kind, window end)."""

    __tablename__ = "listening_alerts"
    __table_args__ = (
        UniqueConstraint("org_id", "query_id", "lang", "kind", "window_end"),
        Index("ix_listening_alerts_org_raised", "org_id", "raised_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    query_id: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(32))
    raised_at: Mapped[datetime] = mapped_column()
    window_start: Mapped[datetime] = mapped_column()
    window_end: Mapped[datetime] = mapped_column()
    observed: Mapped[float] = mapped_column()
    expected: Mapped[float] = mapped_column()
    z: Mapped[float] = mapped_column()
    drivers: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deliveries: Mapped[list[AlertDelivery]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertDelivery.id"
    )


class AlertDelivery(Base):
    """One alert to one channel and target: pending, sent or failed (with the error)."""

    __tablename__ = "listening_alert_deliveries"
    __table_args__ = (UniqueConstraint("alert_id", "channel", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("listening_alerts.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    """in_app, email, chat or webhook."""
    target: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    alert: Mapped[ListeningAlert] = relationship(back_populates="deliveries")


# -- Notifications, people's profiles and one-time links (migration 0011) ----------------


class Notification(Base):
    """One thing a person should know: shown in the app (the bell) and/or sent by e-mail.

    ``kind`` and ``params`` are rendered in the recipient's language when shown; the
    e-mail columns are an outbox: written with the notification, sent after the commit.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_person_read", "person_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(500), default="")
    in_app: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()
    email_status: Mapped[str] = mapped_column(String(16), default="none")
    """'none' (not by e-mail), 'pending', 'sent' or 'failed'."""
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_error: Mapped[str | None] = mapped_column(Text)
    email_claimed_at: Mapped[datetime | None] = mapped_column()
    """When a sender took it; a 'sending' row left by a crashed sender is taken again later."""


class NotificationPreference(Base):
    """How one person wants one kind of notification; no row: the kind's default."""

    __tablename__ = "notification_preferences"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    in_app: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)


class PersonProfile(Base):
    """A person's own settings beyond the directory row: time zone, a password to change."""

    __tablename__ = "person_profiles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    time_zone: Mapped[str | None] = mapped_column(String(64))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonLink(Base):
    """A one-time link sent by e-mail (an invitation, a password reset): only its hash."""

    __tablename__ = "person_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    """'invite' or 'reset'."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


# -- Sign-in state kept in the database (issue 12): it holds across processes and restarts.
web_sessions_table = Table(
    "herald_web_sessions",
    Base.metadata,
    # SHA-256 of the random session id the (signed) cookie carries; no row, no session.
    Column("sid_hash", String(64), primary_key=True),
    Column("person_id", Integer, nullable=False, index=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
)

signin_throttle_table = Table(
    "herald_signin_throttle",
    Base.metadata,
    # 'account:' or 'address:' and a keyed hash: no e-mail or IP address in clear.
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", UTCDateTime(), nullable=False),
    Column("locked_until", UTCDateTime()),
)

approval_rules_table = Table(
    "herald_approval_rules",
    Base.metadata,
    Column("org_id", Integer, primary_key=True, autoincrement=False),
    Column("separation_of_duties", Boolean, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# One e-mail address, one person in the whole database (sign-in never has to pick).
Index("uq_people_email_global", Person.email, unique=True)


# -- inbox: replies going out ----------------------------------------------------------------


class InboxReplySend(Base):
    """How one inbox reply goes out: its approval, the idempotency key made once before
    any network call, the attempts, and where the reply now lives on the network."""

    __tablename__ = "inbox_reply_sends"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(
        ForeignKey("inbox_replies.id", ondelete="CASCADE"), unique=True
    )
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(200))
    """The network id of the customer's message being answered."""
    approval_reason: Mapped[str | None] = mapped_column(String(64))
    """Why it waits for approval: 'no_publish_right', 'review_verdict' or 'team_policy'."""
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    network_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    sent_at: Mapped[datetime | None] = mapped_column()


# -- Policy quiz, acknowledgement reminders and employee advocacy (issue 17) -------------


class PolicyQuizAttempt(Base):
    """One go at the quiz of one policy version: the questions as asked, the answers given."""

    __tablename__ = "policy_quiz_attempts"
    __table_args__ = (
        Index("ix_policy_quiz_attempts_person_version", "person_id", "policy_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    lang: Mapped[str] = mapped_column(String(8))
    questions: Mapped[dict[str, Any]] = mapped_column(JSON)
    """{"items": [{"text", "context", "options": [...], "answer": i, "why", "rule_id"}]}"""
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """{"items": [i, ...]} once submitted."""
    correct: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column()


class AcknowledgementReminder(Base):
    """Who was reminded to acknowledge which policy version, and when: the reminder interval
    and the compliance dashboard read it. What the person sees (the bell, the e-mail) is the
    linked notification."""

    __tablename__ = "acknowledgement_reminders"
    __table_args__ = (
        Index("ix_acknowledgement_reminders_person_version", "person_id", "policy_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL")
    )
    """None when the person turned this kind of notification off."""


class AdvocacyItem(Base):
    """Company content approved for employees to share on their personal accounts."""

    __tablename__ = "advocacy_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    texts: Mapped[dict[str, Any]] = mapped_column(JSON)
    """Language -> text (at least one of tr, es, en)."""
    networks: Mapped[dict[str, Any]] = mapped_column(JSON)
    """{"networks": [...]}: where it may be shared; empty: anywhere."""
    expires_at: Mapped[datetime | None] = mapped_column()
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column()


class AdvocacyShare(Base):
    """An employee shared an item on a personal account: the exact text that went out."""

    __tablename__ = "advocacy_shares"
    __table_args__ = (Index("ix_advocacy_shares_org_created", "org_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("advocacy_items.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    added: Mapped[dict[str, Any]] = mapped_column(JSON)
    """{"rules": [...], "texts": [...]}: the disclaimers and tags Herald added."""
    reach: Mapped[int | None] = mapped_column(Integer)
    """People reached, when the network reports it."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[AdvocacyItem] = relationship(lazy="joined")
    account: Mapped[Account] = relationship(lazy="joined")
