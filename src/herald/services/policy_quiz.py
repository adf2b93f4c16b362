"""The acknowledgement quiz: "may this post go out, and if not, which rule does it break?"

Questions are the rules' own examples (their golden tests), asked in the reader's language.
Each one is run through the engine of the version in force when the quiz is made, so the
answer the quiz expects is the engine's answer, never a guess: a "fail" example is asked only
if its rule fires and holds the post back (review or block); a "pass" example only if the
post would go out. The questions are stored with the attempt as they were asked, so grading
and the compliance dashboard never depend on a later rebuild. The pack sets the number of
questions and the pass mark (``acknowledgement: {quiz_questions, quiz_pass_mark}``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from herald.policy.model import Policy
from herald.policy.schema import ExampleSpec, Rule
from herald.services import audit, policies, policy_engine
from herald.services.errors import ForbiddenError, InvalidInputError, NotFoundError
from herald.services.messages import Term
from herald.services.permissions import require_active
from herald.services.policy_document import TERMS as DOC_TERMS
from herald.services.policy_document import rule_text
from herald.services.scoping import owned_by
from herald.store.models import Person, PolicyQuizAttempt, PolicyVersion
from herald.store.types import utcnow
from herald.types import LANGUAGES, ScanContext, Severity, Verdict

MAX_QUESTIONS = 20
"""The most a pack may ask (``quiz_questions``' upper bound)."""
OPTIONS_PER_QUESTION = 4
""""It may go out" and three rules: the example's own and two that do not fire on it."""
_SCANS_PER_QUESTION = 4
"""At most this many examples are tried per question asked (an example can disqualify)."""

WORDS: dict[str, dict[str, str]] = {
    "may_go_out": {
        "en": "Yes: it may go out as written.",
        "tr": "Evet: yazıldığı gibi yayımlanabilir.",
        "es": "Sí: puede publicarse tal como está.",
    },
    "passes": {
        "en": "Nothing in it holds a post back; it only comes close to this rule:",
        "tr": "İçindeki hiçbir şey gönderiyi durdurmaz; yalnızca şu kurala yaklaşır:",
        "es": "Nada en ella detiene una publicación; solo se acerca a esta regla:",
    },
}


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    context: str
    options: tuple[str, ...]
    answer: int
    why: str
    rule_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "context": self.context,
            "options": list(self.options),
            "answer": self.answer,
            "why": self.why,
            "rule_id": self.rule_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(
            text=str(data["text"]),
            context=str(data.get("context", "")),
            options=tuple(str(o) for o in data["options"]),
            answer=int(data["answer"]),
            why=str(data.get("why", "")),
            rule_id=str(data.get("rule_id", "")),
        )


@dataclass(frozen=True, slots=True)
class Result:
    """A person's quiz results for one version (for the compliance dashboard)."""

    attempts: int
    best: int
    total: int
    passed: bool


def questions_of(attempt: PolicyQuizAttempt) -> list[Question]:
    return [Question.from_json(q) for q in attempt.questions.get("items", [])]


def answers_of(attempt: PolicyQuizAttempt) -> list[int | None]:
    if attempt.answers is None:
        return []
    return [a if isinstance(a, int) else None for a in attempt.answers.get("items", [])]


def required(policy: Policy) -> bool:
    """Whether acknowledging ``policy`` needs a passed quiz (questions asked, examples to ask)."""
    return policy.acknowledgement.quiz_questions > 0 and any(s.examples for s in policy.specs)


def _context(example: ExampleSpec, lang: str) -> str:
    parts = []
    if example.account_type.value == "personal":
        parts.append(DOC_TERMS["on_personal"][lang])
    if example.industry:
        parts.append(f"{DOC_TERMS['industry'][lang]}: {example.industry}")
    return ", ".join(parts)


def build_questions(
    engine: policy_engine.PolicyEngine, lang: str, count: int, seed: str
) -> list[Question]:
    """Up to ``count`` questions in ``lang`` from the pack's examples, checked by ``engine``."""
    if lang not in LANGUAGES:
        raise InvalidInputError("language", lang)
    policy = engine.policy
    rng = random.Random(seed)
    own = [(s, e) for s in policy.specs for e in s.examples if e.lang == lang]
    rng.shuffle(own)
    english = [(s, e) for s in policy.specs for e in s.examples if e.lang == "en" != lang]
    rng.shuffle(english)
    candidates = own + english  # the reader's language first, English when it runs short
    questions: list[Question] = []
    used_rules: set[str] = set()
    for spec, example in candidates[: count * _SCANS_PER_QUESTION * 3]:
        if len(questions) >= count:
            break
        if spec.id in used_rules:
            continue
        question = _question(engine, policy, spec, example, lang, rng)
        if question is not None:
            questions.append(question)
            used_rules.add(spec.id)
    return questions


def _question(
    engine: policy_engine.PolicyEngine,
    policy: Policy,
    spec: Rule,
    example: ExampleSpec,
    lang: str,
    rng: random.Random,
) -> Question | None:
    ctx = ScanContext(
        lang=example.lang,
        account_type=example.account_type,
        industry=example.industry,
        message_lang=lang,
    )
    try:
        result = engine.scan(example.text, ctx)
    except ValueError:
        return None
    fired = {f.rule_id for f in result.findings}
    own_text = rule_text(spec, lang)
    if example.verdict == "fail":
        mine = [f for f in result.findings if f.rule_id == spec.id]
        if not mine or mine[0].severity.rank < Severity.REVIEW.rank:
            return None
        why = mine[0].message
    else:
        if spec.id in fired or result.verdict not in (Verdict.PASS, Verdict.WARN):
            return None
        why = f"{WORDS['passes'][lang]} {own_text}"
    others = sorted(
        {
            rule_text(other, lang)
            for other in policy.specs
            if other.id not in fired
            and other.category is not spec.category
            and lang in other.languages
        }
        - {own_text}
    )
    if len(others) < OPTIONS_PER_QUESTION - 2:
        return None
    rules = [own_text, *rng.sample(others, OPTIONS_PER_QUESTION - 2)]
    rng.shuffle(rules)
    options = (WORDS["may_go_out"][lang], *rules)
    answer = 0 if example.verdict == "pass" else options.index(own_text)
    return Question(
        text=example.text,
        context=_context(example, lang),
        options=options,
        answer=answer,
        why=why,
        rule_id=spec.id,
    )


def _attempts(session: Session, person: Person, version: PolicyVersion) -> int:
    return (
        session.scalar(
            select(func.count(PolicyQuizAttempt.id)).where(
                PolicyQuizAttempt.person_id == person.id,
                PolicyQuizAttempt.policy_version_id == version.id,
            )
        )
        or 0
    )


def open_attempt(
    session: Session, person: Person, version: PolicyVersion
) -> PolicyQuizAttempt | None:
    """The person's unfinished attempt at this version's quiz, if any."""
    return session.scalar(
        owned_by(PolicyQuizAttempt, person.org_id)
        .where(
            PolicyQuizAttempt.person_id == person.id,
            PolicyQuizAttempt.policy_version_id == version.id,
            PolicyQuizAttempt.submitted_at.is_(None),
        )
        .order_by(PolicyQuizAttempt.id.desc())
        .limit(1)
    )


def start(session: Session, actor: Person, lang: str) -> PolicyQuizAttempt:
    """A new attempt at the quiz of the version in force (or the one already open in ``lang``)."""
    require_active(actor)
    version = policies.require_active_version(session, actor.org_id)
    existing = open_attempt(session, actor, version)
    if existing is not None and existing.lang == lang:
        return existing
    engine = policies.engine_for(version)
    count = engine.policy.acknowledgement.quiz_questions
    seed = f"{version.version}:{actor.id}:{_attempts(session, actor, version)}"
    questions = build_questions(engine, lang, count, seed)
    if not questions:
        raise InvalidInputError("quiz", Term("quiz_no_questions"))
    attempt = PolicyQuizAttempt(
        org_id=actor.org_id,
        person_id=actor.id,
        policy_version_id=version.id,
        lang=lang,
        questions={"items": [q.to_json() for q in questions]},
        total=len(questions),
    )
    session.add(attempt)
    session.flush()
    return attempt


def get(session: Session, actor: Person, attempt_id: int) -> PolicyQuizAttempt:
    attempt = session.scalar(
        owned_by(PolicyQuizAttempt, actor.org_id).where(PolicyQuizAttempt.id == attempt_id)
    )
    if attempt is None or attempt.person_id != actor.id:
        raise NotFoundError("quiz", attempt_id)
    return attempt


def submit(
    session: Session, actor: Person, attempt_id: int, answers: Sequence[int | None]
) -> PolicyQuizAttempt:
    """Grade an attempt (once): the share right against the pack's pass mark; audited."""
    require_active(actor)
    attempt = get(session, actor, attempt_id)
    if attempt.submitted_at is not None:
        return attempt
    version = policies.require_active_version(session, actor.org_id)
    if attempt.policy_version_id != version.id:
        raise ForbiddenError("forbidden", detail=Term("policy_changed_read_again"))
    questions = questions_of(attempt)
    given = [*answers[: len(questions)], *[None] * (len(questions) - len(answers))]
    correct = sum(1 for q, a in zip(questions, given, strict=True) if a == q.answer)
    pass_mark = policies.engine_for(version).policy.acknowledgement.quiz_pass_mark
    attempt.answers = {"items": list(given)}
    attempt.correct = correct
    attempt.passed = correct >= pass_mark * len(questions) - 1e-9
    attempt.submitted_at = utcnow()
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="policy.quiz_submitted",
        subject_type="policy_version",
        subject_id=version.id,
        data={
            "version": version.version,
            "correct": correct,
            "total": len(questions),
            "passed": attempt.passed,
            "pass_mark": pass_mark,
        },
    )
    return attempt


def has_passed(session: Session, person: Person, version: PolicyVersion) -> bool:
    return (
        session.scalar(
            select(PolicyQuizAttempt.id)
            .where(
                PolicyQuizAttempt.person_id == person.id,
                PolicyQuizAttempt.policy_version_id == version.id,
                PolicyQuizAttempt.passed.is_(True),
            )
            .limit(1)
        )
        is not None
    )


def results(session: Session, org_id: int, version: PolicyVersion) -> dict[int, Result]:
    """Person id -> their submitted attempts at this version's quiz, best score first."""
    out: dict[int, Result] = {}
    rows = session.scalars(
        owned_by(PolicyQuizAttempt, org_id).where(
            PolicyQuizAttempt.policy_version_id == version.id,
            PolicyQuizAttempt.submitted_at.is_not(None),
        )
    )
    for row in rows:
        seen = out.get(row.person_id)
        correct = row.correct or 0
        if seen is None:
            out[row.person_id] = Result(1, correct, row.total, bool(row.passed))
        else:
            better = correct * seen.total > seen.best * row.total
            out[row.person_id] = Result(
                seen.attempts + 1,
                correct if better else seen.best,
                row.total if better else seen.total,
                seen.passed or bool(row.passed),
            )
    return out
