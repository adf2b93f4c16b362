"""The stub connector against the stub network: each network answer maps to the error
class that tells publishing whether to retry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from connectors.fakes.stub_network import Fault, StubNetwork, serve
from herald.connectors import registry
from herald.connectors.base import (
    AuthExpiredError,
    Connector,
    ItemKind,
    OutgoingPost,
    PermanentError,
    RateLimitedError,
    TransientError,
)
from herald.connectors.stub import StubConnector


@pytest.fixture
def network() -> Iterator[StubNetwork]:
    with serve() as network:
        yield network


def test_publish_returns_the_id_and_link_and_honours_the_key(network: StubNetwork) -> None:
    connector = StubConnector(network.url, token="@acme")
    first = connector.publish(OutgoingPost("Merhaba dünya İ", "key-1"))
    again = connector.publish(OutgoingPost("Merhaba dünya İ", "key-1"))
    other = connector.publish(OutgoingPost("Merhaba dünya İ", "key-2"))

    assert first == again
    assert other.network_id != first.network_id
    assert first.url == f"{network.url}/@@acme/{first.network_id}"
    assert network.texts() == ["Merhaba dünya İ", "Merhaba dünya İ"]
    assert [r.key for r in network.received] == ["key-1", "key-1", "key-2"]
    assert connector.rate_limit().remaining == 299


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(status=500), TransientError),
        (Fault(status=503), TransientError),
        (Fault(status=401), AuthExpiredError),
        (Fault(status=422), PermanentError),
        (Fault(status=429, retry_after=7), RateLimitedError),
    ],
)
def test_network_answers_map_to_error_classes(
    network: StubNetwork, fault: Fault, error: type[Exception]
) -> None:
    network.fail_next(fault)
    with pytest.raises(error) as raised:
        StubConnector(network.url).publish(OutgoingPost("x", "k"))
    if isinstance(raised.value, RateLimitedError):
        assert raised.value.retry_after == 7
    assert network.statuses == []


def test_a_timeout_is_transient(network: StubNetwork) -> None:
    network.fail_next(Fault(stall=1.0, status=200))
    with pytest.raises(TransientError):
        StubConnector(network.url, timeout=0.2).publish(OutgoingPost("x", "k"))


def test_an_unreachable_network_is_transient_and_a_bad_url_permanent() -> None:
    with pytest.raises(TransientError):
        StubConnector("http://127.0.0.1:9", timeout=1).publish(OutgoingPost("x", "k"))
    with pytest.raises(PermanentError):
        StubConnector("ftp://example.test")
    with pytest.raises(PermanentError):
        StubConnector.from_settings({})


def test_an_expired_token_is_refused_on_every_call(network: StubNetwork) -> None:
    network.expired_tokens.add("@old")
    connector = StubConnector(network.url, token="@old")
    with pytest.raises(AuthExpiredError):
        connector.publish(OutgoingPost("x", "k"))
    with pytest.raises(AuthExpiredError):
        connector.fetch(None)


def test_fetch_pages_through_notifications_with_a_cursor(network: StubNetwork) -> None:
    network.notifications.extend(
        {"id": str(i), "text": f"@acme {i}", "author": "ayse", "kind": kind, "created_at": at}
        for i, kind, at in (
            (1, "mention", "2026-12-01T10:00:00+00:00"),
            (2, "direct_message", "2026-12-01T11:00:00"),
            (3, "nonsense", "not a time"),
        )
    )
    connector = StubConnector(network.url, token="@acme")
    page = connector.fetch(None)
    assert [i.id for i in page.items] == ["1", "2", "3"]
    assert [i.kind for i in page.items] == [
        ItemKind.MENTION,
        ItemKind.DIRECT_MESSAGE,
        ItemKind.MENTION,
    ]
    assert page.items[1].created_at.tzinfo is not None
    assert page.cursor == "3"
    assert connector.fetch(page.cursor).items == ()


def test_health_and_registration(network: StubNetwork) -> None:
    assert StubConnector(network.url).health().ok
    assert not StubConnector("http://127.0.0.1:9", timeout=1).health().ok
    connector = registry.connector_for("stub", {"url": network.url, "handle": "@acme"})
    assert isinstance(connector, Connector)
    assert isinstance(connector, StubConnector)
    assert connector.token == "@acme"
