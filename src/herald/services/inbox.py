"""The inbox: store every incoming message first, then classify and route it.

Storing and classifying are separate steps on purpose. :func:`store` writes the
messages in one transaction, deduplicated by (network, message id), each one
'pending'; :func:`classify_pending` then triages pending messages and opens or updates
their thread's case. When classification fails (the model missing, a bug on one odd
message), the message stays pending with the error and its attempt count, and the next
:func:`classify_pending` run (a retry, a scheduled task) picks it up: nothing is lost.
Both steps are idempotent, so a queue that delivers twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import IncomingItem
from herald.policy.model import Policy
from herald.services import audit, policies
from herald.services.classify import Incoming
from herald.services.errors import NotFoundError
from herald.services.messages import Term
from herald.services.permissions import require_active
from herald.services.routing import PRIORITY_RANK
from herald.services.transaction import run_in_transaction
from herald.services.triage import Triage, triage
from herald.store.models import InboxCase, InboxMessage, Person
from herald.store.types import utcnow

PENDING = "pending"
DONE = "done"
MAX_ATTEMPTS = 10
"""After this many failed attempts a message waits for a person (it stays pending)."""
BATCH = 500
MAX_ERROR_CHARS = 2000

Classifier = Callable[[Incoming], Triage]
"""Triage of one message under the active pack (see :func:`herald.services.triage.triage`)."""


def active_policy(session: Session, org_id: int) -> Policy:
    """The pack the organisation has in force (the built-in pack when none is activated):
    its routing rules, handles and reply library decide every import and delivery."""
    version = policies.active_version(session, org_id)
    if version is None:
        return policies.load_pack(None).engine.policy
    return policies.engine_for(version).policy


def classifier_for(policy: Policy, today: date | None = None) -> Classifier:
    day = today or utcnow().date()

    def classify(message: Incoming) -> Triage:
        return triage(message, policy, day)

    return classify


@dataclass(frozen=True, slots=True)
class Stored:
    new: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class Classified:
    classified: int
    failed: int
    cases_opened: int


def _thread_key(item: IncomingItem) -> str:
    return item.thread_id or item.in_reply_to or item.id


def store(factory: sessionmaker[Session], org_id: int, items: Sequence[IncomingItem]) -> Stored:
    """Write ``items`` as pending messages; ones already stored (same network and id, or
    repeated in ``items``) are counted as duplicates and left as they are."""

    def work(session: Session) -> Stored:
        new = duplicates = 0
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            known = {
                (network, external)
                for network, external in session.execute(
                    select(InboxMessage.network, InboxMessage.external_id).where(
                        InboxMessage.org_id == org_id,
                        InboxMessage.external_id.in_({i.id for i in chunk}),
                    )
                )
            }
            for item in chunk:
                key = (item.network, item.id)
                if key in known:
                    duplicates += 1
                    continue
                known.add(key)
                session.add(
                    InboxMessage(
                        org_id=org_id,
                        network=item.network,
                        external_id=item.id,
                        thread_key=_thread_key(item),
                        in_reply_to=item.in_reply_to,
                        kind=item.kind.value,
                        account=item.channel,
                        author=item.author,
                        author_followers=item.author_followers,
                        text=item.text,
                        given_lang=item.lang,
                        sent_at=item.created_at,
                        received_at=utcnow(),
                        classification=PENDING,
                        attempts=0,
                        tags=[],
                        hidden=False,
                        signals={},
                    )
                )
                new += 1
        return Stored(new, duplicates)

    return run_in_transaction(factory, work)


def as_incoming(message: InboxMessage) -> Incoming:
    return Incoming(
        id=message.external_id,
        text=message.text,
        channel=message.kind,
        author=message.author,
        author_followers=message.author_followers,
        lang=message.given_lang,
        account=message.account,
    )


def _apply(message: InboxMessage, result: Triage, policy_version: str) -> None:
    s = result.signals
    d = result.decision
    message.classification = DONE
    message.last_error = None
    message.lang = s.lang
    message.intent = s.intent.label
    message.sentiment = s.sentiment.label
    message.crisis_signal = s.crisis_signal.flag
    message.scam = s.scam.flag
    message.abusive = s.abusive.flag
    message.team = d.team
    message.priority = d.priority
    message.reply_topic = result.reply_topic
    message.rule_id = d.rule_id
    message.tags = list(d.tags)
    message.hidden = d.hide
    message.hidden_reason = "; ".join(d.reasons) if d.hide else None
    message.signals = {**s.to_dict(), "routing": d.to_dict(), "reasons": result.reasons()}
    message.policy_version = policy_version


CaseIndex = dict[tuple[str, str], InboxCase]
"""(network, thread key) -> its case, for one batch: one query instead of one a message."""


def _cases_of(session: Session, org_id: int, messages: Sequence[InboxMessage]) -> CaseIndex:
    keys = {m.thread_key for m in messages}
    found = session.scalars(
        select(InboxCase).where(InboxCase.org_id == org_id, InboxCase.thread_key.in_(keys))
    ).all()
    return {(c.network, c.thread_key): c for c in found}


def _case_for(
    session: Session, message: InboxMessage, result: Triage, now: datetime, index: CaseIndex
) -> tuple[InboxCase | None, bool]:
    """The thread's case, opened or made more urgent by this message (None: hidden or
    routed to no team)."""
    d = result.decision
    if d.team == "none":
        return None, False
    case = index.get((message.network, message.thread_key))
    due = now + timedelta(minutes=d.sla_minutes) if d.sla_minutes else None
    if case is None:
        case = InboxCase(
            org_id=message.org_id,
            network=message.network,
            thread_key=message.thread_key,
            status="new",
            team=d.team,
            priority=d.priority,
            opened_at=now,
            sla_due_at=due,
            updated_at=now,
        )
        session.add(case)
        index[(message.network, message.thread_key)] = case
        # Flushed and audited once per batch (see classify_pending): one flush per new
        # case halved the throughput.
        return case, True
    changes: dict[str, object] = {}
    if case.status == "resolved":
        case.status = "open"
        case.resolved_at = None
        changes["status"] = "open"
    if PRIORITY_RANK[d.priority] < PRIORITY_RANK[case.priority]:
        # A more urgent message in the thread (a crisis in a complaint thread) takes over.
        case.priority = d.priority
        case.team = d.team
        changes.update(priority=d.priority, team=d.team)
        if due is not None and (case.sla_due_at is None or due < case.sla_due_at):
            case.sla_due_at = due
    if changes:
        case.updated_at = now
    if changes and case.id is not None:
        # A case opened in this batch is audited once, at the end, with its final state.
        audit.append(
            session,
            actor=None,
            org_id=message.org_id,
            action="inbox.case_updated",
            subject_type="inbox_case",
            subject_id=case.id,
            data={**changes, "rule": d.rule_id},
        )
    return case, False


def classify_pending(
    factory: sessionmaker[Session],
    org_id: int,
    classifier: Classifier,
    policy_version: str,
    *,
    limit: int = BATCH,
    now: datetime | None = None,
) -> Classified:
    """Classify up to ``limit`` pending messages, oldest first; each failure is recorded
    on its message (which stays pending) and never stops the others."""
    when = now or utcnow()

    def work(session: Session) -> Classified:
        pending = session.scalars(
            select(InboxMessage)
            .where(
                InboxMessage.org_id == org_id,
                InboxMessage.classification == PENDING,
                InboxMessage.attempts < MAX_ATTEMPTS,
            )
            .order_by(InboxMessage.id)
            .limit(limit)
        ).all()
        classified = failed = opened = 0
        index = _cases_of(session, org_id, pending)
        placed: list[tuple[InboxMessage, InboxCase, str | None]] = []
        new_cases: list[tuple[InboxCase, str | None]] = []
        for message in pending:
            try:
                result = classifier(as_incoming(message))
            except Exception as error:  # any failure leaves the message pending
                message.attempts += 1
                message.last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
                failed += 1
                continue
            message.attempts += 1
            _apply(message, result, policy_version)
            case, new = _case_for(session, message, result, when, index)
            if case is not None:
                placed.append((message, case, result.decision.rule_id))
                if new:
                    new_cases.append((case, result.decision.rule_id))
            opened += int(new)
            classified += 1
        session.flush()
        for message, case, _ in placed:
            message.case_id = case.id
        for case, rule in new_cases:
            audit.append(
                session,
                actor=None,
                org_id=case.org_id,
                action="inbox.case_opened",
                subject_type="inbox_case",
                subject_id=case.id,
                data={"team": case.team, "priority": case.priority, "rule": rule},
            )
        return Classified(classified, failed, opened)

    return run_in_transaction(factory, work)


def ingest(
    factory: sessionmaker[Session],
    org_id: int,
    items: Sequence[IncomingItem],
    classifier: Classifier,
    policy: Policy,
    *,
    now: datetime | None = None,
) -> tuple[Stored, Classified]:
    """Store, then classify everything pending (these items and any left from before)."""
    stored = store(factory, org_id, items)
    total = Classified(0, 0, 0)
    while True:
        step = classify_pending(factory, org_id, classifier, policy.version, now=now)
        total = Classified(
            total.classified + step.classified,
            total.failed + step.failed,
            total.cases_opened + step.cases_opened,
        )
        if step.classified == 0:
            return stored, total


def inbox_order(session: Session, org_id: int, limit: int = 100) -> list[InboxMessage]:
    """Classified, visible messages, most urgent first, then oldest first."""
    rows = session.scalars(
        select(InboxMessage).where(
            InboxMessage.org_id == org_id,
            InboxMessage.classification == DONE,
            InboxMessage.hidden.is_(False),
        )
    ).all()
    return sorted(rows, key=lambda m: (PRIORITY_RANK.get(m.priority or "low", 3), m.sent_at))[
        :limit
    ]


def unhide(session: Session, actor: Person, message_id: int) -> InboxMessage:
    """Show a hidden message again (auto-hiding is reversible), with an audit entry."""
    require_active(actor)
    message = session.get(InboxMessage, message_id)
    if message is None or message.org_id != actor.org_id:
        raise NotFoundError(Term("inbox_message"), message_id)
    if message.hidden:
        message.hidden = False
        audit.append(
            session,
            actor=actor,
            action="inbox.unhidden",
            subject_type="inbox_message",
            subject_id=message.id,
            data={"rule": message.rule_id},
        )
    return message
