from web.conftest import Herald

GOOD = """herald: 1
name: Test pack
extends: herald:default
rules:
  - id: brand.banned-word
    type: existence
    category: brand_voice
    severity: warn
    terms: {en: [awesomesauce], tr: [süpersos], es: [salsagenial]}
    message:
      en: "Avoid “{match}”."
      tr: "“{match}” kullanmayın."
      es: "Evite «{match}»."
"""

BAD = """herald: 1
rules:
  - id: broken
    type: existence
    category: not_a_category
    severity: warn
    terms: [x]
    message: {en: "x"}
"""


def _headers(herald: Herald, email: str, scopes: list[str]) -> dict[str, str]:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, plaintext = herald.workspace.credentials.issue_token(person_id, "test", scopes)
    return {"Authorization": f"Bearer {plaintext}"}


def test_rules_are_listed_in_the_requested_language(herald: Herald) -> None:
    headers = _headers(herald, "viewer@acme.example", ["policy:read"])
    body = herald.client.get("/api/v1/policy?lang=es", headers=headers).json()
    codename = next(r for r in body["rules"] if r["id"] == "confidential.codename")
    assert codename["message"].startswith("«…» es un proyecto")
    assert body["version"].startswith("sha256:")


def test_validation_reports_problems_at_their_line(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example", ["policy:read", "policy:write"])
    body = herald.client.post(
        "/api/v1/policy/validate", json={"source": BAD}, headers=headers
    ).json()
    assert body["valid"] is False
    assert any(p["line"] == 5 for p in body["problems"])
    response = herald.client.post("/api/v1/policy/activate", json={"source": BAD}, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_policy"
    assert response.json()["error"]["field"] == "source"


def test_activation_changes_what_the_scanner_finds(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example", ["scan", "policy:read", "policy:write"])
    before = herald.client.post(
        "/api/v1/scan", json={"text": "This is awesomesauce."}, headers=headers
    )
    assert before.json()["findings"] == []
    assert herald.client.post(
        "/api/v1/policy/validate", json={"source": GOOD}, headers=headers
    ).json()["valid"]
    response = herald.client.post("/api/v1/policy/activate", json={"source": GOOD}, headers=headers)
    assert response.status_code == 201, response.text
    after = herald.client.post(
        "/api/v1/scan", json={"text": "This is awesomesauce."}, headers=headers
    )
    assert [f["rule_id"] for f in after.json()["findings"]] == ["brand.banned-word"]


def test_only_policy_roles_activate(herald: Herald) -> None:
    headers = _headers(herald, "writer@acme.example", ["policy:read", "policy:write"])
    response = herald.client.post("/api/v1/policy/activate", json={"source": GOOD}, headers=headers)
    assert response.status_code == 403


def test_validation_speaks_the_requested_language_and_gives_codes(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example", ["policy:read", "policy:write"])
    by_lang = {
        lang: herald.client.post(
            f"/api/v1/policy/validate?lang={lang}", json={"source": BAD}, headers=headers
        ).json()["problems"]
        for lang in ("tr", "es", "en")
    }
    (tr,), (es,), (en,) = by_lang["tr"], by_lang["es"], by_lang["en"]
    assert (tr["line"], tr["column"], tr["code"]) == (5, 15, "not_one_of")
    assert tr["code"] == es["code"] == en["code"]
    assert "brand_voice" in tr["args"]["allowed"]
    assert tr["message"].startswith("category: şunlardan biri olmalı: 'personal_data', ")
    assert tr["message"].endswith(" veya 'brand_voice'")
    assert es["message"].startswith("category: debe ser 'personal_data', ")
    assert es["message"].endswith(" o 'brand_voice'")
    assert en["message"].startswith("category: Input should be 'personal_data', ")
    response = herald.client.post(
        "/api/v1/policy/activate?lang=es", json={"source": BAD}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("Línea 5: category: debe ser ")
    assert response.json()["error"]["problems"][0]["code"] == "not_one_of"


HOSTILE = "herald: 1\nextends: /etc/passwd\n"


def test_validation_never_reads_a_file_named_by_an_upload(herald: Herald) -> None:
    headers = _headers(herald, "viewer@acme.example", ["policy:read"])
    body = herald.client.post(
        "/api/v1/policy/validate", json={"source": HOSTILE}, headers=headers
    ).json()
    assert [p["code"] for p in body["problems"]] == ["extends_upload"]
    assert "root:" not in str(body)


def test_activation_refuses_a_scan_only_token_before_parsing(herald: Herald) -> None:
    for email in ("compliance@acme.example", "viewer@acme.example"):
        headers = _headers(herald, email, ["scan"])
        response = herald.client.post(
            "/api/v1/policy/activate", json={"source": HOSTILE}, headers=headers
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "insufficient_scope"
        assert "root:" not in response.text
    # A role that may not activate is refused before its pack is read, too.
    headers = _headers(herald, "writer@acme.example", ["policy:read", "policy:write"])
    response = herald.client.post(
        "/api/v1/policy/activate", json={"source": HOSTILE}, headers=headers
    )
    assert response.status_code == 403
    assert "problems" not in response.json()["error"]


def test_activation_refuses_a_file_reference(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example", ["policy:read", "policy:write"])
    response = herald.client.post(
        "/api/v1/policy/activate", json={"source": HOSTILE}, headers=headers
    )
    assert response.status_code == 422
    assert [p["code"] for p in response.json()["error"]["problems"]] == ["extends_upload"]
    assert "root:" not in response.text


def test_hostile_yaml_gets_its_line_from_validate_and_activate(herald: Herald) -> None:
    from policy.test_yaml_safety import alias_bomb

    headers = _headers(herald, "compliance@acme.example", ["policy:read", "policy:write"])
    for source, code in ((alias_bomb(), "yaml_alias"), ("herald: 1\nname: =\n", "yaml_tag")):
        body = herald.client.post(
            "/api/v1/policy/validate", json={"source": source}, headers=headers
        ).json()
        assert body["problems"][0]["code"] == code
        response = herald.client.post(
            "/api/v1/policy/activate", json={"source": source}, headers=headers
        )
        assert response.status_code == 422
        assert response.json()["error"]["problems"][0]["code"] == code
