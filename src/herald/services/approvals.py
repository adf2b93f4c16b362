"""Multi-step approvals: decisions, overrides of blocking findings, escalation, queues.

An approval is bound to the post's ``content_hash`` (its exact texts and targets) and
review round. An edit bumps the round, so every earlier decision stops counting; before
scheduling or publishing the coverage is checked again against the current hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit, notifications, separation, transitions, workflows
from herald.services.errors import (
    AlreadyExistsError,
    BlockedError,
    ContentChangedError,
    ForbiddenError,
    GovernanceError,
    InvalidInputError,
)
from herald.services.messages import Term
from herald.services.post_scan import findings_summary, is_blocking
from herald.services.state_machine import OVERRIDE_ROLES, Action
from herald.services.workflows import StepSnapshot
from herald.store.enums import Decision, PostState, StepRule
from herald.store.models import ApprovalDecision, FindingOverride, Person, Post, PostFinding
from herald.store.types import utcnow
from herald.types import Severity

OVERRIDE_REASON_MIN = 10
DECISION_REASON_MIN = 3

_ACTIONS = {
    Decision.APPROVE: Action.APPROVE,
    Decision.REJECT: Action.REJECT,
    Decision.REQUEST_CHANGES: Action.REQUEST_CHANGES,
}


def steps(post: Post) -> list[StepSnapshot]:
    return [StepSnapshot.from_json(s) for s in post.workflow]


def current_step(post: Post) -> StepSnapshot | None:
    all_steps = steps(post)
    if post.state is not PostState.IN_REVIEW or post.current_step >= len(all_steps):
        return None
    return all_steps[post.current_step]


def round_decisions(
    session: Session, post: Post, step: int | None = None
) -> list[ApprovalDecision]:
    """Valid decisions of the current review round (optionally of one step)."""
    query = select(ApprovalDecision).where(
        ApprovalDecision.post_id == post.id,
        ApprovalDecision.review_round == post.review_round,
        ApprovalDecision.invalidated_at.is_(None),
    )
    if step is not None:
        query = query.where(ApprovalDecision.step == step)
    return list(session.scalars(query.order_by(ApprovalDecision.id)))


def overrides(session: Session, post: Post) -> dict[str, FindingOverride]:
    rows = session.scalars(
        select(FindingOverride).where(
            FindingOverride.post_id == post.id,
            FindingOverride.content_hash == post.content_hash,
        )
    )
    return {row.finding_key: row for row in rows}


def unresolved_blocking(session: Session, post: Post) -> list[PostFinding]:
    """Blocking findings of the current content that no compliance officer overrode."""
    done = overrides(session, post)
    return [f for f in post.findings if is_blocking(f) and f.key not in done]


def is_overdue(step: StepSnapshot, post: Post, now: datetime) -> bool:
    deadline = step.deadline(post.step_started_at)
    return deadline is not None and now >= deadline


def may_decide(
    session: Session, actor: Person, post: Post, now: datetime | None = None
) -> tuple[bool, bool]:
    """(may decide on the current step, would do so as the escalation backup)."""
    step = current_step(post)
    if step is None or actor.id == post.author_id or not actor.active:
        return False, False
    if actor.id in workflows.approver_ids(session, post.org_id, step):
        return True, False
    if step.backup_id == actor.id and is_overdue(step, post, now or utcnow()):
        return True, True
    return False, False


def _step_complete(session: Session, post: Post, index: int, step: StepSnapshot) -> bool:
    decided = [
        d
        for d in round_decisions(session, post, index)
        if d.decision is Decision.APPROVE and d.content_hash == post.content_hash
    ]
    if not decided:
        return False
    if step.rule is StepRule.ANY or any(d.as_backup for d in decided):
        return True
    required = (
        workflows.approver_ids(session, post.org_id, step)
        - {post.author_id}
        - separation.approvers_elsewhere(session, post, index)
    )
    return required <= {d.person_id for d in decided}


def _post_params(session: Session, post: Post) -> dict[str, str | int]:
    author = session.get(Person, post.author_id)
    names = [t.account.display_name or t.account.handle for t in post.targets]
    return {
        "post": post.id,
        "author": author.name if author is not None else "?",
        "account": ", ".join(names) or "?",
    }


def notify_reviewers(session: Session, post: Post) -> None:
    """Tell the approvers of the post's current step that it waits for them."""
    step = current_step(post)
    if step is None:
        return
    reviewers = workflows.approver_ids(session, post.org_id, step) - {post.author_id}
    notifications.notify(
        session,
        post.org_id,
        reviewers,
        "review_requested",
        {**_post_params(session, post), "step": post.current_step + 1, "step_name": step.name},
        f"/posts/{post.id}",
    )


def _notify_author(
    session: Session, actor: Person, post: Post, kind: str, comment: str = ""
) -> None:
    notifications.notify(
        session,
        post.org_id,
        [post.author_id],
        kind,
        {**_post_params(session, post), "actor": actor.name, "comment": comment},
        f"/posts/{post.id}",
    )


def decide(
    session: Session,
    actor: Person,
    post: Post,
    decision: Decision,
    comment: str = "",
    *,
    expected_hash: str | None = None,
    now: datetime | None = None,
) -> ApprovalDecision:
    """Record ``actor``'s decision on the post's current step and move the post on.

    ``expected_hash`` is the content hash the approver saw: if the post changed since,
    the decision is refused rather than recorded against content nobody reviewed.
    """
    now = now or utcnow()
    to = transitions.check(actor, post, _ACTIONS[decision])
    if actor.org_id != post.org_id:
        raise ForbiddenError("forbidden", detail=Term("another_org"))
    if expected_hash is not None and expected_hash != post.content_hash:
        raise ContentChangedError()
    if actor.id == post.author_id:
        raise ForbiddenError("self_approval")
    step = current_step(post)
    if step is None:
        raise GovernanceError("approval_incomplete")
    if decision is Decision.APPROVE:
        conflict = separation.approval_conflict(session, actor, post)
        if conflict is not None:
            raise conflict
    allowed, as_backup = may_decide(session, actor, post, now)
    if not allowed:
        raise ForbiddenError("not_an_approver", step=post.current_step + 1, name=step.name)
    already = session.scalar(
        select(ApprovalDecision.id).where(
            ApprovalDecision.post_id == post.id,
            ApprovalDecision.review_round == post.review_round,
            ApprovalDecision.step == post.current_step,
            ApprovalDecision.person_id == actor.id,
        )
    )
    if already is not None:
        raise GovernanceError("already_decided", step=post.current_step + 1)
    comment = comment.strip()
    if decision is Decision.APPROVE:
        blocking = unresolved_blocking(session, post)
        if blocking:
            raise BlockedError(len(blocking))
    elif len(comment) < DECISION_REASON_MIN:
        raise GovernanceError("reason_required", min=DECISION_REASON_MIN)
    if as_backup and post.escalated_step != post.current_step:
        _escalate(session, None, post, step)
    row = ApprovalDecision(
        post_id=post.id,
        review_round=post.review_round,
        step=post.current_step,
        person_id=actor.id,
        decision=decision,
        comment=comment,
        content_hash=post.content_hash,
        policy_version_id=post.policy_version_id,
        as_backup=as_backup,
        created_at=now,
    )
    session.add(row)
    transitions.touch(post, now)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="post.decision",
        subject_type="post",
        subject_id=post.id,
        data={
            "decision": decision.value,
            "step": post.current_step + 1,
            "step_name": step.name,
            "round": post.review_round,
            "comment": comment,
            "as_backup": as_backup,
            "separation_of_duties": separation.required(session, post.org_id),
            "content_hash": post.content_hash,
            "policy_version_id": post.policy_version_id,
            "findings_shown": findings_summary(post),
            "overrides": sorted(overrides(session, post)),
        },
    )
    if decision is not Decision.APPROVE:
        transitions.apply(session, actor, post, to, _ACTIONS[decision], now=now)
        kind = "changes_requested" if decision is Decision.REQUEST_CHANGES else "rejected"
        _notify_author(session, actor, post, kind, comment)
    elif _step_complete(session, post, post.current_step, step):
        if post.current_step + 1 >= len(post.workflow):
            transitions.apply(session, actor, post, to, Action.APPROVE, now=now)
            _notify_author(session, actor, post, "approved")
        else:
            post.current_step += 1
            post.step_started_at = now
            session.flush()
            audit.append(
                session,
                actor=actor,
                action="post.step_completed",
                subject_type="post",
                subject_id=post.id,
                data={"step": post.current_step, "next": post.current_step + 1},
            )
            notify_reviewers(session, post)
    return row


def override_finding(
    session: Session, actor: Person, post: Post, finding_key: str, reason: str
) -> FindingOverride:
    """A compliance officer lets one blocking finding of the current content through."""
    if actor.role not in OVERRIDE_ROLES or not actor.active:
        raise ForbiddenError("forbidden_role", role=actor.role.value, action="override")
    if actor.org_id != post.org_id:
        raise ForbiddenError("forbidden", detail=Term("another_org"))
    if actor.id == post.author_id:
        raise ForbiddenError("self_approval")
    if post.state not in (PostState.DRAFT, PostState.IN_REVIEW, PostState.CHANGES_REQUESTED):
        raise InvalidInputError("override", Term("not_overridable_now"))
    reason = reason.strip()
    if len(reason) < OVERRIDE_REASON_MIN:
        raise GovernanceError("reason_required", min=OVERRIDE_REASON_MIN)
    finding = next((f for f in post.findings if f.key == finding_key and is_blocking(f)), None)
    if finding is None:
        raise GovernanceError("not_blocking", key=finding_key)
    if finding_key in overrides(session, post):
        raise AlreadyExistsError("override", finding_key)
    row = FindingOverride(
        post_id=post.id,
        finding_key=finding_key,
        rule_id=finding.rule_id,
        content_hash=post.content_hash,
        person_id=actor.id,
        reason=reason,
        policy_version_id=post.policy_version_id,
    )
    session.add(row)
    transitions.touch(post)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="post.finding_overridden",
        subject_type="post",
        subject_id=post.id,
        data={
            "finding_key": finding_key,
            "rule_id": finding.rule_id,
            "text": finding.text,
            "reason": reason,
            "content_hash": post.content_hash,
            "policy_version_id": post.policy_version_id,
        },
    )
    return row


def invalidate(session: Session, actor: Person | None, post: Post, old_hash: str) -> int:
    """Void every decision of the current round (the content they approved is gone)."""
    now = utcnow()
    voided = 0
    for row in round_decisions(session, post):
        row.invalidated_at = now
        voided += 1
    if voided:
        session.flush()
        audit.append(
            session,
            actor=actor,
            org_id=post.org_id,
            action="post.approvals_invalidated",
            subject_type="post",
            subject_id=post.id,
            data={"count": voided, "old_hash": old_hash, "new_hash": post.content_hash},
        )
    return voided


def start_review(session: Session, post: Post, now: datetime | None = None) -> None:
    """A fresh round from the first step, under the accounts' workflows as they are now."""
    targets = [t.account for t in post.targets]
    snapshot = workflows.snapshot_for(session, targets)
    workflows.require_approvers(session, post.org_id, snapshot, post.author_id)
    post.workflow = [s.to_json() for s in snapshot]
    post.review_round += 1
    post.current_step = 0
    post.step_started_at = now or utcnow()
    post.escalated_step = None


def require_covered(session: Session, post: Post) -> None:
    """Every step approved for exactly the current content; nothing left blocking."""
    all_steps = steps(post)
    if not all_steps or not all(
        _step_complete(session, post, i, s) for i, s in enumerate(all_steps)
    ):
        raise GovernanceError("approval_incomplete")
    blocking = unresolved_blocking(session, post)
    if blocking:
        raise BlockedError(len(blocking))


def _escalate(session: Session, actor: Person | None, post: Post, step: StepSnapshot) -> None:
    deadline = step.deadline(post.step_started_at)
    post.escalated_step = post.current_step
    transitions.touch(post)
    session.flush()
    audit.append(
        session,
        actor=actor,
        org_id=post.org_id,
        action="post.escalated",
        subject_type="post",
        subject_id=post.id,
        data={
            "step": post.current_step + 1,
            "step_name": step.name,
            "backup_id": step.backup_id,
            "deadline": deadline.isoformat() if deadline else None,
        },
    )
    if step.backup_id is not None and step.backup_id != post.author_id:
        notifications.notify(
            session,
            post.org_id,
            [step.backup_id],
            "escalated",
            {**_post_params(session, post), "step": post.current_step + 1, "step_name": step.name},
            f"/posts/{post.id}",
        )


def escalate_overdue(session: Session, org_id: int, now: datetime | None = None) -> list[Post]:
    """Hand every review whose step deadline passed to that step's backup approver."""
    now = now or utcnow()
    escalated = []
    in_review = session.scalars(
        select(Post).where(Post.org_id == org_id, Post.state == PostState.IN_REVIEW)
    )
    for post in in_review:
        step = current_step(post)
        if (
            step is not None
            and step.backup_id is not None
            and post.escalated_step != post.current_step
            and is_overdue(step, post, now)
        ):
            _escalate(session, None, post, step)
            escalated.append(post)
    return escalated


@dataclass(frozen=True, slots=True)
class StepStatus:
    index: int
    name: str
    rule: StepRule
    approver_ids: frozenset[int]
    approved_by: tuple[int, ...]
    deadline: datetime | None
    escalated: bool
    complete: bool
    current: bool


def step_statuses(session: Session, post: Post) -> list[StepStatus]:
    """Where the review stands, step by step (for pages and the CLI)."""
    out = []
    for index, step in enumerate(steps(post)):
        approvals = [
            d.person_id
            for d in round_decisions(session, post, index)
            if d.decision is Decision.APPROVE
        ]
        current = post.state is PostState.IN_REVIEW and index == post.current_step
        out.append(
            StepStatus(
                index=index,
                name=step.name,
                rule=step.rule,
                approver_ids=frozenset(workflows.approver_ids(session, post.org_id, step)),
                approved_by=tuple(approvals),
                deadline=step.deadline(post.step_started_at) if current else None,
                escalated=post.escalated_step == index,
                complete=_step_complete(session, post, index, step),
                current=current,
            )
        )
    return out


def review_queue(session: Session, actor: Person, now: datetime | None = None) -> list[Post]:
    """Posts waiting for ``actor``'s decision now (oldest first)."""
    now = now or utcnow()
    waiting = []
    candidates = session.scalars(
        select(Post)
        .where(Post.org_id == actor.org_id, Post.state == PostState.IN_REVIEW)
        .order_by(Post.updated_at)
    )
    for post in candidates:
        allowed, _ = may_decide(session, actor, post, now)
        if (
            allowed
            and separation.approval_conflict(session, actor, post) is None
            and not any(
                d.person_id == actor.id for d in round_decisions(session, post, post.current_step)
            )
        ):
            waiting.append(post)
    return waiting


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """A post waiting for one person's decision, with what they need to pick it up."""

    post: Post
    step: int
    """1-based."""
    step_name: str
    waiting_since: datetime
    deadline: datetime | None
    overdue: bool
    escalated: bool
    worst_severity: str | None
    findings: int


_NO_DEADLINE = datetime.max.replace(tzinfo=UTC)


def queue(session: Session, actor: Person, now: datetime | None = None) -> list[QueueEntry]:
    """``actor``'s review queue with context: the soonest deadline first, then the post
    waiting longest (oldest first), the worst findings breaking ties."""
    now = now or utcnow()
    out = []
    for post in review_queue(session, actor, now):
        step = current_step(post)
        if step is None:
            continue
        since = post.step_started_at or post.updated_at
        deadline = step.deadline(post.step_started_at)
        ranks = [Severity(f.severity).rank for f in post.findings]
        worst = max(ranks, default=None)
        out.append(
            QueueEntry(
                post=post,
                step=post.current_step + 1,
                step_name=step.name,
                waiting_since=since,
                deadline=deadline,
                overdue=deadline is not None and now >= deadline,
                escalated=post.escalated_step == post.current_step,
                worst_severity=None
                if worst is None
                else next(s.value for s in Severity if s.rank == worst),
                findings=len(ranks),
            )
        )
    out.sort(
        key=lambda e: (
            e.deadline or _NO_DEADLINE,
            e.waiting_since,
            -(Severity(e.worst_severity).rank if e.worst_severity else -1),
            e.post.id,
        )
    )
    return out


def next_in_queue(session: Session, actor: Person, after: int | None = None) -> Post | None:
    """The first post of ``actor``'s queue other than ``after`` (the one just decided)."""
    for entry in queue(session, actor):
        if entry.post.id != after:
            return entry.post
    return None
