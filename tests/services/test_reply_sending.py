"""Inbox replies going out through the account's connector: approval, one send, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork, provider_for
from herald.scan.scanner import Scanner
from herald.services import cases, reply_sending
from herald.services.errors import GovernanceError
from herald.services.reply_sending import SendOutcome
from herald.store.models import AuditEntry, InboxCase, InboxReplySend
from services.org_world import World
from services.test_cases import POLICY, T0, open_case

TEXT = "Hi, sorry about your card. Please send us a direct message and we will help."


def test_a_queued_reply_is_sent_once_as_an_answer_and_audited(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    case_id = open_case(factory, world, "My card is blocked, I cannot pay anywhere!")
    with factory.begin() as session:
        case = session.get_one(InboxCase, case_id)
        publisher = world.person(session, "publisher")
        reply = cases.reply(
            session, publisher, case, world.brand(session), TEXT, "en", Scanner(POLICY), now=T0
        )
        reply_id = reply.id
    provider = provider_for(stub_network)
    first = reply_sending.send(factory, provider, reply_id, world.org_id)
    again = reply_sending.send(factory, provider, reply_id, world.org_id)
    assert first.outcome is SendOutcome.SENT
    assert again.outcome is SendOutcome.ALREADY_SENT
    assert stub_network.texts() == [TEXT]
    assert stub_network.statuses[0].in_reply_to == "m1"
    with factory() as session:
        case = session.get_one(InboxCase, case_id)
        assert case.first_response_at is not None
        send = session.scalars(select(InboxReplySend)).one()
        assert send.network_id == first.network_id
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "inbox.reply_sent" in actions


def test_a_crisis_reply_waits_for_someone_else_to_approve_it(
    factory: sessionmaker[Session], world: World, stub_network: StubNetwork
) -> None:
    case_id = open_case(
        factory, world, "Your bank leaked my data, I am taking this to the regulator and court!"
    )
    with factory.begin() as session:
        case = session.get_one(InboxCase, case_id)
        assert case.team == "crisis_response"
        owner = world.person(session, "owner")
        reply = cases.reply(
            session, owner, case, world.brand(session), TEXT, "en", Scanner(POLICY), now=T0
        )
        assert reply.state == "awaiting_approval"
        reply_id = reply.id
    provider = provider_for(stub_network)
    assert reply_sending.send(factory, provider, reply_id, world.org_id).outcome is (
        SendOutcome.NOT_READY
    )
    assert stub_network.texts() == []
    with factory.begin() as session:
        owner = world.person(session, "owner")
        with pytest.raises(GovernanceError) as refused:
            reply_sending.decide(session, owner, reply_id, approve=True)
        assert refused.value.code == "inbox_reply_not_approver"
    with factory.begin() as session:
        compliance = world.person(session, "compliance")
        reply_sending.decide(session, compliance, reply_id, approve=True)
    assert reply_sending.send(factory, provider, reply_id, world.org_id).outcome is (
        SendOutcome.SENT
    )
    assert stub_network.texts() == [TEXT]
