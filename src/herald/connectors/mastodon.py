"""Mastodon (and servers that speak its client API, such as snac2) through ``Mastodon.py``.

Settings: ``base_url`` (https://example.social) and ``access_token``; optional
``timeout_s``. Incoming items are mention notifications (direct ones become direct
messages, answers become comments); the cursor is the last notification id seen.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any, TypeVar

import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
    StreamListener,
)

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
from herald.connectors.markup import html_to_text
from herald.connectors.registry import SettingsError, register, required

T = TypeVar("T")

NETWORK = "mastodon"
PAGE_LIMIT = 40
MAX_PAGES_PER_FETCH = 25
"""A fetch reads at most this many pages; the cursor then resumes where it stopped."""
_SEEN_IN_STREAM = 4096
IDEMPOTENCY_WINDOW = timedelta(hours=1)
RECENT_OWN_STATUSES = 40


def _header_time(value: str) -> datetime | None:
    """X-RateLimit-Reset is ISO 8601 on Mastodon; some servers send an HTTP date."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    value = headers.get("Retry-After")
    if value is not None:
        try:
            return max(0.0, float(value))
        except ValueError:
            when = _header_time(value)
            if when is not None:
                return max(0.0, (when - now).total_seconds())
    reset = headers.get("X-RateLimit-Reset")
    when = _header_time(reset) if reset else None
    return max(0.0, (when - now).total_seconds()) if when else None


class _FreshConnectionAdapter(requests.adapters.HTTPAdapter):
    """One connection per request, never reused.

    Small servers of this API (snac2) close every connection shortly after answering,
    without saying so; a request sent on it meanwhile is reset with an unknown outcome
    (did the post go out?). A fresh connection costs little at publishing volumes.
    """

    def send(self, *args: Any, **kwargs: Any) -> requests.Response:
        response = super().send(*args, **kwargs)
        # A closed pool closes the connection when the response releases it.
        self.poolmanager.clear()
        return response


class MastodonConnector:
    network = NETWORK

    def __init__(self, base_url: str, access_token: str, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers: Mapping[str, str] = {}
        self._account_id: str | None = None
        self._rate = RateLimitState()
        self._lock = threading.Lock()
        session = self._session = requests.Session()
        session.mount("http://", _FreshConnectionAdapter())
        session.mount("https://", _FreshConnectionAdapter())
        session.hooks["response"].append(self._remember)
        self._api = Mastodon(
            access_token=access_token,
            api_base_url=self.base_url,
            ratelimit_method="throw",
            request_timeout=timeout_s,
            version_check_mode="none",
            session=session,
        )

    def __repr__(self) -> str:
        return f"MastodonConnector({self.base_url!r}, access_token=***)"

    def _remember(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        """Keep the last answer's headers: Mastodon.py hides Retry-After from its errors."""
        headers = response.headers
        with self._lock:
            self._headers = headers
            limit, remaining = (
                headers.get("X-RateLimit-Limit"),
                headers.get("X-RateLimit-Remaining"),
            )
            if limit is not None or remaining is not None:
                reset = headers.get("X-RateLimit-Reset")
                self._rate = RateLimitState(
                    limit=int(limit) if limit and limit.isdigit() else None,
                    remaining=int(remaining) if remaining and remaining.isdigit() else None,
                    reset_at=_header_time(reset) if reset else None,
                )

    def _call(self, what: str, work: Callable[[], T]) -> T:
        """Run ``work``, mapping Mastodon.py's errors onto the connector errors."""
        try:
            return work()
        except MastodonRatelimitError:
            retry = _retry_after(self._headers, datetime.now(UTC))
            raise RateLimitedError(f"{what}: rate limited", retry_after=retry) from None
        except MastodonUnauthorizedError as error:
            raise AuthExpiredError(f"{what}: the access token was refused ({error})") from None
        except (MastodonNetworkError, MastodonServerError) as error:
            raise TransientError(f"{what}: {error}") from None
        except MastodonNotFoundError as error:
            raise PermanentError(f"{what}: not found ({error})") from None
        except MastodonAPIError as error:
            first = str(error.args[0]) if error.args else ""
            if first.startswith("Could not parse"):
                raise MalformedPayloadError(f"{what}: the answer is not JSON", first) from None
            if len(error.args) > 1 and error.args[1] == 403:
                raise AuthExpiredError(f"{what}: forbidden ({error})") from None
            raise PermanentError(f"{what}: refused ({error})") from None
        except (MastodonIllegalArgumentError, MastodonMalformedEventError) as error:
            raise MalformedPayloadError(f"{what}: unexpected answer", str(error)) from None
        except MastodonError as error:
            raise TransientError(f"{what}: {error}") from None
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise MalformedPayloadError(f"{what}: unexpected answer", repr(error)) from None

    def _already_posted(self, post: OutgoingPost, reply_to: str | None) -> Any | None:
        """The account's own status with this text (and parent) from the last hour, if any.

        Mastodon honours Idempotency-Key for an hour; other servers of the same API (snac2)
        ignore it, so a retry after a lost answer looks for the post it may have made.
        """
        if self._account_id is None:
            self._account_id = str(self._api.account_verify_credentials()["id"])
        since = datetime.now(UTC) - IDEMPOTENCY_WINDOW
        wanted = " ".join(post.text.split())
        for status in self._api.account_statuses(self._account_id, limit=RECENT_OWN_STATUSES):
            created = status["created_at"]
            if isinstance(created, datetime) and created < since:
                break
            if reply_to is not None and str(status.get("in_reply_to_id") or "") != reply_to:
                continue
            shown = status.get("text") or html_to_text(str(status.get("content") or ""))
            if " ".join(str(shown).split()) == wanted:
                return status
        return None

    def _post(self, post: OutgoingPost, reply_to: str | None) -> PublishedRef:
        def send() -> PublishedRef:
            found = self._already_posted(post, reply_to)
            if found is not None:
                return PublishedRef(network_id=str(found["id"]), url=found.get("url"))
            status = self._api.status_post(
                post.text,
                in_reply_to_id=reply_to,
                idempotency_key=post.idempotency_key,
                language=post.language,
            )
            return PublishedRef(network_id=str(status["id"]), url=status.get("url"))

        return self._call("publish", send)

    def publish(self, post: OutgoingPost) -> PublishedRef:
        """Idempotent for an hour: the same text on this account is one post, not two."""
        return self._post(post, None)

    def reply(self, post: OutgoingPost) -> PublishedRef:
        if not post.in_reply_to:
            raise PermanentError("reply: no status to answer (in_reply_to is empty)")
        return self._post(post, post.in_reply_to)

    def fetch(self, cursor: str | None) -> FetchPage:
        """Mentions newer than ``cursor``, oldest first, one item per status."""
        items: dict[str, IncomingItem] = {}
        newest = cursor
        for _ in range(MAX_PAGES_PER_FETCH):
            page, last = self._call("fetch", partial(self._page, newest))
            for item in page:
                items.setdefault(item.id, item)
            if last is None or last == newest:
                break
            newest = last
            if cursor is None:
                break  # a first sync reads the recent page only, not the whole history
        return FetchPage(items=tuple(items.values()), cursor=newest)

    def _page(self, since: str | None) -> tuple[list[IncomingItem], str | None]:
        """One page of mentions after ``since``, oldest first, and its last notification id."""
        page = self._api.notifications(types=["mention"], min_id=since, limit=PAGE_LIMIT)
        ordered = sorted(page, key=_id_order)
        items = [item for item in map(self._item, ordered) if item is not None]
        return items, str(ordered[-1]["id"]) if ordered else None

    def _item(self, notification: Mapping[str, Any]) -> IncomingItem | None:
        status = notification.get("status")
        if notification.get("type") != "mention" or not status:
            return None
        account = status["account"]
        if status.get("visibility") == "direct":
            kind = ItemKind.DIRECT_MESSAGE
        elif status.get("in_reply_to_id"):
            kind = ItemKind.COMMENT
        else:
            kind = ItemKind.MENTION
        created = status["created_at"]
        if isinstance(created, str):
            created = datetime.fromisoformat(created.replace("Z", "+00:00"))
        reply_to = status.get("in_reply_to_id")
        return IncomingItem(
            network=NETWORK,
            id=str(status["id"]),
            text=html_to_text(str(status.get("content") or "")),
            author=str(account["acct"]),
            created_at=created,
            kind=kind,
            author_followers=account.get("followers_count"),
            in_reply_to=str(reply_to) if reply_to else None,
            url=status.get("url"),
            lang=status.get("language"),
            raw={"notification_id": str(notification["id"])},
        )

    def health(self) -> Health:
        try:
            instance = self._call("health", self._api.instance_v1)
            # The instance answers anyone: the token is checked by asking who we are.
            me = self._call("health", self._api.account_verify_credentials)
        except ConnectorError as error:
            return Health(ok=False, detail=str(error))
        return Health(ok=True, detail=f"{instance.get('version', '')} @{me.get('acct', '')}")

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._session.close()

    def rate_limit(self) -> RateLimitState:
        with self._lock:
            return self._rate

    def stream(self, on_item: Callable[[IncomingItem], None], timeout_s: float = 300) -> None:
        """Deliver mentions as they arrive until the server closes the stream.

        A repeated event (servers resend after reconnects) is delivered once; ingestion
        dedupes by (network, id) anyway, this only saves it the work.
        """
        seen: OrderedDict[str, None] = OrderedDict()
        connector = self

        class Listener(StreamListener):
            def on_notification(self, notification: Mapping[str, Any]) -> None:
                item = connector._item(notification)
                if item is None or item.id in seen:
                    return
                seen[item.id] = None
                if len(seen) > _SEEN_IN_STREAM:
                    seen.popitem(last=False)
                on_item(item)

        self._call("stream", lambda: self._api.stream_user(Listener(), timeout=timeout_s))


def _id_order(notification: Mapping[str, Any]) -> tuple[int, str]:
    """Mastodon ids are numbers in strings: compare by length first, then text."""
    key = str(notification["id"])
    return (len(key), key)


def _from_settings(settings: Mapping[str, str]) -> MastodonConnector:
    base_url, token = required(settings, "base_url", "access_token")
    if not base_url.startswith(("https://", "http://")):
        raise SettingsError("base_url", "must start with https:// or http://")
    try:
        timeout = float(settings.get("timeout_s") or 30)
    except ValueError:
        raise SettingsError("timeout_s", "must be a number of seconds") from None
    return MastodonConnector(base_url, token, timeout_s=timeout)


register(NETWORK, _from_settings)
