import pytest

from web.conftest import Herald


def _token(herald: Herald, email: str, scopes: list[str]) -> dict[str, str]:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, plaintext = herald.workspace.credentials.issue_token(person_id, "test", scopes)
    return {"Authorization": f"Bearer {plaintext}"}


def test_scan_needs_authentication(herald: Herald) -> None:
    response = herald.client.post("/api/v1/scan", json={"text": "hello"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_browser_session_needs_the_csrf_header(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.client.post("/api/v1/scan", json={"text": "This is cheap"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    token = herald.csrf("/compose")
    response = herald.client.post(
        "/api/v1/scan", json={"text": "This is cheap"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("text", "lang", "rule", "match", "fix"),
    [
        ("Our new card is cheap.", "en", "brand-voice.wording", "cheap", "affordable"),
        ("Yeni kartımız çok ucuz.", "tr", "brand-voice.wording", "ucuz", "uygun fiyatlı"),
        ("Nuestra tarjeta es barata.", "es", "brand-voice.wording", "barata", "asequible"),
        (
            "Guaranteed returns for everyone!",
            "en",
            "regulated.finance.guaranteed-returns",
            "Guaranteed returns",
            None,
        ),
        ("Proyecto Falcon llega pronto.", "es", "confidential.codename", "Proyecto Falcon", None),
    ],
)
def test_scan_finds_policy_problems_in_each_language(
    herald: Herald, text: str, lang: str, rule: str, match: str, fix: str | None
) -> None:
    headers = _token(herald, "writer@acme.example", ["scan"])
    response = herald.client.post(
        "/api/v1/scan", json={"text": text, "lang": lang}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["lang"] == lang
    assert body["length"] == len(text)
    found = [f for f in body["findings"] if f["rule_id"] == rule]
    assert len(found) == 1
    finding = found[0]
    assert text[finding["start"] : finding["end"]] == finding["text"]
    assert finding["text"].casefold().startswith(match.casefold()[:5])
    assert finding.get("fix") == fix or (fix and finding.get("fix", "").casefold() == fix)
    assert finding["clause"]


def test_messages_come_in_the_requested_language(herald: Herald) -> None:
    headers = _token(herald, "writer@acme.example", ["scan"])
    response = herald.client.post(
        "/api/v1/scan",
        json={"text": "Yeni kartımız çok ucuz.", "lang": "tr", "message_lang": "es"},
        headers=headers,
    )
    assert response.json()["findings"][0]["message"].startswith("Tono de marca")


def test_token_without_the_scope_is_refused(herald: Herald) -> None:
    headers = _token(herald, "writer@acme.example", ["posts:read"])
    response = herald.client.post("/api/v1/scan", json={"text": "hi"}, headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({}, "validation_error", "text"),
        ({"text": 5}, "validation_error", "text"),
        ({"text": "hi", "extra": 1}, "validation_error", "extra"),
        ({"text": "hi", "account_type": "robot"}, "validation_error", "account_type"),
        ({"text": "   "}, "empty_text", "text"),
        ({"text": "hello", "lang": "de"}, "unknown_language", "lang"),
        ({"text": "x" * 100_001}, "validation_error", "text"),
    ],
)
def test_bad_input_gets_a_stable_code_naming_the_field(
    herald: Herald, payload: dict[str, object], code: str, field: str
) -> None:
    headers = _token(herald, "writer@acme.example", ["scan"])
    response = herald.client.post("/api/v1/scan", json=payload, headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error.get("field") == field or error["fields"][0]["field"] == field


def test_malformed_json_is_a_clear_error(herald: Herald) -> None:
    headers = _token(herald, "writer@acme.example", ["scan"])
    headers["Content-Type"] = "application/json"
    response = herald.client.post("/api/v1/scan", content=b'{"text": \xff}', headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"


def test_openapi_description_lists_the_api(herald: Herald) -> None:
    paths = herald.client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/scan",
        "/api/v1/posts",
        "/api/v1/policy/activate",
        "/api/v1/audit/export",
    ):
        assert path in paths
    assert not any(p.startswith("/settings") for p in paths)
