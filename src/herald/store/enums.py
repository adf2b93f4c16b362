"""The governance vocabularies stored in the database (values are stable strings)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A person's organisation-wide role, from most to least powerful."""

    OWNER = "owner"
    ADMIN = "admin"
    COMPLIANCE_OFFICER = "compliance_officer"
    APPROVER = "approver"
    PUBLISHER = "publisher"
    CONTRIBUTOR = "contributor"
    AGENT = "agent"
    VIEWER = "viewer"


class PostState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    FAILED = "failed"


class AccountKind(StrEnum):
    BRAND = "brand"
    PERSONAL = "personal"


class Capability(StrEnum):
    """What a grant on an account allows."""

    DRAFT = "draft"
    PUBLISH = "publish"
    APPROVE = "approve"


class StepRule(StrEnum):
    """How many of a step's approvers must approve."""

    ANY = "any"
    ALL = "all"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"


class PolicySource(StrEnum):
    BUILTIN = "builtin"
    FILE = "file"
    DIRECTORY = "directory"


class PublicationState(StrEnum):
    """One post on one account: pending -> sending -> published | failed.

    ``sending`` is written (with a lease) before the network is called, so a crash
    mid-call is found again and retried under the same idempotency key.
    """

    PENDING = "pending"
    SENDING = "sending"
    PUBLISHED = "published"
    FAILED = "failed"
