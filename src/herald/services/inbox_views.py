"""What the inbox pages read: the filtered case list, one case whole, the team report.

Every query is narrowed to the caller's organisation through :mod:`herald.services.scoping`.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.policy.model import Policy
from herald.services import audit
from herald.services.cases import get as get_case
from herald.services.classify import Incoming
from herald.services.inbox import DONE, as_incoming
from herald.services.permissions import require_active
from herald.services.replies import Suggestion, fill
from herald.services.routing import PRIORITY_RANK
from herald.services.scoping import owned_by
from herald.services.triage import triage
from herald.store.models import (
    InboxCase,
    InboxCaseNote,
    InboxMessage,
    InboxReply,
    InboxReplySend,
    Person,
)
from herald.store.types import utcnow

TEAMS = ("crisis_response", "customer_service", "pr_management", "social_engagement")
PRIORITIES = ("critical", "high", "normal", "low")
STATUSES = ("new", "open", "pending", "resolved")
VIEWS = ("all", "unassigned", "mine")
MAX_ROWS = 300


@dataclass(frozen=True, slots=True)
class CaseFilters:
    team: str | None = None
    priority: str | None = None
    status: str | None = None
    network: str | None = None
    lang: str | None = None
    view: str = "all"

    @classmethod
    def clean(
        cls,
        *,
        team: str | None = None,
        priority: str | None = None,
        status: str | None = None,
        network: str | None = None,
        lang: str | None = None,
        view: str | None = None,
    ) -> CaseFilters:
        """Unknown values are ignored (a hand-edited address shows everything, not an error)."""
        return cls(
            team if team in TEAMS else None,
            priority if priority in PRIORITIES else None,
            status if status in STATUSES else None,
            network.strip()[:64] if network and network.strip() else None,
            lang if lang in ("tr", "es", "en", "other") else None,
            view if view in VIEWS else "all",
        )


@dataclass(frozen=True, slots=True)
class CaseRow:
    case: InboxCase
    message: InboxMessage
    """The thread's latest message from the customer."""
    count: int
    assignee: str | None
    overdue: bool


def _latest_by_case(
    session: Session, org_id: int, case_ids: list[int]
) -> dict[int, list[InboxMessage]]:
    found: dict[int, list[InboxMessage]] = defaultdict(list)
    if not case_ids:
        return found
    rows = session.scalars(
        owned_by(InboxMessage, org_id)
        .where(InboxMessage.case_id.in_(case_ids), InboxMessage.classification == DONE)
        .order_by(InboxMessage.sent_at, InboxMessage.id)
    )
    for message in rows:
        if message.case_id is not None:
            found[message.case_id].append(message)
    return found


def list_cases(
    session: Session, actor: Person, filters: CaseFilters, now: datetime | None = None
) -> list[CaseRow]:
    """Cases most urgent first (priority, then the SLA due time, then the oldest);
    resolved ones only when asked for."""
    require_active(actor)
    when = now or utcnow()
    query = owned_by(InboxCase, actor.org_id)
    if filters.team:
        query = query.where(InboxCase.team == filters.team)
    if filters.priority:
        query = query.where(InboxCase.priority == filters.priority)
    if filters.status:
        query = query.where(InboxCase.status == filters.status)
    else:
        query = query.where(InboxCase.status != "resolved")
    if filters.network:
        query = query.where(InboxCase.network == filters.network)
    if filters.view == "unassigned":
        query = query.where(InboxCase.assignee_id.is_(None))
    elif filters.view == "mine":
        query = query.where(InboxCase.assignee_id == actor.id)
    cases = list(session.scalars(query))
    messages = _latest_by_case(session, actor.org_id, [c.id for c in cases])
    names = dict(
        session.execute(owned_by(Person, actor.org_id).with_only_columns(Person.id, Person.name))
        .tuples()
        .all()
    )
    rows = []
    for case in cases:
        thread = messages.get(case.id)
        if not thread:
            continue
        latest = thread[-1]
        if filters.lang and thread[0].lang != filters.lang:
            continue
        overdue = (
            case.first_response_at is None
            and case.sla_due_at is not None
            and case.sla_due_at < when
        )
        assignee = names.get(case.assignee_id) if case.assignee_id else None
        rows.append(CaseRow(case, latest, len(thread), assignee, overdue))
    far = when + timedelta(days=3650)
    rows.sort(
        key=lambda r: (
            PRIORITY_RANK.get(r.case.priority, 3),
            r.case.sla_due_at or far,
            r.case.opened_at,
        )
    )
    return rows[:MAX_ROWS]


def networks(session: Session, actor: Person) -> list[str]:
    return sorted(
        set(session.scalars(owned_by(InboxCase, actor.org_id).with_only_columns(InboxCase.network)))
    )


@dataclass(frozen=True, slots=True)
class ReplyView:
    reply: InboxReply
    send: InboxReplySend | None
    author: str


@dataclass(frozen=True, slots=True)
class HistoryItem:
    at: datetime
    actor: str
    action: str
    details: dict[str, object]


@dataclass
class CaseDetail:
    case: InboxCase
    messages: list[InboxMessage]
    replies: list[ReplyView]
    notes: list[tuple[str, InboxCaseNote]]
    history: list[HistoryItem]
    suggestions: list[Suggestion]
    filled: dict[str, str] = field(default_factory=dict)
    """Suggestion id -> its text with {name} and {case_id} filled in."""
    reasons: list[str] = field(default_factory=list)
    assignee: str | None = None


_HISTORY_KEYS = ("status", "priority", "team", "state", "verdict", "rule", "library", "error")


def case_detail(
    session: Session, actor: Person, case_id: int, policy: Policy, today: date
) -> CaseDetail:
    case = get_case(session, actor, case_id)
    messages = list(
        session.scalars(
            owned_by(InboxMessage, actor.org_id)
            .where(InboxMessage.case_id == case.id)
            .order_by(InboxMessage.sent_at, InboxMessage.id)
        )
    )
    names = dict(
        session.execute(owned_by(Person, actor.org_id).with_only_columns(Person.id, Person.name))
        .tuples()
        .all()
    )
    found = session.execute(
        select(InboxReply, InboxReplySend)
        .outerjoin(InboxReplySend, InboxReplySend.reply_id == InboxReply.id)
        .where(InboxReply.case_id == case.id)
        .order_by(InboxReply.id)
    ).tuples()
    replies = [ReplyView(r, s, names.get(r.author_id or 0, "?")) for r, s in found]
    notes = [
        (names.get(n.author_id or 0, "?"), n)
        for n in session.scalars(
            select(InboxCaseNote).where(InboxCaseNote.case_id == case.id).order_by(InboxCaseNote.id)
        )
    ]
    history = []
    for entry in audit.history(session, "inbox_case", case.id):
        if entry.org_id != actor.org_id:
            continue
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            payload = {}
        details = {k: v for k, v in payload.items() if k in _HISTORY_KEYS and v not in ("", None)}
        who = names.get(entry.actor_id, entry.actor) if entry.actor_id else entry.actor
        history.append(HistoryItem(entry.at, who, entry.action, details))
    suggestions: list[Suggestion] = []
    filled: dict[str, str] = {}
    reasons: list[str] = []
    if messages:
        latest = messages[-1]
        reasons = list(latest.signals.get("reasons", [])) if latest.signals else []
        result = triage(_for_triage(latest), policy, today)
        suggestions = list(result.suggestions)
        for s in suggestions:
            try:
                filled[s.reply_id] = fill(s.text, name=latest.author, case_id=str(case.id))
            except (KeyError, ValueError, IndexError):
                filled[s.reply_id] = s.text
    return CaseDetail(
        case,
        messages,
        replies,
        notes,
        history,
        suggestions,
        filled,
        reasons,
        names.get(case.assignee_id) if case.assignee_id else None,
    )


def _for_triage(message: InboxMessage) -> Incoming:
    incoming = as_incoming(message)
    # The language found on arrival is kept, so suggestions match what the agent saw.
    return Incoming(
        incoming.id,
        incoming.text,
        incoming.channel,
        incoming.author,
        incoming.author_followers,
        message.lang or incoming.lang,
        incoming.account,
    )


# -- the team response-time report -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamFigures:
    team: str
    cases: int
    answered: int
    resolved: int
    breached: int
    first_response_median_min: float | None
    first_response_p90_min: float | None
    resolution_median_min: float | None


def _minutes(values: list[timedelta]) -> list[float]:
    return sorted(v.total_seconds() / 60 for v in values)


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    return values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]


def team_report(
    session: Session, actor: Person, days: int = 30, now: datetime | None = None
) -> list[TeamFigures]:
    """First-response and resolution times per team over the cases opened in the last
    ``days`` days (medians and the 90th percentile, in minutes)."""
    require_active(actor)
    when = now or utcnow()
    since = when - timedelta(days=days)
    cases = session.scalars(
        owned_by(InboxCase, actor.org_id).where(InboxCase.opened_at >= since)
    ).all()
    by_team: dict[str, list[InboxCase]] = defaultdict(list)
    for case in cases:
        by_team[case.team].append(case)
    out = []
    for team in TEAMS:
        rows = by_team.get(team, [])
        first = _minutes([c.first_response_at - c.opened_at for c in rows if c.first_response_at])
        resolution = _minutes([c.resolved_at - c.opened_at for c in rows if c.resolved_at])
        breached = sum(
            1
            for c in rows
            if c.sla_due_at is not None and (c.first_response_at or when) > c.sla_due_at
        )
        out.append(
            TeamFigures(
                team,
                len(rows),
                len(first),
                len(resolution),
                breached,
                statistics.median(first) if first else None,
                _p90(first),
                statistics.median(resolution) if resolution else None,
            )
        )
    return out
