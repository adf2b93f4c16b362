"""Inbox replies going out: approval, then one send through the account's connector.

A reply written on a case (:func:`herald.services.cases.reply`) is ``queued`` (cleared to
go) or ``awaiting_approval``. Approving queues it; rejecting ends it. Sending is three
steps, like publishing:

1. **claim** (one transaction): a reply already ``sent`` is left alone (a retry or a
   double click sends nothing twice); one ``sending`` under a live lease is busy; else
   mark it ``sending`` with a lease, count the attempt and build the connector of the
   account the message came in on;
2. **send** outside any transaction, as an answer to the customer's message, under the
   idempotency key made when the reply was written;
3. **record** (one transaction): ``sent`` with the network id and link (the case's first
   response, if it had none), back to ``queued`` with the error (a transient failure or
   an account not connected yet: a retry sends it), or ``failed`` (the network refused it
   for good); each audited.

A crash between 1 and 3 leaves ``sending`` with a lease; once it runs out a retry calls
the network again under the same key, and a network that honours keys (Mastodon, the
stub network) returns the reply it already made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import (
    AuthExpiredError,
    Connector,
    OutgoingPost,
    PermanentError,
    PublishedRef,
    TransientError,
)
from herald.services import accounts, audit
from herald.services.connector_provider import ConnectorProvider, NotConnectedError
from herald.services.errors import GovernanceError, InvalidTransitionError, NotFoundError
from herald.services.permissions import require_active, require_same_org
from herald.services.transaction import run_in_transaction
from herald.store.enums import Capability, Role
from herald.store.models import Account, InboxCase, InboxReply, InboxReplySend, Person
from herald.store.types import utcnow

LEASE = timedelta(seconds=120)
MAX_ERROR_CHARS = 2_000
APPROVER_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER})
"""Who may approve any reply; others need the approve right on the brand account."""


class SendOutcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    RETRY = "retry"
    """A transient failure or no connection yet: the reply is queued again."""
    FAILED = "failed"
    BUSY = "busy"
    NOT_READY = "not_ready"
    """Waiting for approval, rejected or failed: nothing to send."""


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: SendOutcome
    detail: str = ""
    network_id: str | None = None


def _row(session: Session, reply_id: int, org_id: int) -> tuple[InboxReply, InboxReplySend]:
    found = session.execute(
        select(InboxReply, InboxReplySend)
        .join(InboxReplySend, InboxReplySend.reply_id == InboxReply.id)
        .where(InboxReply.id == reply_id, InboxReplySend.org_id == org_id)
        .with_for_update()
    ).first()
    if found is None:
        raise NotFoundError("inbox_reply", reply_id)
    return found[0], found[1]


def _log(
    session: Session, actor: Person | None, reply: InboxReply, action: str, **data: object
) -> None:
    case = session.get_one(InboxCase, reply.case_id)
    audit.append(
        session,
        actor=actor,
        org_id=case.org_id,
        action=f"inbox.{action}",
        subject_type="inbox_case",
        subject_id=case.id,
        data={"reply": reply.id, **data},
    )


def may_approve(session: Session, person: Person, account: Account | None) -> bool:
    if person.role in APPROVER_ROLES:
        return True
    return account is not None and accounts.can(session, person, account, Capability.APPROVE)


def decide(session: Session, actor: Person, reply_id: int, approve: bool) -> InboxReply:
    """Approve (queue it to go out) or reject a reply waiting for approval; the writer may
    not approve their own reply."""
    require_active(actor)
    reply, send = _row(session, reply_id, actor.org_id)
    require_same_org(actor, send.org_id)
    if reply.state != "awaiting_approval":
        raise InvalidTransitionError(reply.state, "queued" if approve else "rejected")
    account = session.get(Account, reply.account_id) if reply.account_id else None
    if reply.author_id == actor.id or not may_approve(session, actor, account):
        raise GovernanceError("inbox_reply_not_approver")
    reply.state = "queued" if approve else "rejected"
    send.decided_by, send.decided_at = actor.id, utcnow()
    _log(session, actor, reply, "reply_approved" if approve else "reply_rejected")
    return reply


@dataclass(frozen=True, slots=True)
class _Claim:
    reply_id: int
    org_id: int
    connector: Connector
    post: OutgoingPost


def _claim(
    session: Session, provider: ConnectorProvider, reply_id: int, org_id: int, now: datetime
) -> _Claim | SendResult:
    reply, send = _row(session, reply_id, org_id)
    if reply.state == "sent":
        return SendResult(SendOutcome.ALREADY_SENT, network_id=send.network_id)
    if reply.state == "sending" and send.lease_until is not None and send.lease_until > now:
        return SendResult(SendOutcome.BUSY)
    if reply.state not in ("queued", "sending"):
        return SendResult(SendOutcome.NOT_READY, reply.state)
    account = session.get(Account, reply.account_id) if reply.account_id else None
    if account is None:
        reply.state = "failed"
        send.last_error = "the brand account no longer exists"
        _log(session, None, reply, "reply_failed", error="no_account")
        return SendResult(SendOutcome.FAILED, send.last_error)
    try:
        connector = provider(session, account)
    except NotConnectedError as error:
        send.last_error = str(error)[:MAX_ERROR_CHARS]
        reply.state = "queued"
        _log(session, None, reply, "reply_retry", error="not_connected")
        return SendResult(SendOutcome.RETRY, send.last_error)
    reply.state = "sending"
    send.attempts += 1
    send.lease_until = now + LEASE
    post = OutgoingPost(
        text=reply.text,
        idempotency_key=send.idempotency_key,
        in_reply_to=send.in_reply_to,
        language=reply.lang if reply.lang in ("tr", "es", "en") else None,
    )
    return _Claim(reply.id, org_id, connector, post)


def _record(session: Session, claim: _Claim, outcome: PublishedRef | Exception) -> SendResult:
    reply, send = _row(session, claim.reply_id, claim.org_id)
    send.lease_until = None
    if isinstance(outcome, PublishedRef):
        when = utcnow()
        reply.state = "sent"
        send.network_id, send.url, send.sent_at, send.last_error = (
            outcome.network_id,
            outcome.url,
            when,
            None,
        )
        case = session.get_one(InboxCase, reply.case_id)
        if case.first_response_at is None:
            case.first_response_at = when
        case.updated_at = when
        _log(session, None, reply, "reply_sent", network_id=outcome.network_id)
        return SendResult(SendOutcome.SENT, network_id=outcome.network_id)
    send.last_error = f"{type(outcome).__name__}: {outcome}"[:MAX_ERROR_CHARS]
    if isinstance(outcome, TransientError):
        reply.state = "queued"
        _log(session, None, reply, "reply_retry", error=type(outcome).__name__)
        return SendResult(SendOutcome.RETRY, send.last_error)
    reply.state = "failed"
    _log(session, None, reply, "reply_failed", error=type(outcome).__name__)
    return SendResult(SendOutcome.FAILED, send.last_error)


def send(
    factory: sessionmaker[Session],
    provider: ConnectorProvider,
    reply_id: int,
    org_id: int,
    *,
    now: datetime | None = None,
) -> SendResult:
    """One attempt at sending a queued reply (safe to call again: see the module doc)."""
    when = now or utcnow()
    claimed = run_in_transaction(
        factory, lambda session: _claim(session, provider, reply_id, org_id, when)
    )
    if isinstance(claimed, SendResult):
        return claimed
    outcome: PublishedRef | Exception
    try:
        outcome = claimed.connector.reply(claimed.post)
    except (TransientError, PermanentError, AuthExpiredError) as error:
        outcome = error
    except Exception as error:  # a connector bug: retried, never lost
        outcome = TransientError(f"{type(error).__name__}: {error}")
    return run_in_transaction(factory, lambda session: _record(session, claimed, outcome))


def send_queued(
    factory: sessionmaker[Session], provider: ConnectorProvider, org_id: int, limit: int = 100
) -> list[SendResult]:
    """Try every queued reply of the organisation once (a retry sweep)."""
    with factory() as session:
        ids = session.scalars(
            select(InboxReply.id)
            .join(InboxReplySend, InboxReplySend.reply_id == InboxReply.id)
            .where(InboxReplySend.org_id == org_id, InboxReply.state.in_(("queued", "sending")))
            .order_by(InboxReply.id)
            .limit(limit)
        ).all()
    return [send(factory, provider, reply_id, org_id) for reply_id in ids]
