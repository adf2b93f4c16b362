import re

from herald.security import totp
from herald.web.sessions import COOKIE_NAME
from web.conftest import Herald


def _sid(herald: Herald) -> str:
    codec = herald.client.app.state.sessions  # type: ignore[attr-defined]
    session = codec.loads(herald.client.cookies.get(COOKIE_NAME))
    assert session is not None
    return str(session.sid)


def test_pages_need_sign_in(herald: Herald) -> None:
    response = herald.client.get("/approvals", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/approvals"


def test_session_cookie_is_httponly_samesite_and_rotated_at_sign_in(herald: Herald) -> None:
    herald.client.get("/signin")
    before = _sid(herald)
    herald.sign_in("writer@acme.example")
    cookie = herald.client.cookies.jar
    assert any(c.name == COOKIE_NAME for c in cookie)
    assert _sid(herald) != before
    response = herald.client.get("/signin")
    header = response.headers.get("set-cookie", "")
    if header:
        assert "HttpOnly" in header
        assert "SameSite=lax" in header


def test_wrong_password_is_refused_with_a_generic_message(herald: Herald) -> None:
    token = herald.csrf()
    response = herald.client.post(
        "/signin", data={"csrf_token": token, "email": "writer@acme.example", "password": "nope"}
    )
    assert response.status_code == 401
    assert "The e-mail address or the password is wrong." in response.text
    response = herald.client.post(
        "/signin", data={"csrf_token": token, "email": "nobody@acme.example", "password": "nope"}
    )
    assert response.status_code == 401
    assert "The e-mail address or the password is wrong." in response.text


def test_sign_in_without_csrf_token_is_refused(herald: Herald) -> None:
    herald.client.get("/signin")
    response = herald.client.post(
        "/signin",
        data={"email": "writer@acme.example", "password": herald.passwords["writer@acme.example"]},
    )
    assert response.status_code == 403
    assert herald.client.get("/compose", follow_redirects=False).status_code == 303


def test_sign_in_is_rate_limited(herald: Herald) -> None:
    token = herald.csrf()
    for _ in range(5):
        herald.client.post(
            "/signin", data={"csrf_token": token, "email": "viewer@acme.example", "password": "x"}
        )
    response = herald.client.post(
        "/signin",
        data={
            "csrf_token": token,
            "email": "viewer@acme.example",
            "password": herald.passwords["viewer@acme.example"],
        },
    )
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    assert "Too many attempts" in response.text


def test_open_redirects_are_refused(herald: Herald) -> None:
    token = herald.csrf()
    response = herald.client.post(
        "/signin",
        data={
            "csrf_token": token,
            "email": "writer@acme.example",
            "password": herald.passwords["writer@acme.example"],
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_two_factor_enrolment_then_sign_in_with_code_and_recovery_code(herald: Herald) -> None:
    herald.sign_in("approver@acme.example")
    page = herald.client.get("/account/security")
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text).group(1)  # type: ignore[union-attr]
    setup_code = totp.current_code(secret)
    response = herald.form(
        "/account/security/totp",
        {"secret": secret, "code": setup_code},
        page="/account/security",
    )
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", response.text)
    assert len(codes) == 10
    herald.sign_out()

    token = herald.csrf()
    response = herald.client.post(
        "/signin",
        data={
            "csrf_token": token,
            "email": "approver@acme.example",
            "password": herald.passwords["approver@acme.example"],
        },
        follow_redirects=False,
    )
    assert response.headers["location"].startswith("/signin/2fa")
    # Password alone is not enough.
    assert herald.client.get("/approvals", follow_redirects=False).status_code == 303
    response = herald.form("/signin/2fa", {"code": "000000"}, page="/signin/2fa")
    assert response.status_code == 401
    # The code typed at enrolment was spent there: replaying it does not sign in.
    response = herald.form("/signin/2fa", {"code": setup_code}, page="/signin/2fa")
    assert response.status_code == 401
    response = herald.form("/signin/2fa", {"code": codes[0]}, page="/signin/2fa")
    assert response.status_code == 303
    assert herald.client.get("/approvals").status_code == 200


def test_organisation_can_require_two_factor(herald: Herald) -> None:
    herald.sign_in("owner@acme.example")
    response = herald.form("/settings/security", {"require_two_factor": "on"})
    assert response.status_code == 303
    herald.sign_out()
    herald.sign_in("writer@acme.example")
    response = herald.client.get("/compose", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/account/security"
    assert "requires two-factor" in herald.client.get("/account/security").text


def test_only_admins_change_sign_in_rules(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form("/settings/security", {"require_two_factor": "on"})
    assert response.status_code == 400
    assert not herald.workspace.credentials.requires_two_factor(1)
