"""The approval queue: posts waiting for the signed-in person's decision, with context
(author, account and network, step and deadline, findings, how long it has waited)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from herald.services import approvals
from herald.services.approvals import QueueEntry
from herald.store.models import Person, PostFinding
from herald.store.types import utcnow
from herald.types import Severity
from herald.web import localize
from herald.web.guards import SignedIn
from herald.web.rendering import render
from herald.web.routes.pages_posts import done_message
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class QueueItem:
    entry: QueueEntry
    author: str
    accounts: list[tuple[str, str]]
    """(display name, network) of each target account."""
    findings: list[tuple[PostFinding, str]]
    """Each finding with its message in the reader's language, worst first."""
    waited_hours: int
    waited_minutes: int


@router.get("/approvals", response_class=HTMLResponse)
def approval_queue(
    request: Request, me: SignedIn, done: str = "", decided: int | None = None
) -> Response:
    workspace: Workspace = request.app.state.workspace
    now = utcnow()

    def load(session: Session) -> list[QueueItem]:
        items = []
        for entry in approvals.queue(session, workspace.person(session, me), now):
            post = entry.post
            author = session.get(Person, post.author_id)
            ranked = sorted(
                localize.localized(session, post, request.state.locale),
                key=lambda pair: -Severity(pair[0].severity).rank,
            )
            waited = max(0, int((now - entry.waiting_since).total_seconds()) // 60)
            items.append(
                QueueItem(
                    entry,
                    author.name if author else "?",
                    [
                        (t.account.display_name or t.account.handle, t.account.network)
                        for t in post.targets
                    ],
                    ranked,
                    waited // 60,
                    waited % 60,
                )
            )
        return items

    queue = workspace.read(load)
    flash = done_message(request, done, decided)
    return render(request, "approvals.html", {"queue": queue, "flash": flash})
