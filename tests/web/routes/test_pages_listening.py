"""The listening pages on the demo workspace's month of synthetic history."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select

from herald.services import cases
from herald.store.models import InboxCase, ListeningAlert, ListeningBucket
from web.conftest import Herald

CHART = re.compile(r'<script type="application/json" id="listening-data">(.*?)</script>', re.S)


def _preview(herald: Herald, query: str, **extra: object) -> str:
    response = herald.form(
        "/listening/preview", {"query": query, **extra}, page="/listening/editor"
    )
    assert response.status_code == 200
    return response.text


def test_the_demo_has_a_month_of_history_with_alerts_and_cases(herald: Herald) -> None:
    def facts(session):  # type: ignore[no-untyped-def]
        first, last = session.execute(
            select(func.min(ListeningBucket.bucket_start), func.max(ListeningBucket.bucket_start))
        ).one()
        alerts = session.scalars(select(ListeningAlert)).all()
        opened = session.scalars(
            select(InboxCase).where(InboxCase.network == cases.ALERT_NETWORK)
        ).all()
        return (last - first).days, alerts, opened

    days, alerts, opened = herald.workspace.read(facts)
    assert days >= 29
    assert {"volume_spike", "crisis"} <= {a.kind for a in alerts}
    assert opened
    assert all(c.team == "crisis_response" for c in opened)


def test_dashboard_chart_data_and_alerts(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    response = herald.client.get("/listening", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/listening/q/acme"
    page = herald.client.get("/listening/q/acme")
    assert page.status_code == 200
    found = CHART.search(page.text)
    assert found, "the chart data block"
    chart = json.loads(found.group(1).replace("&#34;", '"'))
    assert len(chart["hours"]) == 30 * 24
    assert {s["lang"] for s in chart["volume"]} >= {"tr", "es", "en"}
    assert sum(sum(s["data"]) for s in chart["volume"]) > 1000
    assert chart["alerts"], "alerts are marked on the timeline"
    assert "/static/listening.js" in page.text
    assert "<script>" not in page.text  # no inline script (CSP)
    assert herald.client.get("/listening/q/no-such-query").status_code == 404


def test_preview_validates_with_the_position_and_shows_matches(herald: Herald) -> None:
    herald.sign_in("agent@acme.example")
    editor = herald.client.get("/listening/editor?query=acme")
    assert 'hx-post="/listening/preview"' in editor.text
    assert "acmepay" in editor.text
    wrong = _preview(herald, "acme AND (sistem")
    assert 'id="query-error"' in wrong
    assert "character 10" in wrong
    assert '<mark class="sev-block">(</mark>' in wrong
    narrow = _preview(herald, "acme", languages="es")
    broad = _preview(herald, "acme")
    count = re.compile(r'id="preview-count"[^>]*>([\d,]+) of')
    n_narrow = int(count.search(narrow).group(1).replace(",", ""))  # type: ignore[union-attr]
    n_broad = int(count.search(broad).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert 0 < n_narrow < n_broad
    assert 'class="mention"' in broad
    none = _preview(herald, "acme -acme")
    assert re.search(r'id="preview-count"[^>]*>0 of', none)


def test_preview_in_turkish_and_spanish(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    herald.form("/locale", {"locale": "tr", "next": "/listening"}, page="/listening/editor")
    assert "karakterdeki parantez kapanmamış" in _preview(herald, "(acme")
    assert "Sorgu düzenleyici" in herald.client.get("/listening/editor").text
    herald.form("/locale", {"locale": "es", "next": "/listening"}, page="/listening/editor")
    assert "no se cierra" in _preview(herald, "(acme")


def test_alert_page_says_why(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")

    def crisis_alert(session):  # type: ignore[no-untyped-def]
        return session.scalars(
            select(ListeningAlert).where(ListeningAlert.kind == "crisis").limit(1)
        ).one()

    alert = herald.workspace.read(crisis_alert)
    history = herald.client.get("/listening/alerts")
    assert f'href="/listening/alerts/{alert.id}"' in history.text
    page = herald.client.get(f"/listening/alerts/{alert.id}")
    assert page.status_code == 200
    assert "Detector: crisis signals" in page.text
    assert 'class="sample"' in page.text
    assert "crisis response team" in page.text
    assert herald.client.get("/listening/alerts/999999").status_code == 404
    assert herald.client.get("/listening/alerts/99999999999999999999").status_code in (404, 422)
