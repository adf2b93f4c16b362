import re

from web.conftest import Herald

BAD_PACK = """herald: 1
rules:
  - id: broken
    type: existence
    category: not_a_category
    severity: warn
    terms: [x]
    message: {en: "x"}
"""

GOOD_PACK = """herald: 1
name: Uploaded pack
extends: herald:default
"""


def test_admin_adds_a_person_who_can_then_sign_in(herald: Herald) -> None:
    herald.sign_in("admin@acme.example")
    response = herald.form(
        "/settings/people",
        {"email": "nuevo@acme.example", "name": "Nuevo", "role": "approver", "lang": "es"},
    )
    assert response.status_code == 200
    password = re.search(r'id="new-password">([^<]+)<', response.text).group(1)  # type: ignore[union-attr]
    herald.sign_out()
    herald.sign_in("nuevo@acme.example", password)
    assert "Nuevo" in herald.client.get("/approvals").text


def test_refusals_from_the_services_are_shown_on_the_page(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form(
        "/settings/people", {"email": "x@acme.example", "name": "X", "role": "owner", "lang": "en"}
    )
    assert response.status_code == 400
    assert 'class="flash error"' in response.text


def test_teams_accounts_grants_and_workflows(herald: Herald) -> None:
    herald.sign_in("owner@acme.example")
    assert herald.form("/settings/teams", {"slug": "legal", "name": "Legal"}).status_code == 303
    assert "Legal" in herald.client.get("/settings/teams").text
    response = herald.form(
        "/settings/accounts",
        {"network": "bluesky", "handle": "acme.bsky.social", "display_name": "Acme Bluesky"},
    )
    assert response.status_code == 303
    page = herald.client.get("/settings/accounts")
    account_id = re.findall(r'action="/settings/accounts/(\d+)/grants"', page.text)[-1]
    response = herald.form(
        f"/settings/accounts/{account_id}/grants",
        {"capability": "draft", "grantee": "team:legal"},
        page="/settings/accounts",
    )
    assert response.status_code == 303
    response = herald.form(
        f"/settings/accounts/{account_id}/workflow",
        {
            "workflow_name": "two steps",
            "step1_name": "Legal check",
            "step1_rule": "all",
            "step1_people": "compliance@acme.example",
            "step2_name": "Final",
            "step2_teams": "message-approval",
            "step2_deadline_hours": "4",
        },
        page="/settings/accounts",
    )
    assert response.status_code == 303, response.text
    page = herald.client.get("/settings/accounts").text
    assert "Legal check" in page
    assert "Final" in page


def test_workflow_with_unknown_approver_is_refused_with_the_reason(herald: Herald) -> None:
    herald.sign_in("owner@acme.example")
    page = herald.client.get("/settings/accounts")
    account_id = re.findall(r'action="/settings/accounts/(\d+)/workflow"', page.text)[0]
    response = herald.form(
        f"/settings/accounts/{account_id}/workflow",
        {"step1_name": "X", "step1_people": "ghost@acme.example"},
        page="/settings/accounts",
    )
    assert response.status_code == 400
    assert "ghost@acme.example" in response.text


def test_policy_upload_shows_problems_at_their_line(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    response = herald.form("/settings/policy", {"action": "validate", "source": BAD_PACK})
    assert response.status_code == 400
    assert re.search(r"Line 5\b", response.text)
    assert '<span class="bad">   5  ' in response.text
    # Nothing was activated.
    assert (
        "acme-demo" in herald.client.get("/settings/policy").text
        or "Acme Bank" in herald.client.get("/settings/policy").text
    )


def test_policy_file_upload_validates_and_activates(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    response = herald.form(
        "/settings/policy",
        {"action": "activate"},
        files={"upload": ("pack.yaml", GOOD_PACK.encode(), "text/yaml")},
    )
    assert response.status_code == 303, response.text
    assert "Uploaded pack" in herald.client.get("/settings/policy").text


def test_policy_upload_that_is_not_utf8_is_refused_and_named(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    response = herald.form(
        "/settings/policy",
        {"action": "validate"},
        files={"upload": ("pack.yaml", b"herald: 1\nname: \xff\n", "text/yaml")},
    )
    assert response.status_code == 400
    assert "Line 2" in response.text


def test_writer_cannot_activate_a_pack(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form("/settings/policy", {"action": "activate", "source": GOOD_PACK})
    assert response.status_code == 403
    assert "Uploaded pack" not in herald.client.get("/settings/policy").text


def test_policy_problems_are_shown_in_the_readers_language_at_their_line(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    herald.form("/locale", {"locale": "tr", "next": "/settings/policy"}, page="/settings/policy")
    response = herald.form("/settings/policy", {"action": "validate", "source": BAD_PACK})
    assert response.status_code == 400
    problems = re.search(r'<ul class="problems" id="policy-problems">(.*?)</ul>', response.text)
    assert problems is not None
    items = re.findall(r"<li>(.*?)</li>", problems.group(1))
    assert len(items) == 1
    assert items[0].startswith("Satır 5, sütun 15: category: şunlardan biri olmalı: ")
    assert items[0].endswith(" veya &#39;brand_voice&#39;")
    assert '<span class="bad">   5  ' in response.text
    assert "Input should be" not in response.text


def test_the_policy_page_never_reads_a_file_named_by_an_upload(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    for action in ("validate", "activate"):
        response = herald.form(
            "/settings/policy",
            {"action": action, "source": "herald: 1\nextends: /etc/passwd\n"},
        )
        assert response.status_code == 400
        assert "root:x:0:0" not in response.text
        assert "herald:…" in response.text  # the reason: built-in packs only


def test_a_viewer_cannot_have_a_pack_parsed_on_the_policy_page(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    response = herald.form(
        "/settings/policy", {"action": "validate", "source": "herald: 1\nextends: /etc/passwd\n"}
    )
    assert response.status_code == 403
    assert "root:x:0:0" not in response.text


def test_the_policy_page_refuses_an_alias_bomb_at_its_line(herald: Herald) -> None:
    from policy.test_yaml_safety import alias_bomb

    herald.sign_in("compliance@acme.example")
    response = herald.form("/settings/policy", {"action": "validate", "source": alias_bomb()})
    assert response.status_code == 400
    assert "aliases" in response.text
