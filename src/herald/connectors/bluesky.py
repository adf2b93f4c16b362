"""Bluesky and any AT Protocol PDS through the ``atproto`` SDK.

Settings: ``handle`` and ``app_password`` (an app password, never the main one), optional
``base_url`` (default https://bsky.social), ``app_url`` (links; default https://bsky.app),
``timeout_s``. The session is created on first use and re-created once when the server
says it expired; only a refused password becomes :class:`AuthExpiredError`.

Publishing is idempotent without server support: the record key is derived from the
post's idempotency key, so a retry finds the record it already wrote instead of posting
twice. Incoming items are notifications (mentions, replies, quotes); Bluesky direct
messages live in a separate chat service and are not read here.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import httpx
from atproto import Client, Request, models
from atproto_client import exceptions as at_errors

from herald.connectors.base import (
    AuthExpiredError,
    ConnectorError,
    FetchPage,
    Health,
    IncomingItem,
    ItemKind,
    MalformedPayloadError,
    OutgoingPost,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    RateLimitState,
    TransientError,
)
from herald.connectors.registry import SettingsError, register, required

T = TypeVar("T")

NETWORK = "bluesky"
POST_COLLECTION = "app.bsky.feed.post"
PAGE_LIMIT = 100
_REASONS = {"mention": ItemKind.MENTION, "reply": ItemKind.COMMENT, "quote": ItemKind.MENTION}
_EXPIRED = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired"})

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID_EPOCH_US = 1_672_531_200_000_000  # 2023-01-01: derived keys sort among real, past ones
_TID_SPAN_US = 2**50


def record_key(idempotency_key: str) -> str:
    """A valid TID (13 base32-sortable chars) derived from the idempotency key.

    Post record keys must be TIDs; deriving one makes a retry address the same record.
    """
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode("utf-8")).digest()[:8], "big")
    micros = _TID_EPOCH_US + (digest >> 14) % _TID_SPAN_US
    value = (micros << 10) | (digest & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> (5 * i)) & 31] for i in range(12, -1, -1))


def _split_uri(uri: str) -> tuple[str, str, str]:
    """at://did/collection/rkey -> (did, collection, rkey)."""
    parts = uri.removeprefix("at://").split("/")
    if not uri.startswith("at://") or len(parts) != 3 or not all(parts):
        raise PermanentError(f"not an AT URI of a record: {uri!r}")
    return parts[0], parts[1], parts[2]


def _error_name(error: at_errors.RequestErrorBase) -> str:
    content = error.response.content if error.response is not None else None
    return str(getattr(content, "error", "") or "")


def _parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class BlueskyConnector:
    network = NETWORK

    def __init__(
        self,
        handle: str,
        app_password: str,
        base_url: str = "https://bsky.social",
        app_url: str = "https://bsky.app",
        timeout_s: float = 30.0,
    ) -> None:
        self.handle = handle
        self.base_url = base_url.rstrip("/")
        self.app_url = app_url.rstrip("/")
        self._password = app_password
        self._rate = RateLimitState()
        self._lock = threading.RLock()
        request = Request(timeout=timeout_s, event_hooks={"response": [self._remember]})
        self._client = Client(base_url=self.base_url + "/xrpc", request=request)
        self._client.on_session_change(self._on_session)
        self._did: str | None = None

    def __repr__(self) -> str:
        return f"BlueskyConnector({self.handle!r}, {self.base_url!r}, app_password=***)"

    def _remember(self, response: httpx.Response) -> None:
        headers = response.headers
        if "ratelimit-limit" in headers or "ratelimit-remaining" in headers:
            reset = headers.get("ratelimit-reset", "")
            self._rate = RateLimitState(
                limit=int(headers["ratelimit-limit"])
                if headers.get("ratelimit-limit", "").isdigit()
                else None,
                remaining=int(headers["ratelimit-remaining"])
                if headers.get("ratelimit-remaining", "").isdigit()
                else None,
                reset_at=datetime.fromtimestamp(int(reset), tz=UTC) if reset.isdigit() else None,
            )

    def _on_session(self, event: object, session: Any) -> None:
        self._did = str(session.did) if session.did else None

    def _login(self) -> None:
        with self._lock:
            self._client.login(self.handle, self._password, fetch_bsky_profile=False)
            if self._did is None:
                raise MalformedPayloadError("login: the server returned no DID")

    def _call(self, what: str, work: Callable[[], T]) -> T:
        """Log in if needed, run ``work``, re-login once on an expired session; map errors."""
        for attempt in (1, 2):
            try:
                if self._did is None:
                    self._login()
                return work()
            except at_errors.UnauthorizedError as error:
                if self._did is None or attempt == 2:
                    raise AuthExpiredError(
                        f"{what}: the app password was refused ({error})"
                    ) from None
                self._did = None  # the session, not the password, expired: log in again
            except at_errors.BadRequestError as error:
                if _error_name(error) in _EXPIRED and attempt == 1 and self._did is not None:
                    self._did = None
                    continue
                if (
                    _error_name(error) in _EXPIRED
                    or _error_name(error) == "AuthFactorTokenRequired"
                ):
                    raise AuthExpiredError(f"{what}: {error}") from None
                raise PermanentError(f"{what}: refused ({error})") from None
            except at_errors.RateLimitExceededError as error:
                retry = error.retry_after
                if retry is None and error.reset_at is not None:
                    retry = max(0.0, (error.reset_at - datetime.now(UTC)).total_seconds())
                raise RateLimitedError(f"{what}: rate limited", retry_after=retry) from None
            except at_errors.NetworkError as error:
                raise TransientError(f"{what}: {error or 'network failure'}") from None
            except at_errors.RequestException as error:
                status = error.response.status_code if error.response is not None else 0
                if status >= 500 or status == 408:
                    raise TransientError(f"{what}: server error ({error})") from None
                raise PermanentError(f"{what}: refused ({error})") from None
            except (at_errors.ModelError, ValueError, KeyError, TypeError, AttributeError) as error:
                raise MalformedPayloadError(f"{what}: unexpected answer", repr(error)) from None
        raise AuthExpiredError(f"{what}: the session could not be renewed")

    @property
    def did(self) -> str:
        """The account's DID (logs in on first use)."""
        return self._call("login", lambda: str(self._did))

    def _link(self, uri: str) -> str:
        _, _, rkey = _split_uri(uri)
        return f"{self.app_url}/profile/{self.handle}/post/{rkey}"

    def _existing(self, repo: str, rkey: str) -> Any | None:
        try:
            return self._client.com.atproto.repo.get_record(
                params={"repo": repo, "collection": POST_COLLECTION, "rkey": rkey}
            )
        except at_errors.BadRequestError as error:
            if _error_name(error) == "RecordNotFound":
                return None
            raise
        except at_errors.RequestException as error:
            if error.response is not None and error.response.status_code == 404:
                return None
            raise

    def _write(self, post: OutgoingPost, reply: Any | None) -> PublishedRef:
        did, rkey = self.did, record_key(post.idempotency_key)

        def create() -> PublishedRef:
            found = self._existing(did, rkey)
            if found is None:
                record = models.AppBskyFeedPost.Record(
                    text=post.text,
                    created_at=self._client.get_current_time_iso(),
                    langs=[post.language] if post.language else None,
                    reply=reply,
                )
                try:
                    created = self._client.com.atproto.repo.create_record(
                        models.ComAtprotoRepoCreateRecord.Data(
                            repo=did, collection=POST_COLLECTION, rkey=rkey, record=record
                        )
                    )
                    return PublishedRef(network_id=created.uri, url=self._link(created.uri))
                except (at_errors.BadRequestError, at_errors.NetworkError):
                    found = self._existing(did, rkey)  # a concurrent retry wrote it first
                    if found is None:
                        raise
            if getattr(found.value, "text", None) != post.text:
                raise PermanentError(
                    f"publish: record {rkey} already holds different text (idempotency key reused)"
                )
            return PublishedRef(network_id=found.uri, url=self._link(found.uri))

        return self._call("publish", create)

    def publish(self, post: OutgoingPost) -> PublishedRef:
        return self._write(post, None)

    def reply(self, post: OutgoingPost) -> PublishedRef:
        """Answer ``post.in_reply_to`` (an at:// URI), keeping the thread's root."""
        if not post.in_reply_to:
            raise PermanentError("reply: no post to answer (in_reply_to is empty)")
        repo, collection, rkey = _split_uri(post.in_reply_to)

        def references() -> Any:
            parent = self._client.com.atproto.repo.get_record(
                params={"repo": repo, "collection": collection, "rkey": rkey}
            )
            if parent.cid is None:
                raise MalformedPayloadError("reply: the parent has no CID")
            parent_ref = models.ComAtprotoRepoStrongRef.Main(uri=parent.uri, cid=parent.cid)
            parent_reply = getattr(parent.value, "reply", None)
            root_ref = parent_reply.root if parent_reply is not None else parent_ref
            return models.AppBskyFeedPost.ReplyRef(parent=parent_ref, root=root_ref)

        return self._write(post, self._call("reply", references))

    def fetch(self, cursor: str | None) -> FetchPage:
        """Notifications newer than ``cursor`` (the indexedAt of the newest one read).

        The server pages newest first; pages are read back to the cursor, so nothing
        between two fetches is skipped, then returned oldest first.
        """
        boundary = _parse_time(cursor) if cursor else None
        items: dict[str, IncomingItem] = {}
        newest = cursor
        page_cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": PAGE_LIMIT}
            if page_cursor:
                params["cursor"] = page_cursor
            answer = self._call(
                "fetch",
                partial(self._client.app.bsky.notification.list_notifications, params=params),
            )
            reached = False
            for notification in answer.notifications:
                indexed = _parse_time(notification.indexed_at)
                if boundary is not None and indexed <= boundary:
                    reached = True
                    break
                if newest is None or indexed > _parse_time(newest):
                    newest = notification.indexed_at
                item = self._call("fetch", partial(self._item, notification))
                if item is not None:
                    items.setdefault(item.id, item)
            page_cursor = answer.cursor
            if reached or not page_cursor or not answer.notifications or boundary is None:
                break
        ordered = sorted(items.values(), key=lambda item: item.created_at)
        return FetchPage(items=tuple(ordered), cursor=newest)

    def _item(self, notification: Any) -> IncomingItem | None:
        kind = _REASONS.get(notification.reason)
        if kind is None:
            return None
        record = notification.record
        text = getattr(record, "text", None)
        if not isinstance(text, str):
            raise MalformedPayloadError("fetch: a post without text", repr(record)[:200])
        reply = getattr(record, "reply", None)
        langs = getattr(record, "langs", None) or []
        return IncomingItem(
            network=NETWORK,
            id=notification.uri,
            text=text,
            author=notification.author.handle,
            created_at=_parse_time(getattr(record, "created_at", None) or notification.indexed_at),
            kind=kind,
            thread_id=reply.root.uri if reply is not None else notification.uri,
            in_reply_to=reply.parent.uri if reply is not None else None,
            url=f"{self.app_url}/profile/{notification.author.handle}/post/"
            + _split_uri(notification.uri)[2],
            lang=langs[0] if langs else None,
            channel=self.handle,
            raw={"cid": notification.cid, "author_did": notification.author.did},
        )

    def health(self) -> Health:
        try:
            described = self._call("health", self._client.com.atproto.server.describe_server)
        except ConnectorError as error:
            return Health(ok=False, detail=str(error))
        return Health(ok=True, detail=str(described.did))

    def rate_limit(self) -> RateLimitState:
        return self._rate

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._client.request.close()


def _from_settings(settings: Mapping[str, str]) -> BlueskyConnector:
    handle, password = required(settings, "handle", "app_password")
    base_url = settings.get("base_url", "").strip() or "https://bsky.social"
    if not base_url.startswith(("https://", "http://")):
        raise SettingsError("base_url", "must start with https:// or http://")
    try:
        timeout = float(settings.get("timeout_s") or 30)
    except ValueError:
        raise SettingsError("timeout_s", "must be a number of seconds") from None
    app_url = settings.get("app_url", "").strip() or "https://bsky.app"
    return BlueskyConnector(handle.lstrip("@"), password, base_url, app_url, timeout)


register(NETWORK, _from_settings)
