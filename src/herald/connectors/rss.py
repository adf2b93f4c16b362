"""RSS and Atom feeds through ``feedparser``: read-only listening sources.

Settings: ``url``; optional ``timeout_s``. The HTTP request is made here (``requests``, with a
timeout and a size cap) and the body handed to feedparser, so errors map cleanly. The cursor
is JSON: the ETag and Last-Modified validators (an unchanged feed costs a 304) and the ids of
the entries already read, so an entry is delivered once however often the feed repeats it.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import requests

from herald.connectors.base import (
    AuthExpiredError,
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

NETWORK = "rss"
MAX_FEED_BYTES = 10_000_000
MAX_REMEMBERED_IDS = 2_000
USER_AGENT = "Herald feed reader (+https://github.com/herald)"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _entry_id(entry: Mapping[str, Any]) -> str:
    """The entry's own id, else its link, else a digest of what it says."""
    for key in ("id", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    basis = f"{entry.get('title', '')}\n{entry.get('published', '')}\n{entry.get('summary', '')}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()


def _entry_time(entry: Mapping[str, Any], fallback: datetime) -> datetime:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return fallback


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


class RssConnector:
    network = NETWORK

    def __init__(self, url: str, timeout_s: float = 30.0) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT

    def __repr__(self) -> str:
        return f"RssConnector({self.url!r})"

    def publish(self, post: OutgoingPost) -> PublishedRef:
        raise PermanentError("a feed is read-only: nothing can be published to it")

    def reply(self, post: OutgoingPost) -> PublishedRef:
        raise PermanentError("a feed is read-only: nothing can be answered on it")

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._session.close()

    def rate_limit(self) -> RateLimitState:
        return RateLimitState()

    def _get(self, headers: Mapping[str, str]) -> _Answer:
        try:
            response = self._session.get(
                self.url, headers=dict(headers), timeout=self.timeout_s, stream=True
            )
            body = response.raw.read(MAX_FEED_BYTES + 1, decode_content=True)
        except requests.Timeout:
            raise TransientError(f"feed {self.url}: timed out") from None
        except (requests.RequestException, OSError) as error:
            raise TransientError(f"feed {self.url}: {error}") from None
        status = response.status_code
        if status == 429:
            retry = _retry_after(response.headers.get("Retry-After"))
            raise RateLimitedError(f"feed {self.url}: rate limited", retry_after=retry)
        if status in (401, 403):
            raise AuthExpiredError(f"feed {self.url}: access refused ({status})")
        if status in (404, 410):
            raise PermanentError(f"feed {self.url}: gone ({status})")
        if status >= 500 or status == 408:
            raise TransientError(f"feed {self.url}: server error {status}")
        if status >= 400:
            raise PermanentError(f"feed {self.url}: refused ({status})")
        if len(body) > MAX_FEED_BYTES:
            raise PermanentError(f"feed {self.url}: larger than {MAX_FEED_BYTES} bytes")
        return _Answer(status, response.headers, body)

    def _parse(self, response: _Answer) -> Any:
        parsed = feedparser.parse(
            io.BytesIO(response.body),
            response_headers={
                "content-type": response.headers.get("Content-Type", ""),
                "content-location": self.url,
            },
        )
        if parsed.get("bozo") and not parsed.entries and not parsed.feed.get("title"):
            problem = str(parsed.get("bozo_exception", "not a feed"))
            raise MalformedPayloadError(
                f"feed {self.url}: not RSS or Atom ({problem})",
                response.body[:200].decode("utf-8", "replace"),
            )
        return parsed

    def fetch(self, cursor: str | None) -> FetchPage:
        state = _load_cursor(cursor)
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("modified"):
            headers["If-Modified-Since"] = state["modified"]
        response = self._get(headers)
        if response.status == 304:
            return FetchPage(items=(), cursor=cursor)
        parsed = self._parse(response)
        seen = set(state.get("seen", []))
        now = datetime.now(UTC)
        feed_lang = str(parsed.feed.get("language") or "")[:2].casefold() or None
        author_fallback = str(parsed.feed.get("title") or self.url)
        items: dict[str, IncomingItem] = {}
        current: list[str] = []
        for entry in parsed.entries:
            entry_id = _entry_id(entry)
            current.append(entry_id)
            if entry_id in seen or entry_id in items:
                continue
            title = html_to_text(str(entry.get("title", "")))
            summary = html_to_text(str(entry.get("summary", "")))
            text = "\n".join(part for part in (title, summary) if part) or entry_id
            items[entry_id] = IncomingItem(
                network=NETWORK,
                id=entry_id,
                text=text,
                author=str(entry.get("author") or author_fallback),
                created_at=_entry_time(entry, now),
                kind=ItemKind.POST,
                url=entry.get("link"),
                lang=feed_lang,
                channel=self.url,
            )
        # Oldest first; feeds list newest first, so ties keep the reverse of document order.
        position = {entry_id: n for n, entry_id in enumerate(items)}
        ordered = sorted(items.values(), key=lambda item: (item.created_at, -position[item.id]))
        # Remember this feed's ids (and older ones, up to a bound): feeds slide, ids return.
        remembered = list(dict.fromkeys(current + state.get("seen", [])))[:MAX_REMEMBERED_IDS]
        new_cursor = json.dumps(
            {
                "etag": response.headers.get("ETag"),
                "modified": response.headers.get("Last-Modified"),
                "seen": remembered,
            },
            ensure_ascii=False,
        )
        return FetchPage(items=tuple(ordered), cursor=new_cursor)

    def health(self) -> Health:
        try:
            parsed = self._parse(self._get({}))
        except (TransientError, PermanentError, AuthExpiredError) as error:
            return Health(ok=False, detail=str(error))
        return Health(ok=True, detail=str(parsed.feed.get("title", "")))


def _load_cursor(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    try:
        state = json.loads(cursor)
    except ValueError:
        raise PermanentError("the stored feed cursor is not JSON; reset the connection") from None
    return state if isinstance(state, dict) else {}


def _from_settings(settings: Mapping[str, str]) -> RssConnector:
    (url,) = required(settings, "url")
    if not url.startswith(("https://", "http://")):
        raise SettingsError("url", "must start with https:// or http://")
    try:
        timeout = float(settings.get("timeout_s") or 30)
    except ValueError:
        raise SettingsError("timeout_s", "must be a number of seconds") from None
    return RssConnector(url, timeout_s=timeout)


register(NETWORK, _from_settings)
