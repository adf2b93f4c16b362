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
