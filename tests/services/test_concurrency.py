"""Races and crashes: state stays consistent and no decision is lost, on both databases.

The interleavings are forced deterministically: the competing transaction commits after
the first one has read the post and before it writes. ``run_in_transaction`` must then
retry the loser on fresh state.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, audit, posts, workflows
from herald.services.errors import ContentChangedError
from herald.services.transaction import run_in_transaction
from herald.services.workflows import StepSpec
from herald.store.enums import Decision, PostState, StepRule
from herald.store.models import ApprovalDecision, Post
from services.org_world import CLEAN_TEXT, World


def _post_needing_both(factory: sessionmaker[Session], world: World) -> int:
    with factory.begin() as s:
        workflows.set_workflow(
            s,
            world.person(s, "owner"),
            world.brand(s),
            "both",
            [StepSpec("both", StepRule.ALL, people=("approver@acme.test", "approver2@acme.test"))],
        )
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, writer, post)
        return post.id


def _decide(
    factory: sessionmaker[Session], world: World, who: str, post_id: int, **kw: str
) -> None:
    def work(s: Session) -> None:
        approvals.decide(s, world.person(s, who), s.get_one(Post, post_id), Decision.APPROVE, **kw)

    run_in_transaction(factory, work)


def _valid_decisions(s: Session, post_id: int) -> list[str]:
    rows = s.scalars(
        select(ApprovalDecision).where(
            ApprovalDecision.post_id == post_id, ApprovalDecision.invalidated_at.is_(None)
        )
    )
    return sorted(str(r.person_id) for r in rows)


def test_two_approvers_at_once_both_count(factory: sessionmaker[Session], world: World) -> None:
    post_id = _post_needing_both(factory, world)
    attempts = 0

    def first(s: Session) -> None:
        nonlocal attempts
        attempts += 1
        post = s.get_one(Post, post_id)  # read before the other approver commits
        approver = world.person(s, "approver")
        if attempts == 1:
            _decide(factory, world, "approver2", post_id)
        approvals.decide(s, approver, post, Decision.APPROVE)

    run_in_transaction(factory, first)
    assert attempts == 2  # the stale first attempt was refused and retried
    with factory() as s:
        post = s.get_one(Post, post_id)
        assert post.state is PostState.APPROVED
        expected = sorted(str(world.people[n]) for n in ("approver", "approver2"))
        assert _valid_decisions(s, post_id) == expected
        assert audit.verify(s).ok


def test_two_approvers_in_threads(factory: sessionmaker[Session], world: World) -> None:
    post_id = _post_needing_both(factory, world)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def approve(who: str) -> None:
        try:
            barrier.wait()
            _decide(factory, world, who, post_id)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=approve, args=(n,)) for n in ("approver", "approver2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with factory() as s:
        assert s.get_one(Post, post_id).state is PostState.APPROVED
        assert len(_valid_decisions(s, post_id)) == 2
        assert audit.verify(s).ok


def test_edit_landing_during_an_approval_wins_and_the_approval_is_refused(
    factory: sessionmaker[Session], world: World
) -> None:
    post_id = _post_needing_both(factory, world)
    with factory() as s:
        seen_hash = s.get_one(Post, post_id).content_hash
    attempts = 0

    def approve(s: Session) -> None:
        nonlocal attempts
        attempts += 1
        post = s.get_one(Post, post_id)
        if attempts == 1:
            run_in_transaction(
                factory,
                lambda s2: posts.edit(
                    s2,
                    world.person(s2, "writer"),
                    s2.get_one(Post, post_id),
                    text=CLEAN_TEXT + " Doors at 9.",
                ),
            )
        approvals.decide(
            s, world.person(s, "approver"), post, Decision.APPROVE, expected_hash=seen_hash
        )

    with pytest.raises(ContentChangedError):
        run_in_transaction(factory, approve)
    with factory() as s:
        post = s.get_one(Post, post_id)
        assert post.text.endswith("Doors at 9.")
        assert (post.state, post.review_round) == (PostState.IN_REVIEW, 2)
        assert _valid_decisions(s, post_id) == []
        assert audit.verify(s).ok


def test_approval_landing_during_an_edit_is_invalidated_by_it(
    factory: sessionmaker[Session], world: World
) -> None:
    post_id = _post_needing_both(factory, world)
    attempts = 0

    def edit(s: Session) -> None:
        nonlocal attempts
        attempts += 1
        post = s.get_one(Post, post_id)
        if attempts == 1:
            _decide(factory, world, "approver", post_id)
        posts.edit(s, world.person(s, "writer"), post, text=CLEAN_TEXT + " Doors at 9.")

    run_in_transaction(factory, edit)
    assert attempts == 2
    with factory() as s:
        post = s.get_one(Post, post_id)
        assert (post.state, post.review_round) == (PostState.IN_REVIEW, 2)
        assert _valid_decisions(s, post_id) == []  # recorded, then voided by the edit
        invalidated = s.scalars(
            select(ApprovalDecision).where(ApprovalDecision.post_id == post_id)
        ).all()
        assert len(invalidated) == 1
        assert invalidated[0].invalidated_at is not None
        actions = [e.action for e in audit.history(s, "post", post_id)]
        assert "post.approvals_invalidated" in actions
        assert audit.verify(s).ok


_KILLED_APPROVER = textwrap.dedent(
    """
    import os, signal, sys
    from herald.services import approvals, audit
    from herald.services.transaction import run_in_transaction
    from herald.store.engine import make_engine, make_session_factory
    from herald.store.enums import Decision
    from herald.store.models import Person, Post

    url, post_id, person_id, kill_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    real_append = audit.append
    calls = 0

    def append_then_die(session, **kw):
        global calls
        calls += 1
        if calls == kill_at:
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return real_append(session, **kw)

    audit.append = append_then_die
    factory = make_session_factory(make_engine(url))
    run_in_transaction(factory, lambda s: approvals.decide(
        s, s.get_one(Person, person_id), s.get_one(Post, post_id), Decision.APPROVE))
    """
)


@pytest.mark.parametrize("kill_at", [1, 2])
def test_process_killed_between_two_writes_leaves_nothing_half_done(
    engine: Engine, factory: sessionmaker[Session], world: World, kill_at: int
) -> None:
    """Killed after the decision row (1) or after the state change (2) was written but
    before its audit entry: the whole transaction is gone, and the decision can be redone."""
    with factory.begin() as s:
        writer = world.person(s, "writer")
        post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
        posts.submit(s, writer, post)
        post_id = post.id
        entries_before = audit.verify(s).entries
    url = engine.url.render_as_string(hide_password=False)
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_APPROVER, url, str(post_id),
         str(world.people["approver"]), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr
    with factory() as s:
        post = s.get_one(Post, post_id)
        assert post.state is PostState.IN_REVIEW
        assert _valid_decisions(s, post_id) == []
        report = audit.verify(s)
        assert report.ok
        assert report.entries == entries_before
    _decide(factory, world, "approver", post_id)
    with factory() as s:
        assert s.get_one(Post, post_id).state is PostState.APPROVED
        assert audit.verify(s).ok
