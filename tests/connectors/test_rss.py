"""The feed connector against a local RSS/Atom server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.fakes.feeds import ID_PREFIX, FeedFake
from connectors.fakes.http import FakeServer, Response
from herald.connectors import registry
from herald.connectors.base import (
    AuthExpiredError,
    FetchPage,
    ItemKind,
    MalformedPayloadError,
    OutgoingPost,
    PermanentError,
    RateLimitedError,
    TransientError,
)
from herald.connectors.rss import RssConnector


def ids(page: FetchPage) -> list[str]:
    return [item.id.removeprefix(ID_PREFIX) for item in page.items]


def reader(server: FakeServer, timeout_s: float = 5) -> RssConnector:
    return RssConnector(server.url + "/feed", timeout_s=timeout_s)


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_entries_become_posts_oldest_first(
    feed_server: FakeServer, feed_fake: FeedFake, atom: bool
) -> None:
    feed_fake.atom = atom
    feed_fake.add("n1", "Banka &amp; faiz", "<p>Merkez bankası <b>kararı</b></p>", minutes=5)
    feed_fake.add("n2", "Second", "", minutes=1)
    page = reader(feed_server).fetch(None)
    assert ids(page) == ["n2", "n1"]
    item = page.items[1]
    assert item.kind is ItemKind.POST
    assert item.text == "Banka & faiz\nMerkez bankası kararı"
    assert item.created_at == datetime(2026, 12, 1, 8, 5, tzinfo=UTC)
    assert item.lang == "tr"


def test_the_cursor_delivers_each_entry_once(feed_server: FakeServer, feed_fake: FeedFake) -> None:
    connector = reader(feed_server)
    feed_fake.add("a", "A")
    first = connector.fetch(None)
    feed_fake.add("b", "B")
    feed_fake.add("c", "C")
    second = connector.fetch(first.cursor)
    assert ids(second) == ["b", "c"]
    assert connector.fetch(second.cursor).items == ()


def test_an_unchanged_feed_is_a_304_and_keeps_the_cursor(
    feed_server: FakeServer, feed_fake: FeedFake
) -> None:
    connector = reader(feed_server)
    feed_fake.add("a", "A")
    page = connector.fetch(None)
    again = connector.fetch(page.cursor)
    assert again.items == ()
    assert again.cursor == page.cursor
    assert feed_server.requests[-1].headers["if-none-match"] == '"v2"'
    assert "if-modified-since" in feed_server.requests[-1].headers


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (Response(429, b"", {"Retry-After": "120"}), RateLimitedError),
        (Response(401, b""), AuthExpiredError),
        (Response(503, b""), TransientError),
        (Response(410, b""), PermanentError),
        (
            Response(200, b"<html><body>Not a feed</p>", {"Content-Type": "text/html"}),
            MalformedPayloadError,
        ),
    ],
    ids=["429", "401", "503", "410", "html"],
)
def test_failures_map_onto_connector_errors(
    feed_server: FakeServer, response: Response, error: type[Exception]
) -> None:
    feed_server.fail_next("/feed", response)
    with pytest.raises(error) as caught:
        reader(feed_server).fetch(None)
    if isinstance(caught.value, RateLimitedError):
        assert caught.value.retry_after == 120


def test_a_timeout_is_transient(feed_server: FakeServer, feed_fake: FeedFake) -> None:
    feed_server.stall_next("/feed", 1.0)
    with pytest.raises(TransientError):
        reader(feed_server, timeout_s=0.2).fetch(None)


def test_feeds_are_read_only_and_report_health(feed_server: FakeServer) -> None:
    connector = reader(feed_server)
    with pytest.raises(PermanentError):
        connector.publish(OutgoingPost("x", "k"))
    assert connector.health().ok
    assert not RssConnector(feed_server.url + "/missing").health().ok


def test_settings_need_an_http_url() -> None:
    with pytest.raises(registry.SettingsError):
        registry.connector_for("rss", {"url": "file:///etc/passwd"})
    assert isinstance(registry.connector_for("rss", {"url": "https://x.test/f"}), RssConnector)
