"""Reminders to acknowledge the policy: in-app notices and e-mails through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage, Message

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgement_reminders as reminders
from herald.services import acknowledgements, policies
from herald.services.acknowledgement_reminders import MailSettings
from herald.services.errors import ForbiddenError
from herald.services.mailer import SmtpSettings
from herald.store.models import Notification
from herald.store.types import utcnow
from services.org_world import World, pass_quiz
from smtp_sink import free_port, smtp_sink


def _acknowledge(factory: sessionmaker[Session], world: World, name: str) -> None:
    with factory.begin() as s:
        person = world.person(s, name)
        pass_quiz(s, person)
        version = policies.require_active_version(s, world.org_id)
        acknowledgements.acknowledge(s, person, version.version)


def _body(message: Message) -> str:
    assert isinstance(message, EmailMessage)
    part = message.get_body()
    assert part is not None
    return str(part.get_content())


def test_everyone_pending_is_reminded_once_per_interval_by_mail_in_their_language(
    factory: sessionmaker[Session], world: World
) -> None:
    _acknowledge(factory, world, "approver")
    with factory.begin() as s:  # the writer reads Turkish
        world.person(s, "writer").lang = "tr"
    with smtp_sink() as inbox:
        settings = MailSettings(SmtpSettings("127.0.0.1", inbox.port), "https://herald.test")
        now = utcnow()
        assert reminders.remind_pending(factory, settings, now) == 9  # 10 people, 1 done
        assert reminders.remind_pending(factory, settings, now + timedelta(hours=1)) == 0
        assert reminders.deliver_pending(factory, settings) == {"sent": 9, "failed": 0}
        assert reminders.deliver_pending(factory, settings) == {"sent": 0, "failed": 0}
        messages = inbox.messages
        assert len(messages) == 9
        to_writer = next(m for m in messages if m["To"] == "writer@acme.test")
        assert to_writer["Subject"] == "Lütfen sosyal medya politikasını okuyup onaylayın"
        assert "https://herald.test/policy/document?lang=tr" in _body(to_writer)
        assert all(m["To"] != "approver@acme.test" for m in messages)
        later = now + settings.interval + timedelta(minutes=1)
        assert reminders.remind_pending(factory, settings, later) == 9


def test_notices_in_the_app_until_acknowledged(
    factory: sessionmaker[Session], world: World
) -> None:
    assert reminders.remind_pending(factory, MailSettings()) == 10
    with factory.begin() as s:
        writer = world.person(s, "writer")
        assert len(reminders.notices(s, writer)) == 1
        row = s.scalars(select(Notification)).first()
        assert row is not None
        assert row.email_status == "none"  # no SMTP set up
    _acknowledge(factory, world, "writer")
    with factory.begin() as s:
        assert reminders.notices(s, world.person(s, "writer")) == []


def test_a_mail_server_that_is_down_is_recorded_and_tried_again(
    factory: sessionmaker[Session], world: World
) -> None:
    down = MailSettings(SmtpSettings("127.0.0.1", free_port()))
    reminders.remind_pending(factory, down)
    counts = reminders.deliver_pending(factory, down)
    assert counts == {"sent": 0, "failed": 10}
    with factory.begin() as s:
        rows = list(s.scalars(select(Notification)))
        assert {r.email_status for r in rows} == {"failed"}
        assert all(r.email_error and r.email_attempts == 1 for r in rows)
    with smtp_sink() as inbox:
        up = MailSettings(SmtpSettings("127.0.0.1", inbox.port))
        assert reminders.deliver_pending(factory, up) == {"sent": 10, "failed": 0}
        assert len(inbox.messages) == 10


def test_remind_now_is_for_compliance(factory: sessionmaker[Session], world: World) -> None:
    reminders.remind_pending(factory, MailSettings())
    with factory.begin() as s:
        assert reminders.remind_now(s, world.person(s, "compliance"), MailSettings()) == 10
        with pytest.raises(ForbiddenError):
            reminders.remind_now(s, world.person(s, "writer"), MailSettings())


def test_settings_from_the_environment() -> None:
    settings = MailSettings.from_env(
        {"HERALD_SMTP_HOST": "mail", "HERALD_SMTP_PORT": "2525", "HERALD_ACK_REMINDER_DAYS": "7"}
    )
    assert settings.smtp is not None
    assert (settings.smtp.host, settings.smtp.port, settings.interval) == (
        "mail",
        2525,
        timedelta(days=7),
    )
    assert MailSettings.from_env({}).smtp is None
