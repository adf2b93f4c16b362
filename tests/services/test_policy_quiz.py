"""The acknowledgement quiz: questions the engine agrees with, the pass mark, attempts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgements, policies, policy_engine, policy_quiz
from herald.services.errors import ForbiddenError, NotFoundError
from herald.store.models import AuditEntry
from herald.types import ScanContext, Verdict
from services.org_world import World, pass_quiz


def _version(s: Session, world: World) -> str:
    return policies.require_active_version(s, world.org_id).version


@pytest.mark.parametrize("lang", ["tr", "es", "en"])
def test_the_expected_answer_is_the_engines_answer(lang: str) -> None:
    engine = policy_engine.load(None).engine
    questions = policy_quiz.build_questions(engine, lang, 8, f"seed-{lang}")
    assert len(questions) == 8
    may_go_out = policy_quiz.WORDS["may_go_out"][lang]
    for q in questions:
        assert len(q.options) == policy_quiz.OPTIONS_PER_QUESTION
        assert q.options[0] == may_go_out
        assert len(set(q.options)) == len(q.options)
        spec = engine.policy.spec(q.rule_id)
        assert spec is not None
        example = next(e for e in spec.examples if e.text == q.text)
        ctx = ScanContext(
            lang=example.lang, account_type=example.account_type, industry=example.industry
        )
        result = engine.scan(q.text, ctx)
        if q.answer == 0:
            assert result.verdict in (Verdict.PASS, Verdict.WARN), q.text
        else:
            assert result.verdict in (Verdict.REVIEW, Verdict.BLOCK), q.text
            assert q.rule_id in {f.rule_id for f in result.findings}


def test_the_same_seed_asks_the_same_questions() -> None:
    engine = policy_engine.load(None).engine
    first = policy_quiz.build_questions(engine, "tr", 5, "a")
    assert first == policy_quiz.build_questions(engine, "tr", 5, "a")
    assert first != policy_quiz.build_questions(engine, "tr", 5, "b")


def test_acknowledging_needs_a_passed_quiz(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        with pytest.raises(ForbiddenError, match="quiz"):
            acknowledgements.acknowledge(s, writer, _version(s, world))
        attempt = policy_quiz.start(s, writer, "tr")
        assert attempt.lang == "tr"
        assert attempt.total == 5  # the default pack asks the default number
        assert policy_quiz.start(s, writer, "tr").id == attempt.id  # the open one again
        wrong = [(q.answer + 1) % len(q.options) for q in policy_quiz.questions_of(attempt)]
        failed = policy_quiz.submit(s, writer, attempt.id, wrong)
        assert (failed.correct, failed.passed) == (0, False)
        assert policy_quiz.submit(s, writer, attempt.id, [0] * 5).correct == 0  # graded once
        with pytest.raises(ForbiddenError, match="quiz"):
            acknowledgements.acknowledge(s, writer, _version(s, world))
        second = policy_quiz.start(s, writer, "tr")
        assert second.id != attempt.id
        right = [q.answer for q in policy_quiz.questions_of(second)]
        right[0] = (right[0] + 1) % 4  # 4 of 5 is the 0.8 pass mark
        assert policy_quiz.submit(s, writer, second.id, right).passed
        acknowledgements.acknowledge(s, writer, _version(s, world))
        view = acknowledgements.overview(s, world.person(s, "compliance"))
        row = next(p for t in view.teams for p in t.people if p.email == writer.email)
        assert row.quiz == policy_quiz.Result(attempts=2, best=4, total=5, passed=True)
        assert view.quiz_required
        audited = [
            json.loads(e.payload)
            for e in s.scalars(
                select(AuditEntry).where(AuditEntry.action == "policy.quiz_submitted")
            )
        ]
        assert [(a["correct"], a["passed"]) for a in audited] == [(0, False), (4, True)]


def test_another_persons_attempt_is_not_found(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        attempt = policy_quiz.start(s, world.person(s, "writer"), "en")
        with pytest.raises(NotFoundError):
            policy_quiz.submit(s, world.person(s, "approver"), attempt.id, [0])


def test_the_pack_sets_the_questions_and_the_pass_mark(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nextends: herald:default\n"
        "acknowledgement: {quiz_questions: 3, quiz_pass_mark: 1.0}\n"
    )
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), pack)
    with factory.begin() as s:
        writer = world.person(s, "writer")
        attempt = policy_quiz.start(s, writer, "es")
        assert attempt.total == 3
        answers = [q.answer for q in policy_quiz.questions_of(attempt)]
        answers[2] = None  # unanswered counts as wrong
        assert not policy_quiz.submit(s, writer, attempt.id, answers).passed
    pack.write_text("herald: 1\nextends: herald:default\nacknowledgement: {quiz_questions: 0}\n")
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), pack)
    with factory.begin() as s:  # no quiz: acknowledging straight away
        acknowledgements.acknowledge(s, world.person(s, "writer"), _version(s, world))


def test_a_quiz_passed_for_an_older_version_does_not_count(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    with factory.begin() as s:
        pass_quiz(s, world.person(s, "writer"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nextends: herald:default\ndocument: {sections: {purpose: {en: New.}}}\n"
    )
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), pack)
    with factory.begin() as s, pytest.raises(ForbiddenError, match="quiz"):
        acknowledgements.acknowledge(s, world.person(s, "writer"), _version(s, world))
