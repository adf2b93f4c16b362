"""Separation of duties: who may not take which part in one post's approval.

Always, whatever the setting: the author of a post never decides on it nor overrides its
findings, whatever their role (an owner included).

With the organisation's ``separation_of_duties`` rule on (the demo turns it on):
- one person approves at most one step of a post in a review round;
- whoever overrode a blocking finding of the current content does not approve it: an
  override and an approval always come from two people. (The other order cannot happen:
  an approval needs every blocking finding overridden first, and an edit voids both.)
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.errors import ForbiddenError
from herald.services.permissions import POLICY_ROLES, require_role
from herald.store.enums import Decision
from herald.store.models import (
    ApprovalDecision,
    FindingOverride,
    Person,
    Post,
    approval_rules_table,
)
from herald.store.types import utcnow


def required(session: Session, org_id: int) -> bool:
    value = session.execute(
        select(approval_rules_table.c.separation_of_duties).where(
            approval_rules_table.c.org_id == org_id
        )
    ).scalar_one_or_none()
    return bool(value)


def set_required(session: Session, actor: Person, on: bool) -> None:
    """Turn the rule on or off for the actor's organisation (audited)."""
    require_role(actor, POLICY_ROLES, "defining_workflows")
    conn = session.connection()
    changed = conn.execute(
        update(approval_rules_table)
        .where(approval_rules_table.c.org_id == actor.org_id)
        .values(separation_of_duties=on, updated_at=utcnow())
    ).rowcount
    if not changed:
        conn.execute(
            insert(approval_rules_table).values(
                org_id=actor.org_id, separation_of_duties=on, updated_at=utcnow()
            )
        )
    audit.append(
        session,
        actor=actor,
        action="workflow.separation_of_duties",
        subject_type="org",
        subject_id=actor.org_id,
        data={"on": on},
    )


def _approved_steps(session: Session, person: Person, post: Post) -> set[int]:
    return set(
        session.scalars(
            select(ApprovalDecision.step).where(
                ApprovalDecision.post_id == post.id,
                ApprovalDecision.review_round == post.review_round,
                ApprovalDecision.person_id == person.id,
                ApprovalDecision.decision == Decision.APPROVE,
                ApprovalDecision.invalidated_at.is_(None),
            )
        )
    )


def _overrode(session: Session, person: Person, post: Post) -> bool:
    return (
        session.scalar(
            select(FindingOverride.id).where(
                FindingOverride.post_id == post.id,
                FindingOverride.content_hash == post.content_hash,
                FindingOverride.person_id == person.id,
            )
        )
        is not None
    )


def approval_conflict(session: Session, person: Person, post: Post) -> ForbiddenError | None:
    """Why ``person`` may not approve the post's current step, or None."""
    if person.id == post.author_id:
        return ForbiddenError("self_approval")
    if not required(session, post.org_id):
        return None
    others = _approved_steps(session, person, post) - {post.current_step}
    if others:
        return ForbiddenError("duty_two_steps", step=min(others) + 1)
    if _overrode(session, person, post):
        return ForbiddenError("duty_override_and_approve")
    return None


def approvers_elsewhere(session: Session, post: Post, step: int) -> set[int]:
    """Under the rule, the people who approved another step of this round: an "all"
    step completes without them (they may not approve it)."""
    if not required(session, post.org_id):
        return set()
    return set(
        session.scalars(
            select(ApprovalDecision.person_id).where(
                ApprovalDecision.post_id == post.id,
                ApprovalDecision.review_round == post.review_round,
                ApprovalDecision.step != step,
                ApprovalDecision.decision == Decision.APPROVE,
                ApprovalDecision.invalidated_at.is_(None),
            )
        )
    )
