from web.conftest import Herald


def _headers(herald: Herald, email: str, scopes: list[str]) -> dict[str, str]:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, plaintext = herald.workspace.credentials.issue_token(person_id, "test", scopes)
    return {"Authorization": f"Bearer {plaintext}"}


def test_people_teams_and_accounts_are_listed(herald: Herald) -> None:
    headers = _headers(herald, "viewer@acme.example", ["people:read", "accounts:read"])
    people = herald.client.get("/api/v1/people", headers=headers).json()["people"]
    assert {p["role"] for p in people} >= {"owner", "compliance_officer", "approver", "contributor"}
    teams = herald.client.get("/api/v1/teams", headers=headers).json()["teams"]
    assert "crisis-response" in {t["slug"] for t in teams}
    accounts = herald.client.get("/api/v1/accounts", headers=headers).json()["accounts"]
    assert len([a for a in accounts if a["kind"] == "brand"]) == 3
    assert {a["kind"] for a in accounts} == {"brand", "personal"}  # the advocates' own


def test_admin_adds_people_teams_and_accounts(herald: Herald) -> None:
    headers = _headers(herald, "admin@acme.example", ["people:write", "accounts:write"])
    response = herald.client.post(
        "/api/v1/people",
        json={
            "email": "new@acme.example",
            "name": "Yeni Kişi",
            "role": "contributor",
            "lang": "tr",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    response = herald.client.post(
        "/api/v1/people",
        json={"email": "new@acme.example", "name": "Again", "role": "contributor"},
        headers=headers,
    )
    assert response.status_code == 409
    response = herald.client.post(
        "/api/v1/teams", json={"slug": "legal", "name": "Legal"}, headers=headers
    )
    assert response.status_code == 201
    response = herald.client.post(
        "/api/v1/accounts",
        json={"network": "bluesky", "handle": "acme.bsky.social"},
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "brand"


def test_a_viewer_cannot_add_people(herald: Herald) -> None:
    headers = _headers(herald, "viewer@acme.example", ["people:write"])
    response = herald.client.post(
        "/api/v1/people",
        json={"email": "x@acme.example", "name": "X", "role": "owner"},
        headers=headers,
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] in ("forbidden", "forbidden_role", "role_needed")


def test_role_must_be_known(herald: Herald) -> None:
    headers = _headers(herald, "admin@acme.example", ["people:write"])
    response = herald.client.post(
        "/api/v1/people",
        json={"email": "x@acme.example", "name": "X", "role": "king"},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "role"
