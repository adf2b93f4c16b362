"""The publishing calendar (week or month, drag or type to reschedule) and the publishing log.

Rescheduling goes through :func:`herald.services.posts.reschedule`, which checks the
approvals are still bound to the post's content and refuses a time in the past; the page
only passes the new time on. Times are shown and entered in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.services import posts, publishing
from herald.services.errors import GovernanceError
from herald.services.publishing import CalendarEntry
from herald.store.enums import PostState
from herald.store.models import Person
from herald.store.types import utcnow
from herald.web.auth import Principal
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.rendering import localizer, render
from herald.web.service_errors import status_for
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

VIEWS = ("week", "month")
LOG_ROWS = 200


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    in_range: bool
    """False for the days of the neighbouring months that fill a month view's weeks."""
    entries: list[CalendarEntry]


def _ws(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _span(view: str, anchor: date) -> tuple[date, date, date, date]:
    """(first shown day, day after the last shown, previous anchor, next anchor)."""
    if view == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=7), first - timedelta(days=7), first + timedelta(7)
    month_first = anchor.replace(day=1)
    next_month = (month_first + timedelta(days=32)).replace(day=1)
    previous_month = (month_first - timedelta(days=1)).replace(day=1)
    first = month_first - timedelta(days=month_first.weekday())
    last = next_month + timedelta(days=(7 - next_month.weekday()) % 7)
    return first, last, previous_month, next_month


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _calendar(
    request: Request,
    me: Principal,
    view: str,
    start: str,
    status: int = 200,
    **context: Any,
) -> Response:
    workspace = _ws(request)
    view = view if view in VIEWS else "week"
    today = utcnow().date()
    anchor = _parse_day(start) or today
    first, end, previous, following = _span(view, anchor)
    entries = workspace.read(
        lambda s: publishing.calendar(s, workspace.person(s, me), _midnight(first), _midnight(end))
    )
    days: list[Day] = []
    day = first
    while day < end:
        in_range = view == "week" or day.month == anchor.month
        days.append(Day(day, in_range, [e for e in entries if e.at.date() == day]))
        day += timedelta(days=1)
    values = {
        "view": view,
        "anchor": anchor,
        "days": days,
        "today": today,
        "previous": previous,
        "following": following,
        "count": len(entries),
        "scheduled": PostState.SCHEDULED,
        **context,
    }
    return render(request, "publishing/calendar.html", values, status=status)


@router.get("/publishing/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request, me: SignedIn, view: str = "week", start: str = "", done: str = ""
) -> Response:
    fmt = localizer(request)
    flash = fmt.gettext("The post was moved. Its approvals still apply.") if done else None
    return _calendar(request, me, view, start, flash=flash, flash_kind="ok")


def _parse_at(value: str) -> datetime | None:
    """A ``datetime-local`` value (``YYYY-MM-DDTHH:MM``), read as UTC."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@router.post("/publishing/posts/{post_id}/reschedule")
async def reschedule(
    request: Request,
    me: SignedIn,
    post_id: int,
    at: Annotated[str, Form(max_length=40)],
    view: Annotated[str, Form(max_length=10)] = "week",
) -> Response:
    await check_form_csrf(request)
    workspace = _ws(request)
    fmt = localizer(request)
    when = _parse_at(at)
    view = view if view in VIEWS else "week"
    if when is None:
        return _calendar(
            request,
            me,
            view,
            "",
            status=422,
            flash=fmt.gettext("Enter a date and time such as 2030-05-01T09:30 (UTC)."),
            flash_kind="error",
        )

    def work(session: Session) -> None:
        actor: Person = workspace.person(session, me)
        posts.reschedule(session, actor, posts.get(session, actor, post_id), when)

    try:
        workspace.write(work)
    except GovernanceError as error:
        return _calendar(
            request,
            me,
            view,
            when.date().isoformat(),
            status=status_for(error),
            flash=error.message(request.state.locale),
            flash_kind="error",
        )
    start = when.date().isoformat()
    return RedirectResponse(
        f"/publishing/calendar?view={view}&start={start}&done=moved", status_code=303
    )


@router.get("/publishing/log", response_class=HTMLResponse)
def log_page(request: Request, me: SignedIn, post: int | None = None) -> Response:
    workspace = _ws(request)
    attempts = workspace.read(
        lambda s: publishing.attempt_log(s, workspace.person(s, me), LOG_ROWS, post_id=post)
    )
    return render(request, "publishing/log.html", {"attempts": attempts, "post_filter": post})
