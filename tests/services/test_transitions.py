"""The services apply the state machine to real posts: for every role, state and action,
a wrong state is refused as such, a forbidden role as such, and an allowed role is never
refused for its role (it may still lack a grant or a place in the workflow)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, posts
from herald.services.errors import GovernanceError
from herald.services.state_machine import Action
from herald.store.enums import Decision, PostState, Role
from herald.store.models import Person, Post
from services.org_world import CLEAN_TEXT, World
from services.test_state_machine import EXPECTED_ROLE_ACTIONS, EXPECTED_TRANSITIONS

ROLE_PEOPLE = {
    Role.OWNER: "owner",
    Role.ADMIN: "admin",
    Role.COMPLIANCE_OFFICER: "compliance",
    Role.APPROVER: "approver",
    Role.PUBLISHER: "publisher",
    Role.CONTRIBUTOR: "writer",
    Role.AGENT: "agent",
    Role.VIEWER: "viewer",
}

Call = Callable[[Session, Person, Post], object]
REASON = "A reason long enough."
CALLS: dict[Action, Call] = {
    Action.EDIT: lambda s, a, p: posts.edit(s, a, p, text=CLEAN_TEXT + " Edited."),
    Action.SUBMIT: posts.submit,
    Action.WITHDRAW: posts.withdraw,
    Action.APPROVE: lambda s, a, p: approvals.decide(s, a, p, Decision.APPROVE),
    Action.REJECT: lambda s, a, p: approvals.decide(s, a, p, Decision.REJECT, REASON),
    Action.REQUEST_CHANGES: lambda s, a, p: approvals.decide(
        s, a, p, Decision.REQUEST_CHANGES, REASON
    ),
    Action.SCHEDULE: posts.schedule,
    Action.UNSCHEDULE: posts.unschedule,
    Action.PUBLISH: posts.publish,
    Action.FAIL: lambda s, a, p: posts.mark_failed(s, a, p, REASON),
    Action.RESCHEDULE: posts.reschedule,
    Action.REOPEN: posts.reopen,
}


def test_every_role_state_and_action_through_the_services(
    factory: sessionmaker[Session], world: World
) -> None:
    assert set(CALLS) == set(Action)
    wrong: list[str] = []
    seen: set[str] = set()
    with factory() as s, s.begin():
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, writer, post)  # gives the post a workflow snapshot
        s.flush()
        for role, state, action in itertools.product(Role, PostState, Action):
            actor = world.person(s, ROLE_PEOPLE[role])
            refused = (state, action) not in EXPECTED_TRANSITIONS or (
                action not in EXPECTED_ROLE_ACTIONS[role]
            )
            # A refusal happens before anything is written, so only the cases that may
            # write need a savepoint (rolling one back reloads everything: slow).
            savepoint = None if refused else s.begin_nested()
            post.state = state
            try:
                CALLS[action](s, actor, post)
                outcome = "ok"
            except GovernanceError as error:
                outcome = error.code
            if savepoint is not None:
                savepoint.rollback()
            seen.add(outcome)
            if (state, action) not in EXPECTED_TRANSITIONS:
                expected_ok = outcome == "invalid_transition"
            elif action not in EXPECTED_ROLE_ACTIONS[role]:
                expected_ok = outcome == "forbidden_role"
            else:
                expected_ok = outcome not in {"invalid_transition", "forbidden_role"}
            if not expected_ok:
                wrong.append(f"{role.value} {state.value} {action.value}: {outcome}")
    assert wrong == []
    # Allowed roles do get through (e.g. the author submitting, an approver deciding).
    assert {"ok", "invalid_transition", "forbidden_role"} <= seen
