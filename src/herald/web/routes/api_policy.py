"""Policy packs over JSON: the active rules, validate, activate."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from herald.policy.loader import validate_policy
from herald.services import policies
from herald.store.models import Person
from herald.web.api_support import read, write
from herald.web.auth import ApiPrincipal, require_scope
from herald.web.engine import rule_views
from herald.web.errors import ERROR_RESPONSES, ApiError
from herald.web.i18n import Localizer
from herald.web.workspace import Workspace

router = APIRouter(prefix="/api/v1", tags=["policy"], responses=ERROR_RESPONSES)

MAX_PACK_CHARS = 2_000_000


class PackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = Field(max_length=MAX_PACK_CHARS, description="The pack's YAML text")


def _problems(source: str, lang: str) -> list[dict[str, Any]]:
    """Each problem with its stable code and arguments, the message in ``lang``."""
    return [
        {
            "line": p.line,
            "column": p.column,
            "code": p.code,
            "args": dict(p.args),
            "message": p.message(lang),
        }
        for p in validate_policy(text=source)
    ]


@router.get("/policy", summary="The policy in force and its rules")
def active_policy(
    request: Request, principal: ApiPrincipal, lang: str | None = None
) -> dict[str, Any]:
    require_scope(principal, "policy:read")
    workspace: Workspace = request.app.state.workspace
    policy = workspace.scanner(principal.org_id).policy
    return {
        "name": policy.name,
        "version": policy.version,
        "label": policy.label,
        "rules": [asdict(r) for r in rule_views(policy, lang or principal.lang)],
    }


@router.post("/policy/validate", summary="Check a pack; problems come with line and column")
def validate(
    request: Request, principal: ApiPrincipal, body: PackIn, lang: str | None = None
) -> dict[str, Any]:
    require_scope(principal, "policy:read")
    problems = _problems(body.source, lang or principal.lang)
    return {"valid": not problems, "problems": problems}


@router.post("/policy/activate", status_code=201, summary="Validate a pack and put it in force")
def activate(
    request: Request, principal: ApiPrincipal, body: PackIn, lang: str | None = None
) -> dict[str, Any]:
    # Scope and role are checked before the pack is parsed: a caller who may not activate
    # learns nothing from the parser.
    read(request, principal, "policy:write", lambda _s, actor: policies.require_may_activate(actor))
    reader = lang or principal.lang
    problems = _problems(body.source, reader)
    if problems:
        first = problems[0]
        where = Localizer(reader).gettext("Line %(line)d", line=first["line"])
        raise ApiError(
            422,
            "invalid_policy",
            f"{where}: {first['message']}",
            field="source",
            problems=problems,
        )
    workspace: Workspace = request.app.state.workspace

    def work(session: Session, actor: Person) -> dict[str, Any]:
        version = policies.activate_upload(session, actor, body.source)
        return {"version": version.version, "name": version.name}

    result = write(request, principal, "policy:write", work)
    workspace.forget_policy_cache()
    return result
