"""The request-body limit: one number (``HERALD_MAX_BODY_BYTES``) for every surface.

Enforced as ASGI middleware before the application reads anything: a declared
``Content-Length`` over the limit is refused at once, and a body sent without one
(chunked) is counted as it arrives and refused at the first byte past the limit. Either
way the answer is a 413 in the surface's own format (JSON under ``/api/``, a page
elsewhere), never a 500 and never a worker stalled on a body it will not use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, MutableMapping
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
POLICY_BODY_BYTES = 4 * 1024 * 1024
"""Policy packs may hold 2,000,000 characters; the routes that take one accept up to
this much (or the general limit, when that is larger)."""
POLICY_PATHS = frozenset({"/api/v1/policy/validate", "/api/v1/policy/activate", "/settings/policy"})


TOO_LARGE_KEY = "herald.body_too_large"
"""Set in the request scope when the limit was hit: whatever error the reader turned it
into (FastAPI's 400, an exception group from a middleware's task), the answer is 413."""


def too_large(scope: MutableMapping[str, Any]) -> int | None:
    """The limit this request went over, or None."""
    value = scope.get(TOO_LARGE_KEY)
    return value if isinstance(value, int) else None


def limit_for(
    path: str,
    max_bytes: int,
    large_paths: frozenset[str] = POLICY_PATHS,
    large_bytes: int = POLICY_BODY_BYTES,
) -> int:
    """The body limit of ``path``: the general one, or the policy uploads' when larger."""
    return max(large_bytes, max_bytes) if path in large_paths else max_bytes


class BodyTooLargeError(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")
        self.limit = limit


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        large_paths: Iterable[str] = POLICY_PATHS,
        large_bytes: int = POLICY_BODY_BYTES,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.large_paths = frozenset(large_paths)
        self.large_bytes = max(large_bytes, max_bytes)

    def limit_for(self, path: str) -> int:
        return limit_for(path, self.max_bytes, self.large_paths, self.large_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        received = 0

        started = False

        async def limited_receive() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                # Refused before a single byte of the body is read.
                scope[TOO_LARGE_KEY] = limit
                raise BodyTooLargeError(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    scope[TOO_LARGE_KEY] = limit
                    raise BodyTooLargeError(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except Exception:
            # The application answers a 413 itself; this is the last line, never a 500.
            if too_large(scope) is None or started:
                raise
            await _plain_413(send, limit)


async def _plain_413(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "too_large",
                "message": f"the request body is larger than {limit} bytes",
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def format_size(size: int) -> str:
    """1048576 -> '1 MiB'; 4000 -> '4000 bytes' (no locale-specific digits needed)."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"
