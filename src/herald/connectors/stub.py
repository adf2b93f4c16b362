"""The "stub" network: a minimal HTTP social network the tests and benchmarks run against,
and the smallest complete connector for a new network to copy.

Its API (served by ``tests/connectors/fakes/stub_network.py``):

- ``POST /api/statuses`` with ``{"text", "language", "in_reply_to"}``, a bearer token and an
  ``Idempotency-Key`` header: ``200 {"id", "url"}``. Like Mastodon, a repeated key returns the
  status created the first time instead of a second one.
- ``GET /api/notifications?since=ID``: ``{"items": [...], "cursor": ID}``, oldest first.
- ``GET /api/health``: ``{"ok": true}``.
- Every answer may carry ``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` (epoch seconds);
  429 carries ``Retry-After`` (seconds); 401 means the token was refused.

Settings: ``url`` (required), ``token`` (default: the account's handle), ``timeout``
(seconds, default 10).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import Message
from typing import Any

from herald.connectors import registry
from herald.connectors.base import (
    AuthExpiredError,
    Connector,
    FetchPage,
    Health,
    IncomingItem,
    ItemKind,
    OutgoingPost,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    RateLimitState,
    TransientError,
)

NETWORK = "stub"
DEFAULT_TIMEOUT = 10.0
MAX_RESPONSE_BYTES = 1_000_000


class StubConnector:
    """One account on a stub network server."""

    network = NETWORK

    def __init__(self, url: str, token: str = "", timeout: float = DEFAULT_TIMEOUT) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise PermanentError(f"stub network URL must be http(s)://host[:port], got {url!r}")
        self.base = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._rate = RateLimitState()

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> StubConnector:
        if not settings.get("url"):
            raise PermanentError("the stub network needs a 'url' setting")
        timeout = float(settings.get("timeout") or DEFAULT_TIMEOUT)
        # The stub network knows accounts by their token alone: the handle will do.
        token = settings.get("token") or settings.get("handle", "")
        return cls(settings["url"], token, timeout)

    def publish(self, post: OutgoingPost) -> PublishedRef:
        body = {"text": post.text, "language": post.language, "in_reply_to": post.in_reply_to}
        answer = self._call("POST", "/api/statuses", body, post.idempotency_key)
        network_id, url = answer.get("id"), answer.get("url")
        if not isinstance(network_id, str) or not network_id:
            # The post may exist: retrying under the same key finds it instead of adding one.
            raise TransientError("stub network answered without a status id")
        return PublishedRef(network_id, url if isinstance(url, str) else None)

    def reply(self, post: OutgoingPost) -> PublishedRef:
        if not post.in_reply_to:
            raise PermanentError("a reply needs the id of the item it answers")
        return self.publish(post)

    def fetch(self, cursor: str | None) -> FetchPage:
        query = f"?{urllib.parse.urlencode({'since': cursor})}" if cursor else ""
        answer = self._call("GET", f"/api/notifications{query}")
        raw_items = answer.get("items")
        if not isinstance(raw_items, list):
            raise TransientError("stub network answered notifications without items")
        items = tuple(_item(raw) for raw in raw_items if isinstance(raw, dict))
        next_cursor = answer.get("cursor")
        return FetchPage(items, next_cursor if isinstance(next_cursor, str) else cursor)

    def health(self) -> Health:
        try:
            answer = self._call("GET", "/api/health")
        except (TransientError, AuthExpiredError, PermanentError) as error:
            return Health(False, str(error))
        return Health(answer.get("ok") is True)

    def rate_limit(self) -> RateLimitState:
        return self._rate

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None = None, key: str | None = None
    ) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if key:
            headers["Idempotency-Key"] = key
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        request = urllib.request.Request(self.base + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self._note_rate(response.headers)
                payload = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            self._note_rate(error.headers)
            mapped = _http_error(error)
            error.close()  # it holds the connection open
            raise mapped from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TransientError(f"stub network unreachable: {error}") from None
        if len(payload) > MAX_RESPONSE_BYTES:
            raise TransientError("stub network answer too large")
        try:
            parsed = json.loads(payload)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise TransientError("stub network answered malformed JSON") from None
        if not isinstance(parsed, dict):
            raise TransientError("stub network answered JSON that is not an object")
        return parsed

    def _note_rate(self, headers: Message | None) -> None:
        if headers is None:
            return
        limit = _int(headers.get("X-RateLimit-Limit"))
        remaining = _int(headers.get("X-RateLimit-Remaining"))
        reset = _int(headers.get("X-RateLimit-Reset"))
        if limit is None and remaining is None and reset is None:
            return
        reset_at = datetime.fromtimestamp(reset, UTC) if reset is not None else None
        self._rate = RateLimitState(limit, remaining, reset_at)


def _http_error(error: urllib.error.HTTPError) -> Exception:
    detail = f"stub network answered {error.code}"
    if error.code == 429:
        return RateLimitedError(detail, _float(error.headers.get("Retry-After")))
    if error.code == 401:
        return AuthExpiredError(detail)
    if error.code >= 500 or error.code == 408:
        return TransientError(detail)
    return PermanentError(detail)


def _item(raw: dict[str, Any]) -> IncomingItem:
    try:
        created = datetime.fromisoformat(str(raw.get("created_at")))
    except ValueError:
        created = datetime.now(UTC)
    kind = str(raw.get("kind"))
    return IncomingItem(
        network=NETWORK,
        id=str(raw.get("id", "")),
        text=str(raw.get("text", "")),
        author=str(raw.get("author", "")),
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
        kind=ItemKind(kind) if kind in ItemKind._value2member_map_ else ItemKind.MENTION,
        in_reply_to=_str(raw.get("in_reply_to")),
        url=_str(raw.get("url")),
        raw=raw,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _factory(settings: Mapping[str, str]) -> Connector:
    return StubConnector.from_settings(settings)


registry.register(NETWORK, _factory)
