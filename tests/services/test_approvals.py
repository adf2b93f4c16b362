from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, audit, posts, workflows
from herald.services.errors import (
    BlockedError,
    ContentChangedError,
    ForbiddenError,
    GovernanceError,
)
from herald.services.workflows import StepSpec
from herald.store.enums import Decision, PostState, StepRule
from herald.store.models import ApprovalDecision, Post
from herald.store.types import utcnow
from services.org_world import BLOCK_TEXT, CLEAN_TEXT, World


def _two_steps(s: Session, world: World, second_rule: StepRule = StepRule.ALL) -> None:
    workflows.set_workflow(
        s,
        world.person(s, "owner"),
        world.brand(s),
        "brand review",
        [
            StepSpec("marketing", StepRule.ANY, people=("approver@acme.test",)),
            StepSpec(
                "legal",
                second_rule,
                people=("approver2@acme.test", "compliance@acme.test"),
                deadline=timedelta(hours=4),
                backup="backup@acme.test",
            ),
        ],
    )


def _submitted(s: Session, world: World, text: str = CLEAN_TEXT) -> Post:
    writer = world.person(s, "writer")
    post = posts.create(s, writer, text, [posts.Target(world.brand(s))])
    posts.submit(s, writer, post)
    return post


def test_two_step_all_rule(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        _two_steps(s, world)
        post = _submitted(s, world)
        with pytest.raises(ForbiddenError):  # step 2's approver cannot jump the order
            approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        assert (post.state, post.current_step) == (PostState.IN_REVIEW, 1)
        approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        assert post.state is PostState.IN_REVIEW  # "all": the compliance officer too
        with pytest.raises(GovernanceError, match="already decided"):
            approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        approvals.decide(s, world.person(s, "compliance"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED
        posts.schedule(s, world.person(s, "publisher"), post, utcnow() + timedelta(hours=1))
        assert post.state is PostState.SCHEDULED
        posts.publish(s, world.person(s, "publisher"), post, "https://example.test/1")
        assert post.state is PostState.PUBLISHED


def test_any_rule_and_team_approvers(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        workflows.set_workflow(
            s,
            world.person(s, "owner"),
            world.brand(s),
            "team review",
            [StepSpec("team", StepRule.ANY, teams=("message-approval",))],
        )
        post = _submitted(s, world)
        with pytest.raises(ForbiddenError):  # not in the team
            approvals.decide(s, world.person(s, "backup"), post, Decision.APPROVE)
        approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED


def test_no_self_approval(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        admin = world.person(s, "admin")
        post = posts.create(s, admin, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, admin, post)
        with pytest.raises(ForbiddenError, match="your own post"):
            approvals.decide(s, admin, post, Decision.APPROVE)


def test_reject_and_request_changes_need_a_reason(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        approver = world.person(s, "approver")
        with pytest.raises(GovernanceError, match="reason"):
            approvals.decide(s, approver, post, Decision.REQUEST_CHANGES, " ")
        approvals.decide(s, approver, post, Decision.REQUEST_CHANGES, "Name the district.")
        assert post.state is PostState.CHANGES_REQUESTED
        writer = world.person(s, "writer")
        posts.edit(s, writer, post, text=CLEAN_TEXT + " Kadıköy.")
        posts.submit(s, writer, post)
        assert post.review_round == 2
        approvals.decide(s, approver, post, Decision.REJECT, "Not this week.")
        assert post.state is PostState.REJECTED


def test_block_findings_need_a_compliance_override(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = _submitted(s, world, BLOCK_TEXT)
        approver = world.person(s, "approver")
        with pytest.raises(BlockedError):
            approvals.decide(s, approver, post, Decision.APPROVE)
        key = post.findings[0].key
        with pytest.raises(ForbiddenError):  # an approver may not override
            approvals.override_finding(s, approver, post, key, "It is our own promo code.")
        compliance = world.person(s, "compliance")
        with pytest.raises(GovernanceError, match="reason"):
            approvals.override_finding(s, compliance, post, key, "ok")
        approvals.override_finding(s, compliance, post, key, "Own-brand promo, not sponsorship.")
        approvals.decide(s, approver, post, Decision.APPROVE)
        assert post.state is PostState.APPROVED
        entry = next(e for e in posts.history(s, approver, post) if e.action == "post.decision")
        assert key in entry.payload  # the findings shown and overrides are in the log


def test_edit_invalidates_approval_and_sends_back_to_review(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED
        seen = post.content_hash
        posts.edit(s, world.person(s, "writer"), post, text=CLEAN_TEXT + " 10:00!")
        assert post.state is PostState.IN_REVIEW
        assert post.review_round == 2
        decisions = s.query(ApprovalDecision).filter_by(post_id=post.id).all()
        assert [d.invalidated_at is not None for d in decisions] == [True]
        with pytest.raises(GovernanceError):
            posts.schedule(s, world.person(s, "publisher"), post)
        with pytest.raises(ContentChangedError):
            approvals.decide(
                s, world.person(s, "approver"), post, Decision.APPROVE, expected_hash=seen
            )
        approvals.decide(
            s,
            world.person(s, "approver"),
            post,
            Decision.APPROVE,
            expected_hash=post.content_hash,
        )
        assert post.state is PostState.APPROVED


def test_edit_after_scheduling_unschedules(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        posts.schedule(s, world.person(s, "publisher"), post)
        posts.edit(s, world.person(s, "publisher"), post, text=CLEAN_TEXT + " Bring friends.")
        assert post.state is PostState.IN_REVIEW
        assert post.scheduled_at is None


def test_deadline_escalates_to_backup(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        _two_steps(s, world, StepRule.ALL)
        post = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        backup = world.person(s, "backup")
        with pytest.raises(ForbiddenError):  # before the deadline the backup may not act
            approvals.decide(s, backup, post, Decision.APPROVE)
        assert approvals.review_queue(s, backup) == []
        later = utcnow() + timedelta(hours=5)
        assert approvals.escalate_overdue(s, world.org_id, later) == [post]
        assert approvals.escalate_overdue(s, world.org_id, later) == []  # only once
        assert approvals.review_queue(s, backup, later) == [post]
        row = approvals.decide(s, backup, post, Decision.APPROVE, now=later)
        assert row.as_backup
        assert post.state is PostState.APPROVED
        actions = [e.action for e in posts.history(s, backup, post)]
        assert "post.escalated" in actions


def test_default_step_uses_approve_grants(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        assert [st["name"] for st in post.workflow] == ["approval"]
        assert approvals.review_queue(s, world.person(s, "approver")) == [post]
        assert approvals.review_queue(s, world.person(s, "backup")) == []


def test_decisions_pin_hash_and_policy_version(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        row = approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        assert row.content_hash == post.content_hash
        assert row.policy_version_id == post.policy_version_id is not None
        assert audit.verify(s).ok


def test_viewer_and_agent_cannot_act(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        for name in ("viewer", "agent", "writer", "publisher"):
            with pytest.raises(ForbiddenError):
                approvals.decide(s, world.person(s, name), post, Decision.APPROVE)


def test_publishing_lifecycle_failures_and_due_posts(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        publisher = world.person(s, "publisher")
        soon = utcnow() + timedelta(minutes=5)
        posts.schedule(s, publisher, post, soon)
        assert posts.due(s, world.org_id) == []
        assert posts.due(s, world.org_id, soon) == [post]
        posts.unschedule(s, publisher, post)
        assert post.state is PostState.APPROVED
        posts.schedule(s, publisher, post)
        posts.mark_failed(s, publisher, post, "network timeout")
        assert post.state is PostState.FAILED
        posts.reschedule(s, publisher, post)
        assert post.state is PostState.SCHEDULED
        with pytest.raises(ForbiddenError):  # a contributor may write, not publish
            posts.publish(s, world.person(s, "writer"), post)
        posts.publish(s, publisher, post)
        assert post.state is PostState.PUBLISHED
        assert post.published_at is not None


def test_withdraw_and_reopen(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = _submitted(s, world)
        posts.withdraw(s, writer, post)
        assert post.state is PostState.DRAFT
        posts.submit(s, writer, post)
        approvals.decide(s, world.person(s, "approver"), post, Decision.REJECT, "Off-brand.")
        posts.reopen(s, writer, post)
        assert post.state is PostState.DRAFT
        with pytest.raises(ForbiddenError):  # not the author, no draft grant
            posts.edit(s, world.person(s, "approver2"), post, text="Hijacked")


def test_submission_needs_targets_and_an_approver(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        lonely = posts.create(s, writer, CLEAN_TEXT, [])
        with pytest.raises(GovernanceError):
            posts.submit(s, writer, lonely)
        workflows.set_workflow(
            s,
            world.person(s, "owner"),
            world.brand(s),
            "self",
            [StepSpec("only the writer", people=("writer@acme.test",))],
        )
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        with pytest.raises(GovernanceError, match="No approver"):
            posts.submit(s, writer, post)


def test_queue_puts_deadlines_first_then_the_longest_wait(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        owner, writer = world.person(s, "owner"), world.person(s, "writer")
        workflows.set_workflow(
            s,
            owner,
            world.brand(s),
            "urgent",
            [
                StepSpec(
                    "check",
                    StepRule.ANY,
                    people=("approver@acme.test",),
                    deadline=timedelta(hours=2),
                )
            ],
        )
        workflows.set_workflow(
            s,
            owner,
            world.other_brand(s),
            "calm",
            [StepSpec("check", StepRule.ANY, people=("approver@acme.test",))],
        )
        made = []
        for account in (world.other_brand(s), world.other_brand(s), world.brand(s)):
            post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(account)])
            posts.submit(s, writer, post)
            made.append(post)
        oldest, newer, with_deadline = made
        oldest.step_started_at = utcnow() - timedelta(hours=5)
        newer.step_started_at = utcnow() - timedelta(hours=1)
        s.flush()
        entries = approvals.queue(s, world.person(s, "approver"))
        assert [e.post.id for e in entries] == [with_deadline.id, oldest.id, newer.id]
        assert entries[0].deadline is not None
        assert entries[1].step_name == "check"
        assert entries[1].findings == 0
        assert (
            approvals.next_in_queue(s, world.person(s, "approver"), after=with_deadline.id)
            is oldest
        )
