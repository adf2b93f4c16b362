"""POST /api/v1/scan: check a text against the active policy."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from herald.scan.errors import InputError
from herald.types import AccountType
from herald.web.auth import ApiPrincipal, require_scope
from herald.web.engine import scan_text
from herald.web.errors import ERROR_RESPONSES, ApiError
from herald.web.workspace import Workspace

router = APIRouter(prefix="/api/v1", tags=["scan"], responses=ERROR_RESPONSES)

MAX_TEXT_CHARS = 100_000


class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_TEXT_CHARS, description="The post, as typed")
    lang: str | None = Field(default=None, description="tr, es, en; leave out to detect it")
    account_type: AccountType = AccountType.BRAND
    message_lang: str | None = Field(
        default=None, description="Language of the messages; default: the text's"
    )


@router.post("/scan", summary="Scan a text against the active policy")
def scan(body: ScanRequest, request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    require_scope(principal, "scan")
    workspace: Workspace = request.app.state.workspace
    try:
        result = scan_text(
            workspace.scanner(principal.org_id),
            body.text,
            lang=body.lang,
            account_type=body.account_type,
            message_lang=body.message_lang,
            author_role=principal.role,
        )
    except InputError as exc:
        field = "lang" if exc.code == "unknown_language" else "text"
        message = exc.message(body.message_lang or "en")
        raise ApiError(422, exc.code, message, field=field) from None
    out = result.to_dict()
    out["length"] = len(body.text)
    return out
