from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, audit, posts
from herald.services.errors import ForbiddenError, GovernanceError, InvalidInputError
from herald.store.enums import Decision, PostState
from herald.store.models import PostFinding
from herald.store.types import utcnow
from services.org_world import BLOCK_RULE, BLOCK_TEXT, CLEAN_TEXT, CLEAN_TEXT_2, World


def test_create_scans_and_keeps_findings(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(s, writer, BLOCK_TEXT, [posts.Target(world.brand(s))])
        assert post.state is PostState.DRAFT
        assert post.verdict == "block"
        assert [f.rule_id for f in post.findings] == [BLOCK_RULE]
        assert post.findings[0].text == "Tr0ub4dor&3x"
        assert BLOCK_TEXT[post.findings[0].start : post.findings[0].end] == "Tr0ub4dor&3x"
        post_id = post.id
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.get(s, writer, post_id)
        posts.edit(s, writer, post, text=CLEAN_TEXT)
        assert post.verdict == "pass"
        assert post.findings == []
        assert s.query(PostFinding).filter_by(post_id=post_id).count() == 0
        actions = [e.action for e in posts.history(s, writer, post)]
        assert actions == ["post.created", "post.scanned", "post.edited", "post.scanned"]


def test_variant_is_scanned_and_hashed(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(
            s,
            writer,
            CLEAN_TEXT,
            [posts.Target(world.brand(s)), posts.Target(world.other_brand(s), BLOCK_TEXT)],
        )
        assert [(f.account_id, f.rule_id) for f in post.findings] == [
            (world.other_brand_id, BLOCK_RULE)
        ]
        before = post.content_hash
        posts.edit(
            s,
            writer,
            post,
            targets=[
                posts.Target(world.brand(s)),
                posts.Target(world.other_brand(s), CLEAN_TEXT_2),
            ],
        )
        assert post.content_hash != before
        assert post.findings == []


def test_content_hash_covers_text_targets_and_variants() -> None:
    base = posts.content_hash("hello", [(1, None), (2, "hola")])
    assert base == posts.content_hash("hello", [(2, "hola"), (1, None)])
    assert base != posts.content_hash("hello!", [(1, None), (2, "hola")])
    assert base != posts.content_hash("hello", [(1, None)])
    assert base != posts.content_hash("hello", [(1, None), (2, "hola!")])
    assert base != posts.content_hash("hello", [(1, "hello"), (2, "hola")])


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", GovernanceError),
        ("   \n", GovernanceError),
        ("x" * (posts.MAX_TEXT_CHARS + 1), GovernanceError),
        ("bad \udcff surrogate", InvalidInputError),
        ("nul \x00 char", InvalidInputError),
    ],
)
def test_bad_text_is_refused_and_nothing_is_stored(
    factory: sessionmaker[Session], world: World, text: str, error: type[Exception]
) -> None:
    with pytest.raises(error), factory.begin() as s:
        posts.create(s, world.person(s, "writer"), text, [posts.Target(world.brand(s))])
    with factory() as s:
        assert posts.list_posts(s, world.person(s, "writer")) == []


def test_messages_exist_in_every_language(factory: sessionmaker[Session], world: World) -> None:
    with pytest.raises(GovernanceError) as caught, factory.begin() as s:
        posts.create(s, world.person(s, "writer"), "  ", [])
    assert caught.value.message("en") == "The post text is empty."
    assert caught.value.message("tr") == "Gönderi metni boş."
    assert caught.value.message("es") == "El texto de la publicación está vacío."


def test_drafting_needs_a_grant_on_each_account(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        agent = world.person(s, "agent")
        with pytest.raises(ForbiddenError):
            posts.create(s, agent, CLEAN_TEXT, [posts.Target(world.brand(s))])
        approver = world.person(s, "approver")
        with pytest.raises(ForbiddenError):
            posts.create(s, approver, CLEAN_TEXT, [posts.Target(world.brand(s))])


def test_comments_and_full_history(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer, approver = world.person(s, "writer"), world.person(s, "approver")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, writer, post)
        posts.add_comment(s, approver, post, "Can we say which district?")
        approvals.decide(s, approver, post, Decision.APPROVE)
        assert [c.body for c in posts.comments(s, post)] == ["Can we say which district?"]
        actions = [e.action for e in posts.history(s, writer, post)]
        assert actions == [
            "post.created",
            "post.scanned",
            "post.state_changed",
            "post.commented",
            "post.decision",
            "post.state_changed",
        ]
        assert post.state is PostState.APPROVED
        assert audit.verify(s).ok


def test_submit_refuses_a_text_the_network_would_refuse_for_length(
    factory: sessionmaker[Session], world: World
) -> None:
    # 300 family emoji are 300 graphemes (Bluesky's limit) but 1,500 code points.
    fits = "👨‍👩‍👧" * 300
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.other_brand(s), fits)])
        posts.submit(s, writer, post)
        assert post.state is PostState.IN_REVIEW
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.other_brand(s), fits + "!")])
        with pytest.raises(GovernanceError) as refused:
            posts.submit(s, writer, post)
        assert refused.value.code == "text_too_long_for_network"
        assert refused.value.message("en") == (
            "The text for acme.bsky.social is 301 characters as bluesky counts them; "
            "the limit is 300."
        )
        assert "sınır 300" in refused.value.message("tr")


def test_scheduling_in_the_past_is_refused(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, writer, post)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        publisher = world.person(s, "publisher")
        with pytest.raises(GovernanceError) as refused:
            posts.schedule(s, publisher, post, utcnow() - timedelta(hours=2))
        assert refused.value.code == "schedule_in_past"
        assert post.state is PostState.APPROVED
        posts.schedule(s, publisher, post, utcnow() + timedelta(days=1))
        assert post.state is PostState.SCHEDULED
