"""Separation of duties: the author never approves; with the rule on, one step per person
and no override-and-approve by one person."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, audit, posts, separation, workflows
from herald.services.errors import ForbiddenError
from herald.services.workflows import StepSpec
from herald.store.enums import Decision, PostState, StepRule
from herald.store.models import Post
from services.org_world import BLOCK_TEXT, CLEAN_TEXT, World


def _steps(s: Session, world: World, *steps: StepSpec, rule: bool | None = None) -> None:
    """The brand account's workflow, with the organisation's rule set first when given."""
    owner = world.person(s, "owner")
    if rule is not None:
        separation.set_required(s, owner, rule)
    workflows.set_workflow(s, owner, world.brand(s), "review", list(steps))


def _shared_steps(s: Session, world: World) -> None:
    """Two steps that the compliance officer may both decide."""
    _steps(
        s,
        world,
        StepSpec("first", StepRule.ANY, people=("compliance@acme.test", "approver@acme.test")),
        StepSpec("second", StepRule.ANY, people=("compliance@acme.test", "approver2@acme.test")),
    )


def _submitted(s: Session, world: World, text: str = CLEAN_TEXT, author: str = "writer") -> Post:
    person = world.person(s, author)
    post = posts.create(s, person, text, [posts.Target(world.brand(s))])
    posts.submit(s, person, post)
    return post


def test_the_setting_is_off_until_turned_on_and_audited(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        assert not separation.required(s, world.org_id)
        with pytest.raises(ForbiddenError):
            separation.set_required(s, world.person(s, "approver"), True)
    with factory.begin() as s:
        separation.set_required(s, world.person(s, "compliance"), True)
        assert separation.required(s, world.org_id)
        entry = audit.history(s, "org", world.org_id)[-1]
        assert entry.action == "workflow.separation_of_duties"
        assert '"on":true' in entry.payload


def test_without_the_rule_one_person_may_approve_two_steps(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _shared_steps(s, world)
        post = _submitted(s, world)
        compliance = world.person(s, "compliance")
        approvals.decide(s, compliance, post, Decision.APPROVE)
        approvals.decide(s, compliance, post, Decision.APPROVE)
        assert post.state is PostState.APPROVED


def test_with_the_rule_a_second_step_needs_another_person(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        separation.set_required(s, world.person(s, "owner"), True)
        _shared_steps(s, world)
        post = _submitted(s, world)
        compliance = world.person(s, "compliance")
        approvals.decide(s, compliance, post, Decision.APPROVE)
        assert post.current_step == 1
        with pytest.raises(ForbiddenError, match="already approved step 1"):
            approvals.decide(s, compliance, post, Decision.APPROVE)
        assert post.id not in [p.id for p in approvals.review_queue(s, compliance)]
        approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED
        entry = next(e for e in posts.history(s, compliance, post) if e.action == "post.decision")
        assert '"separation_of_duties":true' in entry.payload


def test_with_the_rule_an_all_step_completes_without_who_approved_before(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _steps(
            s,
            world,
            StepSpec("first", StepRule.ANY, people=("compliance@acme.test",)),
            StepSpec(
                "second", StepRule.ALL, people=("compliance@acme.test", "approver2@acme.test")
            ),
            rule=True,
        )
        post = _submitted(s, world)
        approvals.decide(s, world.person(s, "compliance"), post, Decision.APPROVE)
        approvals.decide(s, world.person(s, "approver2"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED


def test_with_the_rule_who_overrides_does_not_approve(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _steps(
            s,
            world,
            StepSpec("only", StepRule.ANY, people=("compliance@acme.test", "approver@acme.test")),
            rule=True,
        )
        post = _submitted(s, world, BLOCK_TEXT)
        compliance = world.person(s, "compliance")
        key = post.findings[0].key
        approvals.override_finding(s, compliance, post, key, "Own-brand promo, not sponsorship.")
        with pytest.raises(ForbiddenError, match="different people"):
            approvals.decide(s, compliance, post, Decision.APPROVE)
        approvals.decide(s, world.person(s, "approver"), post, Decision.APPROVE)
        assert post.state is PostState.APPROVED


@pytest.mark.parametrize("rule", [False, True])
def test_an_owner_never_approves_or_overrides_their_own_post(
    factory: sessionmaker[Session], world: World, rule: bool
) -> None:
    with factory.begin() as s:
        _steps(
            s,
            world,
            StepSpec("only", StepRule.ANY, people=("owner@acme.test", "approver@acme.test")),
            rule=rule,
        )
        owner = world.person(s, "owner")
        post = _submitted(s, world, BLOCK_TEXT, author="owner")
        with pytest.raises(ForbiddenError, match="your own post"):
            approvals.decide(s, owner, post, Decision.APPROVE)
        with pytest.raises(ForbiddenError):
            approvals.override_finding(s, owner, post, post.findings[0].key, "x" * 20)
        assert post.id not in [p.id for p in approvals.review_queue(s, owner)]
