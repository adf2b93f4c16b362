"""Reminders to acknowledge the policy in force: a notice in the app, and an e-mail by SMTP.

Kept small and apart on purpose: a person's notices are rows of ``acknowledgement_reminders``
(one per reminder, read or not), so a shared notifications service can later take them over.

:func:`remind_pending` runs on the scheduler (``herald scheduler`` or the thread in
``herald serve``): everyone active who has not acknowledged the version in force, and was not
reminded of it in the last ``interval``, gets a notice (with an e-mail pending when SMTP is
set up). :func:`deliver_pending` then sends the pending e-mails, each once, recording failures
to try again at the next run. Both are safe to run again and from two processes at once: at
worst a second notice is made for the same slot, never a lost one.
"""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgements, policies
from herald.services.permissions import require_role
from herald.services.transaction import run_in_transaction
from herald.store.models import (
    AcknowledgementReminder,
    Organisation,
    Person,
    PolicyAcknowledgement,
    PolicyVersion,
)
from herald.store.types import utcnow
from herald.types import LANGUAGES

MAX_EMAIL_ATTEMPTS = 5
TIMEOUT_S = 10.0
DEFAULT_INTERVAL = timedelta(days=3)

TEXT: dict[str, dict[str, str]] = {
    "subject": {
        "en": "Please read and acknowledge the social media policy",
        "tr": "Lütfen sosyal medya politikasını okuyup onaylayın",
        "es": "Lea y confirme la política de redes sociales, por favor",
    },
    "body": {
        "en": (
            "Hello {name},\n\n{org} has a social media policy in force ({version}) that you "
            "have not acknowledged yet. Please read it, take the short quiz and acknowledge "
            "it:\n\n{link}\n\nThank you."
        ),
        "tr": (
            "Merhaba {name},\n\n{org} kuruluşunda yürürlükte olan sosyal medya politikasını "
            "({version}) henüz onaylamadınız. Lütfen okuyun, kısa sınavı çözün ve onaylayın:"
            "\n\n{link}\n\nTeşekkürler."
        ),
        "es": (
            "Hola, {name}:\n\n{org} tiene en vigor una política de redes sociales ({version}) "
            "que aún no ha confirmado. Léala, responda al breve cuestionario y confírmela:"
            "\n\n{link}\n\nGracias."
        ),
    },
}


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where reminder e-mails go out (environment: HERALD_SMTP_*, see from_env)."""

    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    mail_from: str = "herald@localhost"
    base_url: str = "http://localhost:8000"
    interval: timedelta = DEFAULT_INTERVAL

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> MailSettings:
        try:
            port = int(env.get("HERALD_SMTP_PORT", "25"))
            days = float(env.get("HERALD_ACK_REMINDER_DAYS", "3"))
        except ValueError as error:
            raise ValueError(f"HERALD_SMTP_PORT / HERALD_ACK_REMINDER_DAYS: {error}") from error
        return cls(
            host=env.get("HERALD_SMTP_HOST") or None,
            port=port,
            user=env.get("HERALD_SMTP_USER") or None,
            password=env.get("HERALD_SMTP_PASSWORD") or None,
            starttls=env.get("HERALD_SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
            mail_from=env.get("HERALD_MAIL_FROM", "herald@localhost"),
            base_url=env.get("HERALD_BASE_URL", "http://localhost:8000").rstrip("/"),
            interval=timedelta(days=max(days, 0.0)),
        )


def _remind(session: Session, org_id: int, settings: MailSettings, now: datetime) -> int:
    version = policies.active_version(session, org_id)
    if version is None:
        return 0
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
        session.add(
            AcknowledgementReminder(
                org_id=org_id,
                person_id=person.id,
                policy_version_id=version.id,
                created_at=now,
                email_status="pending" if settings.host else "none",
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
    """Send every pending (or failed, under the attempt limit) reminder e-mail once."""
    counts = {"sent": 0, "failed": 0}
    if not settings.host:
        return counts

    def due(session: Session) -> list[tuple[int, EmailMessage]]:
        out = []
        for reminder in session.scalars(
            select(AcknowledgementReminder).where(
                AcknowledgementReminder.email_status.in_(("pending", "failed")),
                AcknowledgementReminder.email_attempts < MAX_EMAIL_ATTEMPTS,
            )
        ):
            person = session.get_one(Person, reminder.person_id)
            out.append((reminder.id, _compose(session, reminder, person, settings)))
        return out

    for reminder_id, message in run_in_transaction(factory, due):
        error: str | None = None
        try:
            _send(message, settings)
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]

        def record(
            session: Session, reminder_id: int = reminder_id, error: str | None = error
        ) -> None:
            row = session.get(AcknowledgementReminder, reminder_id)
            if row is None:
                return
            row.email_attempts += 1
            row.email_status = "failed" if error else "sent"
            row.email_error = error

        run_in_transaction(factory, record)
        counts["failed" if error else "sent"] += 1
    return counts


def _compose(
    session: Session, reminder: AcknowledgementReminder, person: Person, settings: MailSettings
) -> EmailMessage:
    lang = person.lang if person.lang in LANGUAGES else "en"
    org = session.get_one(Organisation, reminder.org_id)
    version = reminder_version(session, reminder)
    message = EmailMessage()
    message["Subject"] = TEXT["subject"][lang]
    message["From"] = settings.mail_from
    message["To"] = person.email
    message.set_content(
        TEXT["body"][lang].format(
            name=person.name or person.email,
            org=org.name,
            version=version,
            link=f"{settings.base_url}/policy/document?lang={lang}",
        )
    )
    return message


def reminder_version(session: Session, reminder: AcknowledgementReminder) -> str:
    version = session.get_one(PolicyVersion, reminder.policy_version_id)
    return version.name


def _send(message: EmailMessage, settings: MailSettings) -> None:
    assert settings.host is not None
    with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)


def notices(session: Session, person: Person) -> list[AcknowledgementReminder]:
    """The person's unread reminders about the version in force (older versions are moot)."""
    version = policies.active_version(session, person.org_id)
    if version is None:
        return []
    if acknowledgements.acknowledged_at(session, person, version) is not None:
        return []
    return list(
        session.scalars(
            select(AcknowledgementReminder)
            .where(
                AcknowledgementReminder.person_id == person.id,
                AcknowledgementReminder.policy_version_id == version.id,
                AcknowledgementReminder.read_at.is_(None),
            )
            .order_by(AcknowledgementReminder.id.desc())
        )
    )


def mark_read(session: Session, person: Person) -> int:
    """Mark the person's reminders read (they opened the policy); how many."""
    rows = list(
        session.scalars(
            select(AcknowledgementReminder).where(
                AcknowledgementReminder.person_id == person.id,
                AcknowledgementReminder.read_at.is_(None),
            )
        )
    )
    now = utcnow()
    for row in rows:
        row.read_at = now
    session.flush()
    return len(rows)


def run(factory: sessionmaker[Session], env: Mapping[str, str]) -> dict[str, int]:
    """The scheduled job: make the reminders that are due, then send their e-mails."""
    settings = MailSettings.from_env(env)
    made = remind_pending(factory, settings)
    return {"made": made, **deliver_pending(factory, settings)}
