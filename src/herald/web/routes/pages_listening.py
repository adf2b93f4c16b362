"""Listening pages: a dashboard per saved query, the query editor with a live preview,
and the alert history with what drove each alert."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from herald.listening.config import ALL_LANGUAGES, ListeningQuery
from herald.listening.query import QuerySyntaxError
from herald.policy import messages as policy_messages
from herald.services import listening_views as views
from herald.services.errors import NotFoundError
from herald.web.guards import SignedIn, check_form_csrf
from herald.web.rendering import localizer, render
from herald.web.workspace import Workspace

router = APIRouter(include_in_schema=False)

MAX_QUERY_CHARS = 4_000


def _queries(request: Request, org_id: int) -> tuple[ListeningQuery, ...]:
    workspace: Workspace = request.app.state.workspace
    return tuple(workspace.scanner(org_id).policy.listening)


def _query(request: Request, org_id: int, query_id: str) -> ListeningQuery:
    for query in _queries(request, org_id):
        if query.id == query_id:
            return query
    raise NotFoundError("listening_query", query_id)


def kind_labels(request: Request) -> dict[str, str]:
    _ = localizer(request).gettext
    return {
        "volume_spike": _("Volume spike"),
        "sentiment_dip": _("Sentiment dip"),
        "crisis": _("Crisis signals"),
        "vip": _("VIP mention"),
    }


def severity_labels(request: Request) -> dict[str, str]:
    _ = localizer(request).gettext
    return {"crisis": _("Crisis"), "high": _("High"), "medium": _("Medium")}


def _labels(request: Request) -> dict[str, Any]:
    _ = localizer(request).gettext
    return {
        "kind_labels": kind_labels(request),
        "alert_severity_labels": severity_labels(request),
        "lang_labels": {
            "tr": _("Turkish"),
            "es": _("Spanish"),
            "en": _("English"),
            "other": _("Other languages"),
        },
        "sentiment_labels": {
            "negative": _("Negative"),
            "neutral": _("Neutral"),
            "positive": _("Positive"),
        },
    }


@router.get("/listening")
def listening_home(request: Request, me: SignedIn) -> Response:
    queries = _queries(request, me.org_id)
    if queries:
        return RedirectResponse(f"/listening/q/{queries[0].id}", status_code=303)
    return render(request, "listening/empty.html", {"queries": queries})


@router.get("/listening/q/{query_id}", response_class=HTMLResponse)
def dashboard(request: Request, me: SignedIn, query_id: str) -> Response:
    queries = _queries(request, me.org_id)
    query = _query(request, me.org_id, query_id)
    workspace: Workspace = request.app.state.workspace
    board = workspace.read(lambda s: views.dashboard(s, me.org_id, query))
    labels = _labels(request)
    _ = localizer(request).gettext
    chart = {
        "hours": board.hours,
        "volume": [
            {"label": labels["lang_labels"].get(lang, lang), "lang": lang, "data": data}
            for lang, data in board.volume.items()
        ],
        "sentiment": [
            {"label": labels["sentiment_labels"][name], "key": name, "data": data}
            for name, data in (
                ("negative", board.negative),
                ("neutral", board.neutral),
                ("positive", board.positive),
            )
        ],
        "split": {
            "labels": [labels["sentiment_labels"][k] for k in ("negative", "neutral", "positive")],
            "data": [board.totals.get(k, 0.0) for k in ("negative", "neutral", "positive")],
        },
        "alerts": [
            {
                "at": v.alert.window_end.isoformat()[:13] + ":00:00Z",
                "label": labels["kind_labels"].get(v.alert.kind, v.alert.kind),
                "severity": v.severity,
            }
            for v in board.alerts
        ],
        "text": {
            "volume": _("Weighted mentions per hour"),
            "alert": _("Alert"),
        },
    }
    return render(
        request,
        "listening/dashboard.html",
        {
            "queries": queries,
            "query": query,
            "board": board,
            "chart_json": json.dumps(chart, ensure_ascii=False),
            **labels,
        },
    )


@router.get("/listening/editor", response_class=HTMLResponse)
def editor(request: Request, me: SignedIn, query: str | None = None) -> Response:
    queries = _queries(request, me.org_id)
    start = next((q for q in queries if q.id == query), queries[0] if queries else None)
    text = start.query.text if start else ""
    return render(
        request,
        "listening/editor.html",
        {
            "queries": queries,
            "start": start,
            "text": text,
            "languages": ALL_LANGUAGES,
            "chosen": start.languages if start else ALL_LANGUAGES,
            **_labels(request),
        },
    )


@router.post("/listening/preview", response_class=HTMLResponse)
async def preview(
    request: Request,
    me: SignedIn,
    query: Annotated[str, Form(max_length=MAX_QUERY_CHARS * 2)] = "",
    languages: Annotated[list[str] | None, Form()] = None,
) -> Response:
    await check_form_csrf(request)
    chosen = tuple(lang for lang in (languages or ALL_LANGUAGES) if lang in ALL_LANGUAGES)
    context: dict[str, Any] = {"text": query, **_labels(request)}
    try:
        compiled = views.compile_preview(query)
    except QuerySyntaxError as exc:
        args: dict[str, policy_messages.ProblemArg] = {
            "position": exc.position + 1,
            **exc.details,
        }
        context["error"] = policy_messages.render(
            f"query_{exc.code}", args, localizer(request).locale
        )
        context["position"] = exc.position
        context["before"] = query[: exc.position]
        context["at"] = query[exc.position : exc.position + 1] or " "
        context["after"] = query[exc.position + 1 :]
        return render(request, "listening/_preview.html", context)
    workspace: Workspace = request.app.state.workspace
    result = workspace.read(lambda s: views.preview(s, me.org_id, compiled, chosen))
    context["result"] = result
    return render(request, "listening/_preview.html", context)


@router.get("/listening/alerts", response_class=HTMLResponse)
def alert_history(request: Request, me: SignedIn) -> Response:
    workspace: Workspace = request.app.state.workspace

    def load(session: Session) -> list[views.AlertView]:
        return views.alert_history(session, me.org_id)

    return render(
        request,
        "listening/alerts.html",
        {
            "alerts": workspace.read(load),
            "queries": _queries(request, me.org_id),
            **_labels(request),
        },
    )


@router.get("/listening/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(request: Request, me: SignedIn, alert_id: int) -> Response:
    workspace: Workspace = request.app.state.workspace
    view = workspace.read(lambda s: views.alert_view(s, me.org_id, alert_id))
    names = {q.id: q.name for q in _queries(request, me.org_id)}
    return render(
        request,
        "listening/alert.html",
        {
            "view": view,
            "alert": view.alert,
            "query_name": names.get(view.alert.query_id),
            **_labels(request),
        },
    )
