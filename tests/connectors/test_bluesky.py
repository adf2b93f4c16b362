"""The Bluesky connector against a fake AT Protocol server (real XRPC over HTTP)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from connectors.fakes.bluesky_xrpc import DID, HANDLE, PASSWORD, BlueskyFake
from connectors.fakes.http import FakeServer, Response
from herald.connectors import registry
from herald.connectors.base import (
    AuthExpiredError,
    ItemKind,
    MalformedPayloadError,
    OutgoingPost,
    PermanentError,
    RateLimitedError,
    TransientError,
)
from herald.connectors.bluesky import BlueskyConnector, record_key

Connect = Callable[..., BlueskyConnector]


@pytest.fixture
def connect() -> Iterator[Connect]:
    opened: list[BlueskyConnector] = []

    def make(
        server: FakeServer, password: str = PASSWORD, timeout_s: float = 5
    ) -> BlueskyConnector:
        opened.append(BlueskyConnector(HANDLE, password, server.url, "https://bsky.app", timeout_s))
        return opened[-1]

    yield make
    for connector in opened:
        connector.close()


def test_record_keys_are_valid_tids_stable_per_key() -> None:
    key = record_key("post-1:acct-2")
    assert re.fullmatch(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}", key)
    assert record_key("post-1:acct-2") == key
    assert record_key("post-1:acct-3") != key


def test_publish_writes_a_post_record_with_language_and_link(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    ref = connect(bluesky_server).publish(OutgoingPost("¡Nueva tienda!", "p1:t1", None, "es"))
    assert ref.network_id.startswith(f"at://{DID}/app.bsky.feed.post/")
    value = bluesky_fake.records[ref.network_id]["value"]
    assert value["text"] == "¡Nueva tienda!"
    assert value["langs"] == ["es"]
    assert ref.url == f"https://bsky.app/profile/{HANDLE}/post/{ref.network_id.rsplit('/', 1)[1]}"


def test_a_retry_or_a_second_worker_finds_the_same_post(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    first = connect(bluesky_server).publish(OutgoingPost("Hello", "post-9:acct-1"))
    second = connect(bluesky_server).publish(OutgoingPost("Hello", "post-9:acct-1"))
    assert first.network_id == second.network_id
    assert len(bluesky_fake.records) == 1
    with pytest.raises(PermanentError, match="different text"):
        connect(bluesky_server).publish(OutgoingPost("Edited", "post-9:acct-1"))


def test_a_reply_carries_the_thread_root_and_its_parent(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    ours = connector.publish(OutgoingPost("Launch!", "p2:t1"))
    answer = bluesky_fake.incoming("When in Ankara?", "reply", reply_to=ours.network_id)
    ref = connector.reply(OutgoingPost("Next month.", "r1", in_reply_to=answer["uri"]))
    reply = bluesky_fake.records[ref.network_id]["value"]["reply"]
    assert (reply["parent"]["uri"], reply["parent"]["cid"]) == (answer["uri"], answer["cid"])
    assert reply["root"]["uri"] == ours.network_id


def test_reply_to_something_that_is_not_a_record_uri_is_permanent(
    bluesky_server: FakeServer, connect: Connect
) -> None:
    with pytest.raises(PermanentError):
        connect(bluesky_server).reply(OutgoingPost("x", "r", in_reply_to="https://bsky.app/x"))


def test_fetch_reads_mentions_replies_and_quotes_oldest_first(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    ours = connector.publish(OutgoingPost("Launch!", "p3:t1"))
    bluesky_fake.incoming("@brand.test hi", "mention", lang="tr")
    bluesky_fake.incoming("congrats", "reply", reply_to=ours.network_id)
    bluesky_fake.incoming("look at this", "quote")
    bluesky_fake.incoming("", "like")
    page = connector.fetch(None)
    assert [(i.kind, i.text) for i in page.items] == [
        (ItemKind.MENTION, "@brand.test hi"),
        (ItemKind.COMMENT, "congrats"),
        (ItemKind.MENTION, "look at this"),
    ]
    assert page.items[0].lang == "tr"
    assert page.items[1].thread_id == ours.network_id
    assert page.items[1].in_reply_to == ours.network_id
    assert page.items[0].author == "alice.test"


def test_fetch_pages_back_to_the_cursor_without_gaps_or_duplicates(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    bluesky_fake.incoming("old")
    cursor = connector.fetch(None).cursor
    sent = [bluesky_fake.incoming(f"n{n}")["uri"] for n in range(250)]
    page = connector.fetch(cursor)
    assert [i.id for i in page.items] == sent
    assert connector.fetch(page.cursor).items == ()


def test_an_expired_session_is_renewed_once_with_the_app_password(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    connector.publish(OutgoingPost("one", "k1"))
    bluesky_fake.expire_sessions()
    connector.publish(OutgoingPost("two", "k2"))
    assert bluesky_fake.sessions_created == 2


def test_a_revoked_app_password_asks_for_reconnection(
    bluesky_server: FakeServer, bluesky_fake: BlueskyFake, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    connector.publish(OutgoingPost("one", "k1"))
    bluesky_fake.expire_sessions()
    bluesky_fake.password = "revoked"
    with pytest.raises(AuthExpiredError):
        connector.fetch(None)
    with pytest.raises(AuthExpiredError):
        connect(bluesky_server, password="wrong").publish(OutgoingPost("x", "k"))


def test_rate_limits_carry_the_wait_and_the_budget(
    bluesky_server: FakeServer, connect: Connect
) -> None:
    connector = connect(bluesky_server)
    connector.health()
    bluesky_server.fail_next(
        "/xrpc/app.bsky.notification",
        Response.json(
            {"error": "RateLimitExceeded"},
            429,
            **{"Retry-After": "30", "RateLimit-Limit": "3000", "RateLimit-Remaining": "0"},
        ),
    )
    with pytest.raises(RateLimitedError) as caught:
        connector.fetch(None)
    assert caught.value.retry_after == 30
    assert connector.rate_limit().limit == 3000
    assert connector.rate_limit().remaining == 0


def test_timeouts_and_server_errors_are_transient(
    bluesky_server: FakeServer, connect: Connect
) -> None:
    connector = connect(bluesky_server, timeout_s=0.2)
    connector.health()
    bluesky_server.stall_next("/xrpc/app.bsky.notification", 1.0)
    with pytest.raises(TransientError):
        connector.fetch(None)
    bluesky_server.fail_next("/xrpc/app.bsky.notification", Response.json({"error": "x"}, 500))
    with pytest.raises(TransientError):
        connector.fetch(None)


def test_a_malformed_answer_is_a_clear_error(bluesky_server: FakeServer, connect: Connect) -> None:
    connector = connect(bluesky_server)
    bluesky_server.fail_next(
        "/xrpc/app.bsky.notification",
        Response(200, b'{"notifications": [{"uri": 5', {"Content-Type": "application/json"}),
    )
    with pytest.raises(MalformedPayloadError):
        connector.fetch(None)
    bluesky_server.fail_next(
        "/xrpc/app.bsky.notification",
        Response.json({"notifications": [{"uri": "at://x/y/z", "reason": "mention"}]}),
    )
    with pytest.raises(MalformedPayloadError):
        connector.fetch(None)


def test_health_and_settings(bluesky_server: FakeServer, connect: Connect) -> None:
    assert connect(bluesky_server).health().ok
    with pytest.raises(registry.SettingsError) as caught:
        registry.connector_for("bluesky", {"handle": "a.test"})
    assert caught.value.setting == "app_password"
    connector = registry.connector_for("bluesky", {"handle": "@a.test", "app_password": "pw-xyz"})
    assert isinstance(connector, BlueskyConnector)
    assert connector.handle == "a.test"
    assert "pw-xyz" not in repr(connector)
