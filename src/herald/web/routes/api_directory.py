"""Brand accounts, teams and people over JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from herald.services import accounts, people, teams
from herald.store.enums import Role
from herald.store.models import Person
from herald.web.api_support import account_json, person_json, read, team_json, write
from herald.web.auth import ApiPrincipal
from herald.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["directory"], responses=ERROR_RESPONSES)


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    network: str = Field(min_length=1, max_length=64)
    handle: str = Field(min_length=1, max_length=200)
    display_name: str = Field(default="", max_length=200)


class TeamIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(min_length=3, max_length=320)
    name: str = Field(min_length=1, max_length=200)
    role: Role
    lang: str = Field(default="en", pattern="^(tr|es|en)$")


@router.get("/accounts", summary="Brand and personal accounts")
def list_accounts(request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> list[dict[str, Any]]:
        return [account_json(a) for a in accounts.list_accounts(session, actor)]

    return {"accounts": read(request, principal, "accounts:read", work)}


@router.post("/accounts", status_code=201, summary="Add a brand account")
def add_account(request: Request, principal: ApiPrincipal, body: AccountIn) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        return account_json(
            accounts.add_brand_account(session, actor, body.network, body.handle, body.display_name)
        )

    return write(request, principal, "accounts:write", work)


@router.get("/teams", summary="Teams and their members")
def list_teams(request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> list[dict[str, Any]]:
        return [
            team_json(t, [m.id for m in teams.members(session, t)])
            for t in teams.list_teams(session, actor)
        ]

    return {"teams": read(request, principal, "people:read", work)}


@router.post("/teams", status_code=201, summary="Create a team")
def create_team(request: Request, principal: ApiPrincipal, body: TeamIn) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        return team_json(teams.create_team(session, actor, body.slug, body.name), [])

    return write(request, principal, "people:write", work)


@router.get("/people", summary="People and their roles")
def list_people(request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> list[dict[str, Any]]:
        return [person_json(p) for p in people.list_people(session, actor)]

    return {"people": read(request, principal, "people:read", work)}


@router.post("/people", status_code=201, summary="Add a person with a role")
def add_person(request: Request, principal: ApiPrincipal, body: PersonIn) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        return person_json(
            people.add_person(session, actor, body.email, body.name, body.role, body.lang)
        )

    return write(request, principal, "people:write", work)
