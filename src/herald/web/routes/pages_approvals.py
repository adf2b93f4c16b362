"""The approval queue: posts waiting for the signed-in person's decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from herald.services import approvals
from herald.store.models import Person, Post, PostFinding
from herald.types import Severity
from herald.web import localize
from herald.web.guards import SignedIn
from herald.web.rendering import render
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class QueueItem:
    post: Post
    author: str
    findings: list[tuple[PostFinding, str]]
    """Each finding with its message in the reader's language, worst first."""
    counts: list[tuple[str, int]]
    """(severity, how many), worst first."""


@router.get("/approvals", response_class=HTMLResponse)
def approval_queue(request: Request, me: SignedIn) -> Response:
    workspace: Workspace = request.app.state.workspace

    def load(session: Session) -> list[QueueItem]:
        items = []
        for post in approvals.review_queue(session, workspace.person(session, me)):
            author = session.get(Person, post.author_id)
            ranked = sorted(
                localize.localized(session, post, request.state.locale),
                key=lambda pair: -Severity(pair[0].severity).rank,
            )
            counts = Counter(f.severity for f, _ in ranked)
            order = sorted(counts, key=lambda s: -Severity(s).rank)
            items.append(
                QueueItem(
                    post, author.name if author else "?", ranked, [(s, counts[s]) for s in order]
                )
            )
        return items

    return render(request, "approvals.html", {"queue": workspace.read(load)})
