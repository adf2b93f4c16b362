"""A person's life in Herald: invited by e-mail, first password, forgotten password,
forced password change, time zone; an administrator resets a password or two-factor.

One-time links (an invitation, a password reset) carry a random token; only its SHA-256
is stored, with an expiry, and it works once. Asking for a reset never says whether the
address is known (the caller answers the same either way).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from herald.services import audit, people
from herald.services.errors import GovernanceError, InvalidInputError, NotFoundError
from herald.services.messages import Term, render
from herald.services.permissions import ADMIN_ROLES, require_role
from herald.store.enums import Role
from herald.store.models import (
    Organisation,
    Person,
    PersonLink,
    PersonProfile,
    credentials_table,
)
from herald.store.types import utcnow

INVITE_TTL = timedelta(days=7)
RESET_TTL = timedelta(hours=1)
PURPOSES = ("invite", "reset")
DEFAULT_TIME_ZONE = "UTC"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _profile(session: Session, person_id: int) -> PersonProfile:
    row = session.get(PersonProfile, person_id)
    if row is None:
        row = PersonProfile(person_id=person_id, must_change_password=False)
        session.add(row)
    return row


def _new_link(session: Session, person: Person, purpose: str, ttl: timedelta) -> str:
    """A fresh one-time link for ``purpose``; earlier unused ones of that purpose stop working."""
    now = utcnow()
    session.execute(
        update(PersonLink)
        .where(
            PersonLink.person_id == person.id,
            PersonLink.purpose == purpose,
            PersonLink.used_at.is_(None),
        )
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        PersonLink(
            token_hash=_digest(token),
            person_id=person.id,
            purpose=purpose,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    session.flush()
    return token


@dataclass(frozen=True, slots=True)
class Invitation:
    person_id: int
    email: str
    lang: str
    token: str
    """The plaintext token: put in the link, never stored."""
    org_name: str


def invite(
    session: Session,
    actor: Person | None,
    email: str,
    name: str,
    role: Role,
    lang: str = "en",
    *,
    org_id: int | None = None,
) -> Invitation:
    """Add a person who has no password yet and make their invitation link.

    ``actor`` is the administrator inviting; None is the server's operator (the CLI with
    access to the database), who must name ``org_id``.
    """
    if actor is None:
        if org_id is None:
            raise InvalidInputError("organisation_name", Term("empty"))
        org = session.get(Organisation, org_id)
        if org is None:
            raise NotFoundError("organisation_name", org_id)
        owner = session.scalar(
            select(Person)
            .where(Person.org_id == org_id, Person.role == Role.OWNER, Person.active.is_(True))
            .order_by(Person.id)
            .limit(1)
        )
        if owner is None:
            raise GovernanceError("not_initialised")
        person = people.add_person(session, owner, email, name, role, lang)
    else:
        person = people.add_person(session, actor, email, name, role, lang)
        org = session.get_one(Organisation, person.org_id)
    token = _new_link(session, person, "invite", INVITE_TTL)
    audit.append(
        session,
        actor=actor,
        org_id=person.org_id,
        action="person.invited",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email, "role": role.value, "by": "web" if actor else "cli"},
    )
    return Invitation(person.id, person.email, person.lang, token, org.name)


def link_person(session: Session, token: str, purpose: str) -> Person | None:
    """The active person a valid (unexpired, unused) link of ``purpose`` belongs to."""
    if purpose not in PURPOSES or not token or len(token) > 200:
        return None
    row = session.get(PersonLink, _digest(token))
    if row is None or row.purpose != purpose or row.used_at is not None:
        return None
    if row.expires_at <= utcnow():
        return None
    person = session.get(Person, row.person_id)
    if person is None or not person.active:
        return None
    return person


def redeem(session: Session, token: str, purpose: str, password: str, name: str = "") -> Person:
    """Use a link once: set the person's password (and name, for an invitation).

    Refused links (unknown, expired, used) all give the same error. The password is
    checked for strength before the link is spent.
    """
    person = link_person(session, token, purpose)
    if person is None:
        raise InvalidInputError("one_time_link", "")
    if name.strip():
        person.name = name.strip()[:200]
    people.set_password(session, person, person, password)
    row = session.get_one(PersonLink, _digest(token))
    claimed = session.execute(
        update(PersonLink)
        .where(PersonLink.token_hash == row.token_hash, PersonLink.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if not getattr(claimed, "rowcount", 0):  # a concurrent use won
        raise InvalidInputError("one_time_link", "")
    _profile(session, person.id).must_change_password = False
    # people.set_password ended every session from before the reset.
    audit.append(
        session,
        actor=person,
        action="security.invitation_accepted" if purpose == "invite" else "security.password_reset",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email},
    )
    return person


@dataclass(frozen=True, slots=True)
class ResetLink:
    email: str
    lang: str
    token: str


def start_reset(session: Session, email: str) -> ResetLink | None:
    """A reset link for the active person with this address, or None (say nothing more)."""
    try:
        normalised = people.normalise_email(email)
    except InvalidInputError:
        return None
    person = session.scalar(
        select(Person).where(Person.email == normalised, Person.active.is_(True)).limit(1)
    )
    if person is None:
        return None
    token = _new_link(session, person, "reset", RESET_TTL)
    audit.append(
        session,
        actor=None,
        org_id=person.org_id,
        action="security.password_reset_requested",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email},
    )
    return ResetLink(person.email, person.lang, token)


# -- forced password change -----------------------------------------------------------------


def must_change_password(session: Session, person_id: int) -> bool:
    row = session.get(PersonProfile, person_id)
    return bool(row is not None and row.must_change_password)


def require_password_change(session: Session, person_id: int, required: bool = True) -> None:
    _profile(session, person_id).must_change_password = required
    session.flush()


def admin_reset_password(session: Session, actor: Person, person: Person, password: str) -> None:
    """An administrator gives ``person`` a new first password, to change at next sign-in."""
    require_role(actor, ADMIN_ROLES, "managing_people")
    people.set_password(session, actor, person, password)
    require_password_change(session, person.id)


def admin_reset_two_factor(session: Session, actor: Person, person: Person) -> None:
    """Turn ``person``'s two-factor sign-in off (lost phone); they set it up again."""
    require_role(actor, ADMIN_ROLES, "managing_people")
    if person.org_id != actor.org_id:
        raise NotFoundError("person", person.id)
    session.execute(
        update(credentials_table)
        .where(credentials_table.c.person_id == person.id)
        .values(totp_secret=None, totp_last_step=None, recovery_hashes=[])
    )
    audit.append(
        session,
        actor=actor,
        action="security.two_factor_reset",
        subject_type="person",
        subject_id=person.id,
        data={"email": person.email},
    )


# -- time zone --------------------------------------------------------------------------------


def time_zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def time_zone(session: Session, person_id: int) -> str:
    row = session.get(PersonProfile, person_id)
    return row.time_zone if row is not None and row.time_zone else DEFAULT_TIME_ZONE


def set_time_zone(session: Session, person_id: int, zone: str) -> str:
    zone = zone.strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError("time_zone", zone[:64]) from None
    if zone not in available_timezones():
        raise InvalidInputError("time_zone", zone[:64])
    row = _profile(session, person_id)
    row.time_zone = zone
    row.updated_at = utcnow()
    session.flush()
    return zone


# -- the e-mails with the links ---------------------------------------------------------------


def invitation_email(invitation: Invitation, base_url: str) -> tuple[str, str]:
    """(subject, body) of the invitation, in the invited person's language."""
    link = f"{base_url.rstrip('/')}/invite/{invitation.token}"
    lang, org = invitation.lang, invitation.org_name
    return (
        render("mail_invite_subject", lang, org=org),
        render("mail_invite_body", lang, org=org, link=link),
    )


def reset_email(reset: ResetLink, base_url: str) -> tuple[str, str]:
    link = f"{base_url.rstrip('/')}/password/reset/{reset.token}"
    return render("mail_reset_subject", reset.lang), render(
        "mail_reset_body", reset.lang, link=link
    )
