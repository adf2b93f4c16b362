"""Messages pushed to Herald over a signed webhook, one endpoint per connection.

A connection (an account's stored, encrypted settings) takes webhook deliveries when its
settings hold a ``webhook_secret`` (16 bytes or more). A delivery is accepted only when
its signature matches (HMAC-SHA256 over ``timestamp.body``, compared in constant time)
and its timestamp is inside the replay window (:mod:`herald.connectors.webhook`). The
body is all or nothing: one malformed item refuses the delivery with every problem named,
so the sender fixes it and sends again, and nothing is half stored. Accepted items are
stored first (deduplicated by network and id, so a repeated delivery adds nothing), then
classified with the organisation's active pack; a message whose classification fails
stays stored and pending, and the next delivery or import classifies it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.webhook import SignatureError, parse_payload, verify_signature
from herald.security.secrets_box import SecretsBox, SecretsBoxError
from herald.services import inbox
from herald.services.scoping import MAX_ID
from herald.store.models import Account, Connection

SECRET_SETTING = "webhook_secret"


class WebhookRefusedError(Exception):
    """The delivery is refused; ``status`` is the HTTP answer, ``code`` a stable reason."""

    def __init__(self, status: int, code: str, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class Delivery:
    accepted: int
    duplicates: int
    classified: int
    pending: int


@dataclass(frozen=True, slots=True)
class _Target:
    org_id: int
    network: str
    handle: str
    secret: bytes


def _target(factory: sessionmaker[Session], box: SecretsBox, connection_id: int) -> _Target:
    unknown = WebhookRefusedError(404, "unknown_webhook", "no webhook at this address")
    if not 0 < connection_id <= MAX_ID:
        raise unknown
    with factory() as session:
        row = session.get(Connection, connection_id)
        if row is None:
            raise unknown
        try:
            settings = box.decrypt(row.settings)
        except SecretsBoxError:
            raise WebhookRefusedError(
                503, "webhook_unavailable", "the connection cannot be read; try again later"
            ) from None
        secret = settings.get(SECRET_SETTING, "")
        if not secret:
            raise unknown
        account = session.get_one(Account, row.account_id)
        return _Target(row.org_id, row.network, account.handle, secret.encode("utf-8"))


def receive(
    factory: sessionmaker[Session],
    box: SecretsBox,
    connection_id: int,
    *,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: float,
) -> Delivery:
    """Verify, store and classify one delivery; raises :class:`WebhookRefusedError`."""
    target = _target(factory, box, connection_id)
    if not timestamp or not signature:
        raise WebhookRefusedError(
            401, "unsigned", "the X-Herald-Timestamp and X-Herald-Signature headers are required"
        )
    try:
        verify_signature(target.secret, timestamp, body, signature, now)
    except SignatureError as error:
        raise WebhookRefusedError(401, f"signature_{error.reason}", str(error)) from None
    parsed = parse_payload(body, network=target.network)
    problems = [e.message() for e in parsed.errors if e.code != "duplicate"]
    if problems:
        raise WebhookRefusedError(
            422, "malformed_payload", "the delivery was refused: fix these items", problems
        )
    if not parsed.items:
        raise WebhookRefusedError(422, "malformed_payload", "the delivery holds no message")
    items = [
        dataclasses.replace(item, channel=item.channel or target.handle) for item in parsed.items
    ]
    stored = inbox.store(factory, target.org_id, items)
    with factory() as session:
        policy = inbox.active_policy(session, target.org_id)
    done = inbox.classify_pending(
        factory, target.org_id, inbox.classifier_for(policy), policy.version
    )
    return Delivery(stored.new, stored.duplicates, done.classified, done.failed)
