"""The Jetstream consumer against a local websocket server sending firehose JSON."""

from __future__ import annotations

import pytest

from connectors.fakes.jetstream_ws import BRAND_DID, JetstreamFake, post_event, running
from herald.connectors.base import IncomingItem, ItemKind, TransientError
from herald.connectors.jetstream import JetstreamConsumer, item_from_event

OURS = f"at://{BRAND_DID}/app.bsky.feed.post/3kours"


def test_only_posts_for_the_brand_arrive_once_and_the_cursor_is_the_last_time() -> None:
    mention = post_event(1001, "did:plc:alice", "3ka", "@brand hello", mention=BRAND_DID)
    fake = JetstreamFake(
        [
            {"did": "did:plc:x", "time_us": 1000, "kind": "identity", "identity": {}},
            mention,
            post_event(1002, "did:plc:bob", "3kb", "unrelated", lang="es"),
            post_event(1003, "did:plc:cem", "3kc", "cevap", reply_to=OURS, lang="tr"),
            mention,  # replayed after a reconnect with a rewound cursor
            {**post_event(1004, "did:plc:d", "3kd", "x"), "commit": {"operation": "delete"}},
        ]
    )
    received: list[IncomingItem] = []
    with running(fake) as url:
        cursor = JetstreamConsumer(url, watch_did=BRAND_DID).run(received.append, cursor=990)
    assert [(i.kind, i.text, i.author) for i in received] == [
        (ItemKind.MENTION, "@brand hello", "did:plc:alice"),
        (ItemKind.COMMENT, "cevap", "did:plc:cem"),
    ]
    assert received[1].in_reply_to == OURS
    assert received[1].lang == "tr"
    assert cursor == 1004
    assert "cursor=990" in fake.paths[0]
    assert "wantedCollections=app.bsky.feed.post" in fake.paths[0]


def test_without_a_watched_account_every_post_is_listened_to() -> None:
    fake = JetstreamFake([post_event(5, "did:plc:bob", "3kb", "hola", lang="es")])
    received: list[IncomingItem] = []
    with running(fake) as url:
        JetstreamConsumer(url).run(received.append)
    assert [(i.kind, i.id) for i in received] == [
        (ItemKind.POST, "at://did:plc:bob/app.bsky.feed.post/3kb")
    ]


def test_malformed_events_are_kept_and_do_not_stop_the_stream() -> None:
    broken = post_event(7, "did:plc:e", "3ke", "x", mention=BRAND_DID)
    del broken["commit"]["record"]["text"]
    fake = JetstreamFake(
        [
            "{not json",
            "[1]",
            broken,
            post_event(8, "did:plc:f", "3kf", "still here", mention=BRAND_DID),
        ]
    )
    received: list[IncomingItem] = []
    consumer = JetstreamConsumer(url="", watch_did=BRAND_DID)
    with running(fake) as url:
        consumer.url = url
        assert consumer.run(received.append) == 8
    assert [i.text for i in received] == ["still here"]
    assert [m.excerpt[:5] for m in consumer.malformed] == ["{not ", "[1]", '{"did']


def test_a_quote_of_a_brand_post_is_a_mention() -> None:
    event = post_event(9, "did:plc:g", "3kg", "look")
    event["commit"]["record"]["embed"] = {
        "$type": "app.bsky.embed.record",
        "record": {"uri": OURS, "cid": "bafy"},
    }
    item = item_from_event(event, BRAND_DID)
    assert item is not None
    assert item.kind is ItemKind.MENTION


def test_an_unreachable_stream_is_transient() -> None:
    with pytest.raises(TransientError):
        JetstreamConsumer("ws://127.0.0.1:9/subscribe", open_timeout_s=1).run(lambda _: None)
