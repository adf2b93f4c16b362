"""The audit trail over JSON: export a date range as JSON Lines or CSV, verify the chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from herald.services import audit
from herald.services.permissions import POLICY_ROLES
from herald.store.models import Person
from herald.web.api_support import read
from herald.web.auth import ApiPrincipal
from herald.web.errors import ERROR_RESPONSES, ApiError
from herald.web.workspace import Workspace

router = APIRouter(prefix="/api/v1", tags=["audit"], responses=ERROR_RESPONSES)


def _utc(moment: datetime | None) -> datetime | None:
    """A date without a zone is read as UTC, the zone the log is kept in."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _require_audit_reader(actor: Person) -> None:
    # The services have no permission of their own for reading the whole log yet; the
    # roles that administer policy (owner, admin, compliance officer) may.
    if actor.role not in POLICY_ROLES or not actor.active:
        allowed = ", ".join(sorted(r.value for r in POLICY_ROLES))
        raise ApiError(403, "role_needed", f"reading the audit trail needs one of: {allowed}")


@router.get("/audit/export", summary="Audit entries in [start, end) as JSONL or CSV")
def export(
    request: Request,
    principal: ApiPrincipal,
    format: Literal["jsonl", "csv"] = "jsonl",
    start: datetime | None = None,
    end: datetime | None = None,
) -> StreamingResponse:
    read(request, principal, "audit:read", lambda _session, actor: _require_audit_reader(actor))
    workspace: Workspace = request.app.state.workspace
    org_id = principal.org_id

    def body() -> Iterator[str]:
        # Streamed from one read transaction: a long log never sits in memory whole.
        with workspace.sessions() as session:
            entries = audit.entries_between(session, _utc(start), _utc(end), org_id=org_id)
            if format == "csv":
                yield from audit.export_csv(entries)
            else:
                yield from audit.export_jsonl(entries)

    media = "text/csv" if format == "csv" else "application/x-ndjson"
    filename = f"herald-audit.{format}"
    return StreamingResponse(
        body(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/audit/verify", summary="Check the hash chain; names the first broken entry")
def verify(request: Request, principal: ApiPrincipal) -> dict[str, Any]:
    def work(session: Session, actor: Person) -> dict[str, Any]:
        _require_audit_reader(actor)
        report = audit.verify_org(session, actor.org_id)
        problems = [{"seq": p.seq, "kind": p.kind, "detail": p.detail} for p in report.problems]
        return {"ok": report.ok, "entries": report.entries, "problems": problems}

    return read(request, principal, "audit:read", work)
