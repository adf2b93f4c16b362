"""Notifications: written with the approval decisions, shown per person, sent by e-mail
through a real SMTP server on localhost (aiosmtpd), each person's choices respected."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import approvals, mailer, notifications, people, posts, workflows
from herald.services.errors import InvalidInputError, NotFoundError
from herald.services.workflows import StepSpec
from herald.store.enums import Decision, StepRule
from herald.store.models import Notification, Person, Post
from services.org_world import CLEAN_TEXT, World
from smtp_sink import free_port, smtp_sink


def _one_step(s: Session, world: World) -> None:
    workflows.set_workflow(
        s,
        world.person(s, "owner"),
        world.brand(s),
        "review",
        [StepSpec("marketing", StepRule.ANY, people=("approver@acme.test", "approver2@acme.test"))],
    )


def _submitted(s: Session, world: World) -> Post:
    writer = world.person(s, "writer")
    post = posts.create(s, writer, CLEAN_TEXT, [posts.Target(world.brand(s))])
    posts.submit(s, writer, post)
    return post


def _kinds(s: Session, person_id: int) -> list[str]:
    return [n.kind for n in notifications.recent(s, person_id)]


def test_approval_flow_tells_approvers_then_the_author(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        post = _submitted(s, world)
        approver, approver2 = world.people["approver"], world.people["approver2"]
        writer = world.people["writer"]
        assert _kinds(s, approver) == ["review_requested"]
        assert _kinds(s, approver2) == ["review_requested"]
        assert _kinds(s, writer) == []  # the author is never told of their own submission
        assert notifications.unread_count(s, approver) == 1
        title, body = notifications.render(notifications.recent(s, approver)[0], "tr")
        assert title == f"#{post.id} numaralı gönderi incelemenizi bekliyor"
        assert (
            body == f"Writer, Acme için #{post.id} numaralı gönderiyi gönderdi. Adım 1: marketing."
        )
        approvals.decide(
            s, world.person(s, "approver"), post, Decision.REQUEST_CHANGES, "Add the store hours"
        )
        [note] = notifications.recent(s, writer)
        assert (note.kind, note.link) == ("changes_requested", f"/posts/{post.id}")
        title, body = notifications.render(note, "es")
        assert title == f"Se piden cambios en la publicación n.º {post.id}"
        assert body == "Approver pide cambios: Add the store hours"


def test_final_approval_and_rejection_reach_the_author(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        first = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver"), first, Decision.APPROVE)
        second = _submitted(s, world)
        approvals.decide(s, world.person(s, "approver2"), second, Decision.REJECT, "Off brand")
        notes = notifications.recent(s, world.people["writer"])
        assert [(n.kind, n.params["post"]) for n in notes] == [
            ("rejected", second.id),
            ("approved", first.id),
        ]


def test_mark_read_only_ones_own(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        _submitted(s, world)
        _submitted(s, world)
        approver = world.people["approver"]
        first, _ = notifications.recent(s, approver)
        with pytest.raises(NotFoundError):
            notifications.mark_read(s, world.people["approver2"], first.id)
        notifications.mark_read(s, approver, first.id)
        assert notifications.unread_count(s, approver) == 1
        assert notifications.mark_all_read(s, approver) == 1
        assert notifications.unread_count(s, approver) == 0
        assert notifications.unread_count(s, world.people["approver2"]) == 2


def test_preferences_choose_app_and_email_per_kind(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        approver, approver2 = world.people["approver"], world.people["approver2"]
        notifications.set_preferences(s, approver, in_app=[], email=["review_requested"])
        notifications.set_preferences(s, approver2, in_app=["approved"], email=[])
        with pytest.raises(InvalidInputError):
            notifications.set_preferences(s, approver, in_app=["nonsense"], email=[])
        prefs = {p.kind: p for p in notifications.preferences(s, approver)}
        assert (prefs["review_requested"].in_app, prefs["review_requested"].email) == (False, True)
        _submitted(s, world)
        rows = s.scalars(select(Notification).order_by(Notification.person_id)).all()
        by_person = {r.person_id: r for r in rows}
        assert by_person[approver].in_app is False
        assert by_person[approver].email_status == "pending"
        assert approver2 not in by_person  # both channels off for this kind: nothing
        assert notifications.unread_count(s, approver) == 0  # e-mail only: no bell


def test_inactive_and_foreign_recipients_are_skipped(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        people.set_active(s, world.person(s, "admin"), world.person(s, "approver"), False)
        made = notifications.notify(
            s,
            world.org_id,
            [world.people["approver"], world.people["approver2"], 987654],
            "approved",
            {"post": 1},
        )
        assert [n.person_id for n in made] == [world.people["approver2"]]
        with pytest.raises(InvalidInputError):
            notifications.notify(s, world.org_id, [1], "approved", {}, "https://evil.example")
        with pytest.raises(InvalidInputError):
            notifications.notify(s, world.org_id, [1], "no-such-kind", {})


def test_email_goes_out_once_in_the_recipients_language(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        world.person(s, "approver").lang = "tr"
        world.person(s, "approver2").lang = "es"
        post = _submitted(s, world)
    with smtp_sink() as sink:
        smtp = mailer.SmtpSettings(host="127.0.0.1", port=sink.port, mail_from="herald@acme.test")
        counts = notifications.deliver_email(factory, smtp, "https://herald.acme.test/")
        assert counts == {"sent": 2, "failed": 0}
        assert notifications.deliver_email(factory, smtp, "https://herald.acme.test") == {
            "sent": 0,
            "failed": 0,
        }
        [turkish] = sink.to("approver@acme.test")
        [spanish] = sink.to("approver2@acme.test")
    assert turkish["Subject"] == f"#{post.id} numaralı gönderi incelemenizi bekliyor"
    assert spanish["Subject"] == f"La publicación n.º {post.id} espera su revisión"
    assert turkish["From"] == "herald@acme.test"
    assert f"https://herald.acme.test/posts/{post.id}" in turkish.get_content()


def test_a_mail_server_that_is_down_loses_nothing(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        _one_step(s, world)
        _submitted(s, world)
    port = free_port()
    smtp = mailer.SmtpSettings(host="127.0.0.1", port=port)
    assert notifications.deliver_email(factory, smtp, "http://x") == {"sent": 0, "failed": 2}
    with factory() as s:
        errors = s.scalars(select(Notification.email_error)).all()
        assert all(e and "Error" in e for e in errors)
    with smtp_sink() as sink:
        smtp = mailer.SmtpSettings(host="127.0.0.1", port=sink.port)
        assert notifications.deliver_email(factory, smtp, "http://x") == {"sent": 2, "failed": 0}
        assert sorted(r[0] for r in sink.recipients) == [
            "approver2@acme.test",
            "approver@acme.test",
        ]


def test_smtp_settings_from_environment() -> None:
    assert mailer.SmtpSettings.from_env({}) is None
    settings = mailer.SmtpSettings.from_env(
        {
            "HERALD_SMTP_HOST": "mail.acme.test",
            "HERALD_SMTP_PORT": "587",
            "HERALD_SMTP_USER": "herald",
            "HERALD_SMTP_PASSWORD": "pw",
            "HERALD_SMTP_STARTTLS": "true",
            "HERALD_SMTP_FROM": "Herald <herald@acme.test>",
        }
    )
    assert settings == mailer.SmtpSettings(
        "mail.acme.test", 587, "herald", "pw", True, "Herald <herald@acme.test>"
    )
    with pytest.raises(ValueError, match="PORT"):
        mailer.SmtpSettings.from_env({"HERALD_SMTP_HOST": "x", "HERALD_SMTP_PORT": "smtp"})


def test_an_email_left_sending_by_a_dead_sender_goes_out_later(
    factory: sessionmaker[Session], world: World
) -> None:
    from datetime import timedelta

    from herald.store.types import utcnow

    with factory.begin() as s:
        _one_step(s, world)
        _submitted(s, world)
        rows = s.scalars(select(Notification)).all()
        rows[0].email_status = "sending"  # taken just now by another sender: left alone
        rows[0].email_claimed_at = utcnow()
        rows[1].email_status = "sending"  # taken long ago by one that died
        rows[1].email_claimed_at = utcnow() - notifications.SENDING_LEASE - timedelta(minutes=1)
        stale = rows[1].person_id
    with smtp_sink() as sink:
        smtp = mailer.SmtpSettings(host="127.0.0.1", port=sink.port)
        assert notifications.deliver_email(factory, smtp, "http://x") == {"sent": 1, "failed": 0}
        with factory() as s:
            [address] = sink.recipients[0]
            assert s.get_one(Person, stale).email == address
