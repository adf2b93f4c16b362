"""The lock-down switch: stop all publishing on one account, or on the whole organisation.

A lock-down takes effect at once: publishing checks it when claiming an attempt and
again just before calling the network. Posts keep their state while locked; lifting
the switch lets due posts go out, so unschedule whatever should no longer be said.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.errors import GovernanceError, NotFoundError
from herald.services.permissions import require_role, require_same_org
from herald.store.enums import Role
from herald.store.models import Account, Person, PublishingLockdown
from herald.store.types import utcnow

LOCKDOWN_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER})
REASON_MIN_CHARS = 3
MAX_REASON_CHARS = 2_000


def lock(
    session: Session, actor: Person, reason: str, account: Account | None = None
) -> PublishingLockdown:
    """Stop publishing on ``account`` (or, with none, on every account of the organisation)."""
    require_role(actor, LOCKDOWN_ROLES, "locking_down")
    if account is not None:
        require_same_org(actor, account.org_id)
    reason = reason.strip()
    if len(reason) < REASON_MIN_CHARS:
        raise GovernanceError("reason_required", min=REASON_MIN_CHARS)
    reason = reason[:MAX_REASON_CHARS]
    existing = active(session, actor.org_id, account.id if account else None)
    if existing is not None:
        return existing
    lockdown = PublishingLockdown(
        org_id=actor.org_id,
        account_id=account.id if account else None,
        reason=reason,
        locked_by=actor.id,
    )
    session.add(lockdown)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="publishing.locked",
        subject_type="account" if account else "organisation",
        subject_id=account.id if account else actor.org_id,
        data={"reason": reason, "lockdown_id": lockdown.id},
    )
    return lockdown


def lift(session: Session, actor: Person, account: Account | None = None) -> PublishingLockdown:
    require_role(actor, LOCKDOWN_ROLES, "locking_down")
    if account is not None:
        require_same_org(actor, account.org_id)
    lockdown = active(session, actor.org_id, account.id if account else None)
    if lockdown is None:
        raise NotFoundError("lockdown", account.handle if account else actor.org_id)
    lockdown.lifted_at = utcnow()
    lockdown.lifted_by = actor.id
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="publishing.unlocked",
        subject_type="account" if account else "organisation",
        subject_id=account.id if account else actor.org_id,
        data={"lockdown_id": lockdown.id},
    )
    return lockdown


def active(session: Session, org_id: int, account_id: int | None) -> PublishingLockdown | None:
    """The lock-down in force on exactly this scope (the organisation when ``account_id``
    is None), if any."""
    query = select(PublishingLockdown).where(
        PublishingLockdown.org_id == org_id,
        PublishingLockdown.lifted_at.is_(None),
        PublishingLockdown.account_id.is_(None)
        if account_id is None
        else PublishingLockdown.account_id == account_id,
    )
    return session.scalars(query.order_by(PublishingLockdown.id).limit(1)).first()


def blocking(session: Session, org_id: int, account_id: int) -> PublishingLockdown | None:
    """What stops publishing on this account now: its own lock-down or the organisation's."""
    query = select(PublishingLockdown).where(
        PublishingLockdown.org_id == org_id,
        PublishingLockdown.lifted_at.is_(None),
        (PublishingLockdown.account_id.is_(None)) | (PublishingLockdown.account_id == account_id),
    )
    return session.scalars(query.order_by(PublishingLockdown.id).limit(1)).first()


def list_active(session: Session, actor: Person) -> list[PublishingLockdown]:
    return list(
        session.scalars(
            select(PublishingLockdown)
            .where(
                PublishingLockdown.org_id == actor.org_id, PublishingLockdown.lifted_at.is_(None)
            )
            .order_by(PublishingLockdown.id)
        )
    )
