"""The Mastodon connector against a real snac2 server: publish, read back, replies arrive.

Deliveries between local users take a few seconds, so reads poll (bounded, never timed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from connectors.snac_server import SKIP_REASON, SNAC, SnacServer, running_snac
from herald.connectors.base import AuthExpiredError, FetchPage, ItemKind, OutgoingPost
from herald.connectors.mastodon import MastodonConnector

pytestmark = [pytest.mark.snac, pytest.mark.skipif(SNAC is None, reason=SKIP_REASON)]


@pytest.fixture(scope="module")
def snac(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SnacServer]:
    with running_snac(tmp_path_factory.mktemp("snac"), ("brand", "alice")) as server:
        yield server


def account(snac: SnacServer, user: str) -> MastodonConnector:
    return MastodonConnector(snac.base_url, snac.tokens[user], timeout_s=15)


def poll(read: Callable[[], FetchPage], until: Callable[[FetchPage], bool]) -> FetchPage:
    page = read()
    for _ in range(60):  # up to ~30 s: snac delivers through its queue
        if until(page):
            return page
        time.sleep(0.5)
        page = read()
    return page


def test_publish_and_read_back(snac: SnacServer) -> None:
    brand = account(snac, "brand")
    assert brand.health().ok
    ref = brand.publish(OutgoingPost("Yeni şubemiz Kadıköy'de açıldı!", "post-1:brand", None, "tr"))
    status = brand._api.status(ref.network_id)
    assert "Yeni şubemiz Kadıköy" in status["content"]
    assert ref.url is not None
    assert ref.url.startswith(f"http://{snac.host}/brand/")
    # snac2 ignores Idempotency-Key; the connector still makes the retry the same post.
    again = account(snac, "brand").publish(
        OutgoingPost("Yeni şubemiz Kadıköy'de açıldı!", "post-1:brand", None, "tr")
    )
    assert again.network_id == ref.network_id


def test_a_reply_and_a_mention_arrive_once_each_from_the_cursor(snac: SnacServer) -> None:
    brand, alice = account(snac, "brand"), account(snac, "alice")
    before = brand.fetch(None).cursor
    ours = brand.publish(OutgoingPost("Launch day", "post-2:brand"))
    handle = "@brand"  # snac2 resolves a local short mention; it misses user@host:port
    answer = alice.reply(OutgoingPost(f"{handle} congratulations!", "a-1", ours.network_id))
    page = poll(
        lambda: brand.fetch(before), lambda p: any(i.id == answer.network_id for i in p.items)
    )
    (item,) = [i for i in page.items if i.id == answer.network_id]
    assert item.kind is ItemKind.COMMENT
    assert item.in_reply_to == ours.network_id
    assert "congratulations!" in item.text
    assert item.author.startswith("alice")

    mention = alice.publish(OutgoingPost(f"{handle} is the shop open on Sunday?", "a-2"))
    later = poll(
        lambda: brand.fetch(page.cursor), lambda p: any(i.id == mention.network_id for i in p.items)
    )
    assert [i.id for i in later.items] == [mention.network_id]
    assert later.items[0].kind is ItemKind.MENTION
    assert poll(lambda: brand.fetch(later.cursor), lambda p: True).items == ()


def test_a_wrong_token_asks_for_reconnection(snac: SnacServer) -> None:
    with pytest.raises(AuthExpiredError):
        MastodonConnector(snac.base_url, "0" * 32).fetch(None)
