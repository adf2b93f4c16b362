"""/healthz, /readyz and /metrics."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from herald.store.engine import make_engine
from herald.web.app import create_app
from herald.web.settings import Settings
from herald.web.workspace import Workspace
from tasks.brokers import broker_url
from web.conftest import Herald


def test_healthz_answers_without_a_session_cookie(herald: Herald) -> None:
    response = herald.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "set-cookie" not in response.headers


def test_readyz_checks_the_database(herald: Herald, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERALD_BROKER_URL", raising=False)
    response = herald.client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}


def test_readyz_fails_when_the_database_is_away(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERALD_BROKER_URL", raising=False)
    away = "postgresql://postgres@127.0.0.1:9/herald"  # nothing listens on port 9
    app = create_app(Settings(database_url=away), workspace=Workspace(make_engine(away)))
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("unreachable")


def test_readyz_checks_the_broker_when_one_is_set(
    herald: Herald, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_BROKER_URL", broker_url("redis"))
    assert herald.client.get("/readyz").json()["checks"] == {"database": "ok", "broker": "ok"}
    monkeypatch.setenv("HERALD_BROKER_URL", "redis://127.0.0.1:9/0")
    response = herald.client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("unreachable")
    monkeypatch.setenv("HERALD_BROKER_URL", "http://nope")
    response = herald.client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("misconfigured")


def test_metrics_expose_publications_and_lockdowns(
    herald: Herald, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HERALD_BROKER_URL", raising=False)
    response = herald.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    body = response.text
    assert 'herald_publications{state="published"} 0.0' in body
    assert "herald_lockdowns_active 0.0" in body
    assert "herald_task_duration_seconds" in body
    assert "herald_queue_depth" not in body
