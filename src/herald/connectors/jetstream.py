"""A consumer of Bluesky's Jetstream: the firehose as JSON events over a websocket.

Jetstream (``wss://jetstream2.us-east.bsky.network/subscribe``) sends one JSON object per
message; a post is ``{"did", "time_us", "kind": "commit", "commit": {"operation": "create",
"collection": "app.bsky.feed.post", "rkey", "cid", "record": {...}}}``. The cursor is
``time_us``: reconnecting with a cursor a little in the past replays what may have been
missed, and the repeats are dropped here (and by the (network, id) dedupe on ingest).

With ``watch_did`` only posts that mention that account, answer it or quote it are
delivered (as mentions or comments); without it every post is delivered (listening).
A malformed event never stops the stream: it is handed to ``on_malformed`` with its text.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from websockets.exceptions import ConnectionClosedError, InvalidStatus, WebSocketException
from websockets.sync.client import connect

from herald.connectors.base import (
    AuthExpiredError,
    IncomingItem,
    ItemKind,
    MalformedPayloadError,
    RateLimitedError,
    TransientError,
)

NETWORK = "bluesky"
POST_COLLECTION = "app.bsky.feed.post"
MENTION_FEATURE = "app.bsky.richtext.facet#mention"
MAX_MESSAGE_BYTES = 1_000_000
_SEEN = 10_000


def _mentions(record: Mapping[str, Any], did: str) -> bool:
    for facet in record.get("facets") or []:
        for feature in facet.get("features") or []:
            if feature.get("$type") == MENTION_FEATURE and feature.get("did") == did:
                return True
    return False


def _quotes(record: Mapping[str, Any], did: str) -> bool:
    embed = record.get("embed") or {}
    quoted = embed.get("record") or {}
    uri = quoted.get("uri") or (quoted.get("record") or {}).get("uri") or ""
    return str(uri).startswith(f"at://{did}/")


def item_from_event(event: Mapping[str, Any], watch_did: str | None) -> IncomingItem | None:
    """The item a Jetstream event carries, or None if it is not a new post for us.

    Raises :class:`MalformedPayloadError` when a post event lacks what every post has.
    """
    commit = event.get("commit")
    if event.get("kind") != "commit" or not isinstance(commit, Mapping):
        return None
    if commit.get("operation") != "create" or commit.get("collection") != POST_COLLECTION:
        return None
    record, did, rkey = commit.get("record"), event.get("did"), commit.get("rkey")
    if not isinstance(record, Mapping) or not isinstance(did, str) or not isinstance(rkey, str):
        raise MalformedPayloadError("jetstream: a post event without record, did or rkey")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedPayloadError("jetstream: a post without text")
    reply = record.get("reply") if isinstance(record.get("reply"), Mapping) else None
    parent = str((reply or {}).get("parent", {}).get("uri", "")) or None
    root = str((reply or {}).get("root", {}).get("uri", "")) or None
    if watch_did is None:
        kind = ItemKind.POST
    elif parent and parent.startswith(f"at://{watch_did}/"):
        kind = ItemKind.COMMENT
    elif _mentions(record, watch_did) or _quotes(record, watch_did):
        kind = ItemKind.MENTION
    else:
        return None
    try:
        created = datetime.fromisoformat(str(record.get("createdAt", "")).replace("Z", "+00:00"))
    except ValueError:
        created = datetime.fromtimestamp(int(event.get("time_us", 0)) / 1e6, tz=UTC)
    uri = f"at://{did}/{POST_COLLECTION}/{rkey}"
    langs = record.get("langs") or []
    return IncomingItem(
        network=NETWORK,
        id=uri,
        text=text,
        author=did,
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
        kind=kind,
        thread_id=root or uri,
        in_reply_to=parent,
        lang=str(langs[0]) if langs else None,
        raw={"cid": commit.get("cid"), "time_us": event.get("time_us")},
    )


class JetstreamConsumer:
    def __init__(self, url: str, *, watch_did: str | None = None, open_timeout_s: float = 10):
        self.url = url
        self.watch_did = watch_did
        self.open_timeout_s = open_timeout_s
        self._seen: OrderedDict[str, None] = OrderedDict()
        self.malformed: list[MalformedPayloadError] = []

    def _address(self, cursor: int | None) -> str:
        query: list[tuple[str, str]] = [("wantedCollections", POST_COLLECTION)]
        if cursor is not None:
            query.append(("cursor", str(cursor)))
        return f"{self.url}?{urlencode(query)}"

    def run(
        self,
        on_item: Callable[[IncomingItem], None],
        cursor: int | None = None,
        *,
        on_malformed: Callable[[MalformedPayloadError], None] | None = None,
        stop: threading.Event | None = None,
    ) -> int | None:
        """Deliver items until the server closes the stream or ``stop`` is set.

        Malformed events go to ``on_malformed`` (default: kept in :attr:`malformed`).
        Returns the last ``time_us`` seen: the cursor to resume from.
        """
        report = on_malformed or self.malformed.append
        last = cursor
        try:
            with connect(
                self._address(cursor),
                open_timeout=self.open_timeout_s,
                max_size=MAX_MESSAGE_BYTES,
            ) as socket:
                for message in socket:
                    last = self._handle(message, on_item, report) or last
                    if stop is not None and stop.is_set():
                        break
        except InvalidStatus as error:
            status = error.response.status_code
            if status == 429:
                raise RateLimitedError("jetstream: rate limited") from None
            if status in (401, 403):
                raise AuthExpiredError(f"jetstream: refused ({status})") from None
            raise TransientError(f"jetstream: handshake failed ({status})") from None
        except (ConnectionClosedError, WebSocketException, OSError, TimeoutError) as error:
            raise TransientError(f"jetstream: {error}") from None
        return last

    def _handle(
        self,
        message: str | bytes,
        on_item: Callable[[IncomingItem], None],
        on_malformed: Callable[[MalformedPayloadError], None],
    ) -> int | None:
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        try:
            event = json.loads(text)
        except (ValueError, RecursionError):
            on_malformed(MalformedPayloadError("jetstream: not JSON", text))
            return None
        if not isinstance(event, dict):
            on_malformed(MalformedPayloadError("jetstream: an event that is not an object", text))
            return None
        time_us = event.get("time_us")
        stamp = time_us if isinstance(time_us, int) else None
        try:
            item = item_from_event(event, self.watch_did)
        except MalformedPayloadError as error:
            on_malformed(MalformedPayloadError(str(error), text))
            return stamp
        if item is not None and item.id not in self._seen:
            self._seen[item.id] = None
            if len(self._seen) > _SEEN:
                self._seen.popitem(last=False)
            on_item(item)
        return stamp
