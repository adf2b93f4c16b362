"""Cases: status changes, notes, SLA escalation, replies checked and routed to approval."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import IncomingItem, ItemKind
from herald.listening.alert import Alert, AlertKind
from herald.policy.loader import load_policy
from herald.scan.scanner import Scanner
from herald.services import cases, inbox, orgs
from herald.services.alerts import AlertChannels, record_alert
from herald.services.classify import Incoming
from herald.services.errors import BlockedError, InvalidTransitionError
from herald.services.triage import Triage, triage
from herald.store.models import AuditEntry, InboxCase, InboxReply, ListeningAlert
from services.org_world import World

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
POLICY = load_policy()


def _classify(message: Incoming) -> Triage:
    return triage(message, POLICY, date(2026, 12, 5))


def open_case(factory: sessionmaker[Session], world: World, text: str) -> int:
    message = IncomingItem("mastodon", "m1", text, "@cust", T0, ItemKind.MENTION)
    inbox.ingest(factory, world.org_id, [message], _classify, POLICY, now=T0)
    with factory() as session:
        return session.scalars(select(InboxCase.id)).one()


def test_status_assignment_and_notes_are_audited(
    factory: sessionmaker[Session], world: World
) -> None:
    case_id = open_case(factory, world, "My card is blocked, I cannot pay anywhere!")
    with factory.begin() as session:
        agent = world.person(session, "agent")
        case = cases.get(session, agent, case_id)
        cases.assign(session, agent, case, agent)
        cases.add_note(session, agent, case, "Called the card team.")
        cases.set_status(session, agent, case, "resolved", now=T0 + timedelta(hours=2))
        with pytest.raises(InvalidTransitionError):
            cases.set_status(session, agent, case, "pending")
    with factory() as session:
        case = session.get_one(InboxCase, case_id)
        assert case.status == "resolved"
        assert case.assignee_id == world.people["agent"]
        assert cases.timings(case).resolution == timedelta(hours=2)
        actions = session.scalars(select(AuditEntry.action)).all()
        for action in ("inbox.case_assigned", "inbox.case_note", "inbox.case_status"):
            assert action in actions


def test_missed_sla_escalates_once(factory: sessionmaker[Session], world: World) -> None:
    case_id = open_case(factory, world, "My card is blocked, I cannot pay anywhere!")
    with factory.begin() as session:
        case = session.get_one(InboxCase, case_id)
        assert case.sla_due_at is not None
        before = case.priority
        assert (
            cases.escalate_overdue(
                session, world.org_id, now=case.sla_due_at - timedelta(minutes=1)
            )
            == []
        )
        late = case.sla_due_at + timedelta(minutes=1)
        assert [c.id for c in cases.escalate_overdue(session, world.org_id, now=late)] == [case_id]
        assert cases.escalate_overdue(session, world.org_id, now=late) == []
        assert cases.ESCALATED_PRIORITY[before] == case.priority
        assert cases.timings(case, now=late).sla_breached


def test_a_reply_from_someone_without_the_right_to_publish_goes_to_approval(
    factory: sessionmaker[Session], world: World
) -> None:
    case_id = open_case(factory, world, "My card is blocked, I cannot pay anywhere!")
    scanner = Scanner(POLICY)
    text = "Hi Ana, sorry about your card. Please send us a direct message and we will help."
    with factory.begin() as session:
        case = session.get_one(InboxCase, case_id)
        writer = world.person(session, "writer")
        publisher = world.person(session, "publisher")
        waiting = cases.reply(
            session, writer, case, world.brand(session), text, "en", scanner, now=T0
        )
        assert waiting.state == "awaiting_approval"
        assert case.first_response_at is None
        sent = cases.reply(
            session,
            publisher,
            case,
            world.brand(session),
            text,
            "en",
            scanner,
            now=T0 + timedelta(minutes=5),
        )
        assert sent.state == "queued"
        # The first response is the time a reply is sent, not queued.
        assert case.first_response_at is None
    with factory() as session:
        states = session.scalars(select(InboxReply.state).order_by(InboxReply.id)).all()
        assert states == ["awaiting_approval", "queued"]


def test_a_reply_the_policy_blocks_is_refused(factory: sessionmaker[Session], world: World) -> None:
    case_id = open_case(factory, world, "My card is blocked, I cannot pay anywhere!")
    leaky = "Hi, your TC kimlik is 10000000146, we checked it for you."
    with factory.begin() as session:
        case = session.get_one(InboxCase, case_id)
        publisher = world.person(session, "publisher")
        with pytest.raises(BlockedError):
            cases.reply(
                session, publisher, case, world.brand(session), leaky, "en", Scanner(POLICY)
            )
    with factory() as session:
        assert session.scalars(select(InboxReply)).all() == []


def test_a_crisis_alert_opens_one_case_for_the_crisis_team(
    factory: sessionmaker[Session],
) -> None:
    with factory() as session, session.begin():
        org, _ = orgs.create_organisation(session, "Alerted", "owner@alerted.example", "O")
        org_id = org.id
    crisis = Alert(600.0, AlertKind.CRISIS, "nexora", "tr", 0.0, 600.0, 9.0, 0.5, 8.0, {})
    mild = Alert(600.0, AlertKind.VOLUME_SPIKE, "nexora", "tr", 0.0, 600.0, 30.0, 15.0, 5.5, {})
    for _ in range(2):  # delivered twice: still one case
        with factory() as session, session.begin():
            row = record_alert(session, org_id, crisis, AlertChannels())
            record_alert(session, org_id, mild, AlertChannels())
            alert_id = row.id
    with factory() as session:
        opened = session.scalars(select(InboxCase).where(InboxCase.org_id == org_id)).all()
        assert [(c.team, c.priority, c.thread_key) for c in opened] == [
            ("crisis_response", "critical", f"alert:{alert_id}")
        ]
        row = session.get_one(ListeningAlert, alert_id)
        assert cases.case_for_alert(session, row) == opened[0]
