"""The post state machine: which action moves a post from which state, and who may act.

Pure data and one function, so it can be tested exhaustively and shown in the docs.
Whether a specific person may act on a specific post (authorship, account grants,
approval steps) is decided on top of this in :mod:`herald.services.posts`.
"""

from __future__ import annotations

from enum import StrEnum

from herald.services.errors import ForbiddenError, InvalidTransitionError
from herald.store.enums import PostState, Role


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    PUBLISH = "publish"
    FAIL = "fail"
    RESCHEDULE = "reschedule"
    REOPEN = "reopen"


S = PostState

TRANSITIONS: dict[tuple[PostState, Action], PostState] = {
    # Editing keeps a post that is still being written where it is; an edit to anything
    # already (being) approved voids the approvals and sends it back to review.
    (S.DRAFT, Action.EDIT): S.DRAFT,
    (S.CHANGES_REQUESTED, Action.EDIT): S.CHANGES_REQUESTED,
    (S.IN_REVIEW, Action.EDIT): S.IN_REVIEW,
    (S.APPROVED, Action.EDIT): S.IN_REVIEW,
    (S.SCHEDULED, Action.EDIT): S.IN_REVIEW,
    (S.FAILED, Action.EDIT): S.IN_REVIEW,
    (S.DRAFT, Action.SUBMIT): S.IN_REVIEW,
    (S.CHANGES_REQUESTED, Action.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, Action.WITHDRAW): S.DRAFT,
    # APPROVE reaches APPROVED only with the last step's approval; earlier steps keep
    # the post in review (the workflow decides, the machine only allows).
    (S.IN_REVIEW, Action.APPROVE): S.APPROVED,
    (S.IN_REVIEW, Action.REJECT): S.REJECTED,
    (S.IN_REVIEW, Action.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.APPROVED, Action.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, Action.UNSCHEDULE): S.APPROVED,
    (S.SCHEDULED, Action.PUBLISH): S.PUBLISHED,
    (S.SCHEDULED, Action.FAIL): S.FAILED,
    # Moving a scheduled post to another time (the calendar); approvals stay bound.
    (S.SCHEDULED, Action.RESCHEDULE): S.SCHEDULED,
    (S.FAILED, Action.RESCHEDULE): S.SCHEDULED,
    (S.REJECTED, Action.REOPEN): S.DRAFT,
}

_AUTHORING = frozenset({Action.EDIT, Action.SUBMIT, Action.WITHDRAW, Action.REOPEN})
_DECIDING = frozenset({Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES})
_PUBLISHING = frozenset(
    {Action.SCHEDULE, Action.UNSCHEDULE, Action.PUBLISH, Action.FAIL, Action.RESCHEDULE}
)

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.ADMIN: frozenset(Action),
    Role.COMPLIANCE_OFFICER: _DECIDING,
    Role.APPROVER: _DECIDING,
    Role.PUBLISHER: _AUTHORING | _PUBLISHING,
    Role.CONTRIBUTOR: _AUTHORING,
    Role.AGENT: frozenset(),
    Role.VIEWER: frozenset(),
}

CREATE_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.PUBLISHER, Role.CONTRIBUTOR})
"""Roles that may create posts (the same roles that may edit them)."""

OVERRIDE_ROLES = frozenset({Role.COMPLIANCE_OFFICER})
"""Only a compliance officer may let a blocking finding through."""


def target_state(role: Role, state: PostState, action: Action) -> PostState:
    """The state ``action`` leads to, or raise: wrong state first, then wrong role."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise InvalidTransitionError(state.value, action.value)
    if action not in ROLE_ACTIONS[role]:
        raise ForbiddenError("forbidden_role", role=role.value, action=action.value)
    return target


def allowed_actions(role: Role, state: PostState) -> list[Action]:
    """What a person with ``role`` may do to a post in ``state`` (for menus and docs)."""
    return [a for a in Action if (state, a) in TRANSITIONS and a in ROLE_ACTIONS[role]]
