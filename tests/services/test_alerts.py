"""Alert delivery against real local servers: an SMTP server (aiosmtpd) and an HTTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.listening.alert import Alert, AlertKind
from herald.services import alerts, orgs
from herald.services.alerts import AlertChannels, deliver_pending, record_alert, sign
from herald.store.models import AlertDelivery, ListeningAlert
from smtp_sink import Sink, free_port, smtp_sink

SECRET = "s3cret-webhook-key"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Sink]]:
    with smtp_sink() as sink:
        yield sink.port, sink


class _Recorder(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]]
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.received.append((self.path, dict(self.headers.items()), body))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Recorder", (_Recorder,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


@pytest.fixture
def org_id(factory: sessionmaker[Session]) -> int:
    with factory() as session, session.begin():
        org, _ = orgs.create_organisation(session, "Nexora", "owner@nexora.example", "Owner")
        return org.id


ALERT = Alert(
    ts=1_767_600_900.0,
    kind=AlertKind.VOLUME_SPIKE,
    query="nexora",
    lang="tr",
    window_start=1_767_600_000.0,
    window_end=1_767_600_900.0,
    observed=120.0,
    expected=30.0,
    z=9.0,
    drivers={
        "terms": [{"term": "sistem coktu", "count": 40, "lift": 12.0}],
        "samples": ["Nexora çöktü"],
    },
)


def _record(factory: sessionmaker[Session], org_id: int, channels: AlertChannels) -> int:
    with factory() as session, session.begin():
        return record_alert(session, org_id, ALERT, channels).id


def _deliveries(factory: sessionmaker[Session]) -> dict[str, tuple[str, int, str | None]]:
    with factory() as session:
        rows = session.scalars(select(AlertDelivery)).all()
        return {r.channel: (r.status, r.attempts, r.last_error) for r in rows}


def test_every_channel_delivers(
    factory: sessionmaker[Session],
    org_id: int,
    smtp: tuple[int, Sink],
    http: tuple[str, type[_Recorder]],
) -> None:
    port, inbox = smtp
    base, handler = http
    channels = AlertChannels(
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_to=("crisis@nexora.example",),
        chat_webhooks=(f"{base}/chat",),
        webhooks=(f"{base}/hook",),
        webhook_secret=SECRET,
        lang="tr",
    )
    _record(factory, org_id, channels)
    assert deliver_pending(factory, channels) == {"sent": 3, "failed": 0}
    assert {c: s for c, (s, _, _) in _deliveries(factory).items()} == {
        "in_app": "sent",
        "email": "sent",
        "chat": "sent",
        "webhook": "sent",
    }
    assert len(inbox.raw) == 1
    assert (
        "Bahsedilmelerde ani art" in inbox.raw[0].decode("utf-8", "replace")
        or b"=?utf-8?" in inbox.raw[0]
    )
    paths = {path: (headers, body) for path, headers, body in handler.received}
    assert "sistem coktu" in json.loads(paths["/chat"][1])["text"]
    headers, body = paths["/hook"]
    expected = sign(SECRET, headers[alerts.TIMESTAMP_HEADER], body)
    assert hmac.compare_digest(headers[alerts.SIGNATURE_HEADER], expected)
    assert (
        headers[alerts.SIGNATURE_HEADER]
        == "sha256="
        + hmac.new(
            SECRET.encode(), headers[alerts.TIMESTAMP_HEADER].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
    )
    assert json.loads(body)["kind"] == "volume_spike"
    # Running again sends nothing twice.
    assert deliver_pending(factory, channels) == {"sent": 0, "failed": 0}
    assert len(inbox.raw) == 1


def test_failures_are_recorded_and_retried_never_lost(
    factory: sessionmaker[Session], org_id: int, http: tuple[str, type[_Recorder]]
) -> None:
    base, handler = http
    dead = f"http://127.0.0.1:{free_port()}/nobody"
    channels = AlertChannels(
        smtp_host="127.0.0.1",
        smtp_port=free_port(),
        mail_to=("a@b.example",),
        webhooks=(f"{base}/hook", dead),
    )
    handler.status = 500
    _record(factory, org_id, channels)
    assert deliver_pending(factory, channels) == {"sent": 0, "failed": 3}
    with factory() as session:
        rows = session.scalars(select(AlertDelivery).where(AlertDelivery.channel != "in_app")).all()
        assert all(r.status == "failed" and r.attempts == 1 and r.last_error for r in rows)
        assert session.scalars(select(ListeningAlert)).one().query_id == "nexora"
    handler.status = 200
    assert deliver_pending(factory, channels) == {"sent": 1, "failed": 2}


def test_recording_the_same_alert_twice_keeps_one(
    factory: sessionmaker[Session], org_id: int
) -> None:
    channels = AlertChannels()
    first = _record(factory, org_id, channels)
    assert _record(factory, org_id, channels) == first
    with factory() as session:
        assert len(session.scalars(select(ListeningAlert)).all()) == 1
        assert len(session.scalars(select(AlertDelivery)).all()) == 1  # in-app only


def test_settings_from_environment() -> None:
    channels = AlertChannels.from_env(
        {
            "HERALD_ALERT_SMTP_HOST": "mail.example",
            "HERALD_ALERT_MAIL_TO": "a@x.example, b@x.example",
            "HERALD_ALERT_WEBHOOKS": "https://hooks.example/1",
        }
    )
    assert channels.targets() == [
        ("in_app", ""),
        ("email", "a@x.example"),
        ("email", "b@x.example"),
        ("webhook", "https://hooks.example/1"),
    ]


def test_non_http_webhook_urls_are_refused(factory: sessionmaker[Session], org_id: int) -> None:
    channels = AlertChannels(webhooks=("file:///etc/passwd",))
    _record(factory, org_id, channels)
    assert deliver_pending(factory, channels) == {"sent": 0, "failed": 1}
    assert "not an http" in (_deliveries(factory)["webhook"][2] or "")
