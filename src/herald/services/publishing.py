"""Publishing: approved, scheduled posts go out at their time, once on each target account.

Each (post, account) pair is a :class:`~herald.store.models.Publication` with an
idempotency key made once and stored before the network is ever called. An attempt is
three steps:

1. **claim** (one transaction): check the post is still scheduled and due, nothing locks
   the account down, and the text about to go out is exactly what was approved; then
   mark the publication ``sending`` with a lease and count the attempt;
2. **send**: call the connector outside any transaction, with the stored key;
3. **record** (one transaction): ``published`` with the network id and link (and the post
   ``published`` once every target is), or a retry at a later time, or ``failed`` (and
   the post ``failed``), each audited.

A crash between 1 and 3 leaves ``sending`` with a lease; when the lease runs out the
attempt is dispatched again under the same key, and a network that honours keys (as
Mastodon does, and the stub network) hands back the post it already made instead of a
second one. Two workers on the same publication: the row lock and version column let
one claim it; the other sees it busy.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import (
    AuthExpiredError,
    Connector,
    OutgoingPost,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)
from herald.services import approvals, audit, lockdown, posts, transitions
from herald.services.connector_provider import ConnectorProvider, NotConnectedError
from herald.services.errors import GovernanceError, InvalidTransitionError
from herald.services.state_machine import TRANSITIONS, Action
from herald.services.transaction import run_in_transaction
from herald.store.enums import PostState, PublicationState
from herald.store.models import Account, AuditEntry, Person, Post, PostTarget, Publication
from herald.store.types import utcnow

P = PublicationState
MAX_ERROR_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class PublishingConfig:
    max_attempts: int = 8
    backoff_base: float = 30.0
    """Seconds before the first retry; doubled for each later one (with jitter)."""
    backoff_max: float = 3_600.0
    lease: float = 120.0
    """Seconds a claimed attempt is owned before it counts as interrupted; longer than a
    connector's timeout."""
    dispatch_lease: float = 300.0
    """Seconds a publication handed to the queue is not handed out again by the sweep."""
    batch: int = 500


class Outcome(StrEnum):
    PUBLISHED = "published"
    RETRY = "retry"
    """A transient failure; ``retry_at`` says when to try again."""
    FAILED = "failed"
    LOCKED = "locked"
    """A lock-down is in force; lifting it lets the next sweep resume."""
    BUSY = "busy"
    """Another worker holds the attempt; ``retry_at`` is when its lease runs out."""
    NOT_DUE = "not_due"
    DONE_ALREADY = "done_already"
    SKIPPED = "skipped"
    """The post is no longer scheduled (unscheduled, edited, failed elsewhere) or the
    account no longer a target."""


@dataclass(frozen=True, slots=True)
class Result:
    publication_id: int
    outcome: Outcome
    retry_at: datetime | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class _Claim:
    publication_id: int
    attempt: int
    org_id: int
    account_id: int
    outgoing: OutgoingPost
    connector: Connector


@dataclass(frozen=True, slots=True)
class _Failure:
    kind: str
    message: str
    retryable: bool
    retry_after: float | None = None


# -- finding due work ---------------------------------------------------------------------


def due_publications(
    factory: sessionmaker[Session],
    config: PublishingConfig | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Make the publications of every due post and return those ready for an attempt:
    pending and due (and not handed to the queue already), or ``sending`` with a lease
    that ran out (its worker died)."""
    config = config or PublishingConfig()
    now = now or utcnow()
    return run_in_transaction(factory, lambda s: _due(s, config, now))


def mark_dispatched(
    factory: sessionmaker[Session],
    publication_ids: Sequence[int],
    config: PublishingConfig | None = None,
    now: datetime | None = None,
) -> None:
    """Note that these publications were handed to the queue, so sweeps in the next
    ``dispatch_lease`` seconds do not hand them out again.

    Call it *after* sending: a sweep killed between the two sends again (a harmless
    duplicate message) instead of leaving publications marked with no message anywhere.
    Only publications still pending and undispatched are marked (one a worker already
    took is left alone).
    """
    if not publication_ids:
        return
    config = config or PublishingConfig()
    now = now or utcnow()

    def work(session: Session) -> None:
        session.execute(
            update(Publication)
            .where(
                Publication.id.in_(publication_ids),
                Publication.state == P.PENDING,
                or_(Publication.lease_until.is_(None), Publication.lease_until <= now),
            )
            .values(
                lease_until=now + timedelta(seconds=config.dispatch_lease),
                version=Publication.version + 1,  # a concurrent ORM write must re-read
            )
            .execution_options(synchronize_session=False)
        )

    run_in_transaction(factory, work)


def prepare_due(
    factory: sessionmaker[Session],
    config: PublishingConfig | None = None,
    now: datetime | None = None,
) -> list[int]:
    """:func:`due_publications` and :func:`mark_dispatched` in one call, for callers that
    hand the publications out themselves."""
    ids = due_publications(factory, config, now)
    mark_dispatched(factory, ids, config, now)
    return ids


def _due(session: Session, config: PublishingConfig, now: datetime) -> list[int]:
    due_targets = session.execute(
        select(PostTarget.post_id, PostTarget.account_id, Post.org_id)
        .join(Post, Post.id == PostTarget.post_id)
        .where(Post.state == PostState.SCHEDULED, Post.scheduled_at <= now)
        .order_by(Post.scheduled_at, PostTarget.id)
        .limit(config.batch)
    ).all()
    existing = {
        (p.post_id, p.account_id): p
        for p in session.scalars(
            select(Publication).where(Publication.post_id.in_({row.post_id for row in due_targets}))
        )
    }
    for row in due_targets:
        publication = existing.get((row.post_id, row.account_id))
        if publication is None:
            session.add(
                Publication(
                    post_id=row.post_id,
                    account_id=row.account_id,
                    org_id=row.org_id,
                    idempotency_key=uuid.uuid4().hex,
                    state=P.PENDING,
                )
            )
        elif publication.state == P.FAILED:
            # The post was rescheduled after a failure: this target gets a fresh round of
            # attempts, under the same key (a network that did get it keeps one post).
            _reset(publication, now)
    session.flush()

    ready = list(
        session.scalars(
            select(Publication)
            .join(Post, Post.id == Publication.post_id)
            .join(
                PostTarget,
                and_(
                    PostTarget.post_id == Publication.post_id,
                    PostTarget.account_id == Publication.account_id,
                ),
            )
            .where(
                Post.state == PostState.SCHEDULED,
                Post.scheduled_at <= now,
                or_(
                    and_(
                        Publication.state == P.PENDING,
                        or_(
                            Publication.next_attempt_at.is_(None),
                            Publication.next_attempt_at <= now,
                        ),
                        or_(Publication.lease_until.is_(None), Publication.lease_until <= now),
                    ),
                    and_(Publication.state == P.SENDING, Publication.lease_until <= now),
                ),
            )
            .order_by(Publication.id)
            .limit(config.batch)
        )
    )
    locked = {
        (org_id, account_id)
        for org_id, account_id in {(p.org_id, p.account_id) for p in ready}
        if lockdown.blocking(session, org_id, account_id) is not None
    }
    return [p.id for p in ready if (p.org_id, p.account_id) not in locked]


def _reset(publication: Publication, now: datetime) -> None:
    publication.state = P.PENDING
    publication.attempts = 0
    publication.next_attempt_at = None
    publication.lease_until = None
    publication.updated_at = now


# -- one attempt ---------------------------------------------------------------------------


def publish_one(
    factory: sessionmaker[Session],
    provider: ConnectorProvider,
    publication_id: int,
    config: PublishingConfig | None = None,
    now: datetime | None = None,
) -> Result:
    """Try to publish one post on one account; safe to call any number of times."""
    config = config or PublishingConfig()
    claimed = run_in_transaction(
        factory, lambda s: _claim(s, provider, publication_id, config, now or utcnow())
    )
    if isinstance(claimed, Result):
        return claimed
    # A lock-down switched on after the claim still stops the call.
    blocked = run_in_transaction(factory, lambda s: _blocked_detail(s, claimed))
    if blocked is not None:
        run_in_transaction(factory, lambda s: _release(s, claimed))
        return Result(publication_id, Outcome.LOCKED, detail=blocked)
    try:
        ref: PublishedRef | _Failure = claimed.connector.publish(claimed.outgoing)
    except Exception as error:  # the network boundary: every failure is recorded
        ref = _classify(error)
    return run_in_transaction(factory, lambda s: _record(s, claimed, ref, config, utcnow()))


def publish_due(
    factory: sessionmaker[Session],
    provider: ConnectorProvider,
    config: PublishingConfig | None = None,
    now: datetime | None = None,
) -> list[Result]:
    """Publish everything due, one attempt each, in this process (no queue)."""
    config = config or PublishingConfig()
    return [
        publish_one(factory, provider, publication_id, config, now)
        for publication_id in due_publications(factory, config, now)
    ]


def _claim(
    session: Session,
    provider: ConnectorProvider,
    publication_id: int,
    config: PublishingConfig,
    now: datetime,
) -> _Claim | Result:
    publication = session.get(
        Publication, publication_id, with_for_update=True, populate_existing=True
    )
    if publication is None:
        return Result(publication_id, Outcome.SKIPPED, detail="no such publication")
    if publication.state in (P.PUBLISHED, P.FAILED):
        return Result(publication_id, Outcome.DONE_ALREADY, detail=publication.state.value)
    if publication.state == P.SENDING and _later(publication.lease_until, now):
        return Result(publication_id, Outcome.BUSY, retry_at=publication.lease_until)
    if publication.state == P.PENDING and _later(publication.next_attempt_at, now):
        return Result(publication_id, Outcome.NOT_DUE, retry_at=publication.next_attempt_at)
    post = session.get_one(Post, publication.post_id, populate_existing=True)
    target = next((t for t in post.targets if t.account_id == publication.account_id), None)
    if post.state != PostState.SCHEDULED or target is None:
        _undispatch(publication)  # a reschedule makes it due again at the next sweep
        return Result(publication_id, Outcome.SKIPPED, detail=post.state.value)
    if _later(post.scheduled_at, now):
        return Result(publication_id, Outcome.NOT_DUE, retry_at=post.scheduled_at)
    blocking = lockdown.blocking(session, post.org_id, publication.account_id)
    if blocking is not None:
        _undispatch(publication)  # the first sweep after the lift takes it up
        return Result(publication_id, Outcome.LOCKED, detail=blocking.reason)

    text = _approved_text(session, post, target)
    if isinstance(text, _Failure):
        _fail(session, publication, post, target.account, text, now)
        return Result(publication_id, Outcome.FAILED, detail=text.message)
    try:
        connector = provider(session, target.account)
    except (NotConnectedError, PermanentError) as error:
        failure = _Failure("not_connected", str(error), retryable=False)
        _fail(session, publication, post, target.account, failure, now)
        return Result(publication_id, Outcome.FAILED, detail=failure.message)

    if publication.state == P.SENDING:  # its lease ran out: the worker died mid-attempt
        publication.last_error = "attempt interrupted (the worker stopped mid-call)"
        publication.error_kind = "interrupted"
    publication.state = P.SENDING
    publication.attempts += 1
    publication.lease_until = now + timedelta(seconds=config.lease)
    publication.content_hash = post.content_hash
    publication.updated_at = now
    session.flush()
    return _Claim(
        publication_id=publication.id,
        attempt=publication.attempts,
        org_id=post.org_id,
        account_id=publication.account_id,
        outgoing=OutgoingPost(text=text, idempotency_key=publication.idempotency_key),
        connector=connector,
    )


def _undispatch(publication: Publication) -> None:
    if publication.state == P.PENDING:
        publication.lease_until = None


def _approved_text(session: Session, post: Post, target: PostTarget) -> str | _Failure:
    """The exact text for ``target``, if it is byte for byte what the approvals cover.

    The content hash is recomputed with the very string about to be sent in its place
    (the target's variant, or the post's text): it must equal the post's hash, which every
    approval of the round is bound to, and the approvals must cover that hash.
    """
    text = posts.effective_text(post, target)
    main = post.text if target.variant_text is not None else text
    pairs = [
        (t.account_id, text if t is target and t.variant_text is not None else t.variant_text)
        for t in post.targets
    ]
    if posts.content_hash(main, pairs) != post.content_hash:
        return _Failure("content_mismatch", "content_mismatch", retryable=False)
    try:
        approvals.require_covered(session, post)
    except GovernanceError as error:
        return _Failure("not_approved", error.code, retryable=False)
    return text


def _blocked_detail(session: Session, claim: _Claim) -> str | None:
    blocking = lockdown.blocking(session, claim.org_id, claim.account_id)
    return blocking.reason if blocking is not None else None


def _release(session: Session, claim: _Claim) -> None:
    """Give an attempt back without having called the network (it does not count)."""
    publication = session.get_one(
        Publication, claim.publication_id, with_for_update=True, populate_existing=True
    )
    if publication.state == P.SENDING and publication.attempts == claim.attempt:
        publication.state = P.PENDING
        publication.attempts -= 1
        publication.lease_until = None
        publication.updated_at = utcnow()


def _classify(error: Exception) -> _Failure:
    message = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
    if isinstance(error, RateLimitedError):
        return _Failure("rate_limited", message, retryable=True, retry_after=error.retry_after)
    if isinstance(error, AuthExpiredError):
        return _Failure("auth_expired", message, retryable=False)
    if isinstance(error, PermanentError):
        return _Failure("refused", message, retryable=False)
    if isinstance(error, TransientError):
        return _Failure("transient", message, retryable=True)
    # An unexpected error inside a connector: retried, and failed after max_attempts.
    return _Failure("unexpected", message, retryable=True)


def _record(
    session: Session,
    claim: _Claim,
    outcome: PublishedRef | _Failure,
    config: PublishingConfig,
    now: datetime,
) -> Result:
    publication = session.get_one(
        Publication, claim.publication_id, with_for_update=True, populate_existing=True
    )
    if publication.state != P.SENDING or publication.attempts != claim.attempt:
        # Our lease ran out and another attempt took over (under the same key).
        return Result(publication.id, Outcome.BUSY, detail="attempt taken over")
    post = session.get_one(Post, publication.post_id, populate_existing=True)
    account = session.get_one(Account, publication.account_id)
    if isinstance(outcome, PublishedRef):
        _published(session, publication, post, account, outcome, now)
        return Result(publication.id, Outcome.PUBLISHED, detail=outcome.network_id)
    if outcome.retryable and publication.attempts < config.max_attempts:
        retry_at = now + timedelta(seconds=_backoff(publication.attempts, outcome, config))
        publication.state = P.PENDING
        publication.next_attempt_at = retry_at
        publication.lease_until = None
        publication.last_error = outcome.message
        publication.error_kind = outcome.kind
        publication.updated_at = now
        session.flush()
        audit.append(
            session,
            actor=None,
            org_id=post.org_id,
            action="publication.retry_scheduled",
            subject_type="post",
            subject_id=post.id,
            data={
                **_about(publication, account),
                "error_kind": outcome.kind,
                "error": outcome.message,
                "retry_at": retry_at.isoformat(),
            },
        )
        return Result(publication.id, Outcome.RETRY, retry_at=retry_at, detail=outcome.message)
    _fail(session, publication, post, account, outcome, now)
    return Result(publication.id, Outcome.FAILED, detail=outcome.message)


def _backoff(attempt: int, failure: _Failure, config: PublishingConfig) -> float:
    delay: float = min(config.backoff_max, config.backoff_base * 2.0 ** (attempt - 1))
    delay *= random.uniform(0.8, 1.2)  # spread retries so a recovering network is not hit at once
    if failure.retry_after is not None:
        delay = max(delay, failure.retry_after)
    return delay


def _published(
    session: Session,
    publication: Publication,
    post: Post,
    account: Account,
    ref: PublishedRef,
    now: datetime,
) -> None:
    publication.state = P.PUBLISHED
    publication.network_id = ref.network_id
    publication.url = ref.url
    publication.published_at = now
    publication.lease_until = None
    publication.next_attempt_at = None
    publication.last_error = None
    publication.error_kind = None
    publication.updated_at = now
    session.flush()
    audit.append(
        session,
        actor=None,
        org_id=post.org_id,
        action="publication.published",
        subject_type="post",
        subject_id=post.id,
        data={
            **_about(publication, account),
            "content_hash": publication.content_hash,
            "network_id": ref.network_id,
            "url": ref.url,
        },
    )
    if post.state != PostState.SCHEDULED:
        return
    done = {
        p.account_id
        for p in session.scalars(
            select(Publication).where(
                Publication.post_id == post.id, Publication.state == P.PUBLISHED
            )
        )
    }
    if all(t.account_id in done for t in post.targets):
        post.published_at = now
        _move(
            session,
            post,
            Action.PUBLISH,
            {"content_hash": post.content_hash, "reference": ref.url or ref.network_id},
            now,
        )


def _fail(
    session: Session,
    publication: Publication,
    post: Post,
    account: Account,
    failure: _Failure,
    now: datetime,
) -> None:
    publication.state = P.FAILED
    publication.lease_until = None
    publication.next_attempt_at = None
    publication.last_error = failure.message[:MAX_ERROR_CHARS]
    publication.error_kind = failure.kind
    publication.updated_at = now
    session.flush()
    audit.append(
        session,
        actor=None,
        org_id=post.org_id,
        action="publication.failed",
        subject_type="post",
        subject_id=post.id,
        data={**_about(publication, account), "error_kind": failure.kind, "error": failure.message},
    )
    if post.state == PostState.SCHEDULED:
        _move(
            session,
            post,
            Action.FAIL,
            {"reason": f"{account.handle}: {failure.message}", "account_id": account.id},
            now,
        )


def _move(
    session: Session, post: Post, action: Action, data: dict[str, Any], now: datetime
) -> None:
    """A state change made by Herald itself (no person), through the same state machine."""
    to = TRANSITIONS.get((post.state, action))
    if to is None:
        raise InvalidTransitionError(post.state.value, action.value)
    transitions.apply(session, None, post, to, action, data, now)


def _about(publication: Publication, account: Account) -> dict[str, Any]:
    return {
        "publication_id": publication.id,
        "account_id": account.id,
        "account": account.handle,
        "network": account.network,
        "idempotency_key": publication.idempotency_key,
        "attempt": publication.attempts,
    }


def _later(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment > now


# -- reading -------------------------------------------------------------------------------


def for_post(session: Session, post: Post) -> Sequence[Publication]:
    """The post's publications (one per target that reached its time), by account."""
    return list(
        session.scalars(
            select(Publication)
            .where(Publication.post_id == post.id)
            .order_by(Publication.account_id)
        )
    )


@dataclass(frozen=True, slots=True)
class Attempt:
    """One publishing attempt as the audit log recorded it: what happened, and where."""

    at: datetime
    post_id: int
    account: str
    network: str
    attempt: int
    result: str
    """``published``, ``retry_scheduled`` or ``failed``."""
    error_kind: str | None
    error: str | None
    url: str | None
    network_id: str | None
    retry_at: str | None


ATTEMPT_ACTIONS = ("publication.published", "publication.retry_scheduled", "publication.failed")
MAX_LOG_ROWS = 500


def attempt_log(
    session: Session, actor: Person, limit: int = 200, post_id: int | None = None
) -> list[Attempt]:
    """The organisation's publishing attempts, newest first, read from the audit log
    (every attempt that reached the network or failed for good is recorded there)."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.org_id == actor.org_id, AuditEntry.action.in_(ATTEMPT_ACTIONS))
        .order_by(AuditEntry.seq.desc())
        .limit(max(1, min(limit, MAX_LOG_ROWS)))
    )
    if post_id is not None:
        query = query.where(
            AuditEntry.subject_type == "post", AuditEntry.subject_id == str(post_id)
        )
    attempts = []
    for entry in session.scalars(query):
        data = json.loads(entry.payload)
        attempts.append(
            Attempt(
                at=entry.at,
                post_id=int(entry.subject_id),
                account=str(data.get("account", "")),
                network=str(data.get("network", "")),
                attempt=int(data.get("attempt") or 0),
                result=entry.action.removeprefix("publication."),
                error_kind=data.get("error_kind"),
                error=data.get("error"),
                url=data.get("url"),
                network_id=data.get("network_id"),
                retry_at=data.get("retry_at"),
            )
        )
    return attempts


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A post on the calendar, once per target account."""

    post_id: int
    account_id: int
    account: str
    network: str
    at: datetime
    state: PostState
    text: str
    publication: PublicationState | None
    url: str | None


def calendar(
    session: Session, actor: Person, start: datetime, end: datetime
) -> list[CalendarEntry]:
    """Scheduled (and published or failed) posts of the actor's organisation whose time
    falls in ``[start, end)``, one entry per target account, by time."""
    rows = session.execute(
        select(Post, PostTarget, Account)
        .join(PostTarget, PostTarget.post_id == Post.id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(
            Post.org_id == actor.org_id,
            Post.state.in_((PostState.SCHEDULED, PostState.PUBLISHED, PostState.FAILED)),
            Post.scheduled_at >= start,
            Post.scheduled_at < end,
        )
        .order_by(Post.scheduled_at, Post.id, Account.handle)
    ).all()
    sent = {
        (p.post_id, p.account_id): p
        for p in session.scalars(
            select(Publication).where(Publication.post_id.in_({post.id for post, _, _ in rows}))
        )
    }
    entries = []
    for post, target, account in rows:
        publication = sent.get((post.id, account.id))
        if post.scheduled_at is None:  # the query asked for a time; for the type checker
            continue
        entries.append(
            CalendarEntry(
                post_id=post.id,
                account_id=account.id,
                account=account.handle,
                network=account.network,
                at=post.scheduled_at,
                state=post.state,
                text=posts.effective_text(post, target),
                publication=publication.state if publication else None,
                url=publication.url if publication else None,
            )
        )
    return entries
