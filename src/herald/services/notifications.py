"""Notifications: what a person should know, in the app (the bell) and by e-mail.

The public API is small so any feature can tell people something:

* :func:`notify` (``session, org_id, recipients, kind, params, link``) writes one
  notification per recipient in the caller's transaction, following each recipient's
  preferences. Nothing is sent yet: a notification to e-mail is an outbox row.
* :func:`deliver_email` sends the pending e-mails after the commit (SMTP settings from
  :class:`herald.services.mailer.SmtpSettings`), records failures and tries them again
  later; a sent e-mail is never sent twice by it.
* :func:`unread_count`, :func:`recent`, :func:`mark_read`, :func:`mark_all_read` for the
  bell and the notifications page; :func:`preferences` and :func:`set_preferences` for
  each person's choice of which kinds come in the app and which by e-mail.
* :func:`render` gives a notification's title and body in a language.

A kind is registered in :data:`KINDS` with its texts in Turkish, Spanish and English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from herald.services import mailer
from herald.services.errors import InvalidInputError, NotFoundError
from herald.services.transaction import run_in_transaction
from herald.store.models import Notification, NotificationPreference, Person
from herald.store.types import utcnow
from herald.types import LANGUAGES

MAX_EMAIL_ATTEMPTS = 6
SENDING_LEASE = timedelta(minutes=10)
"""A sender that took an e-mail and recorded nothing for this long is taken to have died."""
ParamValue = str | int


@dataclass(frozen=True, slots=True)
class Kind:
    label: Mapping[str, str]
    """What the kind is, for the preferences page."""
    title: Mapping[str, str]
    body: Mapping[str, str]
    email_default: bool = True


KINDS: dict[str, Kind] = {
    "review_requested": Kind(
        label={
            "en": "A post is waiting for my review",
            "tr": "Bir gönderi incelememi bekliyor",
            "es": "Una publicación espera mi revisión",
        },
        title={
            "en": "Post #{post} is waiting for your review",
            "tr": "#{post} numaralı gönderi incelemenizi bekliyor",
            "es": "La publicación n.º {post} espera su revisión",
        },
        body={
            "en": "{author} sent post #{post} for {account}. Step {step}: {step_name}.",
            "tr": "{author}, {account} için #{post} numaralı gönderiyi gönderdi. Adım {step}: {step_name}.",
            "es": "{author} envió la publicación n.º {post} para {account}. Paso {step}: {step_name}.",
        },
    ),
    "changes_requested": Kind(
        label={
            "en": "Changes were requested on my post",
            "tr": "Gönderimde değişiklik istendi",
            "es": "Se pidieron cambios en mi publicación",
        },
        title={
            "en": "Changes requested on post #{post}",
            "tr": "#{post} numaralı gönderide değişiklik istendi",
            "es": "Se piden cambios en la publicación n.º {post}",
        },
        body={
            "en": "{actor} asks for changes: {comment}",
            "tr": "{actor} değişiklik istiyor: {comment}",
            "es": "{actor} pide cambios: {comment}",
        },
    ),
    "approved": Kind(
        label={
            "en": "My post was approved",
            "tr": "Gönderim onaylandı",
            "es": "Mi publicación fue aprobada",
        },
        title={
            "en": "Post #{post} was approved",
            "tr": "#{post} numaralı gönderi onaylandı",
            "es": "La publicación n.º {post} fue aprobada",
        },
        body={
            "en": "{actor} gave the last approval. It can be scheduled now.",
            "tr": "Son onayı {actor} verdi. Artık zamanlanabilir.",
            "es": "{actor} dio la última aprobación. Ya se puede programar.",
        },
    ),
    "rejected": Kind(
        label={
            "en": "My post was rejected",
            "tr": "Gönderim reddedildi",
            "es": "Mi publicación fue rechazada",
        },
        title={
            "en": "Post #{post} was rejected",
            "tr": "#{post} numaralı gönderi reddedildi",
            "es": "La publicación n.º {post} fue rechazada",
        },
        body={
            "en": "{actor} rejected it: {comment}",
            "tr": "{actor} reddetti: {comment}",
            "es": "{actor} la rechazó: {comment}",
        },
    ),
    "escalated": Kind(
        label={
            "en": "A review deadline passed and the post came to me",
            "tr": "Bir inceleme süresi doldu ve gönderi bana geldi",
            "es": "Venció el plazo de una revisión y la publicación pasó a mí",
        },
        title={
            "en": "Post #{post} was escalated to you",
            "tr": "#{post} numaralı gönderi size yönlendirildi",
            "es": "La publicación n.º {post} se le ha escalado",
        },
        body={
            "en": "The deadline of step {step} ({step_name}) passed; you are its backup approver.",
            "tr": "{step}. adımın ({step_name}) süresi doldu; yedek onaylayıcı sizsiniz.",
            "es": "Venció el plazo del paso {step} ({step_name}); usted es su aprobador suplente.",
        },
    ),
    "policy_reminder": Kind(
        label={
            "en": "The policy in force waits for my acknowledgement",
            "tr": "Yürürlükteki politika onayımı bekliyor",
            "es": "La política en vigor espera mi confirmación",
        },
        title={
            "en": "Please read and acknowledge the social media policy",
            "tr": "Lütfen sosyal medya politikasını okuyup onaylayın",
            "es": "Lea y confirme la política de redes sociales, por favor",
        },
        body={
            "en": (
                "{org} has a social media policy in force ({version}) that you have not "
                "acknowledged yet. Please read it, take the short quiz and acknowledge it."
            ),
            "tr": (
                "{org} kuruluşunda yürürlükte olan sosyal medya politikasını ({version}) henüz "
                "onaylamadınız. Lütfen okuyun, kısa sınavı çözün ve onaylayın."
            ),
            "es": (
                "{org} tiene en vigor una política de redes sociales ({version}) que aún no ha "
                "confirmado. Léala, responda al breve cuestionario y confírmela."
            ),
        },
    ),
}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def _text(texts: Mapping[str, str], lang: str, params: Mapping[str, object]) -> str:
    template = texts.get(lang) or texts["en"]
    return template.format_map(_Blank(params))


def render(row: Notification, lang: str) -> tuple[str, str]:
    """(title, body) of a notification in ``lang``; an unknown kind shows its name."""
    kind = KINDS.get(row.kind)
    if kind is None:
        return row.kind, ""
    return _text(kind.title, lang, row.params), _text(kind.body, lang, row.params)


def label(kind: str, lang: str) -> str:
    return _text(KINDS[kind].label, lang, {})


# -- preferences ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preference:
    kind: str
    in_app: bool
    email: bool


def preferences(session: Session, person_id: int) -> list[Preference]:
    """Every kind with this person's choice (the kind's default where none is stored)."""
    stored = {
        row.kind: row
        for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.person_id == person_id)
        )
    }
    out = []
    for name, kind in KINDS.items():
        row = stored.get(name)
        out.append(
            Preference(name, row.in_app, row.email)
            if row is not None
            else Preference(name, True, kind.email_default)
        )
    return out


def set_preferences(
    session: Session, person_id: int, in_app: Iterable[str], email: Iterable[str]
) -> list[Preference]:
    """Store the kinds this person wants in the app and by e-mail (all others: off)."""
    in_app_set, email_set = set(in_app), set(email)
    unknown = (in_app_set | email_set) - set(KINDS)
    if unknown:
        raise InvalidInputError("notification_kind", ", ".join(sorted(unknown)))
    for name in KINDS:
        row = session.get(NotificationPreference, (person_id, name))
        if row is None:
            row = NotificationPreference(person_id=person_id, kind=name)
            session.add(row)
        row.in_app = name in in_app_set
        row.email = name in email_set
    session.flush()
    return preferences(session, person_id)


# -- writing -------------------------------------------------------------------------------


def notify(
    session: Session,
    org_id: int,
    recipients: Iterable[int],
    kind: str,
    params: Mapping[str, ParamValue],
    link: str = "",
    *,
    email: bool = True,
) -> list[Notification]:
    """Tell ``recipients`` (person ids of ``org_id``) about something, in this transaction.

    Each recipient gets the notification in the app and/or by e-mail as their preferences
    say (nothing when both are off). Inactive people and people of another organisation
    are skipped. ``params`` fill the kind's texts; ``link`` is a path on this site.
    ``email=False``: the caller knows e-mail is off, so nothing waits in the outbox.
    """
    if kind not in KINDS:
        raise InvalidInputError("notification_kind", kind)
    if link and (not link.startswith("/") or link.startswith("//")):
        raise InvalidInputError("link", link)
    ids = sorted(set(recipients))
    if not ids:
        return []
    people = session.scalars(
        select(Person).where(Person.id.in_(ids), Person.org_id == org_id, Person.active.is_(True))
    )
    chosen = {
        row.person_id: row
        for row in session.scalars(
            select(NotificationPreference).where(
                NotificationPreference.person_id.in_(ids), NotificationPreference.kind == kind
            )
        )
    }
    rows = []
    for person in people:
        pref = chosen.get(person.id)
        in_app = pref.in_app if pref is not None else True
        by_email = email and (pref.email if pref is not None else KINDS[kind].email_default)
        if not in_app and not by_email:
            continue
        row = Notification(
            org_id=org_id,
            person_id=person.id,
            kind=kind,
            params=dict(params),
            link=link,
            in_app=in_app,
            email_status="pending" if by_email else "none",
            created_at=utcnow(),
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


# -- reading -------------------------------------------------------------------------------


def unread_count(session: Session, person_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Notification.person_id == person_id,
                Notification.in_app.is_(True),
                Notification.read_at.is_(None),
            )
        )
        or 0
    )


def recent(session: Session, person_id: int, limit: int = 50) -> list[Notification]:
    """The person's in-app notifications, newest first."""
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.person_id == person_id, Notification.in_app.is_(True))
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(session: Session, person_id: int, notification_id: int) -> Notification:
    """Mark one of the person's notifications read; another's is not found."""
    row = session.get(Notification, notification_id)
    if row is None or row.person_id != person_id:
        raise NotFoundError("notification", notification_id)
    if row.read_at is None:
        row.read_at = utcnow()
        session.flush()
    return row


def mark_all_read(session: Session, person_id: int) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.person_id == person_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- e-mail --------------------------------------------------------------------------------


def email_text(row: Notification, lang: str, base_url: str) -> tuple[str, str]:
    """(subject, body) of the e-mail for a notification; the link made absolute."""
    title, body = render(row, lang)
    if row.link:
        body += "\n\n" + base_url.rstrip("/") + row.link
    return title, body + "\n"


def deliver_email(
    factory: sessionmaker[Session], smtp: mailer.SmtpSettings, base_url: str
) -> dict[str, int]:
    """Send every pending (or earlier failed) e-mail notification; returns counts.

    Each is sent outside any transaction and recorded in its own, so a slow mail server
    never holds a database lock; safe to run from several places at once (a row is
    claimed before it is sent).
    """

    def sendable(now: datetime) -> ColumnElement[bool]:
        # Pending or failed, or taken by a sender that died before recording the outcome.
        return or_(
            Notification.email_status.in_(("pending", "failed")),
            and_(
                Notification.email_status == "sending",
                Notification.email_claimed_at < now - SENDING_LEASE,
            ),
        )

    def due(session: Session) -> list[int]:
        return list(
            session.scalars(
                select(Notification.id)
                .where(sendable(utcnow()), Notification.email_attempts < MAX_EMAIL_ATTEMPTS)
                .order_by(Notification.id)
            )
        )

    def claim(session: Session, notification_id: int) -> tuple[str, str, str] | None:
        now = utcnow()
        claimed = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, sendable(now))
            .values(
                email_status="sending",
                email_attempts=Notification.email_attempts + 1,
                email_claimed_at=now,
            )
        )
        if not getattr(claimed, "rowcount", 0):
            return None
        row = session.get_one(Notification, notification_id)
        person = session.get(Person, row.person_id)
        if person is None or not person.active:
            row.email_status = "none"
            return None
        lang = person.lang if person.lang in LANGUAGES else "en"
        subject, body = email_text(row, lang, base_url)
        return person.email, subject, body

    counts = {"sent": 0, "failed": 0}
    for notification_id in run_in_transaction(factory, due):
        message = run_in_transaction(factory, partial(claim, notification_id=notification_id))
        if message is None:
            continue
        error: str | None = None
        try:
            mailer.send(smtp, *message)
        except mailer.SEND_ERRORS as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]

        def record(session: Session, n: int = notification_id, error: str | None = error) -> None:
            row = session.get_one(Notification, n)
            row.email_status = "failed" if error else "sent"
            row.email_error = error

        run_in_transaction(factory, record)
        counts["failed" if error else "sent"] += 1
    return counts


def pending_email(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Notification.email_status.in_(("pending", "failed")),
                Notification.email_attempts < MAX_EMAIL_ATTEMPTS,
            )
        )
        or 0
    )
