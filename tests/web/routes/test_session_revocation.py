"""A session cookie copied before sign-out, revocation or deactivation stops working."""

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from herald.services import people
from herald.web.sessions import COOKIE_NAME
from web.conftest import Herald


def _thief(herald: Herald) -> TestClient:
    """Another browser holding a copy of the signed-in cookie."""
    copy = TestClient(herald.client.app)
    cookie = herald.client.cookies.get(COOKIE_NAME)
    assert cookie
    copy.cookies.set(COOKIE_NAME, cookie)
    return copy


def test_a_cookie_captured_before_sign_out_no_longer_works(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    thief = _thief(herald)
    assert thief.get("/api/v1/posts").status_code == 200
    assert thief.get("/approvals", follow_redirects=False).status_code == 200
    herald.sign_out()
    assert thief.get("/api/v1/posts").status_code == 401
    assert thief.get("/approvals", follow_redirects=False).status_code == 303
    assert herald.client.get("/api/v1/posts").status_code == 401


def test_sign_out_ends_only_that_session(make_herald: Callable[[], Herald]) -> None:
    laptop = make_herald()
    laptop.sign_in("writer@acme.example")
    phone = Herald(TestClient(laptop.client.app), laptop.workspace, laptop.passwords)
    phone.sign_in("writer@acme.example")
    laptop.sign_out()
    assert phone.client.get("/api/v1/posts").status_code == 200


def test_sign_out_everywhere_ends_copies_of_the_other_cookies(
    make_herald: Callable[[], Herald],
) -> None:
    laptop = make_herald()
    laptop.sign_in("writer@acme.example")
    phone = Herald(TestClient(laptop.client.app), laptop.workspace, laptop.passwords)
    phone.sign_in("writer@acme.example")
    thief = _thief(phone)
    laptop.form("/account/sessions/revoke", {}, page="/account/security")
    assert thief.get("/api/v1/posts").status_code == 401
    assert laptop.client.get("/api/v1/posts").status_code == 200


def test_deactivation_signs_the_person_out_everywhere(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    thief = _thief(herald)
    workspace = herald.workspace

    def deactivate(session: Session) -> None:
        owner = people.get_by_email(session, 1, "owner@acme.example")
        writer = people.get_by_email(session, owner.org_id, "writer@acme.example")
        people.set_active(session, owner, writer, False)

    workspace.write(deactivate)
    assert herald.client.get("/api/v1/posts").status_code == 401
    # Reactivated, the old cookie still does not come back to life.
    workspace.write(
        lambda s: people.set_active(
            s,
            people.get_by_email(s, 1, "owner@acme.example"),
            people.get_by_email(s, 1, "writer@acme.example"),
            True,
        )
    )
    assert thief.get("/api/v1/posts").status_code == 401


def test_an_administrator_resetting_a_password_signs_the_person_out(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    thief = _thief(herald)

    def reset(session: Session) -> None:
        owner = people.get_by_email(session, 1, "owner@acme.example")
        writer = people.get_by_email(session, 1, "writer@acme.example")
        people.set_password(session, owner, writer, "kestane-vapur-limon-47-yeni")

    herald.workspace.write(reset)
    assert thief.get("/api/v1/posts").status_code == 401
