"""A fake AT Protocol PDS + AppView: sessions, post records and notifications over XRPC."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.fakes.http import FakeServer, Request, Response

HANDLE = "brand.test"
DID = "did:plc:brand"
PASSWORD = "app-pass-1234"
BASE_TIME = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _jwt(did: str, scope: str, serial: int) -> str:
    now = int(time.time())
    payload = {"scope": scope, "sub": did, "iat": now, "exp": now + 7200, "jti": str(serial)}
    return f"{_b64({'alg': 'HS256', 'typ': 'at+jwt'})}.{_b64(payload)}.c2ln"


def _error(status: int, name: str, message: str = "") -> Response:
    return Response.json({"error": name, "message": message or name}, status)


@dataclass
class BlueskyFake:
    password: str = PASSWORD
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    """at:// URI -> {"cid", "value"}."""
    notifications: list[dict[str, Any]] = field(default_factory=list)
    """Oldest first; served newest first."""
    live_tokens: set[str] = field(default_factory=set)
    sessions_created: int = 0
    _serial: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def expire_sessions(self) -> None:
        self.live_tokens.clear()

    def _cid(self, value: dict[str, Any]) -> str:
        return (
            "bafyrei" + hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:40]
        )

    def put(self, did: str, rkey: str, value: dict[str, Any]) -> dict[str, str]:
        uri = f"at://{did}/app.bsky.feed.post/{rkey}"
        self.records[uri] = {"cid": self._cid(value), "value": value}
        return {"uri": uri, "cid": self.records[uri]["cid"]}

    def incoming(
        self,
        text: str,
        reason: str = "mention",
        *,
        author: str = "alice.test",
        reply_to: str | None = None,
        lang: str | None = "en",
    ) -> dict[str, Any]:
        """Someone else posts; the brand gets a notification about it."""
        with self._lock:
            self._serial += 1
            serial = self._serial
        at = BASE_TIME + timedelta(seconds=serial)
        value: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": at.isoformat().replace("+00:00", "Z"),
        }
        if lang:
            value["langs"] = [lang]
        if reply_to:
            parent = self.records[reply_to]
            root = parent["value"].get("reply", {}).get("root") or {
                "uri": reply_to,
                "cid": parent["cid"],
            }
            value["reply"] = {"root": root, "parent": {"uri": reply_to, "cid": parent["cid"]}}
        ref = self.put(f"did:plc:{author.split('.')[0]}", f"3kin{serial:09d}", value)
        notification = {
            "uri": ref["uri"],
            "cid": ref["cid"],
            "author": {"did": f"did:plc:{author.split('.')[0]}", "handle": author},
            "reason": reason,
            "record": value,
            "isRead": False,
            "indexedAt": (at + timedelta(milliseconds=500)).isoformat().replace("+00:00", "Z"),
            "labels": [],
        }
        self.notifications.append(notification)
        return notification

    def _new_session(self) -> Response:
        with self._lock:
            self._serial += 1
            access = _jwt(DID, "com.atproto.access", self._serial)
            refresh = _jwt(DID, "com.atproto.refresh", self._serial)
            self.live_tokens.add(access)
            self.sessions_created += 1
        return Response.json(
            {"accessJwt": access, "refreshJwt": refresh, "handle": HANDLE, "did": DID}
        )

    def route(self, request: Request) -> Response:
        method = request.path.removeprefix("/xrpc/")
        if method == "com.atproto.server.describeServer":
            return Response.json({"did": "did:web:pds.test", "availableUserDomains": [".test"]})
        if method == "com.atproto.server.createSession":
            body = request.json()
            if body.get("identifier") != HANDLE or body.get("password") != self.password:
                return _error(401, "AuthenticationRequired", "Invalid identifier or password")
            return self._new_session()
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.live_tokens:
            return _error(400, "ExpiredToken", "Token has expired")
        if method == "com.atproto.repo.createRecord":
            body = request.json()
            uri = f"at://{body['repo']}/{body['collection']}/{body['rkey']}"
            if uri in self.records:
                return _error(400, "InvalidRequest", "Record already exists")
            return Response.json(self.put(body["repo"], body["rkey"], body["record"]))
        if method == "com.atproto.repo.getRecord":
            repo, collection, rkey = (request.arg(k) for k in ("repo", "collection", "rkey"))
            uri = f"at://{repo}/{collection}/{rkey}"
            found = self.records.get(uri)
            if found is None:
                return _error(400, "RecordNotFound", f"Could not locate record: {uri}")
            return Response.json({"uri": uri, **found})
        if method == "app.bsky.notification.listNotifications":
            limit = int(request.arg("limit") or 50)
            start = int(request.arg("cursor") or 0)
            newest_first = list(reversed(self.notifications))
            page = newest_first[start : start + limit]
            more = start + limit < len(newest_first)
            return Response.json(
                {"notifications": page, **({"cursor": str(start + limit)} if more else {})}
            )
        return _error(501, "MethodNotImplemented", method)


def serve(fake: BlueskyFake) -> FakeServer:
    return FakeServer(fake.route)
