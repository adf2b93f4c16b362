"""Moving a post between states: the role check, the change and its audit entry together."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.permissions import require_active
from herald.services.state_machine import Action, target_state
from herald.store.enums import PostState
from herald.store.models import Person, Post
from herald.store.types import utcnow


def check(actor: Person, post: Post, action: Action) -> PostState:
    """The state ``action`` would lead to, if ``actor``'s role may take it now."""
    require_active(actor)
    return target_state(actor.role, post.state, action)


def apply(
    session: Session,
    actor: Person | None,
    post: Post,
    to: PostState,
    action: Action,
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """Set ``post.state`` and append the audit entry in the same transaction."""
    before = post.state
    post.state = to
    touch(post, now)
    session.flush()
    audit.append(
        session,
        actor=actor,
        org_id=post.org_id,
        action="post.state_changed",
        subject_type="post",
        subject_id=post.id,
        data={"action": action.value, "from": before.value, "to": to.value, **(data or {})},
    )


def touch(post: Post, now: datetime | None = None) -> None:
    """Mark the post changed: its version bumps, so a concurrent stale write fails."""
    post.updated_at = now or utcnow()
