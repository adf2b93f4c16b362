"""The one interface every network connector implements, and the values that cross it.

Publishing, the inbox and listening only ever see these types: a network is added by writing a
module that implements :class:`Connector`, never by touching the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable


class ItemKind(StrEnum):
    """What an incoming item is, as the inbox and listening treat it."""

    MENTION = "mention"
    COMMENT = "comment"
    DIRECT_MESSAGE = "direct_message"
    REVIEW = "review"
    POST = "post"
    """Someone else's public post (listening, feeds), not addressed to the brand."""


@dataclass(frozen=True, slots=True)
class OutgoingPost:
    """Exactly what is to be published; ``idempotency_key`` is unique per post and target."""

    text: str
    idempotency_key: str
    in_reply_to: str | None = None
    """The network id of the item being answered, for replies."""
    language: str | None = None


@dataclass(frozen=True, slots=True)
class PublishedRef:
    """Where a published post or reply now lives on the network."""

    network_id: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class IncomingItem:
    """A message, comment, mention, review or post read from a network or a file."""

    network: str
    id: str
    """The network's own id; (network, id) identifies an item everywhere in Herald."""
    text: str
    author: str
    created_at: datetime
    kind: ItemKind = ItemKind.MENTION
    author_followers: int | None = None
    thread_id: str | None = None
    """The id of the conversation's first item, so a thread stays together."""
    in_reply_to: str | None = None
    url: str | None = None
    lang: str | None = None
    channel: str | None = None
    """The brand account (handle) it was addressed to or read through, if any."""
    raw: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class FetchPage:
    """Items newer than a cursor, oldest first, and the cursor to ask from next time."""

    items: tuple[IncomingItem, ...]
    cursor: str | None


@dataclass(frozen=True, slots=True)
class Health:
    ok: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class RateLimitState:
    """The network's last reported budget; ``reset_at`` is when it refills (UTC)."""

    limit: int | None = None
    remaining: int | None = None
    reset_at: datetime | None = None


class ConnectorError(Exception):
    """A network call failed; subclasses tell the caller whether to retry."""


class TransientError(ConnectorError):
    """Worth retrying with backoff: timeouts, 5xx, connection resets."""


class RateLimitedError(TransientError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthExpiredError(ConnectorError):
    """The credentials were refused: a person must reconnect the account; never retried."""


class MalformedPayloadError(TransientError):
    """The network answered with something that is not what its API promises.

    Transient because a proxy or a half-deployed server is the usual cause; the caller keeps
    its cursor, so nothing after the bad answer is skipped. ``excerpt`` shows what came.
    """

    def __init__(self, message: str, excerpt: str = "") -> None:
        super().__init__(f"{message}: {excerpt[:200]!r}" if excerpt else message)
        self.excerpt = excerpt[:2000]


class PermanentError(ConnectorError):
    """The network refused this request for good (too long, duplicate, deleted parent...)."""


@runtime_checkable
class Connector(Protocol):
    """One network account Herald publishes through and reads from."""

    network: str

    def publish(self, post: OutgoingPost) -> PublishedRef: ...

    def reply(self, post: OutgoingPost) -> PublishedRef:
        """Publish ``post`` as an answer to ``post.in_reply_to``."""
        ...

    def fetch(self, cursor: str | None) -> FetchPage:
        """Mentions, comments and direct messages since ``cursor`` (None: the recent ones)."""
        ...

    def health(self) -> Health: ...

    def rate_limit(self) -> RateLimitState: ...
