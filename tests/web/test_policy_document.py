"""The policy document page and its downloads, in each language."""

from __future__ import annotations

import pytest

from web.conftest import Herald


@pytest.mark.parametrize(
    ("lang", "title", "section"),
    [
        ("tr", "Sosyal medya politikası", "Temel kurallar"),
        ("es", "Política de redes sociales", "Las reglas mínimas"),
        ("en", "Social media policy", "The minimum rules"),
    ],
)
def test_the_document_page_in_each_language(
    herald: Herald, lang: str, title: str, section: str
) -> None:
    herald.sign_in("viewer@acme.example")
    page = herald.client.get(f"/policy/document?lang={lang}")
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.text
    assert section in page.text
    assert f'href="/policy/document.pdf?lang={lang}"' in page.text


def test_who_may_speak_comes_from_the_accounts_and_grants(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    page = herald.client.get("/policy/document?lang=en").text
    who = page.split('id="who_speaks"', 1)[1].split("</section>", 1)[0]
    assert "Brand accounts" in who
    assert "publishes:" in who


def test_downloads(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    pdf = herald.client.get("/policy/document.pdf?lang=tr")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert 'filename="policy-tr.pdf"' in pdf.headers["content-disposition"]
    markdown = herald.client.get("/policy/document.md?lang=es")
    assert markdown.text.startswith("# Política de redes sociales")
    html = herald.client.get("/policy/document.html?lang=en")
    assert "<h1>Social media policy</h1>" in html.text
    assert herald.client.get("/policy/document.exe").status_code == 404


def test_the_document_needs_a_signed_in_person(herald: Herald) -> None:
    for path in ("/policy/document", "/policy/document.pdf"):
        answer = herald.client.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/signin")


def test_acknowledging_the_policy_from_its_page(herald: Herald) -> None:
    herald.sign_in("agent@acme.example")
    page = herald.client.get("/policy/document?lang=en").text
    assert "I have read this policy and will follow it" in page
    version = page.split('name="version" value="', 1)[1].split('"', 1)[0]
    refused = herald.client.post(
        "/policy/acknowledge", data={"version": version}, follow_redirects=False
    )
    assert refused.status_code == 403  # no CSRF token
    done = herald.client.post(
        "/policy/acknowledge",
        data={"version": version, "csrf_token": herald.csrf()},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = herald.client.get(done.headers["location"]).text
    assert "your acknowledgement is recorded" in page
    assert "You acknowledged this version on" in page
    stale = herald.client.post(
        "/policy/acknowledge",
        data={"version": "sha256:0000000000000000", "csrf_token": herald.csrf()},
    )
    assert stale.status_code == 409
    assert "a new version of the policy is in force" in stale.text


def test_the_overview_is_for_compliance_and_administrators(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    assert herald.client.get("/policy/acknowledgements").status_code == 403
    assert "Who has acknowledged it" not in herald.client.get("/policy/document").text
    herald.sign_in("compliance@acme.example")
    page = herald.client.get("/policy/acknowledgements?lang=en")
    assert page.status_code == 200
    assert "people have acknowledged it" in page.text
    assert "Not yet acknowledged" in page.text
