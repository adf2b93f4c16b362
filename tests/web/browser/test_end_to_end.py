"""The whole journey in a real browser: two-factor sign-in, the composer in three
languages (finding highlighted, one-click fix, submit), approval by another person,
the audit trail, and switching the interface language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from herald.security import totp
from web.browser.conftest import LiveHerald

pytestmark = pytest.mark.browser

# (language, text with a fixable finding, the flagged words, the fix)
DRAFTS = (
    ("tr", "Yeni kredi kartımız çok ucuz ve hemen kullanılabilir.", "ucuz", "uygun fiyatlı"),
    ("es", "Nuestra nueva tarjeta es barata y llega en un día.", "barata", "asequible"),
    ("en", "Our new card is cheap and arrives in a day.", "cheap", "affordable"),
)


def _sign_in(page: Any, live: LiveHerald, email: str) -> None:
    page.goto(f"{live.url}/signin")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(live.passwords[email])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/signin/2fa.*"))
    page.get_by_label("Code").fill(_second_factor(live, email))
    page.get_by_role("button", name="Verify").click()
    # Each role lands where its work is: the writer in the composer, reviewers on the queue.
    page.wait_for_url(re.compile(r".*/(compose|approvals|policy/acknowledgements)$"))


_signed_in_once: set[str] = set()


def _second_factor(live: LiveHerald, email: str) -> str:
    """The authenticator's code the first time; a recovery code after that, because a
    code works only once and the next one is up to 30 seconds away."""
    if email not in _signed_in_once:
        _signed_in_once.add(email)
        return totp.current_code(live.totp_secrets[email])
    return live.recovery_codes[email].pop()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name=re.compile("Sign out|Oturumu kapat|Cerrar sesión")).click()
    page.wait_for_url(re.compile(r".*/signin$"))


def test_write_fix_submit_approve_audit_and_switch_language(
    browser: Any, live: LiveHerald, screenshots: Path
) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{live.url}/signin")
    page.screenshot(path=str(screenshots / "signin.png"), full_page=True)
    _sign_in(page, live, "writer@acme.example")

    post_ids = []
    for lang, text, flagged, fix in DRAFTS:
        page.goto(f"{live.url}/compose")
        page.get_by_label(re.compile("Acme Bank Türkiye")).check()
        preview = page.locator("#previews article")
        preview.wait_for()
        page.get_by_label("Language of the post").select_option(lang)
        page.get_by_label("Text", exact=True).fill(text)
        mark = page.locator("#highlights mark", has_text=flagged)
        mark.wait_for()
        finding = page.locator("#findings li").first
        assert flagged in finding.inner_text()
        assert "3.1 Brand voice" in finding.inner_text()
        assert f"{len(text)} / 280" in preview.inner_text()
        page.screenshot(path=str(screenshots / f"composer-{lang}.png"), full_page=True)
        finding.get_by_role("button", name=re.compile("Apply fix")).click()
        page.wait_for_function(
            "([fix]) => document.getElementById('text').value.includes(fix)", arg=[fix]
        )
        page.locator("#highlights mark").first.wait_for(state="detached")
        assert fix in page.get_by_label("Text", exact=True).input_value()
        page.get_by_role("button", name="Send for approval").click()
        page.wait_for_url(re.compile(r".*/posts/\d+$"))
        assert page.locator("#post-state").inner_text() == "In review"
        post_ids.append(int(page.url.rsplit("/", 1)[1]))
    _sign_out(page)

    _sign_in(page, live, "compliance@acme.example")
    page.goto(f"{live.url}/approvals")
    page.screenshot(path=str(screenshots / "approvals.png"), full_page=True)
    for post_id in post_ids:
        assert page.locator(f'a[href="/posts/{post_id}"]').count() > 0
    for index, post_id in enumerate(post_ids):
        page.goto(f"{live.url}/posts/{post_id}")
        if index == 0:
            page.screenshot(path=str(screenshots / "post-review.png"), full_page=True)
        page.get_by_role("button", name="Approve", exact=True).click()
        # On to the next post waiting (or the queue), with a confirmation.
        page.wait_for_url(re.compile(rf".*\?done=approve&decided={post_id}$"))
        assert f"(post #{post_id})" in page.locator(".flash").inner_text()
        page.goto(f"{live.url}/posts/{post_id}")
        assert page.locator("#post-state").inner_text() == "Approved"
        trail = page.locator("#audit-trail").inner_text()
        for action in ("post.created", "post.decision", "Approved", "Zeynep Aydın", "Elif Şahin"):
            assert action in trail
    page.screenshot(path=str(screenshots / "post-approved.png"), full_page=True)

    page.goto(f"{live.url}/policy")
    page.get_by_label("Language").select_option("tr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url(re.compile(r".*/policy$"))
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.get_by_role("heading", name="Sosyal medya politikamız").is_visible()
    assert "duyurulmamış bir proje" in page.content()
    page.screenshot(path=str(screenshots / "policy-tr.png"), full_page=True)
    page.goto(f"{live.url}/settings/policy")
    page.screenshot(path=str(screenshots / "settings-policy-tr.png"), full_page=True)
    page.get_by_label("Dil").select_option("es")
    page.get_by_role("button", name="Değiştir").click()
    page.wait_for_url(re.compile(r".*/settings/policy$"))
    assert page.get_by_role("heading", name="Paquete de políticas").is_visible()
    context.close()


def test_keyboard_reaches_the_main_content_first(browser: Any, live: LiveHerald) -> None:
    page = browser.new_page()
    page.goto(f"{live.url}/no-such-page")  # a page without an autofocused field
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_policy_validation_shows_problems_in_place(
    browser: Any, live: LiveHerald, screenshots: Path
) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, live, "compliance@acme.example")
    page.goto(f"{live.url}/settings/policy")
    page.evaluate("window.herald_marker = 1")  # survives only if the page is not reloaded
    page.get_by_label("or paste the YAML").fill(
        "herald: 1\nrules:\n  - id: broken\n    type: existence\n    category: nope\n"
    )
    page.get_by_role("button", name="Validate", exact=True).click()
    page.locator("#policy-problems").wait_for()
    assert "Line 5" in page.locator("#policy-problems").inner_text()
    assert page.evaluate("window.herald_marker") == 1
    assert page.url.endswith("/settings/policy")
    page.screenshot(path=str(screenshots / "settings-policy-problems.png"), full_page=True)
    context.close()


APPROVED = {"tr": "Onaylandı", "es": "Aprobada", "en": "Approved"}
IN_REVIEW = {"tr": "İncelemede", "es": "En revisión", "en": "In review"}
REVIEW_BUTTON = {"tr": "İncele ve karar ver", "es": "Revisar y decidir", "en": "Review and decide"}
APPROVE_BUTTON = {"tr": "Onayla", "es": "Aprobar", "en": "Approve"}
CHANGE_BUTTON = {"tr": "Değiştir", "es": "Cambiar", "en": "Change"}


def test_compliance_officer_approves_a_post_in_each_interface_language(
    browser: Any, live: LiveHerald
) -> None:
    """The acceptance path: sign in as the demo compliance officer, approve, per language."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, live, "compliance@acme.example")
    current = "en"
    for lang in ("tr", "es", "en"):
        page.goto(f"{live.url}/approvals")
        page.locator("#locale-select").select_option(lang)
        page.get_by_role("button", name=CHANGE_BUTTON[current], exact=True).click()
        page.wait_for_url(re.compile(r".*/approvals$"))
        current = lang
        assert page.locator("html").get_attribute("lang") == lang
        # The first post without a blocking finding.
        cards = page.locator("li.card").filter(has_not=page.locator(".badge.sev-block"))
        cards.first.get_by_role("link", name=REVIEW_BUTTON[lang]).click()
        page.wait_for_url(re.compile(r".*/posts/\d+$"))
        page.get_by_role("button", name=APPROVE_BUTTON[lang], exact=True).click()
        page.wait_for_url(re.compile(r".*\?done=approve&decided=\d+$"))
        decided = int(page.url.rsplit("=", 1)[1])
        page.goto(f"{live.url}/posts/{decided}")
        state = page.locator("#post-state").inner_text()
        # A two-step workflow keeps the post in review after the first step.
        assert state == APPROVED[lang] or page.locator("#audit-trail").inner_text().count(
            "post.decision"
        )
    context.close()


def test_api_docs_render_in_the_browser_under_the_apps_csp(
    browser: Any, live: LiveHerald, screenshots: Path
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live.url}/api/docs")
    page.get_by_text("/api/v1/scan").first.wait_for(timeout=30_000)
    page.screenshot(path=str(screenshots / "api-docs.png"))
    assert not [e for e in errors if "Content Security Policy" in e]
    page.close()
