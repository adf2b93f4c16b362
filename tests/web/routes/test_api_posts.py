from web.conftest import Herald

ALL_SCOPES = ["scan", "posts:read", "posts:write", "approvals:write", "accounts:read"]


def _headers(herald: Herald, email: str, scopes: list[str] = ALL_SCOPES) -> dict[str, str]:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, plaintext = herald.workspace.credentials.issue_token(person_id, "test", scopes)
    return {"Authorization": f"Bearer {plaintext}"}


def test_post_goes_from_creation_to_approval_over_the_api(herald: Herald) -> None:
    writer = _headers(herald, "writer@acme.example")
    accounts = herald.client.get("/api/v1/accounts", headers=writer).json()["accounts"]
    mastodon = next(a for a in accounts if a["network"] == "mastodon")
    response = herald.client.post(
        "/api/v1/posts",
        json={
            "text": "Our cheap plan is here.",
            "targets": [{"account_id": mastodon["id"]}],
            "submit": True,
        },
        headers=writer,
    )
    assert response.status_code == 201, response.text
    post = response.json()
    assert post["state"] == "in_review"
    assert [f["rule_id"] for f in post["findings"]] == ["brand-voice.wording"]
    assert post["findings"][0]["fix"] == "affordable"

    approver = _headers(herald, "approver@acme.example")
    queue = herald.client.get("/api/v1/approvals", headers=approver).json()["posts"]
    assert post["id"] in [p["id"] for p in queue]
    response = herald.client.post(
        f"/api/v1/posts/{post['id']}/decisions",
        json={"decision": "approve", "expected_hash": post["content_hash"]},
        headers=approver,
    )
    assert response.status_code == 201, response.text
    assert response.json()["state"] == "approved"


def test_nobody_approves_their_own_post(herald: Herald) -> None:
    owner = _headers(herald, "owner@acme.example")
    accounts = herald.client.get("/api/v1/accounts", headers=owner).json()["accounts"]
    response = herald.client.post(
        "/api/v1/posts",
        json={
            "text": "Hello from Acme.",
            "targets": [{"account_id": accounts[0]["id"]}],
            "submit": True,
        },
        headers=owner,
    )
    assert response.status_code == 201, response.text
    post = response.json()
    response = herald.client.post(
        f"/api/v1/posts/{post['id']}/decisions",
        json={"decision": "approve", "expected_hash": post["content_hash"]},
        headers=owner,
    )
    assert response.status_code in (403, 409)
    assert response.json()["error"]["code"]


def test_a_stale_decision_is_refused(herald: Herald) -> None:
    approver = _headers(herald, "approver@acme.example")
    queue = herald.client.get("/api/v1/approvals", headers=approver).json()["posts"]
    response = herald.client.post(
        f"/api/v1/posts/{queue[0]['id']}/decisions",
        json={"decision": "approve", "expected_hash": "0" * 64},
        headers=approver,
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "content_changed"


def test_blocking_finding_needs_a_compliance_override(herald: Herald) -> None:
    compliance = _headers(herald, "compliance@acme.example")
    posts = herald.client.get("/api/v1/posts?state=in_review", headers=compliance).json()["posts"]
    blocked = next(p for p in posts if any(f["severity"] == "block" for f in p["findings"]))
    response = herald.client.post(
        f"/api/v1/posts/{blocked['id']}/decisions",
        json={"decision": "approve", "expected_hash": blocked["content_hash"]},
        headers=compliance,
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "blocked"
    for finding in blocked["findings"]:
        if finding["severity"] != "block":
            continue
        response = herald.client.post(
            f"/api/v1/posts/{blocked['id']}/overrides",
            json={
                "finding_key": finding["key"],
                "reason": "Approved by Legal on 20 Nov, ref L-77.",
            },
            headers=compliance,
        )
        assert response.status_code == 201, response.text
    # Separation of duties (on in the demo): whoever overrode does not also approve.
    response = herald.client.post(
        f"/api/v1/posts/{blocked['id']}/decisions",
        json={"decision": "approve", "expected_hash": blocked["content_hash"]},
        headers=compliance,
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "duty_override_and_approve"
    response = herald.client.post(
        f"/api/v1/posts/{blocked['id']}/decisions",
        json={"decision": "approve", "expected_hash": blocked["content_hash"]},
        headers=_headers(herald, "approver@acme.example"),
    )
    assert response.status_code == 201, response.text


def test_contributor_cannot_override(herald: Herald) -> None:
    writer = _headers(herald, "writer@acme.example")
    posts = herald.client.get("/api/v1/posts?state=in_review", headers=writer).json()["posts"]
    blocked = next(p for p in posts if any(f["severity"] == "block" for f in p["findings"]))
    response = herald.client.post(
        f"/api/v1/posts/{blocked['id']}/overrides",
        json={"finding_key": blocked["findings"][0]["key"], "reason": "I think it is fine really."},
        headers=writer,
    )
    assert response.status_code == 403


def test_unknown_post_and_invalid_fields(herald: Herald) -> None:
    writer = _headers(herald, "writer@acme.example")
    response = herald.client.get("/api/v1/posts/9999", headers=writer)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    response = herald.client.post(
        "/api/v1/posts", json={"text": "x", "targets": [{"account": 1}]}, headers=writer
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"].startswith("targets.0.")
    response = herald.client.post("/api/v1/posts", json={"text": "   "}, headers=writer)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "empty_text"


def test_editing_over_the_api_rescans_and_checks_the_version(herald: Herald) -> None:
    writer = _headers(herald, "writer@acme.example")
    drafts = herald.client.get("/api/v1/posts?state=draft", headers=writer).json()["posts"]
    post = drafts[0]
    response = herald.client.patch(
        f"/api/v1/posts/{post['id']}",
        json={"text": "Our cheap plan is here.", "expected_version": post["version"]},
        headers=writer,
    )
    assert response.status_code == 200, response.text
    edited = response.json()
    assert edited["content_hash"] != post["content_hash"]
    assert [f["rule_id"] for f in edited["findings"]] == ["brand-voice.wording"]
    stale = herald.client.patch(
        f"/api/v1/posts/{post['id']}",
        json={"text": "Another text.", "expected_version": post["version"]},
        headers=writer,
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "concurrent_update"
