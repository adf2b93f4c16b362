"""The bell, the notifications page and their e-mails, through the web app and a real
SMTP server on localhost."""

from __future__ import annotations

import re
from collections.abc import Callable

from herald.services.mailer import SmtpSettings
from smtp_sink import smtp_sink
from web.conftest import Herald

UNREAD = re.compile(r'id="unread-count">(\d+)<')


def _unread(page: str) -> int:
    found = UNREAD.search(page)
    return int(found.group(1)) if found else 0


def _submit(herald: Herald, text: str) -> int:
    herald.sign_in("writer@acme.example")
    page = herald.client.get("/compose").text
    account_id = re.search(r'name="account_ids" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    response = herald.form(
        "/compose", {"text": text, "account_ids": account_id, "action": "submit"}
    )
    assert response.status_code == 303, response.text
    herald.sign_out()
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_bell_counts_a_new_request_and_opening_it_marks_it_read(
    make_herald: Callable[..., Herald],
) -> None:
    with smtp_sink() as sink:
        herald = make_herald(smtp=SmtpSettings("127.0.0.1", sink.port), base_url="https://h.test")
        herald.sign_in("approver@acme.example")
        before = _unread(herald.client.get("/approvals").text)
        herald.sign_out()
        assert sink.raw == []  # the demo's own history sends nothing
        post_id = _submit(herald, "Yeni şubemiz pazartesi Kadıköy'de açılıyor.")
        [mail] = sink.to("approver@acme.example")
    # Carlos works in Spanish: the e-mail is in Spanish, with a link to the post.
    assert mail["Subject"] == f"La publicación n.º {post_id} espera su revisión"
    assert f"https://h.test/posts/{post_id}" in mail.get_content()
    herald.sign_in("approver@acme.example")
    page = herald.client.get("/notifications").text
    assert _unread(page) == before + 1
    notification_id = re.search(r'action="/notifications/(\d+)/open"', page).group(1)  # type: ignore[union-attr]
    response = herald.form(f"/notifications/{notification_id}/open", {}, page="/notifications")
    assert response.status_code == 303
    assert response.headers["location"] == f"/posts/{post_id}"
    assert _unread(herald.client.get("/notifications").text) == before


def test_someone_elses_notification_cannot_be_opened(herald: Herald) -> None:
    herald.sign_in("approver@acme.example")
    page = herald.client.get("/notifications").text
    notification_id = re.search(r'action="/notifications/(\d+)/open"', page).group(1)  # type: ignore[union-attr]
    herald.sign_out()
    herald.sign_in("viewer@acme.example")
    response = herald.form(f"/notifications/{notification_id}/open", {}, page="/notifications")
    assert response.status_code == 404
    herald.sign_out()
    herald.sign_in("approver@acme.example")
    assert _unread(herald.client.get("/notifications").text) >= 1


def test_mark_all_read_and_preferences(herald: Herald) -> None:
    herald.sign_in("approver@acme.example", None)
    assert _unread(herald.client.get("/notifications").text) > 0
    response = herald.form("/notifications/read", {}, page="/notifications")
    assert _unread(response.text) == 0
    assert "marked as read" in response.text
    response = herald.form(
        "/notifications/preferences",
        {"in_app": ["approved"], "email": []},
        page="/notifications",
    )
    assert response.status_code == 200
    assert 'value="review_requested" id="app-review_requested" ' in response.text
    assert re.search(r'id="app-approved"[^>]*checked', response.text)
    assert not re.search(r'id="app-review_requested"[^>]*checked', response.text)
    herald.sign_out()
    _submit(herald, "Our new branch opens on Monday in Kadıköy.")
    herald.sign_in("approver@acme.example")
    assert _unread(herald.client.get("/notifications").text) == 0  # switched off in the app
    bad = herald.form("/notifications/preferences", {"in_app": ["nonsense"]}, page="/notifications")
    assert bad.status_code == 400
