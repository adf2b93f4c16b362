"""The web application on PostgreSQL: the demo workspace and one post taken to approval."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from herald.web import demo
from herald.web.app import create_app
from herald.web.settings import Settings
from herald.web.workspace import Workspace
from web.conftest import Herald

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_herald(postgres_server: object) -> Iterator[Herald]:
    if postgres_server is None:
        pytest.skip("no PostgreSQL server (set HERALD_TEST_POSTGRES_URL)")
    url = postgres_server.create_database()  # type: ignore[attr-defined]
    workspace = Workspace.open(url)
    passwords = demo.create(workspace)
    app = create_app(Settings(secret_key="pg-" + "k" * 40), workspace=workspace)
    yield Herald(TestClient(app), workspace, passwords)
    workspace.engine.dispose()


def test_compose_submit_approve_and_verify_on_postgresql(pg_herald: Herald) -> None:
    herald = pg_herald
    herald.sign_in("writer@acme.example")
    accounts = herald.client.get("/compose").text
    assert "Acme Bank Türkiye" in accounts
    writer_id = herald.workspace.person_id_for_email("writer@acme.example")
    compliance_id = herald.workspace.person_id_for_email("compliance@acme.example")
    assert writer_id is not None
    assert compliance_id is not None
    _, writer = herald.workspace.credentials.issue_token(
        writer_id, "t", ["posts:write", "accounts:read"]
    )
    _, officer = herald.workspace.credentials.issue_token(
        compliance_id, "t", ["approvals:write", "audit:read"]
    )
    account_id = herald.client.get(
        "/api/v1/accounts", headers={"Authorization": f"Bearer {writer}"}
    ).json()["accounts"][0]["id"]
    post = herald.client.post(
        "/api/v1/posts",
        json={
            "text": "Nuestro plan es barato.",
            "targets": [{"account_id": account_id}],
            "submit": True,
        },
        headers={"Authorization": f"Bearer {writer}"},
    ).json()
    assert post["findings"][0]["rule_id"] == "brand-voice.wording"
    decided = herald.client.post(
        f"/api/v1/posts/{post['id']}/decisions",
        json={"decision": "approve", "expected_hash": post["content_hash"]},
        headers={"Authorization": f"Bearer {officer}"},
    )
    assert decided.status_code == 201, decided.text
    assert decided.json()["state"] == "approved"
    report = herald.client.get(
        "/api/v1/audit/verify", headers={"Authorization": f"Bearer {officer}"}
    )
    assert report.json()["ok"] is True


def test_lockout_and_sign_out_hold_on_postgresql(pg_herald: Herald) -> None:
    herald = pg_herald
    right = herald.passwords["viewer@acme.example"]
    stranger = TestClient(herald.client.app, client=("203.0.113.5", 40000))
    token = herald.csrf("/signin")
    stranger.cookies.update(herald.client.cookies)
    for spelling in ("Viewer@acme.example", "ＶＩＥＷＥＲ@acme.example") * 2 + (
        "viewer@acme.example",
    ):
        response = stranger.post(
            "/signin", data={"csrf_token": token, "email": spelling, "password": "guess"}
        )
        assert response.status_code == 401
    second = TestClient(
        create_app(Settings(secret_key="pg-" + "k" * 40), workspace=herald.workspace),
        client=("198.51.100.5", 40000),
    )
    page = second.get("/signin")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    response = second.post(
        "/signin",
        data={"csrf_token": found.group(1), "email": "viewer@acme.example", "password": right},
    )
    assert response.status_code == 429  # another process, the same counter
    herald.sign_in("writer@acme.example")
    copy = TestClient(herald.client.app)
    copy.cookies.update(herald.client.cookies)
    assert copy.get("/api/v1/posts").status_code == 200
    herald.sign_out()
    assert copy.get("/api/v1/posts").status_code == 401
