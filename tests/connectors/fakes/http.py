"""A tiny threaded HTTP server on 127.0.0.1 for fake network APIs, with scripted faults.

A fake subclasses :class:`FakeHandler`'s routing by giving :class:`FakeServer` a ``route``
function; tests queue faults (a status with headers and body, a stall longer than the
client's timeout, a broken body) that the next matching requests get instead.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"{}")

    def form(self) -> dict[str, list[str]]:
        if self.headers.get("content-type", "").startswith("application/json"):
            data = self.json()
            return {k: v if isinstance(v, list) else [v] for k, v in data.items()}
        return parse_qs(self.body.decode())

    def arg(self, name: str) -> str | None:
        values = self.query.get(name) or self.query.get(f"{name}[]")
        return values[0] if values else None


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterator[bytes] | None = None
    """Streamed instead of ``body`` (server-sent events), flushed one by one."""

    @classmethod
    def json(cls, data: Any, status: int = 200, **headers: str) -> Response:
        return cls(
            status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers}
        )


@dataclass
class Fault:
    match: str
    """A path prefix the fault applies to ('' for any)."""
    response: Response | None = None
    stall_s: float = 0.0


Route = Callable[[Request], Response]


class FakeServer:
    def __init__(self, route: Route) -> None:
        self._route = route
        self.faults: deque[Fault] = deque()
        self.requests: list[Request] = []
        self.close_silently = False
        """Close every connection after answering without saying so, as snac2 does."""
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                response = server._respond(request)
                self.send_response(response.status)
                if request.headers.get("connection", "").lower() == "close":
                    self.send_header("Connection", "close")  # as real servers answer
                for name, value in response.headers.items():
                    self.send_header(name, value)
                if response.chunks is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for chunk in response.chunks:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(response.body)
                    self.wfile.flush()
                if server.close_silently:
                    # Linger, then close unannounced: a client that reuses the connection
                    # meanwhile sends its next request into a socket nobody reads.
                    time.sleep(0.3)
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()

    def fail_next(self, match: str, response: Response) -> None:
        self.faults.append(Fault(match, response=response))

    def stall_next(self, match: str, seconds: float) -> None:
        self.faults.append(Fault(match, stall_s=seconds))

    def _respond(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request)
            fault = next((f for f in self.faults if request.path.startswith(f.match)), None)
            if fault is not None:
                self.faults.remove(fault)
        if fault is not None:
            if fault.stall_s:
                time.sleep(fault.stall_s)
            if fault.response is not None:
                return fault.response
        return self._route(request)
