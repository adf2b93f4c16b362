"""Teams: the default ones every organisation starts with, and membership."""

from __future__ import annotations

import regex
from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from herald.services.permissions import ADMIN_ROLES, require_role
from herald.services.scoping import owned_by
from herald.store.models import Person, Team, TeamMember

DEFAULT_TEAMS: dict[str, str] = {
    "crisis-response": "Crisis response",
    "message-approval": "Message approval",
    "customer-service": "Customer service",
    "pr-management": "PR management",
    "social-engagement": "Social engagement",
}

_SLUG = regex.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def get(session: Session, actor: Person, slug: str) -> Team:
    team = session.scalar(owned_by(Team, actor.org_id).where(Team.slug == slug))
    if team is None:
        raise NotFoundError("team", slug)
    return team


def list_teams(session: Session, actor: Person) -> list[Team]:
    return list(session.scalars(owned_by(Team, actor.org_id).order_by(Team.id)))


def create_team(session: Session, actor: Person, slug: str, name: str) -> Team:
    require_role(actor, ADMIN_ROLES, "managing_teams")
    if not _SLUG.match(slug):
        raise InvalidInputError("team_slug", repr(slug))
    if session.scalar(select(Team.id).where(Team.org_id == actor.org_id, Team.slug == slug)):
        raise AlreadyExistsError("team", slug)
    team = Team(org_id=actor.org_id, slug=slug, name=name.strip() or slug)
    session.add(team)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="team.created",
        subject_type="team",
        subject_id=team.id,
        data={"slug": slug, "name": team.name},
    )
    return team


def add_member(session: Session, actor: Person, team: Team, person: Person) -> None:
    require_role(actor, ADMIN_ROLES, "managing_teams")
    if person.org_id != team.org_id or team.org_id != actor.org_id:
        raise NotFoundError("person", person.email)
    if session.get(TeamMember, (team.id, person.id)) is not None:
        return
    session.add(TeamMember(team_id=team.id, person_id=person.id))
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="team.member_added",
        subject_type="team",
        subject_id=team.id,
        data={"team": team.slug, "email": person.email},
    )


def remove_member(session: Session, actor: Person, team: Team, person: Person) -> None:
    require_role(actor, ADMIN_ROLES, "managing_teams")
    member = session.get(TeamMember, (team.id, person.id))
    if member is None:
        raise NotFoundError("team_member", person.email)
    session.delete(member)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="team.member_removed",
        subject_type="team",
        subject_id=team.id,
        data={"team": team.slug, "email": person.email},
    )


def member_ids(session: Session, team_ids: list[int]) -> set[int]:
    """Active members of any of ``team_ids``."""
    if not team_ids:
        return set()
    return set(
        session.scalars(
            select(TeamMember.person_id)
            .join(Person, Person.id == TeamMember.person_id)
            .where(TeamMember.team_id.in_(team_ids), Person.active.is_(True))
        )
    )


def members(session: Session, team: Team) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .join(TeamMember, TeamMember.person_id == Person.id)
            .where(TeamMember.team_id == team.id)
            .order_by(Person.id)
        )
    )
