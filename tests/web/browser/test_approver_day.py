"""An approver's day in a real browser: the bell shows a new request, the notification
opens the post, the queue carries its context, each decision leads to the next item until
the queue is empty; then the author reads the change request from their notification."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.security import totp
from herald.services import accounts, posts
from herald.store.models import Person
from web.browser.conftest import LiveHerald

pytestmark = pytest.mark.browser

REQUEST = "Yeni şubemiz pazartesi günü Kadıköy'de açılıyor, herkesi bekleriz!"


def _submit_as_writer(live: LiveHerald, text: str) -> int:
    def work(session: Session) -> int:
        writer = session.scalars(select(Person).where(Person.email == "writer@acme.example")).one()
        account = next(
            a
            for a in accounts.list_accounts(session, writer)
            if a.display_name == "Acme Bank Türkiye"
        )
        post = posts.create(session, writer, text, [posts.Target(account)])
        posts.submit(session, writer, post)
        return post.id

    return live.workspace.write(work)


def _sign_in(page: Any, live: LiveHerald, email: str) -> None:
    page.goto(f"{live.url}/signin")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(live.passwords[email])
    page.get_by_role("button", name="Sign in").click()


def test_approver_works_the_queue_from_the_bell_to_empty(
    browser: Any, live: LiveHerald, screenshots: Path
) -> None:
    post_id = _submit_as_writer(live, REQUEST)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, live, "approver@acme.example")
    page.wait_for_url(re.compile(r".*/approvals$"))  # an approver lands on the queue
    bell = page.locator("#bell")
    unread = int(page.locator("#unread-count").inner_text())
    assert unread >= 1
    queue = page.locator("#queue > li")
    assert queue.count() >= 2
    first = queue.first
    for fact in (".q-author", ".q-account", ".q-findings", ".q-waiting"):
        assert first.locator(fact).inner_text().strip()
    page.screenshot(path=str(screenshots / "approver-queue.png"), full_page=True)

    bell.click()
    page.wait_for_url(re.compile(r".*/notifications$"))
    request = page.locator("#notification-list li", has_text=f"#{post_id}").first
    assert "waiting for your review" in request.inner_text()
    page.screenshot(path=str(screenshots / "approver-notifications.png"), full_page=True)
    request.get_by_role("button").click()
    page.wait_for_url(re.compile(rf".*/posts/{post_id}$"))
    left = page.locator("#unread-count")
    assert (int(left.inner_text()) if left.count() else 0) == unread - 1

    # Work the queue from its first item: each decision leads to the next one.
    page.goto(f"{live.url}/approvals")
    page.locator("#start-queue").click()
    decided: list[int] = []
    for _ in range(30):  # the demo queue is far shorter; never loop for ever
        page.wait_for_url(re.compile(r".*/posts/\d+(\?.*)?$"))
        current = int(re.search(r"/posts/(\d+)", page.url).group(1))  # type: ignore[union-attr]
        blocked = page.locator("#decide-h ~ p.flash.error").count() > 0
        if blocked or current == post_id:
            page.locator("#decision-comment").fill("Add the opening hours, please.")
            page.get_by_role("button", name="Request changes").click()
            done = "request_changes"
        else:
            page.get_by_role("button", name="Approve", exact=True).click()
            done = "approve"
        page.wait_for_url(re.compile(rf".*\?done={done}&decided={current}$"))
        decided.append(current)
        flash = page.locator(".flash").first.inner_text()
        assert f"(post #{current})" in flash
        if "/approvals" in page.url:
            assert page.locator("#queue-empty").is_visible()
            break
        assert "Next in your queue: this post." in flash
    else:
        pytest.fail(f"the queue never emptied: {decided}")
    assert post_id in decided
    assert len(decided) >= 2
    page.screenshot(path=str(screenshots / "approver-queue-empty.png"), full_page=True)
    context.close()

    # The author reads the change request from the notification.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    email = "writer@acme.example"
    _sign_in(page, live, email)
    page.wait_for_url(re.compile(r".*/signin/2fa.*"))
    page.get_by_label("Code").fill(totp.current_code(live.totp_secrets[email]))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(re.compile(r".*/compose$"))  # an author lands in the composer
    page.locator("#bell").click()
    note = page.locator("#notification-list li", has_text=f"#{post_id}").first
    assert "Add the opening hours, please." in note.inner_text()
    note.get_by_role("button").click()
    page.wait_for_url(re.compile(rf".*/posts/{post_id}$"))
    assert page.locator("#post-state").inner_text() == "Changes requested"
    context.close()


def test_rejecting_asks_first(browser: Any, live: LiveHerald) -> None:
    post_id = _submit_as_writer(live, "Kadıköy şubemizde cumartesi de açığız.")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, live, "approver@acme.example")
    page.wait_for_url(re.compile(r".*/approvals$"))
    page.goto(f"{live.url}/posts/{post_id}")
    page.locator("#decision-comment").fill("Not this week.")
    questions: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Reject").click()
    assert [q[:17] for q in questions] == ["Reject this post?"]
    assert page.locator("#post-state").inner_text() == "In review"  # "no": nothing sent
    page.once("dialog", lambda d: answer(d, True))
    page.get_by_role("button", name="Reject").click()
    page.wait_for_url(re.compile(rf".*done=reject&decided={post_id}$"))
    page.goto(f"{live.url}/posts/{post_id}")
    assert page.locator("#post-state").inner_text() == "Rejected"
    context.close()
