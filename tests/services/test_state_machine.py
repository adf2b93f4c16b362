"""Every (role, state, action): allowed ones lead to the written-down state, every other
one is refused. The expected table is spelled out here, independently of the code."""

from __future__ import annotations

import itertools

import pytest

from herald.services.errors import ForbiddenError, InvalidTransitionError
from herald.services.state_machine import Action, allowed_actions, target_state
from herald.store.enums import PostState, Role

S, A, R = PostState, Action, Role

# (state, action) -> state, as the design brief describes the life of a post.
EXPECTED_TRANSITIONS = {
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.DRAFT, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.EDIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.WITHDRAW): S.DRAFT,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REJECT): S.REJECTED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.CHANGES_REQUESTED, A.EDIT): S.CHANGES_REQUESTED,
    (S.CHANGES_REQUESTED, A.SUBMIT): S.IN_REVIEW,
    (S.APPROVED, A.EDIT): S.IN_REVIEW,
    (S.APPROVED, A.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, A.EDIT): S.IN_REVIEW,
    (S.SCHEDULED, A.UNSCHEDULE): S.APPROVED,
    (S.SCHEDULED, A.PUBLISH): S.PUBLISHED,
    (S.SCHEDULED, A.FAIL): S.FAILED,
    (S.SCHEDULED, A.RESCHEDULE): S.SCHEDULED,
    (S.FAILED, A.EDIT): S.IN_REVIEW,
    (S.FAILED, A.RESCHEDULE): S.SCHEDULED,
    (S.REJECTED, A.REOPEN): S.DRAFT,
}

WRITE = {A.EDIT, A.SUBMIT, A.WITHDRAW, A.REOPEN}
DECIDE = {A.APPROVE, A.REJECT, A.REQUEST_CHANGES}
PUBLISH = {A.SCHEDULE, A.UNSCHEDULE, A.PUBLISH, A.FAIL, A.RESCHEDULE}
EXPECTED_ROLE_ACTIONS = {
    R.OWNER: WRITE | DECIDE | PUBLISH,
    R.ADMIN: WRITE | DECIDE | PUBLISH,
    R.COMPLIANCE_OFFICER: DECIDE,
    R.APPROVER: DECIDE,
    R.PUBLISHER: WRITE | PUBLISH,
    R.CONTRIBUTOR: WRITE,
    R.AGENT: set(),
    R.VIEWER: set(),
}

CASES = list(itertools.product(Role, PostState, Action))


@pytest.mark.parametrize(("role", "state", "action"), CASES, ids=lambda v: v.value)
def test_transition(role: Role, state: PostState, action: Action) -> None:
    expected = EXPECTED_TRANSITIONS.get((state, action))
    if expected is None:
        with pytest.raises(InvalidTransitionError):
            target_state(role, state, action)
    elif action not in EXPECTED_ROLE_ACTIONS[role]:
        with pytest.raises(ForbiddenError):
            target_state(role, state, action)
    else:
        assert target_state(role, state, action) is expected


def test_published_is_final_for_everyone() -> None:
    for role in Role:
        assert allowed_actions(role, S.PUBLISHED) == []


def test_allowed_actions_matches_the_table() -> None:
    assert allowed_actions(R.CONTRIBUTOR, S.DRAFT) == [A.EDIT, A.SUBMIT]
    assert allowed_actions(R.APPROVER, S.IN_REVIEW) == [A.APPROVE, A.REJECT, A.REQUEST_CHANGES]
    assert allowed_actions(R.PUBLISHER, S.SCHEDULED) == [
        A.EDIT,
        A.UNSCHEDULE,
        A.PUBLISH,
        A.FAIL,
        A.RESCHEDULE,
    ]
    assert allowed_actions(R.VIEWER, S.DRAFT) == []


def test_error_names_state_and_action_in_three_languages() -> None:
    with pytest.raises(InvalidTransitionError) as caught:
        target_state(R.OWNER, S.PUBLISHED, A.EDIT)
    assert "published" in caught.value.message("en")
    assert "published" in caught.value.message("tr")
    assert "published" in caught.value.message("es")
