"""Organisations: creating one (with its owner and default teams) and finding it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.errors import AlreadyExistsError, GovernanceError, InvalidInputError
from herald.services.messages import Term
from herald.services.people import normalise_email
from herald.services.teams import DEFAULT_TEAMS
from herald.store.enums import Role
from herald.store.models import Organisation, Person, Team
from herald.types import LANGUAGES


def create_organisation(
    session: Session, name: str, owner_email: str, owner_name: str, lang: str = "en"
) -> tuple[Organisation, Person]:
    """A new organisation with its first owner and the default teams (all audited)."""
    name = name.strip()
    if not name:
        raise InvalidInputError("organisation_name", Term("empty"))
    if lang not in LANGUAGES:
        raise InvalidInputError("language", lang)
    email = normalise_email(owner_email)
    if session.scalar(select(Person.id).where(Person.email == email)) is not None:
        # One address, one person in the whole database.
        raise AlreadyExistsError("person", email)
    org = Organisation(name=name, default_lang=lang)
    session.add(org)
    session.flush()
    owner = Person(
        org_id=org.id,
        email=email,
        name=owner_name.strip() or owner_email,
        role=Role.OWNER,
        lang=lang,
    )
    session.add(owner)
    session.flush()
    audit.append(
        session,
        actor=None,
        org_id=org.id,
        action="org.created",
        subject_type="org",
        subject_id=org.id,
        data={"name": org.name},
    )
    audit.append(
        session,
        actor=None,
        org_id=org.id,
        action="person.added",
        subject_type="person",
        subject_id=owner.id,
        data={"email": owner.email, "role": owner.role.value},
    )
    for slug, team_name in DEFAULT_TEAMS.items():
        team = Team(org_id=org.id, slug=slug, name=team_name)
        session.add(team)
        session.flush()
        audit.append(
            session,
            actor=owner,
            action="team.created",
            subject_type="team",
            subject_id=team.id,
            data={"slug": slug, "name": team_name},
        )
    return org, owner


def only_organisation(session: Session) -> Organisation:
    """The organisation of a single-organisation installation (the CLI's case)."""
    orgs = list(session.scalars(select(Organisation).order_by(Organisation.id).limit(2)))
    if not orgs:
        raise GovernanceError("not_initialised")
    return orgs[0]
