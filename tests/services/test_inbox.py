"""The inbox service: store first, dedupe, threads together, classification retried."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import IncomingItem, ItemKind
from herald.nlp.artefacts import ModelFileError
from herald.nlp.inbox import load_inbox_model
from herald.policy.loader import load_policy
from herald.policy.model import Policy
from herald.services import inbox
from herald.services.classify import Incoming
from herald.services.routing import PRIORITY_RANK
from herald.services.triage import Triage, triage
from herald.store.models import AuditEntry, InboxCase, InboxMessage
from services.org_world import World

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
CRISIS = "Tüm Türkiye'de uygulama sabahtan beri çöktü, kimse giremiyor, verilerimiz sızdırıldı mı?"
PRAISE = "Thanks @AcmeBank, the new app is lovely and so fast!"
SCAM = "Dear customer, send your card number and the SMS code to verify your account."


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def item(message_id: str, text: str, **extra: object) -> IncomingItem:
    fields: dict[str, object] = {
        "network": "mastodon",
        "id": message_id,
        "text": text,
        "author": "@someone",
        "created_at": T0,
        "kind": ItemKind.MENTION,
    }
    fields.update(extra)
    return IncomingItem(**fields)  # type: ignore[arg-type]


def working(policy: Policy) -> inbox.Classifier:
    def classify(message: Incoming) -> Triage:
        return triage(message, policy, date(2026, 12, 5))

    return classify


def broken(tmp_path: Path) -> inbox.Classifier:
    """Classification while the model is unavailable: a real load from an empty folder."""

    def classify(message: Incoming) -> Triage:
        load_inbox_model.cache_clear()
        try:
            model = load_inbox_model(tmp_path)
        finally:
            load_inbox_model.cache_clear()
        raise AssertionError(f"loaded a model from an empty folder: {model}")

    return classify


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_duplicate_deliveries_are_stored_once(factory: sessionmaker[Session], world: World) -> None:
    first = inbox.store(factory, world.org_id, [item("1", PRAISE), item("2", CRISIS)])
    again = inbox.store(
        factory, world.org_id, [item("1", PRAISE), item("2", CRISIS), item("2", CRISIS)]
    )
    other_network = inbox.store(factory, world.org_id, [item("1", PRAISE, network="bluesky")])
    assert (first.new, first.duplicates) == (2, 0)
    assert (again.new, again.duplicates) == (0, 3)
    assert other_network.new == 1
    with factory() as session:
        assert count(session, InboxMessage) == 3


def test_a_message_is_kept_while_classification_is_down_and_classified_later(
    factory: sessionmaker[Session], world: World, policy: Policy, tmp_path: Path
) -> None:
    stored, down = inbox.ingest(
        factory, world.org_id, [item("c1", CRISIS)], broken(tmp_path), policy
    )
    assert stored.new == 1
    assert down.classified == 0
    assert down.failed == 1
    with factory() as session:
        message = session.scalars(select(InboxMessage)).one()
        assert message.classification == inbox.PENDING
        assert message.attempts == 1
        assert message.last_error is not None
        assert "ModelFileError" in message.last_error
        assert message.text == CRISIS
    with pytest.raises(ModelFileError):
        load_inbox_model(tmp_path)
    # The retry (a later run) classifies it; running it twice changes nothing more.
    retried = inbox.classify_pending(factory, world.org_id, working(policy), policy.version, now=T0)
    again = inbox.classify_pending(factory, world.org_id, working(policy), policy.version, now=T0)
    assert (retried.classified, retried.cases_opened) == (1, 1)
    assert again.classified == 0
    with factory() as session:
        message = session.scalars(select(InboxMessage)).one()
        assert message.classification == inbox.DONE
        assert message.crisis_signal is True
        assert message.team == "crisis_response"
        assert message.priority == "critical"
        case = session.get_one(InboxCase, message.case_id)
        assert case.status == "new"
        assert case.team == "crisis_response"
        assert case.sla_due_at == T0 + timedelta(minutes=15)
        actions = session.scalars(select(AuditEntry.action)).all()
        assert actions.count("inbox.case_opened") == 1


def test_a_thread_stays_in_one_case_and_takes_its_most_urgent_routing(
    factory: sessionmaker[Session], world: World, policy: Policy
) -> None:
    items = [
        item("t1", "How do I change the address on my account?"),
        item("t2", CRISIS, thread_id="t1", in_reply_to="t1"),
    ]
    inbox.ingest(factory, world.org_id, items, working(policy), policy, now=T0)
    with factory() as session:
        messages = session.scalars(select(InboxMessage).order_by(InboxMessage.id)).all()
        assert {m.thread_key for m in messages} == {"t1"}
        assert messages[0].case_id == messages[1].case_id is not None
        case = session.get_one(InboxCase, messages[0].case_id)
        assert case.priority == "critical"
        assert case.team == "crisis_response"
        assert count(session, InboxCase) == 1


def test_scams_are_hidden_with_the_reason_and_can_be_shown_again(
    factory: sessionmaker[Session], world: World, policy: Policy
) -> None:
    scam = item("s1", SCAM, author="@AcmeBank_Support", kind=ItemKind.COMMENT)
    inbox.ingest(factory, world.org_id, [scam, item("p1", PRAISE)], working(policy), policy)
    with factory() as session:
        hidden = session.scalars(select(InboxMessage).where(InboxMessage.external_id == "s1")).one()
        assert hidden.scam is True
        assert hidden.hidden is True
        assert hidden.team == "none"
        assert hidden.hidden_reason
        assert "hide.scam" in hidden.hidden_reason
        assert hidden.case_id is None
        assert [m.external_id for m in inbox.inbox_order(session, world.org_id)] == ["p1"]
    with factory.begin() as session:
        inbox.unhide(session, world.person(session, "agent"), hidden.id)
    with factory() as session:
        assert session.get_one(InboxMessage, hidden.id).hidden is False
        assert "inbox.unhidden" in session.scalars(select(AuditEntry.action)).all()


def test_inbox_order_puts_the_crisis_first(
    factory: sessionmaker[Session], world: World, policy: Policy
) -> None:
    items = [
        item("a", PRAISE),
        item("b", "My card was blocked at the till, please help"),
        item("c", CRISIS),
    ]
    inbox.ingest(factory, world.org_id, items, working(policy), policy)
    with factory() as session:
        ordered = inbox.inbox_order(session, world.org_id)
    assert ordered[0].external_id == "c"
    ranks = [PRIORITY_RANK[m.priority or "low"] for m in ordered]
    assert ranks == sorted(ranks)
