"""Reminders to acknowledge the policy in force, through the notification service.

:func:`remind_pending` runs on the scheduler (``herald scheduler`` or the thread in
``herald serve``): everyone active who has not acknowledged the version in force, and was
not reminded of it in the last ``interval``, gets a ``policy_reminder`` notification (the
bell, and an e-mail when SMTP is set up and their preferences allow). A row of
``acknowledgement_reminders`` records who was reminded of which version when: the interval
and the compliance dashboard read it. :func:`deliver_pending` sends the notification
outbox. Both are safe to run again and from two processes at once: at worst a second
reminder is made for the same slot, never a lost one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgements, mailer, notifications, policies
from herald.services.permissions import require_role
from herald.services.transaction import run_in_transaction
from herald.store.models import (
    AcknowledgementReminder,
    Notification,
    Organisation,
    Person,
    PolicyAcknowledgement,
)
from herald.store.types import utcnow
from herald.types import LANGUAGES

DEFAULT_INTERVAL = timedelta(days=3)
KIND = "policy_reminder"


@dataclass(frozen=True, slots=True)
class MailSettings:
    """How reminders go out: the SMTP server (None: in the app only), this site's address
    for the links, and how often one person is reminded of one version."""

    smtp: mailer.SmtpSettings | None = None
    base_url: str = mailer.DEFAULT_BASE_URL
    interval: timedelta = DEFAULT_INTERVAL

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> MailSettings:
        """``HERALD_SMTP_*`` (as every e-mail), ``HERALD_BASE_URL``, ``HERALD_ACK_REMINDER_DAYS``."""
        try:
            days = float(env.get("HERALD_ACK_REMINDER_DAYS", "3"))
        except ValueError as error:
            raise ValueError(f"HERALD_ACK_REMINDER_DAYS: {error}") from error
        return cls(
            smtp=mailer.SmtpSettings.from_env(env),
            base_url=mailer.base_url_from_env(env),
            interval=timedelta(days=max(days, 0.0)),
        )


def _remind(session: Session, org_id: int, settings: MailSettings, now: datetime) -> int:
    version = policies.active_version(session, org_id)
    if version is None:
        return 0
    org = session.get_one(Organisation, org_id)
    done = set(
        session.scalars(
            select(PolicyAcknowledgement.person_id).where(
                PolicyAcknowledgement.policy_version_id == version.id
            )
        )
    )
    last: dict[int, datetime] = {}
    for person_id, created_at in session.execute(
        select(AcknowledgementReminder.person_id, AcknowledgementReminder.created_at).where(
            AcknowledgementReminder.policy_version_id == version.id
        )
    ):
        last[person_id] = max(created_at, last.get(person_id, created_at))
    made = 0
    for person in session.scalars(select(Person).where(Person.org_id == org_id)):
        if not person.active or person.id in done:
            continue
        seen = last.get(person.id)
        if seen is not None and now - seen < settings.interval:
            continue
        lang = person.lang if person.lang in LANGUAGES else "en"
        sent = notifications.notify(
            session,
            org_id,
            [person.id],
            KIND,
            {"org": org.name, "version": version.name},
            f"/policy/document?lang={lang}",
            email=settings.smtp is not None,
        )
        session.add(
            AcknowledgementReminder(
                org_id=org_id,
                person_id=person.id,
                policy_version_id=version.id,
                created_at=now,
                notification_id=sent[0].id if sent else None,
            )
        )
        made += 1
    session.flush()
    return made


def remind_pending(
    factory: sessionmaker[Session], settings: MailSettings, now: datetime | None = None
) -> int:
    """Make the reminders that are due, in every organisation; how many were made."""
    moment = now or utcnow()
    org_ids = run_in_transaction(factory, lambda s: list(s.scalars(select(Organisation.id))))
    made = 0
    for org_id in org_ids:

        def work(session: Session, org_id: int = org_id) -> int:
            return _remind(session, org_id, settings, moment)

        made += run_in_transaction(factory, work)
    return made


def remind_now(session: Session, actor: Person, settings: MailSettings) -> int:
    """A compliance officer's "remind them now": reminds everyone pending, whatever the interval."""
    require_role(actor, acknowledgements.OVERVIEW_ROLES, "reminding_people")
    return _remind(session, actor.org_id, replace(settings, interval=timedelta(0)), utcnow())


def deliver_pending(factory: sessionmaker[Session], settings: MailSettings) -> dict[str, int]:
    """Send the notification outbox (reminders among it); nothing without SMTP."""
    if settings.smtp is None:
        return {"sent": 0, "failed": 0}
    return notifications.deliver_email(factory, settings.smtp, settings.base_url)


def _unread_reminders(session: Session, person: Person, version_id: int) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .join(
                AcknowledgementReminder, AcknowledgementReminder.notification_id == Notification.id
            )
            .where(
                AcknowledgementReminder.person_id == person.id,
                AcknowledgementReminder.policy_version_id == version_id,
                Notification.in_app.is_(True),
                Notification.read_at.is_(None),
            )
            .order_by(Notification.id.desc())
        )
    )


def notices(session: Session, person: Person) -> list[Notification]:
    """The person's unread reminders about the version in force (older versions are moot)."""
    version = policies.active_version(session, person.org_id)
    if version is None:
        return []
    if acknowledgements.acknowledged_at(session, person, version) is not None:
        return []
    return _unread_reminders(session, person, version.id)


def run(factory: sessionmaker[Session], env: Mapping[str, str]) -> dict[str, int]:
    """The scheduled job: make the reminders that are due, then send their e-mails."""
    settings = MailSettings.from_env(env)
    made = remind_pending(factory, settings)
    return {"made": made, **deliver_pending(factory, settings)}
