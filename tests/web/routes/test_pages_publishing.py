"""The connected-accounts page, the publishing calendar and the publishing log, driven as a
person would: forms with CSRF, against a fake Mastodon server and the stub network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.fakes.http import FakeServer
from connectors.fakes.mastodon_api import MastodonFake
from connectors.fakes.mastodon_api import serve as serve_mastodon
from connectors.fakes.stub_network import Fault, provider_for, serve
from herald.services import posts, publishing
from herald.services.publishing import PublishingConfig
from herald.store.enums import AccountKind, PostState
from herald.store.models import Account, AuditEntry, Connection, Person, Post
from herald.store.types import utcnow
from web.conftest import Herald

SECRET = "tok-" + "s3cr3t" * 8


@pytest.fixture
def mastodon() -> Iterator[tuple[MastodonFake, FakeServer]]:
    fake = MastodonFake()
    fake.token = SECRET
    with serve_mastodon(fake) as server:
        yield fake, server


def _account_id(herald: Herald, network: str) -> int:
    with herald.workspace.sessions() as s:
        return s.scalars(
            select(Account.id).where(Account.network == network, Account.kind == AccountKind.BRAND)
        ).one()


def test_publisher_connects_tests_and_disconnects_without_ever_seeing_the_token(
    herald: Herald, mastodon: tuple[MastodonFake, FakeServer]
) -> None:
    _, server = mastodon
    herald.sign_in("publisher@acme.example")
    account_id = _account_id(herald, "mastodon")
    page = herald.client.get("/connections")
    assert page.status_code == 200
    assert "Not connected." in page.text

    answer = herald.form(
        f"/connections/{account_id}",
        {"base_url": server.url, "access_token": SECRET},
        page="/connections",
    )
    assert answer.status_code == 303
    with herald.workspace.sessions() as s:
        stored = s.scalars(select(Connection.settings)).one()
    assert SECRET not in stored  # encrypted at rest

    answer = herald.form(f"/connections/{account_id}/test", {}, page="/connections")
    assert answer.status_code == 303
    page = herald.client.get(answer.headers["location"])
    assert "Working" in page.text
    assert "access_token" in page.text  # the setting's name ...
    assert SECRET not in page.text  # ... never its value

    herald.form(f"/connections/{account_id}/disconnect", {}, page="/connections")
    assert "Not connected." in herald.client.get("/connections").text


def test_a_refused_token_shows_as_not_working_with_its_error(
    herald: Herald, mastodon: tuple[MastodonFake, FakeServer]
) -> None:
    _, server = mastodon
    herald.sign_in("publisher@acme.example")
    account_id = _account_id(herald, "mastodon")
    herald.form(
        f"/connections/{account_id}",
        {"base_url": server.url, "access_token": "wrong-token"},
        page="/connections",
    )
    herald.form(f"/connections/{account_id}/test", {}, page="/connections")
    page = herald.client.get("/connections")
    assert "Not working" in page.text
    assert "Last error" in page.text


def test_connecting_is_refused_without_the_publish_grant_and_bad_settings_are_named(
    herald: Herald, mastodon: tuple[MastodonFake, FakeServer]
) -> None:
    _, server = mastodon
    account_id = _account_id(herald, "mastodon")
    herald.sign_in("writer@acme.example")  # may draft, not publish
    page = herald.client.get("/connections")
    assert "Test connection" not in page.text
    refused = herald.form(
        f"/connections/{account_id}",
        {"base_url": server.url, "access_token": SECRET},
        page="/connections",
    )
    assert refused.status_code == 403
    herald.sign_out()

    herald.sign_in("publisher@acme.example")
    bad = herald.form(
        f"/connections/{account_id}", {"base_url": "ftp://x", "access_token": "t"}, "/connections"
    )
    assert bad.status_code == 422
    assert "base_url" in bad.text
    with herald.workspace.sessions() as s:
        assert s.scalars(select(Connection)).all() == []


def test_the_page_speaks_turkish_and_spanish(herald: Herald) -> None:
    herald.sign_in("publisher@acme.example")
    for locale, words in (("tr", "Bağlı hesaplar"), ("es", "Cuentas conectadas")):
        herald.form("/locale", {"locale": locale, "next": "/connections"}, page="/connections")
        assert words in herald.client.get("/connections").text
        assert herald.client.get("/publishing/calendar").status_code == 200
        assert herald.client.get("/publishing/log").status_code == 200


def _schedule(herald: Herald, at: datetime) -> int:
    """The demo's approved post, scheduled by its publisher."""

    def work(s: Session) -> int:
        post = s.scalars(select(Post).where(Post.state == PostState.APPROVED)).first()
        assert post is not None
        publisher = s.scalars(select(Person).where(Person.email == "publisher@acme.example")).one()
        posts.schedule(s, publisher, post, at)
        return post.id

    return herald.workspace.write(work)


def test_the_calendar_shows_a_scheduled_post_and_moves_it_keeping_its_approvals(
    herald: Herald,
) -> None:
    at = (utcnow() + timedelta(days=2)).replace(hour=9, minute=30, second=0, microsecond=0)
    post_id = _schedule(herald, at)
    herald.sign_in("publisher@acme.example")
    week = herald.client.get(f"/publishing/calendar?view=week&start={at.date().isoformat()}")
    assert week.status_code == 200
    assert f'data-post="{post_id}"' in week.text
    assert 'value="' + at.strftime("%Y-%m-%dT%H:%M") + '"' in week.text
    month = herald.client.get(f"/publishing/calendar?view=month&start={at.date().isoformat()}")
    assert f'data-post="{post_id}"' in month.text

    later = at + timedelta(days=3, hours=1)
    moved = herald.form(
        f"/publishing/posts/{post_id}/reschedule",
        {"at": later.strftime("%Y-%m-%dT%H:%M"), "view": "week"},
        page="/publishing/calendar",
    )
    assert moved.status_code == 303
    with herald.workspace.sessions() as s:
        post = s.get_one(Post, post_id)
        assert post.state == PostState.SCHEDULED
        assert post.scheduled_at is not None
        assert post.scheduled_at.replace(tzinfo=UTC) == later
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None
        assert '"reschedule"' in last.payload
    page = herald.client.get(moved.headers["location"])
    assert "The post was moved" in page.text


def test_the_calendar_refuses_the_past_garbage_and_people_without_the_grant(
    herald: Herald,
) -> None:
    at = utcnow() + timedelta(days=1)
    post_id = _schedule(herald, at)
    herald.sign_in("publisher@acme.example")
    past = herald.form(
        f"/publishing/posts/{post_id}/reschedule",
        {"at": "2001-01-01T10:00"},
        page="/publishing/calendar",
    )
    assert past.status_code == 400
    assert "in the past" in past.text
    garbage = herald.form(
        f"/publishing/posts/{post_id}/reschedule", {"at": "tomorrow"}, page="/publishing/calendar"
    )
    assert garbage.status_code == 422
    herald.sign_out()
    herald.sign_in("approver@acme.example")
    refused = herald.form(
        f"/publishing/posts/{post_id}/reschedule",
        {"at": (at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
        page="/publishing/calendar",
    )
    assert refused.status_code == 403
    with herald.workspace.sessions() as s:
        stored = s.get_one(Post, post_id).scheduled_at
        assert stored is not None
        assert abs(stored.replace(tzinfo=UTC) - at) < timedelta(seconds=1)


def test_the_log_shows_each_attempt_with_its_error_and_link(herald: Herald) -> None:
    post_id = _schedule(herald, utcnow())
    fast = PublishingConfig(backoff_base=0.0, backoff_max=0.0, max_attempts=3)
    with serve() as network:
        network.fail_next(Fault(status=503))
        first = publishing.publish_due(herald.workspace.sessions, provider_for(network), fast)
        assert [r.outcome.value for r in first] == ["retry"]
        second = publishing.publish_due(herald.workspace.sessions, provider_for(network), fast)
        assert [r.outcome.value for r in second] == ["published"]
        url = network.url
    herald.sign_in("viewer@acme.example")
    page = herald.client.get("/publishing/log")
    assert page.status_code == 200
    rows = re.findall(r"<tr>.*?</tr>", page.text.split("<tbody>")[1], flags=re.S)
    assert len(rows) == 2
    assert "Published" in rows[0]
    assert url in rows[0]
    assert "Will retry" in rows[1]
    assert "transient" in rows[1]
    only = herald.client.get(f"/publishing/log?post={post_id + 1000}")
    assert "Nothing has been published yet" in only.text
