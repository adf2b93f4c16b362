"""Approved, scheduled posts for the publishing tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, posts
from herald.store.enums import Decision
from services.org_world import World


def scheduled_post(
    factory: sessionmaker[Session],
    world: World,
    text: str,
    variants: dict[str, str | None] | None = None,
    at: datetime | None = None,
) -> int:
    """A post on both brand accounts (``variants`` by "brand"/"other"), approved and
    scheduled for ``at`` (default: a minute ago, so it is due)."""
    variants = variants or {}
    with factory.begin() as s:
        writer = world.person(s, "writer")
        targets = [
            posts.Target(world.brand(s), variants.get("brand")),
            posts.Target(world.other_brand(s), variants.get("other")),
        ]
        post = posts.create(s, writer, text, targets)
        posts.submit(s, writer, post)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        posts.schedule(s, world.person(s, "publisher"), post, at)
        return post.id
