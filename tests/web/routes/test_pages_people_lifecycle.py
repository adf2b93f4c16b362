"""A person's life through the pages: invitation, forgotten password, forced change,
an administrator's deactivate / reset, the two-factor QR code and the time zone. E-mail
goes through a real SMTP server on localhost."""

from __future__ import annotations

import re
from collections.abc import Callable

from herald.services.mailer import SmtpSettings
from smtp_sink import smtp_sink
from web.conftest import Herald

STRONG = "a long new passphrase 93"


def _link(mail_text: str, path: str) -> str:
    found = re.search(rf"https://h\.test({path}[A-Za-z0-9_\-]+)", mail_text)
    assert found, mail_text
    return found.group(1)


def test_invited_person_chooses_a_password_once(make_herald: Callable[..., Herald]) -> None:
    with smtp_sink() as sink:
        herald = make_herald(smtp=SmtpSettings("127.0.0.1", sink.port), base_url="https://h.test")
        herald.sign_in("admin@acme.example")
        page = herald.form(
            "/settings/people/invite",
            {"email": "nuria@acme.example", "name": "", "role": "approver", "lang": "tr"},
            page="/settings/people",
        )
        assert page.status_code == 200, page.text
        assert "The invitation was e-mailed to nuria@acme.example." in page.text
        [mail] = sink.to("nuria@acme.example")
    assert mail["Subject"] == "Herald'a davet edildiniz (Acme Bank)"
    path = _link(mail.get_content(), "/invite/")
    herald.sign_out()
    form = herald.client.get(path)
    assert form.status_code == 200
    assert "nuria@acme.example" in form.text
    weak = herald.form(path, {"password": "password1", "name": "Nuria"})
    assert weak.status_code == 400
    assert 'id="pw-problems"' in weak.text
    done = herald.form(path, {"password": STRONG, "name": "Nuria Vidal"})
    assert done.status_code == 303
    assert "Nuria Vidal" in herald.client.get("/notifications").text  # signed in as her
    herald.sign_out()
    again = herald.client.get(path)
    assert again.status_code == 404
    assert 'id="link-invalid"' in again.text
    herald.sign_in("nuria@acme.example", STRONG)


def test_an_invitation_without_smtp_shows_the_link_to_the_admin(herald: Herald) -> None:
    herald.sign_in("owner@acme.example")
    page = herald.form(
        "/settings/people/invite",
        {"email": "late@acme.example", "role": "viewer"},
        page="/settings/people",
    )
    link = re.search(r'id="invite-link">http://localhost:8000(/invite/[^<]+)<', page.text)
    assert link, page.text
    assert herald.client.get(link.group(1)).status_code == 200


def test_password_reset_by_email_says_nothing_about_unknown_addresses(
    make_herald: Callable[..., Herald],
) -> None:
    with smtp_sink() as sink:
        herald = make_herald(smtp=SmtpSettings("127.0.0.1", sink.port), base_url="https://h.test")
        unknown = herald.form("/password/forgot", {"email": "nobody@acme.example"})
        known = herald.form("/password/forgot", {"email": "Viewer@acme.example"})
        assert unknown.status_code == known.status_code == 200
        message = "belongs to someone here, a link to choose a new password is on its way"
        assert message in unknown.text
        assert message in known.text
        assert sink.arrived.wait(10)
        assert sink.recipients == [["viewer@acme.example"]]
        [mail] = sink.to("viewer@acme.example")
    path = _link(mail.get_content(), "/password/reset/")
    assert herald.form(path, {"password": STRONG}).status_code == 303
    herald.sign_out()
    bad = herald.form("/signin", {"email": "viewer@acme.example", "password": "x" * 12})
    assert bad.status_code == 401
    old = herald.form(
        "/signin",
        {"email": "viewer@acme.example", "password": herald.passwords["viewer@acme.example"]},
    )
    assert old.status_code == 401  # the old password no longer works
    herald.sign_in("viewer@acme.example", STRONG)
    herald.sign_out()
    assert herald.client.get(path).status_code == 404  # used once


def test_admin_reset_password_asks_first_then_forces_a_change(herald: Herald) -> None:
    herald.sign_in("admin@acme.example")
    people = herald.client.get("/settings/people").text
    person_id = re.search(
        r'action="/settings/people/(\d+)/manage"[^<]*<input[^>]*>\s*<input type="hidden" name="action" value="reset_password">[^<]*<button[^>]*data-person="writer@acme.example"',
        people,
    )
    assert person_id, "no reset button for the writer"
    url = f"/settings/people/{person_id.group(1)}/manage"
    ask = herald.form(url, {"action": "reset_password"}, page="/settings/people")
    assert ask.status_code == 200
    assert 'id="confirm-yes"' in ask.text
    herald.sign_out()
    herald.sign_in("writer@acme.example")  # nothing changed yet
    herald.sign_out()
    herald.sign_in("admin@acme.example")
    done = herald.form(url, {"action": "reset_password", "confirm": "yes"}, page="/settings/people")
    assert "they must change it when they sign in" in done.text
    temporary = re.search(r'id="new-password">([^<]+)<', done.text).group(1)  # type: ignore[union-attr]
    herald.sign_out()
    herald.sign_in("writer@acme.example", temporary)
    forced = herald.client.get("/compose", follow_redirects=False)
    assert forced.status_code == 303
    assert forced.headers["location"].startswith("/account/security")
    assert 'id="must-change"' in herald.client.get("/account/security").text
    changed = herald.form(
        "/account/password", {"current": temporary, "new": STRONG}, page="/account/security"
    )
    assert changed.status_code == 200
    assert herald.client.get("/compose", follow_redirects=False).status_code == 200


def test_admin_deactivates_and_reactivates_and_resets_two_factor(herald: Herald) -> None:
    viewer_id = herald.workspace.person_id_for_email("viewer@acme.example")
    assert viewer_id is not None
    herald.workspace.credentials.enable_totp(viewer_id, "JBSWY3DPEHPK3PXP")
    herald.sign_in("owner@acme.example")
    url = f"/settings/people/{viewer_id}/manage"
    herald.form(url, {"action": "reset_two_factor", "confirm": "yes"}, page="/settings/people")
    assert herald.workspace.credentials.second_factor(viewer_id) is None
    off = herald.form(url, {"action": "deactivate", "confirm": "yes"}, page="/settings/people")
    assert "can no longer sign in" in off.text
    herald.sign_out()
    refused = herald.form(
        "/signin",
        {"email": "viewer@acme.example", "password": herald.passwords["viewer@acme.example"]},
    )
    assert refused.status_code == 401
    herald.sign_in("owner@acme.example")
    herald.form(url, {"action": "reactivate", "confirm": "yes"}, page="/settings/people")
    herald.sign_out()
    herald.sign_in("viewer@acme.example")


def test_only_admins_manage_people(herald: Herald) -> None:
    viewer_id = herald.workspace.person_id_for_email("viewer@acme.example")
    herald.sign_in("approver@acme.example")
    page = herald.client.get("/settings/people").text
    assert "/manage" not in page
    assert "/settings/people/invite" not in page
    refused = herald.form(
        f"/settings/people/{viewer_id}/manage",
        {"action": "deactivate", "confirm": "yes"},
        page="/settings/people",
    )
    assert refused.status_code == 403


def test_two_factor_setup_shows_a_qr_code_and_time_zone_is_saved(herald: Herald) -> None:
    herald.sign_in("publisher@acme.example")
    page = herald.client.get("/account/security").text
    assert re.search(r'<div class="qr" id="totp-qr"><svg role="img"[^>]*class="qr-code"', page)
    assert "<title>QR code to scan with your authenticator app</title>" in page
    saved = herald.form(
        "/account/time-zone", {"time_zone": "Europe/Istanbul"}, page="/account/security"
    )
    assert "Times are now shown in Europe/Istanbul." in saved.text
    assert 'value="Europe/Istanbul" selected' in herald.client.get("/account/security").text
    bad = herald.form("/account/time-zone", {"time_zone": "Mars/Olympus"}, page="/account/security")
    assert bad.status_code == 400
    assert 'id="tz-error"' in bad.text
