"""Fixtures: each fake network runs on an ephemeral 127.0.0.1 port for one test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from connectors.fakes.bluesky_xrpc import BlueskyFake
from connectors.fakes.bluesky_xrpc import serve as serve_bluesky
from connectors.fakes.feeds import FeedFake
from connectors.fakes.feeds import serve as serve_feed
from connectors.fakes.http import FakeServer
from connectors.fakes.mastodon_api import MastodonFake
from connectors.fakes.mastodon_api import serve as serve_mastodon


@pytest.fixture
def mastodon_fake() -> MastodonFake:
    return MastodonFake()


@pytest.fixture
def mastodon_server(mastodon_fake: MastodonFake) -> Iterator[FakeServer]:
    with serve_mastodon(mastodon_fake) as server:
        yield server


@pytest.fixture
def feed_fake() -> FeedFake:
    return FeedFake()


@pytest.fixture
def feed_server(feed_fake: FeedFake) -> Iterator[FakeServer]:
    with serve_feed(feed_fake) as server:
        yield server


@pytest.fixture
def bluesky_fake() -> BlueskyFake:
    return BlueskyFake()


@pytest.fixture
def bluesky_server(bluesky_fake: BlueskyFake) -> Iterator[FakeServer]:
    with serve_bluesky(bluesky_fake) as server:
        yield server
