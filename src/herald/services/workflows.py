"""Approval workflows: ordered steps per brand account, and who may decide on a step.

When a post enters review its steps are copied into the post (a snapshot), so changing
a workflow never changes the rules under which a review already in progress runs.
Team membership is read live: whoever is in the team when deciding may decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import accounts, audit, teams
from herald.services import people as people_service
from herald.services.errors import GovernanceError, InvalidInputError, NotFoundError
from herald.services.messages import Term
from herald.services.permissions import POLICY_ROLES, require_role
from herald.store.enums import AccountKind, Capability, Role, StepRule
from herald.store.models import (
    Account,
    Person,
    Workflow,
    WorkflowStep,
    WorkflowStepApprover,
)

DECIDING_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.APPROVER})


@dataclass(frozen=True, slots=True)
class StepSpec:
    """One step as an administrator defines it (people by e-mail, teams by slug)."""

    name: str
    rule: StepRule = StepRule.ANY
    people: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    deadline: timedelta | None = None
    backup: str | None = None


@dataclass(frozen=True, slots=True)
class StepSnapshot:
    """A step as a post carries it (ids, JSON-friendly)."""

    name: str
    rule: StepRule
    people: tuple[int, ...] = ()
    teams: tuple[int, ...] = ()
    deadline_seconds: int | None = None
    backup_id: int | None = None
    account_ids: tuple[int, ...] = ()
    """Default step only: anyone with the approve grant on all these accounts."""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rule": self.rule.value,
            "people": list(self.people),
            "teams": list(self.teams),
            "deadline_seconds": self.deadline_seconds,
            "backup_id": self.backup_id,
            "account_ids": list(self.account_ids),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepSnapshot:
        return cls(
            name=str(data["name"]),
            rule=StepRule(data["rule"]),
            people=tuple(int(p) for p in data.get("people", ())),
            teams=tuple(int(t) for t in data.get("teams", ())),
            deadline_seconds=data.get("deadline_seconds"),
            backup_id=data.get("backup_id"),
            account_ids=tuple(int(a) for a in data.get("account_ids", ())),
        )

    def deadline(self, started: datetime | None) -> datetime | None:
        if self.deadline_seconds is None or started is None:
            return None
        return started + timedelta(seconds=self.deadline_seconds)


def set_workflow(
    session: Session, actor: Person, account: Account, name: str, steps: list[StepSpec]
) -> Workflow:
    """Replace ``account``'s workflow with ``steps`` (an empty list removes it)."""
    require_role(actor, POLICY_ROLES, "defining_workflows")
    if account.org_id != actor.org_id:
        raise NotFoundError("account", account.id)
    if account.kind is not AccountKind.BRAND:
        raise InvalidInputError("workflow", Term("brand_only"))
    existing = session.scalar(select(Workflow).where(Workflow.account_id == account.id))
    if existing is not None:
        session.delete(existing)
        session.flush()
    snapshot: list[dict[str, Any]] = []
    workflow = Workflow(account_id=account.id, name=name.strip() or "approval")
    for position, spec in enumerate(steps):
        if not spec.people and not spec.teams:
            raise InvalidInputError("workflow_step", Term("no_approvers"))
        if spec.deadline is not None and spec.deadline.total_seconds() <= 0:
            raise InvalidInputError("workflow_step", Term("deadline_positive"))
        backup = (
            people_service.get_by_email(session, actor.org_id, spec.backup) if spec.backup else None
        )
        step = WorkflowStep(
            position=position,
            name=spec.name.strip() or f"step {position + 1}",
            rule=spec.rule,
            deadline_seconds=int(spec.deadline.total_seconds()) if spec.deadline else None,
            backup_person_id=backup.id if backup else None,
        )
        for email in spec.people:
            person = people_service.get_by_email(session, actor.org_id, email)
            step.approvers.append(WorkflowStepApprover(person_id=person.id))
        for slug in spec.teams:
            step.approvers.append(WorkflowStepApprover(team_id=teams.get(session, actor, slug).id))
        workflow.steps.append(step)
        snapshot.append(
            {
                "name": step.name,
                "rule": spec.rule.value,
                "people": list(spec.people),
                "teams": list(spec.teams),
                "deadline_seconds": step.deadline_seconds,
                "backup": spec.backup,
            }
        )
    if steps:
        session.add(workflow)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="workflow.set",
        subject_type="account",
        subject_id=account.id,
        data={"name": workflow.name, "steps": snapshot},
    )
    return workflow


def get_workflow(session: Session, account: Account) -> Workflow | None:
    return session.scalar(select(Workflow).where(Workflow.account_id == account.id))


def snapshot_for(session: Session, targets: list[Account]) -> list[StepSnapshot]:
    """The steps a post to ``targets`` must pass: each brand account's workflow in turn,
    or, when none has one, a single step open to whoever may approve for every target."""
    steps: list[StepSnapshot] = []
    for account in targets:
        workflow = get_workflow(session, account)
        if workflow is None:
            continue
        for step in workflow.steps:
            steps.append(
                StepSnapshot(
                    name=step.name,
                    rule=step.rule,
                    people=tuple(a.person_id for a in step.approvers if a.person_id is not None),
                    teams=tuple(a.team_id for a in step.approvers if a.team_id is not None),
                    deadline_seconds=step.deadline_seconds,
                    backup_id=step.backup_person_id,
                )
            )
    if not steps:
        steps.append(
            StepSnapshot(
                name="approval", rule=StepRule.ANY, account_ids=tuple(a.id for a in targets)
            )
        )
    return steps


def approver_ids(session: Session, org_id: int, step: StepSnapshot) -> set[int]:
    """Everyone who may decide on ``step`` (before any escalation)."""
    if step.account_ids:
        sets = [
            accounts.holders(session, session.get_one(Account, a), Capability.APPROVE)
            for a in step.account_ids
        ]
        ids = set.intersection(*sets) if sets else set()
        if not ids:
            # No grant anywhere: the organisation's approvers and compliance officers.
            ids = set(
                session.scalars(
                    select(Person.id).where(
                        Person.org_id == org_id,
                        Person.active.is_(True),
                        Person.role.in_([Role.APPROVER, Role.COMPLIANCE_OFFICER]),
                    )
                )
            )
    else:
        listed = set(
            session.scalars(
                select(Person.id).where(Person.id.in_(step.people), Person.active.is_(True))
            )
        )
        ids = listed | teams.member_ids(session, list(step.teams))
    # Only roles that may decide count: a contributor in an approving team cannot approve,
    # and must not hold up an "all" step either.
    return set(
        session.scalars(
            select(Person.id).where(Person.id.in_(ids), Person.role.in_(DECIDING_ROLES))
        )
    )


def require_approvers(
    session: Session, org_id: int, steps: list[StepSnapshot], author_id: int
) -> None:
    for step in steps:
        if not (approver_ids(session, org_id, step) - {author_id}):
            raise GovernanceError("no_approver")
