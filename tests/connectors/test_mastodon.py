"""The Mastodon connector against the fake Mastodon API (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import time

import pytest

from connectors.fakes.http import FakeServer, Response
from connectors.fakes.mastodon_api import TOKEN, MastodonFake
from herald.connectors import registry
from herald.connectors.base import (
    AuthExpiredError,
    IncomingItem,
    ItemKind,
    MalformedPayloadError,
    OutgoingPost,
    PermanentError,
    RateLimitedError,
    TransientError,
)
from herald.connectors.mastodon import MastodonConnector


def connect(server: FakeServer, token: str = TOKEN, timeout_s: float = 5) -> MastodonConnector:
    return MastodonConnector(server.url, token, timeout_s=timeout_s)


def test_publish_sends_the_text_and_returns_id_and_link(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    ref = connect(mastodon_server).publish(
        OutgoingPost("Yeni mağazamız açıldı!", "p1:t1", None, "tr")
    )
    status = mastodon_fake.statuses[ref.network_id]
    assert status["content"] == "<p>Yeni mağazamız açıldı!</p>"
    assert status["language"] == "tr"
    assert ref.url == status["url"]


def test_a_retried_publish_with_the_same_key_is_one_post(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    connector = connect(mastodon_server)
    first = connector.publish(OutgoingPost("Hello", "post-7:acct-2"))
    again = connector.publish(OutgoingPost("Hello", "post-7:acct-2"))
    assert first == again
    assert len(mastodon_fake.statuses) == 1


def test_a_server_that_ignores_the_key_still_gets_one_post(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    mastodon_fake.honours_idempotency_key = False
    mastodon_server.close_silently = True  # snac2 also drops every connection
    question = mastodon_fake.mention("@brand hi")["status"]
    connector = connect(mastodon_server)
    first = connector.publish(OutgoingPost("Hello  world", "post-8:acct-2"))
    again = connect(mastodon_server).publish(OutgoingPost("Hello world", "post-8:acct-2"))
    assert first == again
    reply = connector.reply(OutgoingPost("Hello world", "r-8", question["id"]))
    assert reply != first  # the same words answering someone are a different post
    assert len(mastodon_fake.statuses) == 3


def test_reply_answers_the_given_status(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    question = mastodon_fake.mention("@brand is the shop open?")["status"]
    ref = connect(mastodon_server).reply(OutgoingPost("Yes, until 8pm.", "r1", question["id"]))
    assert mastodon_fake.statuses[ref.network_id]["in_reply_to_id"] == question["id"]


def test_reply_without_a_parent_is_refused_before_any_call(mastodon_server: FakeServer) -> None:
    with pytest.raises(PermanentError):
        connect(mastodon_server).reply(OutgoingPost("Hi", "r2"))
    assert mastodon_server.requests == []


def test_reply_to_a_deleted_status_is_permanent(mastodon_server: FakeServer) -> None:
    with pytest.raises(PermanentError):
        connect(mastodon_server).reply(OutgoingPost("Hi", "r3", in_reply_to="999999"))


def test_fetch_reads_mentions_comments_and_direct_messages_as_text(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    root = mastodon_fake.add_status("Launch day")
    mastodon_fake.mention("@brand love it &amp; more<br>second line")
    mastodon_fake.mention("@brand congrats", reply_to=root["id"])
    mastodon_fake.mention("@brand my order 1234?", visibility="direct")
    page = connect(mastodon_server).fetch(None)
    assert [i.kind for i in page.items] == [
        ItemKind.MENTION,
        ItemKind.COMMENT,
        ItemKind.DIRECT_MESSAGE,
    ]
    first = page.items[0]
    assert first.text == "@brand love it & more\nsecond line"
    assert first.author == "alice@other.social"
    assert first.author_followers == 10
    assert first.created_at.tzinfo is not None
    assert page.items[1].in_reply_to == root["id"]


def test_fetch_pages_from_the_cursor_without_gaps_or_duplicates(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    connector = connect(mastodon_server)
    mastodon_fake.mention("before")
    cursor = connector.fetch(None).cursor
    sent = [mastodon_fake.mention(f"message {n}")["status"]["id"] for n in range(95)]
    page = connector.fetch(cursor)
    assert [item.id for item in page.items] == sent  # 3 pages of 40, oldest first
    assert connector.fetch(page.cursor).items == ()


def test_a_duplicate_delivery_of_a_status_yields_one_item(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    status = mastodon_fake.mention("@brand twice")["status"]
    mastodon_fake.notify(status)
    page = connect(mastodon_server).fetch(None)
    assert [item.id for item in page.items] == [status["id"]]


def test_rate_limit_carries_retry_after_and_keeps_the_budget(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    connector = connect(mastodon_server)
    mastodon_server.fail_next(
        "/api/v1/notifications",
        Response.json(
            {"error": "Too many requests"},
            429,
            **{"Retry-After": "42", "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0"},
        ),
    )
    with pytest.raises(RateLimitedError) as caught:
        connector.fetch("5")
    assert caught.value.retry_after == 42
    assert connector.rate_limit().limit == 300
    assert connector.rate_limit().remaining == 0


def test_an_expired_token_asks_for_reconnection(mastodon_server: FakeServer) -> None:
    connector = connect(mastodon_server, token="expired")
    with pytest.raises(AuthExpiredError):
        connector.publish(OutgoingPost("Hello", "k"))
    with pytest.raises(AuthExpiredError):
        connector.fetch(None)


def test_a_timeout_is_transient_and_the_retry_does_not_double_post(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    connector = connect(mastodon_server, timeout_s=0.2)
    mastodon_server.stall_next("/api/v1/statuses", 1.0)
    with pytest.raises(TransientError):
        connector.publish(OutgoingPost("Hello", "post-1:acct-1"))
    # The stalled request still lands on the server; the retry must find it, not repeat it.
    for _ in range(500):  # wait (up to 5 s) for the stalled handler to finish
        if mastodon_fake.statuses:
            break
        time.sleep(0.01)
    again = connect(mastodon_server).publish(OutgoingPost("Hello", "post-1:acct-1"))
    assert list(mastodon_fake.statuses) == [again.network_id]


def test_server_errors_are_transient(mastodon_server: FakeServer) -> None:
    mastodon_server.fail_next("/api/v1/notifications", Response.json({"error": "boom"}, 503))
    with pytest.raises(TransientError):
        connect(mastodon_server).fetch(None)


def test_a_malformed_answer_is_a_clear_error_and_the_cursor_stays(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    connector = connect(mastodon_server)
    mastodon_fake.mention("kept")
    mastodon_server.fail_next("/api/v1/notifications", Response(200, b"[{not json", {}))
    with pytest.raises(MalformedPayloadError) as caught:
        connector.fetch(None)
    assert "not json" in caught.value.excerpt
    assert [i.text for i in connector.fetch(None).items] == ["kept"]


def test_a_notification_of_the_wrong_shape_is_malformed(mastodon_server: FakeServer) -> None:
    mastodon_server.fail_next(
        "/api/v1/notifications",
        Response.json([{"id": "7", "type": "mention", "status": {"id": "8"}}]),
    )
    with pytest.raises(MalformedPayloadError):
        connect(mastodon_server).fetch(None)


def test_health_reports_the_instance_or_the_failure(mastodon_server: FakeServer) -> None:
    assert connect(mastodon_server).health().ok
    mastodon_server.fail_next("/api/v1/instance", Response.json({}, 502))
    health = connect(mastodon_server).health()
    assert not health.ok
    assert "502" in health.detail


def test_streaming_delivers_mentions_once(
    mastodon_server: FakeServer, mastodon_fake: MastodonFake
) -> None:
    one = mastodon_fake.mention("@brand streamed")
    two = mastodon_fake.mention("@brand again")
    mastodon_fake.stream_events = [
        ("notification", one),
        ("update", one["status"]),
        ("notification", one),  # redelivered after a reconnect
        ("notification", two),
    ]
    received: list[IncomingItem] = []
    connect(mastodon_server).stream(received.append, timeout_s=5)
    assert [item.text for item in received] == ["@brand streamed", "@brand again"]


def test_settings_are_checked_and_the_token_never_shows() -> None:
    with pytest.raises(registry.SettingsError) as caught:
        registry.connector_for("mastodon", {"base_url": "https://x.social"})
    assert caught.value.setting == "access_token"
    with pytest.raises(registry.SettingsError):
        registry.connector_for("mastodon", {"base_url": "x.social", "access_token": "t"})
    connector = registry.connector_for(
        "mastodon", {"base_url": "https://x.social", "access_token": "s3cret"}
    )
    assert "s3cret" not in repr(connector)
