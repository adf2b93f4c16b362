"""A fake Mastodon client API: statuses (with Idempotency-Key), mention notifications with
min_id paging, the user stream as server-sent events, and the instance document."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.fakes.http import FakeServer, Request, Response

TOKEN = "fake-token"


def _account(acct: str, followers: int = 10) -> dict[str, Any]:
    return {
        "id": str(abs(hash(acct)) % 10_000),
        "username": acct.split("@")[0],
        "acct": acct,
        "display_name": acct,
        "followers_count": followers,
        "url": f"https://fake.social/@{acct}",
    }


@dataclass
class MastodonFake:
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    stream_events: list[tuple[str, Any]] = field(default_factory=list)
    idempotency: dict[str, str] = field(default_factory=dict)
    honours_idempotency_key: bool = True
    """False: behave like snac2, which ignores the header."""
    token: str = TOKEN
    _next_id: int = 100
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    def add_status(
        self,
        text: str,
        acct: str = "brand",
        *,
        reply_to: str | None = None,
        visibility: str = "public",
        language: str | None = "en",
    ) -> dict[str, Any]:
        with self._lock:
            status_id = self._new_id()
            status = {
                "id": status_id,
                "uri": f"https://fake.social/statuses/{status_id}",
                "url": f"https://fake.social/@{acct}/{status_id}",
                "created_at": (
                    datetime.now(UTC) + timedelta(milliseconds=int(status_id))
                ).isoformat(),
                "content": f"<p>{text}</p>",
                "visibility": visibility,
                "in_reply_to_id": reply_to,
                "language": language,
                "account": _account(acct),
            }
            self.statuses[status_id] = status
            return status

    def mention(self, text: str, acct: str = "alice@other.social", **kw: Any) -> dict[str, Any]:
        """Someone mentions the brand: a status and a notification about it."""
        status = self.add_status(text, acct, **kw)
        return self.notify(status)

    def notify(self, status: dict[str, Any]) -> dict[str, Any]:
        """A notification for ``status``; calling twice is a duplicate delivery."""
        with self._lock:
            notification = {
                "id": self._new_id(),
                "type": "mention",
                "created_at": status["created_at"],
                "account": status["account"],
                "status": status,
            }
            self.notifications.append(notification)
            return notification

    def route(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if path == "/api/v1/instance":
            return Response.json(
                {
                    "uri": "fake.social",
                    "title": "Fake",
                    "version": "4.2.0",
                    "urls": {},
                }
            )
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return Response.json({"error": "The access token is invalid"}, 401)
        if path == "/api/v1/statuses" and request.method == "POST":
            return self._post_status(request)
        if path == "/api/v1/notifications":
            return self._notifications(request)
        if path == "/api/v1/accounts/verify_credentials":
            return Response.json(_account("brand"))
        if path == f"/api/v1/accounts/{_account('brand')['id']}/statuses":
            own = [s for s in self.statuses.values() if s["account"]["acct"] == "brand"]
            return Response.json(list(reversed(own))[: int(request.arg("limit") or 20)])
        if path == "/api/v1/timelines/public":
            return Response.json([])
        if path == "/api/v1/streaming/user":
            return Response(200, headers={"Content-Type": "text/event-stream"}, chunks=self._sse())
        if path.startswith("/api/v1/statuses/"):
            status = self.statuses.get(path.rsplit("/", 1)[-1])
            return Response.json(status) if status else Response.json({"error": "nope"}, 404)
        return Response.json({"error": "Record not found"}, 404)

    def _post_status(self, request: Request) -> Response:
        form = request.form()
        key = request.headers.get("idempotency-key") if self.honours_idempotency_key else None
        if key and key in self.idempotency:
            return Response.json(self.statuses[self.idempotency[key]])
        text = form["status"][0]
        reply_to = (form.get("in_reply_to_id") or [None])[0]
        if reply_to is not None and reply_to not in self.statuses:
            return Response.json({"error": "Validation failed: parent not found"}, 404)
        language = (form.get("language") or [None])[0]
        status = self.add_status(text, reply_to=reply_to, language=language)
        if key:
            self.idempotency[key] = status["id"]
        return Response.json(status)

    def _notifications(self, request: Request) -> Response:
        """Mastodon's min_id: the ``limit`` items just after it, newest first in the page."""
        min_id = request.arg("min_id")
        limit = int(request.arg("limit") or 40)
        after = [n for n in self.notifications if min_id is None or int(n["id"]) > int(min_id)]
        page = after[:limit] if min_id is not None else after[-limit:]
        return Response.json(list(reversed(page)))

    def _sse(self) -> Iterator[bytes]:
        for event, payload in self.stream_events:
            data = payload if isinstance(payload, str) else json.dumps(payload)
            yield f"event: {event}\ndata: {data}\n\n".encode()


def serve(fake: MastodonFake) -> FakeServer:
    return FakeServer(fake.route)
