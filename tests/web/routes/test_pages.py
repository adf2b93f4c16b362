import re

from web.conftest import Herald


def test_start_page_leads_to_sign_in_then_to_the_composer(herald: Herald) -> None:
    assert herald.client.get("/", follow_redirects=False).headers["location"] == "/signin"
    herald.sign_in("writer@acme.example")
    assert herald.client.get("/", follow_redirects=False).headers["location"] == "/compose"


def test_each_role_lands_where_its_work_is(herald: Herald) -> None:
    expected = {
        "approver": "/approvals",
        "compliance": "/approvals",  # the demo has posts waiting for the compliance officer
        "publisher": "/posts?state=approved",
        "owner": "/settings",
        "admin": "/settings",
        "viewer": "/posts",
    }
    for who, where in expected.items():
        herald.sign_in(f"{who}@acme.example")
        assert herald.client.get("/", follow_redirects=False).headers["location"] == where, who
        herald.sign_out()


def test_policy_page_lists_active_rules_in_the_readers_language(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    herald.form("/locale", {"locale": "es", "next": "/policy"}, page="/policy")
    page = herald.client.get("/policy").text
    assert "Nuestra política de redes sociales" in page
    assert "«…» es un proyecto no anunciado" in page
    assert re.search(r"\d+ reglas activas", page)
    assert "{match}" not in page


def test_language_choice_survives_sign_out(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    herald.form("/locale", {"locale": "tr", "next": "/policy"}, page="/policy")
    herald.sign_out()
    assert "Oturum aç</button>" in herald.client.get("/signin").text
