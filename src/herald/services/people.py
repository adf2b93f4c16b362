"""People and their roles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from herald.security.credentials import end_all_sessions, store_password
from herald.security.identifiers import fold_identifier
from herald.security.passwords import MAX_LENGTH, MIN_LENGTH, check_strength
from herald.services import audit
from herald.services.errors import (
    AlreadyExistsError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    WeakPasswordError,
)
from herald.services.messages import Term
from herald.services.permissions import ADMIN_ROLES, require_role
from herald.services.scoping import get_owned, owned_by
from herald.store.enums import Role
from herald.store.models import Person
from herald.types import LANGUAGES


def normalise_email(email: str) -> str:
    """The one spelling of an address: NFKC + casefold, so "Admin@X", "ＡＤＭＩＮ@x" and
    "admin@x" are one person (and one sign-in counter)."""
    value = fold_identifier(email)
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in value):
        raise InvalidInputError("email", repr(email))
    return value


def get_by_email(session: Session, org_id: int, email: str) -> Person:
    normalised = normalise_email(email)
    person = session.scalar(
        select(Person).where(Person.org_id == org_id, Person.email == normalised)
    )
    if person is None:
        raise NotFoundError("person", normalised)
    return person


def get(session: Session, actor: Person, person_id: int) -> Person:
    return get_owned(session, Person, person_id, actor.org_id, "person")


def list_people(session: Session, actor: Person) -> list[Person]:
    return list(session.scalars(owned_by(Person, actor.org_id).order_by(Person.id)))


def _check_can_assign(actor: Person, role: Role) -> None:
    require_role(actor, ADMIN_ROLES, "managing_people")
    if role in ADMIN_ROLES and actor.role is not Role.OWNER:
        raise ForbiddenError("forbidden", detail=Term("owner_makes_admins"))


def add_person(
    session: Session, actor: Person, email: str, name: str, role: Role, lang: str = "en"
) -> Person:
    _check_can_assign(actor, role)
    if lang not in LANGUAGES:
        raise InvalidInputError("language", lang)
    normalised = normalise_email(email)
    # One address, one person in the whole database: sign-in never has to pick.
    exists = session.scalar(select(Person.id).where(Person.email == normalised))
    if exists is not None:
        raise AlreadyExistsError("person", normalised)
    person = Person(
        org_id=actor.org_id,
        email=normalised,
        name=name.strip() or normalised,
        role=role,
        lang=lang,
    )
    session.add(person)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="person.added",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email, "role": role.value},
    )
    return person


def _owners(session: Session, org_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Person.org_id == org_id, Person.role == Role.OWNER, Person.active.is_(True)
            )
        )
        or 0
    )


def change_role(session: Session, actor: Person, person: Person, role: Role) -> Person:
    _check_can_assign(actor, role)
    if person.org_id != actor.org_id:
        raise NotFoundError("person", person.id)
    if person.role in ADMIN_ROLES and actor.role is not Role.OWNER:
        raise ForbiddenError("forbidden", detail=Term("owner_changes_admins"))
    if (
        person.role is Role.OWNER
        and role is not Role.OWNER
        and _owners(session, person.org_id) <= 1
    ):
        raise ForbiddenError("forbidden", detail=Term("last_owner_demote"))
    old = person.role
    if old is role:
        return person
    person.role = role
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="person.role_changed",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email, "from": old.value, "to": role.value},
    )
    return person


def set_active(session: Session, actor: Person, person: Person, active: bool) -> Person:
    require_role(actor, ADMIN_ROLES, "managing_people")
    if person.org_id != actor.org_id:
        raise NotFoundError("person", person.id)
    if not active and person.role is Role.OWNER and _owners(session, person.org_id) <= 1:
        raise ForbiddenError("forbidden", detail=Term("last_owner_deactivate"))
    if person.active is active:
        return person
    person.active = active
    if not active:
        # A deactivated person is signed out everywhere, in the same transaction.
        end_all_sessions(session.connection(), person.id)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="person.activated" if active else "person.deactivated",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email},
    )
    return person


def set_password(session: Session, actor: Person, person: Person, password: str) -> None:
    """Set ``person``'s password: their own, or anyone's for an owner or administrator.

    The hash and the audit entry (which never holds the password) commit together.
    """
    if actor.id != person.id:
        require_role(actor, ADMIN_ROLES, "managing_people")
    if person.org_id != actor.org_id:
        raise NotFoundError("person", person.id)
    report = check_strength(password, (person.email, person.name))
    if not report.acceptable:
        limits = {"min": MIN_LENGTH, "max": MAX_LENGTH}
        raise WeakPasswordError(tuple(problem % limits for problem in report.problems))
    store_password(session.connection(), person.id, password)
    audit.append(
        session,
        actor=actor,
        action="security.password_set",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email, "by_self": actor.id == person.id},
    )
