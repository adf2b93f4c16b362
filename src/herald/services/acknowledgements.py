"""People acknowledge each version of the policy: recorded once per version, in the audit trail.

Activating a new version asks everyone again. The overview says, per team, who has and who
has not acknowledged the version in force, with their quiz results and reminders; when the
pack asks quiz questions, acknowledging needs a passed quiz (``services/policy_quiz.py``); a
pack may require acknowledgement before a person
drafts posts (``acknowledgement: {required_to_draft: true}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit, policies, policy_quiz, teams
from herald.services.errors import ForbiddenError
from herald.services.messages import Term
from herald.services.permissions import require_active, require_role
from herald.store.enums import Role
from herald.store.models import (
    AcknowledgementReminder,
    Person,
    PolicyAcknowledgement,
    PolicyVersion,
)

OVERVIEW_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER})


@dataclass(frozen=True, slots=True)
class PersonStatus:
    person_id: int
    name: str
    email: str
    acknowledged_at: datetime | None
    quiz: policy_quiz.Result | None = None
    """Their submitted quiz attempts at the version in force (None: none yet)."""
    reminded_at: datetime | None = None
    """When they were last reminded to acknowledge it."""


@dataclass(frozen=True, slots=True)
class TeamStatus:
    name: str
    """A team's name, or "" for the people in no team."""
    people: tuple[PersonStatus, ...]

    @property
    def pending(self) -> tuple[PersonStatus, ...]:
        return tuple(p for p in self.people if p.acknowledged_at is None)


@dataclass(frozen=True, slots=True)
class Overview:
    version: PolicyVersion
    teams: tuple[TeamStatus, ...]
    acknowledged: int
    total: int
    quiz_required: bool = False


def acknowledged_at(session: Session, person: Person, version: PolicyVersion) -> datetime | None:
    return session.scalar(
        select(PolicyAcknowledgement.acknowledged_at).where(
            PolicyAcknowledgement.person_id == person.id,
            PolicyAcknowledgement.policy_version_id == version.id,
        )
    )


def acknowledge(session: Session, actor: Person, expected_version: str) -> PolicyAcknowledgement:
    """Record that ``actor`` read and acknowledges the version in force.

    ``expected_version`` is the version the person read: if another was activated meanwhile,
    they are asked to read that one instead. Acknowledging twice keeps the first record.
    """
    require_active(actor)
    version = policies.require_active_version(session, actor.org_id)
    if version.version != expected_version:
        raise ForbiddenError("forbidden", detail=Term("policy_changed_read_again"))
    existing = session.scalar(
        select(PolicyAcknowledgement).where(
            PolicyAcknowledgement.person_id == actor.id,
            PolicyAcknowledgement.policy_version_id == version.id,
        )
    )
    if existing is not None:
        return existing
    if policy_quiz.required(policies.engine_for(version).policy) and not policy_quiz.has_passed(
        session, actor, version
    ):
        raise ForbiddenError("forbidden", detail=Term("take_quiz_first"))
    record = PolicyAcknowledgement(
        org_id=actor.org_id, person_id=actor.id, policy_version_id=version.id
    )
    session.add(record)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="policy.acknowledged",
        subject_type="policy_version",
        subject_id=version.id,
        data={"version": version.version, "name": version.name},
    )
    return record


def require_for_drafting(session: Session, person: Person) -> None:
    """Refuse drafting to someone who has not acknowledged the policy, when the pack says so."""
    version = policies.active_version(session, person.org_id)
    if version is None:
        return
    if not policies.engine_for(version).policy.acknowledgement.required_to_draft:
        return
    if acknowledged_at(session, person, version) is None:
        raise ForbiddenError("forbidden", detail=Term("acknowledge_policy_first"))


def overview(session: Session, actor: Person) -> Overview:
    """Who has acknowledged the version in force, team by team (people in no team last)."""
    require_role(actor, OVERVIEW_ROLES, "policy_acknowledgements")
    version = policies.require_active_version(session, actor.org_id)
    rows = session.execute(
        select(PolicyAcknowledgement.person_id, PolicyAcknowledgement.acknowledged_at).where(
            PolicyAcknowledgement.policy_version_id == version.id
        )
    )
    when: dict[int, datetime] = {row[0]: row[1] for row in rows}
    everyone = [
        p
        for p in session.scalars(
            select(Person).where(Person.org_id == actor.org_id).order_by(Person.name, Person.id)
        )
        if p.active
    ]

    quiz = policy_quiz.results(session, actor.org_id, version)
    reminded: dict[int, datetime] = {}
    for person_id, created_at in session.execute(
        select(AcknowledgementReminder.person_id, AcknowledgementReminder.created_at).where(
            AcknowledgementReminder.policy_version_id == version.id
        )
    ):
        if person_id not in reminded or created_at > reminded[person_id]:
            reminded[person_id] = created_at

    def status(person: Person) -> PersonStatus:
        return PersonStatus(
            person.id,
            person.name,
            person.email,
            when.get(person.id),
            quiz.get(person.id),
            reminded.get(person.id),
        )

    groups = []
    placed: set[int] = set()
    for team in teams.list_teams(session, actor):
        members = [p for p in teams.members(session, team) if p.active]
        placed.update(p.id for p in members)
        groups.append(TeamStatus(team.name, tuple(status(p) for p in members)))
    rest = [p for p in everyone if p.id not in placed]
    if rest:
        groups.append(TeamStatus("", tuple(status(p) for p in rest)))
    done = sum(1 for p in everyone if p.id in when)
    required = policy_quiz.required(policies.engine_for(version).policy)
    return Overview(version, tuple(groups), done, len(everyone), required)
