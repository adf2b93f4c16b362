"""Two organisations with a person in every role, signed in on the pages and holding an
API token with every scope: the callers of the authorization matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from herald.security.api_tokens import SCOPES
from herald.services import orgs, people
from herald.store.enums import Role
from herald.store.models import (
    Account,
    AdvocacyItem,
    ListeningAlert,
    Notification,
    Person,
    Post,
    Team,
)
from web.conftest import CSRF, META_CSRF, Herald

FOREIGN_DOMAIN = "globex.example"
PASSWORD = "matrix-Passw0rd-long-enough"


@dataclass
class Caller:
    role: Role
    email: str
    token: str
    client: TestClient
    csrf: str = ""


@dataclass
class World:
    herald: Herald
    own: dict[Role, Caller] = field(default_factory=dict)
    foreign: dict[Role, Caller] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    """Path parameters naming objects of the own organisation."""
    canaries: tuple[str, ...] = ()
    """Text only the own organisation's callers may ever see."""


def routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) the application answers, from its routers."""
    found: set[tuple[str, str]] = set()
    stack = list(app.routes)
    while stack:
        route = stack.pop()
        original = getattr(route, "original_router", None)
        if original is not None:
            stack.extend(original.routes)
        elif isinstance(route, APIRoute):
            found.update((method, route.path) for method in route.methods)
    return sorted(found, key=lambda mp: (mp[1], mp[0]))


def _sign_in(herald: Herald, client: TestClient, email: str, password: str) -> str:
    page = client.get("/signin")
    token = (CSRF.search(page.text) or META_CSRF.search(page.text)).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/signin",
        data={"csrf_token": token, "email": email, "password": password},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get("/compose")
    return (META_CSRF.search(page.text) or CSRF.search(page.text)).group(1)  # type: ignore[union-attr]


def sign_in_again(world: World, caller: Caller) -> None:
    password = world.herald.passwords.get(caller.email, PASSWORD)
    caller.csrf = _sign_in(world.herald, caller.client, caller.email, password)


def _caller(herald: Herald, role: Role, email: str, password: str) -> Caller:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, token = herald.workspace.credentials.issue_token(person_id, "matrix", list(SCOPES))
    client = TestClient(herald.client.app)
    caller = Caller(role, email, token, client)
    caller.csrf = _sign_in(herald, client, email, password)
    return caller


def build_world(herald: Herald) -> World:
    def create_foreign(session: Any) -> None:
        _, owner = orgs.create_organisation(
            session, "Globex", f"owner@{FOREIGN_DOMAIN}", "Gloria Globex"
        )
        for role in Role:
            if role is not Role.OWNER:
                people.add_person(
                    session, owner, f"{role.value}@{FOREIGN_DOMAIN}", role.value, role
                )

    herald.workspace.write(create_foreign)
    for role in Role:
        person_id = herald.workspace.person_id_for_email(f"{role.value}@{FOREIGN_DOMAIN}")
        assert person_id is not None
        herald.workspace.credentials.set_password(person_id, PASSWORD)
    world = World(herald)
    demo_emails = {
        Role.OWNER: "owner", Role.ADMIN: "admin", Role.COMPLIANCE_OFFICER: "compliance",
        Role.APPROVER: "approver", Role.PUBLISHER: "publisher", Role.CONTRIBUTOR: "writer",
        Role.AGENT: "agent", Role.VIEWER: "viewer",
    }  # fmt: skip
    for role in Role:
        email = f"{demo_emails[role]}@acme.example"
        world.own[role] = _caller(herald, role, email, herald.passwords[email])
        world.foreign[role] = _caller(herald, role, f"{role.value}@{FOREIGN_DOMAIN}", PASSWORD)

    def own_objects(session: Any) -> dict[str, Any]:
        owner = session.scalar(select(Person).where(Person.email == "owner@acme.example"))
        post = session.scalar(select(Post).where(Post.org_id == owner.org_id).limit(1))
        account = session.scalar(select(Account).where(Account.org_id == owner.org_id).limit(1))
        team = session.scalar(select(Team).where(Team.org_id == owner.org_id).limit(1))
        viewer = session.scalar(select(Person).where(Person.email == "viewer@acme.example"))
        notification = session.scalar(
            select(Notification).where(Notification.org_id == owner.org_id).limit(1)
        )
        alert = session.scalar(
            select(ListeningAlert).where(ListeningAlert.org_id == owner.org_id).limit(1)
        )
        item = session.scalar(select(AdvocacyItem).where(AdvocacyItem.org_id == owner.org_id))
        return {
            "notification_id": notification.id,
            "alert_id": alert.id,
            "query_id": alert.query_id,
            "post_id": post.id,
            "person_id": viewer.id,
            "account_id": account.id,
            "item_id": item.id,
            "slug": team.slug,
            "post_text": post.text,
            "content_hash": post.content_hash,
            "version": post.version,
        }

    objects = herald.workspace.read(own_objects)
    owner_id = herald.workspace.person_id_for_email("owner@acme.example")
    assert owner_id is not None
    token_id, _ = herald.workspace.credentials.issue_token(owner_id, "own", ["scan"])
    world.params = {
        **objects,
        "token_id": token_id,
        "fmt": "md",
        "token": "not-a-valid-link",
        "connection_id": 1,
    }
    world.canaries = ("acme.example", objects["post_text"][:40])
    return world
