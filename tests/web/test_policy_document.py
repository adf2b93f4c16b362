"""The policy document page and its downloads, in each language."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import policies, policy_quiz
from herald.store.models import Person
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


def _quiz_answers(herald: Herald, email: str) -> tuple[int, list[int]]:
    """The open attempt's id and its right answers, read from the database."""

    def read(session: Session) -> tuple[int, list[int]]:
        person = session.scalars(select(Person).where(Person.email == email)).one()
        version = policies.require_active_version(session, person.org_id)
        attempt = policy_quiz.open_attempt(session, person, version)
        assert attempt is not None
        return attempt.id, [q.answer for q in policy_quiz.questions_of(attempt)]

    return herald.workspace.read(read)


def test_the_quiz_then_the_acknowledgement_from_the_page(herald: Herald) -> None:
    herald.sign_in("agent@acme.example")
    herald.client.headers["Accept-Language"] = "es"
    page = herald.client.get("/policy/document?lang=es").text
    assert "Responder al cuestionario" in page
    assert 'action="/policy/acknowledge"' not in page  # the quiz comes first
    refused = herald.client.post(
        "/policy/acknowledge",
        data={"version": "x", "csrf_token": herald.csrf()},
    )
    assert refused.status_code == 409
    start = herald.client.post(
        "/policy/quiz/start",
        data={"lang": "es", "csrf_token": herald.csrf()},
        follow_redirects=False,
    )
    assert start.status_code == 303
    quiz = herald.client.get(start.headers["location"]).text
    assert "Pregunta 1 de 5" in quiz
    assert "Sí: puede publicarse tal como está." in quiz
    attempt, right = _quiz_answers(herald, "agent@acme.example")
    wrong = {f"q{i}": str((a + 1) % 4) for i, a in enumerate(right)}
    failed = herald.client.post(
        "/policy/quiz", data={"attempt": attempt, "csrf_token": herald.csrf(), **wrong}
    )
    assert failed.status_code == 200
    assert "No aprobado: 0 de 5" in failed.text
    herald.client.post("/policy/quiz/start", data={"lang": "es", "csrf_token": herald.csrf()})
    attempt, right = _quiz_answers(herald, "agent@acme.example")
    answers = {f"q{i}": str(a) for i, a in enumerate(right)}
    passed = herald.client.post(
        "/policy/quiz", data={"attempt": attempt, "csrf_token": herald.csrf(), **answers}
    )
    assert "Aprobado: 5 de 5" in passed.text
    version = passed.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    done = herald.client.post(
        "/policy/acknowledge",
        data={"version": version, "csrf_token": herald.csrf()},
        follow_redirects=False,
    )
    assert done.status_code == 303
    herald.client.headers["Accept-Language"] = "en"
    page = herald.client.get(done.headers["location"]).text
    assert "You acknowledged this version on" in page
    stale = herald.client.post(
        "/policy/acknowledge",
        data={"version": "sha256:0000000000000000", "csrf_token": herald.csrf()},
    )
    assert stale.status_code == 409
    herald.sign_in("compliance@acme.example")
    herald.client.headers["Accept-Language"] = "tr"
    overview = herald.client.get("/policy/acknowledgements").text
    assert "5/5, 2 deneme" in overview
    assert "geçti" in overview


def test_someone_elses_attempt_cannot_be_graded(herald: Herald) -> None:
    herald.sign_in("agent@acme.example")
    herald.client.post("/policy/quiz/start", data={"lang": "en", "csrf_token": herald.csrf()})
    attempt, right = _quiz_answers(herald, "agent@acme.example")
    herald.sign_in("viewer@acme.example")
    answers = {f"q{i}": str(a) for i, a in enumerate(right)}
    theirs = herald.client.post(
        "/policy/quiz", data={"attempt": attempt, "csrf_token": herald.csrf(), **answers}
    )
    assert theirs.status_code == 403


def test_what_changed_page_and_reminders(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    herald.client.headers["Accept-Language"] = "tr"
    single = herald.client.get("/policy/changes?lang=en")
    assert single.status_code == 200
    assert "karşılaştırılacak bir şey yok" in single.text
    pack = (
        "herald: 1\nname: Stricter\nextends: herald:default\n"
        "acknowledgement: {required_to_draft: true}\n"
    )
    activated = herald.client.post(
        "/settings/policy",
        data={"action": "activate", "source": pack, "csrf_token": herald.csrf("/settings/policy")},
        follow_redirects=False,
    )
    assert activated.status_code in (200, 303), activated.text
    changes = herald.client.get("/policy/changes?lang=en").text
    assert "Politikada neler değişti" in changes  # the page in Turkish, the changes in English
    assert "Acknowledging the policy is now required before drafting posts." in changes
    missing = herald.client.get("/policy/changes?old=2147483647&new=1")
    assert missing.status_code == 404
    huge = herald.client.get(f"/policy/changes?old={2**40}&new=1")
    assert huge.status_code == 404
    reminded = herald.client.post(
        "/policy/acknowledgements/remind",
        data={"csrf_token": herald.csrf()},
        follow_redirects=False,
    )
    assert reminded.status_code == 303
    assert "hatırlatma gönderildi" in herald.client.get(reminded.headers["location"]).text
    herald.sign_in("writer@acme.example")
    page = herald.client.get("/policy/document?lang=tr").text
    assert "Hatırlatma" in page


def test_the_overview_is_for_compliance_and_administrators(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    assert herald.client.get("/policy/acknowledgements").status_code == 403
    assert "Who has acknowledged it" not in herald.client.get("/policy/document").text
    herald.sign_in("compliance@acme.example")
    page = herald.client.get("/policy/acknowledgements?lang=en")
    assert page.status_code == 200
    assert "people have acknowledged it" in page.text
    assert "Not yet acknowledged" in page.text
