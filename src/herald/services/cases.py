"""Cases: a conversation that needs an answer, from new to resolved, against its SLA.

States: ``new`` (nobody has touched it), ``open`` (someone is on it), ``pending``
(waiting for the customer), ``resolved``. Assigning, notes, status changes, replies and
escalations are each an audit entry; the audit payload holds ids and states, never the
customer's words (those stay in the inbox tables, which erasure can reach).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.listening.alert import severity
from herald.scan.scanner import Scanner
from herald.services import accounts, audit
from herald.services.errors import (
    BlockedError,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
)
from herald.services.permissions import require_active, require_same_org
from herald.services.replies import ReplyRoute, approval_reason, check_reply, reply_route
from herald.store.enums import Capability
from herald.store.models import (
    Account,
    InboxCase,
    InboxCaseNote,
    InboxMessage,
    InboxReply,
    InboxReplySend,
    ListeningAlert,
    Person,
)
from herald.store.types import utcnow

STATUSES = ("new", "open", "pending", "resolved")
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"open", "pending", "resolved"}),
    "open": frozenset({"pending", "resolved"}),
    "pending": frozenset({"open", "resolved"}),
    "resolved": frozenset({"open"}),
}
ESCALATED_PRIORITY = {"low": "normal", "normal": "high", "high": "critical", "critical": "critical"}
MAX_NOTE_CHARS = 10_000
ALERT_NETWORK = "listening"
"""Cases opened by listening alerts: network 'listening', thread key 'alert:<id>'."""
ALERT_CASE_SEVERITIES = frozenset({"crisis", "high"})
ALERT_PRIORITY = {"crisis": "critical", "high": "high"}
ALERT_SLA = {"crisis": timedelta(minutes=30), "high": timedelta(hours=2)}


def get(session: Session, actor: Person, case_id: int) -> InboxCase:
    require_active(actor)
    case = session.get(InboxCase, case_id)
    if case is None or case.org_id != actor.org_id:
        raise NotFoundError("inbox_case", case_id)
    return case


def _log(
    session: Session, actor: Person | None, case: InboxCase, action: str, **data: object
) -> None:
    audit.append(
        session,
        actor=actor,
        org_id=case.org_id,
        action=f"inbox.{action}",
        subject_type="inbox_case",
        subject_id=case.id,
        data=dict(data),
    )


def assign(session: Session, actor: Person, case: InboxCase, assignee: Person | None) -> None:
    require_active(actor)
    require_same_org(actor, case.org_id)
    if assignee is not None:
        require_same_org(assignee, case.org_id)
    case.assignee_id = assignee.id if assignee else None
    if case.status == "new" and assignee is not None:
        case.status = "open"
    case.updated_at = utcnow()
    _log(session, actor, case, "case_assigned", assignee=case.assignee_id, status=case.status)


def set_status(
    session: Session, actor: Person, case: InboxCase, status: str, now: datetime | None = None
) -> None:
    require_active(actor)
    require_same_org(actor, case.org_id)
    if status not in TRANSITIONS.get(case.status, frozenset()):
        raise InvalidTransitionError(case.status, status)
    when = now or utcnow()
    case.status = status
    case.resolved_at = when if status == "resolved" else None
    case.updated_at = when
    _log(session, actor, case, "case_status", status=status)


def add_note(session: Session, actor: Person, case: InboxCase, text: str) -> InboxCaseNote:
    require_active(actor)
    require_same_org(actor, case.org_id)
    body = text.strip()
    if not body or len(body) > MAX_NOTE_CHARS:
        raise InvalidInputError("note", str(len(body)))
    note = InboxCaseNote(case_id=case.id, author_id=actor.id, text=body, created_at=utcnow())
    session.add(note)
    session.flush()
    _log(session, actor, case, "case_note", note=note.id)
    return note


@dataclass(frozen=True, slots=True)
class Timings:
    first_response: timedelta | None
    resolution: timedelta | None
    sla_breached: bool


def timings(case: InboxCase, now: datetime | None = None) -> Timings:
    when = now or utcnow()
    first = case.first_response_at - case.opened_at if case.first_response_at else None
    resolution = case.resolved_at - case.opened_at if case.resolved_at else None
    answered_at = case.first_response_at or when
    breached = case.sla_due_at is not None and answered_at > case.sla_due_at
    return Timings(first, resolution, breached)


def escalate_overdue(session: Session, org_id: int, now: datetime | None = None) -> list[InboxCase]:
    """Cases past their first-response SLA with no answer: raised one priority level,
    once, with an audit entry (the inbox shows them first)."""
    when = now or utcnow()
    overdue = session.scalars(
        select(InboxCase).where(
            InboxCase.org_id == org_id,
            InboxCase.status.in_(("new", "open")),
            InboxCase.first_response_at.is_(None),
            InboxCase.escalated_at.is_(None),
            InboxCase.sla_due_at.is_not(None),
            InboxCase.sla_due_at < when,
        )
    ).all()
    for case in overdue:
        case.escalated_at = when
        case.priority = ESCALATED_PRIORITY[case.priority]
        case.updated_at = when
        _log(session, None, case, "case_escalated", priority=case.priority)
    return list(overdue)


def answered_message_id(session: Session, case: InboxCase) -> str | None:
    """The network id of the customer's latest message in the case's thread (what a reply
    answers)."""
    return session.scalar(
        select(InboxMessage.external_id)
        .where(
            InboxMessage.org_id == case.org_id,
            InboxMessage.network == case.network,
            InboxMessage.thread_key == case.thread_key,
        )
        .order_by(InboxMessage.sent_at.desc(), InboxMessage.id.desc())
        .limit(1)
    )


def reply(
    session: Session,
    actor: Person,
    case: InboxCase,
    account: Account,
    text: str,
    lang: str,
    scanner: Scanner,
    *,
    library_id: str | None = None,
    now: datetime | None = None,
) -> InboxReply:
    """Record a reply on ``case`` from the brand ``account``.

    The reply is scanned with the pack like any brand post. Blocked: refused
    (:class:`BlockedError`) and nothing is queued. Someone without the right to publish on
    the account, a verdict that needs review, or a case of a team the pack puts under
    approval (``inbox.reply_approval_teams``, the crisis team by default): it waits for
    approval. Otherwise it is queued to go out (:mod:`herald.services.reply_sending`
    sends it; the time it is sent is the case's first response). Its idempotency key is
    made here, once, so a retried send can never answer twice.
    """
    require_active(actor)
    require_same_org(actor, case.org_id)
    require_same_org(actor, account.org_id)
    body = text.strip()
    if not body:
        raise InvalidInputError("text", "")
    result = check_reply(scanner, body, lang)
    may_publish = accounts.can(session, actor, account, Capability.PUBLISH)
    team_rule = case.team in scanner.policy.inbox.reply_approval_teams
    route = reply_route(result, may_publish, team_rule)
    blocking = [f for f in result.findings if f.severity.value == "block"]
    if route is ReplyRoute.BLOCKED:
        _log(session, actor, case, "reply_blocked", findings=[f.rule_id for f in blocking])
        raise BlockedError(len(blocking))
    when = now or utcnow()
    state = "queued" if route is ReplyRoute.SEND else "awaiting_approval"
    row = InboxReply(
        case_id=case.id,
        author_id=actor.id,
        account_id=account.id,
        library_id=library_id,
        text=body,
        lang=result.lang,
        verdict=result.verdict.value,
        findings=[f.rule_id for f in result.findings],
        state=state,
        created_at=when,
    )
    session.add(row)
    if case.status == "new":
        case.status = "open"
    case.updated_at = when
    session.flush()
    session.add(
        InboxReplySend(
            reply_id=row.id,
            org_id=case.org_id,
            idempotency_key=f"inbox-reply-{uuid.uuid4().hex}",
            in_reply_to=answered_message_id(session, case),
            approval_reason=approval_reason(result, may_publish, team_rule),
            attempts=0,
        )
    )
    session.flush()
    _log(
        session,
        actor,
        case,
        "reply",
        reply=row.id,
        state=state,
        verdict=result.verdict.value,
        library=library_id,
        policy=result.policy_version,
    )
    return row


def alert_thread(alert: ListeningAlert) -> str:
    return f"alert:{alert.id}"


def case_for_alert(session: Session, alert: ListeningAlert) -> InboxCase | None:
    """The case an alert opened, if it opened one."""
    return session.scalars(
        select(InboxCase).where(
            InboxCase.org_id == alert.org_id,
            InboxCase.network == ALERT_NETWORK,
            InboxCase.thread_key == alert_thread(alert),
        )
    ).first()


def open_for_alert(
    session: Session, alert: ListeningAlert, now: datetime | None = None
) -> InboxCase | None:
    """Open a case for the crisis-response team when an alert is of crisis or high
    severity; once per alert (a second call, e.g. a redelivered task, finds the first
    case). None when the alert's severity opens no case."""
    level = severity(alert.kind, alert.observed, alert.expected)
    if level not in ALERT_CASE_SEVERITIES:
        return None
    existing = case_for_alert(session, alert)
    if existing is not None:
        return existing
    when = now or utcnow()
    case = InboxCase(
        org_id=alert.org_id,
        network=ALERT_NETWORK,
        thread_key=alert_thread(alert),
        status="new",
        team="crisis_response",
        priority=ALERT_PRIORITY[level],
        opened_at=when,
        sla_due_at=when + ALERT_SLA[level],
        updated_at=when,
    )
    session.add(case)
    session.flush()
    _log(session, None, case, "case_opened", alert=alert.id, severity=level, kind=alert.kind)
    return case
