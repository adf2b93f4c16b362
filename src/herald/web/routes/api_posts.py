"""Posts and approvals over JSON: create, edit, submit, decide, override, the queue."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from herald.services import accounts, approvals, posts
from herald.store.enums import Decision, PostState
from herald.store.models import Person
from herald.web.api_support import post_json, read, write
from herald.web.auth import ApiPrincipal
from herald.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["posts"], responses=ERROR_RESPONSES)


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    account_id: int
    variant: str | None = Field(default=None, max_length=100_000)


class PostIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=100_000)
    targets: list[TargetIn] = Field(default_factory=list, max_length=50)
    submit: bool = False


class PostEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=100_000)
    targets: list[TargetIn] | None = Field(default=None, max_length=50)
    expected_version: int | None = None


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Decision
    comment: str = Field(default="", max_length=5000)
    expected_hash: str = Field(description="The content hash the approver reviewed")


class OverrideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    finding_key: str = Field(max_length=64)
    reason: str = Field(max_length=5000)


def _targets(session: Session, actor: Person, targets: list[TargetIn]) -> list[posts.Target]:
    return [posts.Target(accounts.get(session, actor, t.account_id), t.variant) for t in targets]


@router.get("/posts", summary="List posts")
def list_posts(
    request: Request, principal: ApiPrincipal, state: PostState | None = None
) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> list[dict[str, Any]]:
        return [post_json(p) for p in posts.list_posts(session, actor, state)]

    return {"posts": read(request, principal, "posts:read", work)}


@router.post("/posts", status_code=201, summary="Create a post (and submit it)")
def create_post(request: Request, principal: ApiPrincipal, body: PostIn) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        post = posts.create(session, actor, body.text, _targets(session, actor, body.targets))
        if body.submit:
            posts.submit(session, actor, post)
        return post_json(post)

    return write(request, principal, "posts:write", work)


@router.get("/posts/{post_id}", summary="A post with its findings")
def get_post(request: Request, principal: ApiPrincipal, post_id: int) -> dict[str, Any]:
    return read(request, principal, "posts:read", lambda s, a: post_json(posts.get(s, a, post_id)))


@router.patch("/posts/{post_id}", summary="Edit a post's text or targets")
def edit_post(
    request: Request, principal: ApiPrincipal, post_id: int, body: PostEdit
) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        post = posts.get(session, actor, post_id)
        targets = _targets(session, actor, body.targets) if body.targets is not None else None
        posts.edit(
            session,
            actor,
            post,
            text=body.text,
            targets=targets,
            expected_version=body.expected_version,
        )
        return post_json(post)

    return write(request, principal, "posts:write", work)


@router.post("/posts/{post_id}/submit", summary="Send a post for approval")
def submit_post(request: Request, principal: ApiPrincipal, post_id: int) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        return post_json(posts.submit(session, actor, posts.get(session, actor, post_id)))

    return write(request, principal, "posts:write", work)


@router.post(
    "/posts/{post_id}/decisions", status_code=201, summary="Approve, reject or request changes"
)
def decide(
    request: Request, principal: ApiPrincipal, post_id: int, body: DecisionIn
) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        post = posts.get(session, actor, post_id)
        approvals.decide(
            session, actor, post, body.decision, body.comment, expected_hash=body.expected_hash
        )
        return post_json(post)

    return write(request, principal, "approvals:write", work)


@router.post(
    "/posts/{post_id}/overrides", status_code=201, summary="Allow a blocking finding, with a reason"
)
def override(
    request: Request, principal: ApiPrincipal, post_id: int, body: OverrideIn
) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        post = posts.get(session, actor, post_id)
        approvals.override_finding(session, actor, post, body.finding_key, body.reason)
        return post_json(post)

    return write(request, principal, "approvals:write", work)


@router.get("/approvals", summary="Posts waiting for the caller's decision")
def queue(request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> list[dict[str, Any]]:
        return [post_json(p) for p in approvals.review_queue(session, actor)]

    return {"posts": read(request, principal, "posts:read", work)}
