"""Posts: writing them (with per-account variants), sending them through review,
scheduling and publishing, comments and history.

Every change rescans the post with the active policy and keeps the latest findings.
The content hash covers the text, every target and every variant: approvals are bound
to it, so any edit after approval sends the post back to review.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import accounts, acknowledgements, approvals, audit, transitions
from herald.services.errors import (
    ConcurrentUpdateError,
    ForbiddenError,
    GovernanceError,
    InvalidInputError,
    NotFoundError,
)
from herald.services.messages import Term
from herald.services.permissions import ADMIN_ROLES, require_active
from herald.services.post_scan import scan_post
from herald.services.scoping import get_owned, owned_by
from herald.services.state_machine import CREATE_ROLES, Action
from herald.store.enums import Capability, PostState, PublicationState
from herald.store.models import (
    Account,
    AuditEntry,
    Comment,
    Person,
    Post,
    PostTarget,
    Publication,
)
from herald.store.types import utcnow
from herald.text.length import network_length, network_limit

MAX_TEXT_CHARS = 20_000
MAX_COMMENT_CHARS = 5_000
SCHEDULE_GRACE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Target:
    """An account to post to, with its own text when it differs from the original."""

    account: Account
    variant: str | None = None


def clean_text(text: str, what: str = "text", limit: int = MAX_TEXT_CHARS) -> str:
    """Refuse text that cannot be stored or checked faithfully, saying why."""
    if not isinstance(text, str):
        raise InvalidInputError(what, Term("not_a_string"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidInputError(what, Term("lone_surrogate")) from error
    if "\x00" in text:
        raise InvalidInputError(what, Term("nul_char"))
    if not text.strip():
        raise GovernanceError("empty_text")
    if len(text) > limit:
        raise GovernanceError("text_too_long", max=limit)
    return text


def content_hash(text: str, targets: Sequence[tuple[int, str | None]]) -> str:
    """SHA-256 over the exact text and the sorted (account, variant) pairs."""
    body = json.dumps(
        {"text": text, "targets": sorted(targets, key=lambda t: t[0])},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _check_targets(session: Session, actor: Person, targets: Sequence[Target]) -> None:
    seen: set[int] = set()
    for target in targets:
        if target.account.org_id != actor.org_id:
            raise NotFoundError("account", target.account.id)
        if target.account.id in seen:
            raise InvalidInputError("targets", Term("target_twice"))
        seen.add(target.account.id)
        accounts.require(session, actor, target.account, Capability.DRAFT)
        if target.variant is not None:
            clean_text(target.variant, "variant")


def _check_fits(account: Account, text: str) -> None:
    """Refuse, before review, a text the account's network would refuse for its length."""
    limit = network_limit(account.network)
    if limit is None:
        return
    length = network_length(text, account.network)
    if length > limit:
        raise GovernanceError(
            "text_too_long_for_network",
            account=account.handle,
            network=account.network,
            length=length,
            max=limit,
        )


def _require_editor(session: Session, actor: Person, post: Post) -> None:
    """The author, an admin, or someone who may draft for every account of the post."""
    if actor.id == post.author_id or actor.role in ADMIN_ROLES:
        return
    if not post.targets or not all(
        accounts.can(session, actor, t.account, Capability.DRAFT) for t in post.targets
    ):
        raise ForbiddenError("forbidden", detail=Term("only_editor"))


def _check_version(post: Post, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != post.version:
        raise ConcurrentUpdateError()


def get(session: Session, actor: Person, post_id: int) -> Post:
    return get_owned(session, Post, post_id, actor.org_id, "post")


def list_posts(
    session: Session, actor: Person, state: PostState | None = None, limit: int = 200
) -> list[Post]:
    query = owned_by(Post, actor.org_id)
    if state is not None:
        query = query.where(Post.state == state)
    return list(session.scalars(query.order_by(Post.id.desc()).limit(limit)))


def create(session: Session, actor: Person, text: str, targets: Sequence[Target] = ()) -> Post:
    """A new draft by ``actor``, scanned straight away."""
    require_active(actor)
    if actor.role not in CREATE_ROLES:
        raise ForbiddenError("forbidden_role", role=actor.role.value, action="create")
    acknowledgements.require_for_drafting(session, actor)
    text = clean_text(text)
    _check_targets(session, actor, targets)
    pairs = [(t.account.id, t.variant) for t in targets]
    post = Post(
        org_id=actor.org_id,
        author_id=actor.id,
        text=text,
        state=PostState.DRAFT,
        content_hash=content_hash(text, pairs),
        verdict="pass",
        workflow=[],
    )
    post.targets = [PostTarget(account=t.account, variant_text=t.variant) for t in targets]
    session.add(post)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="post.created",
        subject_type="post",
        subject_id=post.id,
        data={
            "content_hash": post.content_hash,
            "text": text,
            "targets": [{"account_id": a, "variant": v} for a, v in pairs],
        },
    )
    scan_post(session, actor, post, actor)
    return post


def edit(
    session: Session,
    actor: Person,
    post: Post,
    *,
    text: str | None = None,
    targets: Sequence[Target] | None = None,
    expected_version: int | None = None,
) -> Post:
    """Change the text and/or targets. Anything approved or in review goes (back) to
    review in a new round: earlier decisions are void."""
    to = transitions.check(actor, post, Action.EDIT)
    _require_editor(session, actor, post)
    _check_version(post, expected_version)
    new_text = clean_text(text) if text is not None else post.text
    if targets is not None:
        _check_targets(session, actor, targets)
        new_pairs = [(t.account.id, t.variant) for t in targets]
    else:
        new_pairs = [(t.account_id, t.variant_text) for t in post.targets]
    new_hash = content_hash(new_text, new_pairs)
    if new_hash == post.content_hash:
        return post
    old_hash, before = post.content_hash, post.state
    post.text = new_text
    if targets is not None:
        post.targets.clear()
        session.flush()
        post.targets.extend(PostTarget(account=t.account, variant_text=t.variant) for t in targets)
    post.content_hash = new_hash
    transitions.touch(post)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="post.edited",
        subject_type="post",
        subject_id=post.id,
        data={
            "old_hash": old_hash,
            "content_hash": new_hash,
            "text": new_text,
            "targets": [{"account_id": a, "variant": v} for a, v in new_pairs],
        },
    )
    scan_post(session, actor, post, session.get_one(Person, post.author_id))
    if before in (PostState.IN_REVIEW, PostState.APPROVED, PostState.SCHEDULED, PostState.FAILED):
        approvals.invalidate(session, actor, post, old_hash)
        approvals.start_review(session, post)
        post.scheduled_at = None
        transitions.apply(session, actor, post, to, Action.EDIT, {"reason": "content changed"})
        approvals.notify_reviewers(session, post)
    return post


def submit(session: Session, actor: Person, post: Post) -> Post:
    to = transitions.check(actor, post, Action.SUBMIT)
    _require_editor(session, actor, post)
    if not post.targets:
        raise InvalidInputError("targets", Term("needs_target"))
    for target in post.targets:
        accounts.require(session, actor, target.account, Capability.DRAFT)
        _check_fits(target.account, target.variant_text or post.text)
    approvals.start_review(session, post)
    transitions.apply(
        session,
        actor,
        post,
        to,
        Action.SUBMIT,
        {
            "content_hash": post.content_hash,
            "round": post.review_round,
            "steps": [s["name"] for s in post.workflow],
        },
    )
    approvals.notify_reviewers(session, post)
    return post


def withdraw(session: Session, actor: Person, post: Post) -> Post:
    to = transitions.check(actor, post, Action.WITHDRAW)
    _require_editor(session, actor, post)
    approvals.invalidate(session, actor, post, post.content_hash)
    transitions.apply(session, actor, post, to, Action.WITHDRAW)
    return post


def reopen(session: Session, actor: Person, post: Post) -> Post:
    to = transitions.check(actor, post, Action.REOPEN)
    _require_editor(session, actor, post)
    transitions.apply(session, actor, post, to, Action.REOPEN)
    return post


def _require_publisher(session: Session, actor: Person, post: Post) -> None:
    for target in post.targets:
        accounts.require(session, actor, target.account, Capability.PUBLISH)


def _not_in_the_past(at: datetime) -> datetime:
    """A time a minute or more ago is a mistake (a wrong day or zone), not "now"."""
    if at < utcnow() - SCHEDULE_GRACE:
        raise GovernanceError("schedule_in_past", at=at.isoformat(timespec="minutes"))
    return at


def schedule(session: Session, actor: Person, post: Post, at: datetime | None = None) -> Post:
    """Queue an approved post for ``at`` (default: now); approvals are re-checked."""
    to = transitions.check(actor, post, Action.SCHEDULE)
    _require_publisher(session, actor, post)
    at = _not_in_the_past(_aware(at)) if at is not None else utcnow()
    approvals.require_covered(session, post)
    post.scheduled_at = at
    transitions.apply(
        session,
        actor,
        post,
        to,
        Action.SCHEDULE,
        {"at": at.isoformat(), "content_hash": post.content_hash},
    )
    return post


def unschedule(session: Session, actor: Person, post: Post) -> Post:
    to = transitions.check(actor, post, Action.UNSCHEDULE)
    _require_publisher(session, actor, post)
    post.scheduled_at = None
    transitions.apply(session, actor, post, to, Action.UNSCHEDULE)
    return post


def reschedule(session: Session, actor: Person, post: Post, at: datetime | None = None) -> Post:
    """Move a scheduled post to another time, or put a failed one back on the schedule.

    The approvals stay bound to the content hash and are checked again; a post one of
    whose targets is being sent right now cannot move (the attempt would race the move).
    """
    to = transitions.check(actor, post, Action.RESCHEDULE)
    _require_publisher(session, actor, post)
    approvals.require_covered(session, post)
    sending = session.scalar(
        select(Publication.id).where(
            Publication.post_id == post.id,
            Publication.state == PublicationState.SENDING,
            Publication.lease_until > utcnow(),
        )
    )
    if sending is not None:
        raise GovernanceError("publication_in_flight")
    post.scheduled_at = _not_in_the_past(_aware(at)) if at is not None else utcnow()
    transitions.apply(
        session, actor, post, to, Action.RESCHEDULE, {"at": post.scheduled_at.isoformat()}
    )
    return post


def publish(session: Session, actor: Person, post: Post, reference: str = "") -> Post:
    """Record that the post went out (the connectors call this after the network said yes)."""
    to = transitions.check(actor, post, Action.PUBLISH)
    _require_publisher(session, actor, post)
    approvals.require_covered(session, post)
    post.published_at = utcnow()
    transitions.apply(
        session,
        actor,
        post,
        to,
        Action.PUBLISH,
        {"content_hash": post.content_hash, "reference": reference},
    )
    return post


def mark_failed(session: Session, actor: Person, post: Post, reason: str) -> Post:
    to = transitions.check(actor, post, Action.FAIL)
    _require_publisher(session, actor, post)
    transitions.apply(session, actor, post, to, Action.FAIL, {"reason": reason.strip()})
    return post


def due(session: Session, org_id: int, now: datetime | None = None) -> list[Post]:
    """Scheduled posts whose time has come."""
    return list(
        session.scalars(
            select(Post)
            .where(
                Post.org_id == org_id,
                Post.state == PostState.SCHEDULED,
                Post.scheduled_at <= (now or utcnow()),
            )
            .order_by(Post.scheduled_at)
        )
    )


def add_comment(session: Session, actor: Person, post: Post, body: str) -> Comment:
    require_active(actor)
    if actor.org_id != post.org_id:
        raise NotFoundError("post", post.id)
    body = clean_text(body, "comment", MAX_COMMENT_CHARS).strip()
    comment = Comment(post_id=post.id, person_id=actor.id, body=body)
    session.add(comment)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="post.commented",
        subject_type="post",
        subject_id=post.id,
        data={"comment_id": comment.id, "body": body},
    )
    return comment


def comments(session: Session, post: Post) -> list[Comment]:
    return list(
        session.scalars(select(Comment).where(Comment.post_id == post.id).order_by(Comment.id))
    )


def history(session: Session, actor: Person, post: Post) -> list[AuditEntry]:
    """Everything that happened to the post, from the audit log, oldest first."""
    if actor.org_id != post.org_id:
        raise NotFoundError("post", post.id)
    return audit.history(session, "post", post.id)


def effective_text(post: Post, target: PostTarget) -> str:
    return target.variant_text if target.variant_text is not None else post.text


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise InvalidInputError("time", Term("needs_zone"))
    return value
