"""Shared plumbing of the JSON API: scopes, transactions, errors, JSON shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy.orm import Session

from herald.services.errors import GovernanceError
from herald.store.models import Account, Person, Post, Team
from herald.web.auth import Principal, require_scope
from herald.web.service_errors import api_error
from herald.web.workspace import Workspace

T = TypeVar("T")


def _call(
    request: Request,
    principal: Principal,
    scope: str,
    work: Callable[[Session, Person], T],
    *,
    write: bool,
) -> T:
    require_scope(principal, scope)
    workspace: Workspace = request.app.state.workspace
    lang = principal.lang if principal.token_id else request.state.locale

    def unit(session: Session) -> T:
        return work(session, workspace.person(session, principal))

    try:
        return workspace.write(unit) if write else workspace.read(unit)
    except GovernanceError as error:
        raise api_error(error, lang) from None


def read(
    request: Request, principal: Principal, scope: str, work: Callable[[Session, Person], T]
) -> T:
    return _call(request, principal, scope, work, write=False)


def write(
    request: Request, principal: Principal, scope: str, work: Callable[[Session, Person], T]
) -> T:
    return _call(request, principal, scope, work, write=True)


def post_json(post: Post) -> dict[str, Any]:
    return {
        "id": post.id,
        "state": post.state.value,
        "text": post.text,
        "author_id": post.author_id,
        "content_hash": post.content_hash,
        "verdict": post.verdict,
        "version": post.version,
        "review_round": post.review_round,
        "current_step": post.current_step,
        "targets": [{"account_id": t.account_id, "variant": t.variant_text} for t in post.targets],
        "findings": [
            {
                "key": f.key,
                "rule_id": f.rule_id,
                "category": f.category,
                "severity": f.severity,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "message": f.message,
                "account_id": f.account_id,
                **{
                    k: v for k, v in (f.data or {}).items() if k in ("clause", "fix", "explanation")
                },
            }
            for f in post.findings
        ],
        "created_at": post.created_at.isoformat(),
        "updated_at": post.updated_at.isoformat(),
    }


def account_json(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "kind": account.kind.value,
        "network": account.network,
        "handle": account.handle,
        "display_name": account.display_name,
    }


def person_json(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "email": person.email,
        "name": person.name,
        "role": person.role.value,
        "lang": person.lang,
        "active": person.active,
    }


def team_json(team: Team, member_ids: list[int]) -> dict[str, Any]:
    return {"id": team.id, "slug": team.slug, "name": team.name, "members": member_ids}
