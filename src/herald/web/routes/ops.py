"""Operations endpoints: /healthz (the process answers), /readyz (it can do its work) and
/metrics (Prometheus). Keep /metrics on the internal network: the reverse proxy should
not publish it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import dramatiq
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy import text

from herald.tasks import broker as brokers
from herald.tasks.config import TaskConfig, TaskConfigError
from herald.tasks.metrics import StoreCollector
from herald.web.workspace import Workspace

router = APIRouter(tags=["operations"], include_in_schema=False)

PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
_lock = threading.Lock()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> Response:
    """Ready when the database answers and, if one is configured, the broker does."""
    workspace: Workspace = request.app.state.workspace
    checks: dict[str, str] = {}
    try:
        with workspace.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # any failure means not ready; the kind is enough to act
        checks["database"] = f"unreachable ({type(error).__name__})"
    try:
        config = TaskConfig.from_env()
        if config.broker_url is not None:
            brokers.ping(config)
            checks["broker"] = "ok"
    except TaskConfigError as error:
        checks["broker"] = f"misconfigured ({error})"
    except Exception as error:
        checks["broker"] = f"unreachable ({type(error).__name__})"
    ready = all(value == "ok" for value in checks.values())
    body: dict[str, Any] = {"status": "ready" if ready else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """This process's counters (task latency, publish attempts when it publishes) and the
    shared figures from the database and the broker."""
    registry = _store_registry(request)
    payload = generate_latest(REGISTRY) + generate_latest(registry)
    return Response(payload, media_type=CONTENT_TYPE_LATEST)


def _store_registry(request: Request) -> CollectorRegistry:
    state = request.app.state
    with _lock:
        registry: CollectorRegistry | None = getattr(state, "metrics_registry", None)
        if registry is None:
            registry = CollectorRegistry(auto_describe=True)
            workspace: Workspace = state.workspace
            registry.register(StoreCollector(workspace.sessions, _queue_depth()))
            state.metrics_registry = registry
        return registry


def _queue_depth() -> Callable[[], int] | None:
    try:
        config = TaskConfig.from_env()
    except TaskConfigError:
        return None
    if config.broker_url is None:
        return None
    broker: dramatiq.Broker = brokers.make_broker(config)

    def depth() -> int:
        broker.declare_queue(config.queue)
        return brokers.queue_depth(broker, config.queue)

    return depth
