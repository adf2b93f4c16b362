"""A small social network over HTTP that speaks the API of :mod:`herald.connectors.stub`.

It records every request it receives and every status it creates, so a test (or a
benchmark) can count what a worker pool really sent, across processes. Like Mastodon it
honours ``Idempotency-Key``: a repeated key returns the first status. It can be told to
answer the next requests with 429 (and Retry-After), 500 or 401, to stall (a timeout seen
by the client), to create a status and then stall (the answer is lost), or to refuse a
token for good (an expired token).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from herald.connectors.stub import StubConnector
from herald.store.models import Account


@dataclass(frozen=True)
class Fault:
    """How to answer one POST: ``status`` (429, 500, 401...), or ``stall`` seconds before
    answering; with ``after_create`` the status is created first, then the answer stalls."""

    status: int | None = None
    retry_after: float | None = None
    stall: float = 0.0
    after_create: bool = False
    token: str | None = None
    """Only for requests with this token (account); any request when None."""


@dataclass
class Received:
    key: str | None
    token: str
    text: str
    at: float


@dataclass
class Status:
    id: str
    key: str | None
    token: str
    text: str
    language: str | None
    in_reply_to: str | None
    created_at: str


@dataclass
class StubNetwork:
    """The network's state; the HTTP handler reads and changes it under ``lock``."""

    delay: float = 0.0
    """Seconds every POST takes (a slow network; also lets a test kill a worker mid-call)."""
    expired_tokens: set[str] = field(default_factory=set)
    faults: deque[Fault] = field(default_factory=deque)
    received: list[Received] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _by_key: dict[str, Status] = field(default_factory=dict)
    url: str = ""

    def fail_next(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def take_fault(self, token: str) -> Fault | None:
        """The first scripted fault for ``token``, removed; call under ``lock``."""
        for fault in self.faults:
            if fault.token in (None, token):
                self.faults.remove(fault)
                return fault
        return None

    def texts(self) -> list[str]:
        with self.lock:
            return [s.text for s in self.statuses]

    def duplicates(self) -> dict[tuple[str, str], int]:
        """(token, text) pairs created more than once: what a reader would see twice."""
        with self.lock:
            counts = Counter((s.token, s.text) for s in self.statuses)
        return {pair: n for pair, n in counts.items() if n > 1}

    def _create(self, key: str | None, token: str, body: dict[str, Any]) -> Status:
        """A new status, or the one already made under ``key``; call under ``lock``."""
        if key and key in self._by_key:
            return self._by_key[key]
        status = Status(
            id=str(len(self.statuses) + 1),
            key=key,
            token=token,
            text=str(body.get("text", "")),
            language=body.get("language"),
            in_reply_to=body.get("in_reply_to"),
            created_at=datetime.now(UTC).isoformat(),
        )
        self.statuses.append(status)
        if key:
            self._by_key[key] = status
        return status


def _handler(network: StubNetwork) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(
            self, code: int, body: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-RateLimit-Limit", "300")
            self.send_header("X-RateLimit-Remaining", "299" if code != 429 else "0")
            self.send_header("X-RateLimit-Reset", str(int(time.time()) + 300))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            # The client may have given up waiting (a scripted stall): nothing to tell it.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def _token(self) -> str:
            auth = self.headers.get("Authorization", "")
            return auth.removeprefix("Bearer ").strip()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/api/health":
                self._send(200, {"ok": True})
                return
            if parts.path == "/api/notifications":
                if self._token() in network.expired_tokens:
                    self._send(401, {"error": "token expired"})
                    return
                since = int(parse_qs(parts.query).get("since", ["0"])[0] or 0)
                with network.lock:
                    items = [n for n in network.notifications if int(n["id"]) > since]
                cursor = items[-1]["id"] if items else (str(since) if since else None)
                self._send(200, {"items": items, "cursor": cursor})
                return
            self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if urlsplit(self.path).path != "/api/statuses":
                self._send(404, {"error": "not found"})
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, {"error": "malformed JSON"})
                return
            key = self.headers.get("Idempotency-Key")
            token = self._token()
            with network.lock:
                network.received.append(Received(key, token, str(body.get("text")), time.time()))
                fault = network.take_fault(token)
                expired = token in network.expired_tokens
            if network.delay:
                time.sleep(network.delay)
            if expired:
                self._send(401, {"error": "The access token expired"})
                return
            if fault is not None and not fault.after_create:
                if fault.stall:
                    time.sleep(fault.stall)
                if fault.status is not None:
                    headers = {}
                    if fault.retry_after is not None:
                        headers["Retry-After"] = f"{fault.retry_after:g}"
                    self._send(fault.status, {"error": "scripted failure"}, headers)
                    return
            with network.lock:
                status = network._create(key, token, body)
            if fault is not None and fault.after_create:
                time.sleep(fault.stall)
            self._send(200, {"id": status.id, "url": f"{network.url}/@{token}/{status.id}"})

    return Handler


@contextmanager
def serve(network: StubNetwork | None = None) -> Iterator[StubNetwork]:
    """Run a stub network on a free local port for the duration of the block."""
    network = network or StubNetwork()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(network))
    server.daemon_threads = True
    network.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield network
    finally:
        server.shutdown()
        server.server_close()


def provider_for(network: StubNetwork, timeout: float = 5.0) -> Callable[[object, Account], Any]:
    """A connector provider that puts every account on ``network``, its handle the token."""

    def provide(_session: object, account: Account) -> StubConnector:
        return StubConnector(network.url, token=account.handle, timeout=timeout)

    return provide
