import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from web.conftest import Herald


def test_weak_new_password_is_refused_with_feedback_in_the_users_language(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    herald.form("/locale", {"locale": "tr", "next": "/account/security"}, page="/account/security")
    response = herald.form(
        "/account/password",
        {"current": herald.passwords["writer@acme.example"], "new": "password123"},
        page="/account/security",
    )
    assert response.status_code == 400
    assert "Bu parolanın tahmin edilmesi çok kolay." in response.text


def test_password_change_needs_the_current_password(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form(
        "/account/password",
        {"current": "wrong", "new": "kestane-vapur-limon-47"},
        page="/account/security",
    )
    assert response.status_code == 400
    assert "Your current password is wrong." in response.text


def test_password_change_takes_effect(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form(
        "/account/password",
        {"current": herald.passwords["writer@acme.example"], "new": "kestane-vapur-limon-47"},
        page="/account/security",
    )
    assert response.status_code == 200
    herald.sign_out()
    herald.sign_in("writer@acme.example", "kestane-vapur-limon-47")


def test_api_token_is_shown_once_and_can_be_revoked(herald: Herald) -> None:
    herald.sign_in("publisher@acme.example")
    response = herald.form(
        "/account/tokens",
        {"name": "CI", "scopes": ["scan", "posts:read"]},
        page="/account/security",
    )
    token = re.search(r'id="new-token">([^<]+)<', response.text).group(1)  # type: ignore[union-attr]
    headers = {"Authorization": f"Bearer {token}"}
    assert herald.client.get("/api/v1/posts", headers=headers).status_code == 200
    assert token not in herald.client.get("/account/security").text
    token_id = token.split("_")[1]
    herald.form(f"/account/tokens/{token_id}/revoke", {}, page="/account/security")
    response = herald.client.get("/api/v1/posts", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_signing_out_everywhere_ends_other_sessions_only(make_herald: Callable[[], Herald]) -> None:
    laptop = make_herald()
    laptop.sign_in("writer@acme.example")
    phone = Herald(TestClient(laptop.client.app), laptop.workspace, laptop.passwords)
    phone.sign_in("writer@acme.example")
    assert phone.client.get("/compose", follow_redirects=False).status_code == 200
    response = laptop.form("/account/sessions/revoke", {}, page="/account/security")
    assert response.status_code == 200
    assert laptop.client.get("/compose", follow_redirects=False).status_code == 200
    assert phone.client.get("/compose", follow_redirects=False).status_code == 303


def test_password_change_ends_other_sessions(make_herald: Callable[[], Herald]) -> None:
    laptop = make_herald()
    laptop.sign_in("writer@acme.example")
    phone = Herald(TestClient(laptop.client.app), laptop.workspace, laptop.passwords)
    phone.sign_in("writer@acme.example")
    laptop.form(
        "/account/password",
        {"current": laptop.passwords["writer@acme.example"], "new": "kestane-vapur-limon-47"},
        page="/account/security",
    )
    assert laptop.client.get("/compose", follow_redirects=False).status_code == 200
    assert phone.client.get("/compose", follow_redirects=False).status_code == 303
