"""Separation of duties through the API and the pages (on in the demo)."""

from typing import Any

from web.conftest import Herald
from web.routes.test_api_posts import _headers


def _two_step_post(herald: Herald) -> dict[str, Any]:
    """A post to the demo's LinkedIn account: message approval, then compliance."""
    writer = _headers(herald, "writer@acme.example")
    accounts = herald.client.get("/api/v1/accounts", headers=writer).json()["accounts"]
    linkedin = next(a for a in accounts if a["network"] == "linkedin")
    response = herald.client.post(
        "/api/v1/posts",
        json={
            "text": "Nuestro equipo de atención está disponible.",
            "targets": [{"account_id": linkedin["id"]}],
            "submit": True,
        },
        headers=writer,
    )
    assert response.status_code == 201, response.text
    post: dict[str, Any] = response.json()
    return post


def _approve(herald: Herald, email: str, post: dict[str, Any]) -> Any:
    return herald.client.post(
        f"/api/v1/posts/{post['id']}/decisions",
        json={"decision": "approve", "expected_hash": post["content_hash"]},
        headers=_headers(herald, email),
    )


def test_one_person_approves_one_step_over_the_api(herald: Herald) -> None:
    post = _two_step_post(herald)
    assert _approve(herald, "compliance@acme.example", post).status_code == 201
    response = _approve(herald, "compliance@acme.example", post)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "duty_two_steps"
    assert "1. adım" in response.json()["error"]["message"]  # the officer reads Turkish


def test_the_page_says_why_and_offers_no_approve_button(herald: Herald) -> None:
    post = _two_step_post(herald)
    assert _approve(herald, "compliance@acme.example", post).status_code == 201
    herald.sign_in("compliance@acme.example")
    page = herald.client.get(f"/posts/{post['id']}")
    assert "Separation of duties" in page.text
    assert 'value="approve"' not in page.text
    response = herald.form(
        f"/posts/{post['id']}/decision",
        {"decision": "approve", "content_hash": post["content_hash"]},
        page=f"/posts/{post['id']}",
    )
    assert response.status_code == 403
    assert "Separation of duties" in response.text
    after = herald.client.get(
        f"/api/v1/posts/{post['id']}", headers=_headers(herald, "writer@acme.example")
    ).json()
    assert after["state"] == "in_review"  # the refused approval moved nothing


def test_an_owner_cannot_approve_their_own_post_on_the_page(herald: Herald) -> None:
    owner = _headers(herald, "owner@acme.example")
    accounts = herald.client.get("/api/v1/accounts", headers=owner).json()["accounts"]
    post = herald.client.post(
        "/api/v1/posts",
        json={"text": "Hello from Acme.", "targets": [{"account_id": accounts[0]["id"]}]},
        headers=owner,
    ).json()
    herald.client.post(f"/api/v1/posts/{post['id']}/submit", headers=owner)
    response = _approve(herald, "owner@acme.example", post)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "self_approval"
    herald.sign_in("owner@acme.example")
    response = herald.form(
        f"/posts/{post['id']}/decision",
        {"decision": "approve", "content_hash": post["content_hash"]},
        page=f"/posts/{post['id']}",
    )
    assert response.status_code == 403


def test_admins_turn_the_rule_off_and_on_and_it_is_audited(herald: Herald) -> None:
    herald.sign_in("admin@acme.example")
    page = herald.client.get("/settings/security")
    assert 'name="separation_of_duties" checked' in page.text
    response = herald.form("/settings/security", {})
    assert response.status_code == 303
    page = herald.client.get("/settings/security")
    assert 'name="separation_of_duties" checked' not in page.text
    post = _two_step_post(herald)
    assert _approve(herald, "compliance@acme.example", post).status_code == 201
    assert _approve(herald, "compliance@acme.example", post).status_code == 201
    export = herald.client.get("/api/v1/audit/export")
    assert "workflow.separation_of_duties" in export.text
