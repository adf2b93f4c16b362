"""A fake Jetstream: a websocket server on 127.0.0.1 that sends scripted JSON events."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from websockets.sync.server import Server, ServerConnection, serve

BRAND_DID = "did:plc:brand"


def post_event(
    time_us: int,
    did: str,
    rkey: str,
    text: str,
    *,
    mention: str | None = None,
    reply_to: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": "2026-12-01T10:00:00.000Z",
        "langs": [lang],
    }
    if mention:
        record["facets"] = [
            {
                "index": {"byteStart": 0, "byteEnd": 5},
                "features": [{"$type": "app.bsky.richtext.facet#mention", "did": mention}],
            }
        ]
    if reply_to:
        ref = {"uri": reply_to, "cid": "bafyparent"}
        record["reply"] = {"root": ref, "parent": ref}
    return {
        "did": did,
        "time_us": time_us,
        "kind": "commit",
        "commit": {
            "rev": "3l",
            "operation": "create",
            "collection": "app.bsky.feed.post",
            "rkey": rkey,
            "cid": f"bafy{rkey}",
            "record": record,
        },
    }


@dataclass
class JetstreamFake:
    messages: list[str | dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def handler(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        self.paths.append(connection.request.path)
        for message in self.messages:
            connection.send(message if isinstance(message, str) else json.dumps(message))
        connection.close()


@contextmanager
def running(fake: JetstreamFake) -> Iterator[str]:
    server: Server = serve(fake.handler, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.socket.getsockname()[:2]
        yield f"ws://{host}:{port}/subscribe"
    finally:
        server.shutdown()
        thread.join()
