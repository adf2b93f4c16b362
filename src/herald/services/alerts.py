"""Listening alerts: recorded first (in-app), then delivered by e-mail, chat and webhook.

An alert is committed with one delivery row per configured channel before anything is
sent, so a crash or a channel that is down never loses it: :func:`deliver_pending` sends
what is pending or failed, records each failure's reason, and is safe to run again (a sent
delivery is never sent twice by it). Recording the same alert twice (a replay, a retried
task) leaves one alert.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.listening.alert import Alert
from herald.services import cases, mailer
from herald.services.transaction import run_in_transaction
from herald.store.models import AlertDelivery, ListeningAlert

MAX_ATTEMPTS = 8
TIMEOUT_S = 10.0
SIGNATURE_HEADER = "X-Herald-Signature"
TIMESTAMP_HEADER = "X-Herald-Timestamp"

TITLES: dict[str, dict[str, str]] = {
    "volume_spike": {
        "en": "Mentions spiking",
        "tr": "Bahsedilmelerde ani artış",
        "es": "Pico de menciones",
    },
    "sentiment_dip": {
        "en": "Sentiment turning negative",
        "tr": "Duygu olumsuza dönüyor",
        "es": "El sentimiento se vuelve negativo",
    },
    "crisis": {"en": "Crisis signals", "tr": "Kriz sinyalleri", "es": "Señales de crisis"},
    "vip": {"en": "VIP mention", "tr": "Önemli hesaptan bahsetme", "es": "Mención de un VIP"},
}


@dataclass(frozen=True, slots=True)
class AlertChannels:
    """Where alerts go besides the in-app list (from environment variables, see from_env)."""

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "herald@localhost"
    mail_to: tuple[str, ...] = ()
    chat_webhooks: tuple[str, ...] = ()
    """Incoming-webhook URLs of chat tools (Slack, Mattermost, Rocket.Chat: {"text": ...})."""
    webhooks: tuple[str, ...] = ()
    webhook_secret: str = ""
    lang: str = "en"
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AlertChannels:
        def items(name: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in env.get(name, "").split(",") if v.strip())

        return cls(
            smtp_host=env.get("HERALD_ALERT_SMTP_HOST") or None,
            smtp_port=int(env.get("HERALD_ALERT_SMTP_PORT", "25")),
            smtp_user=env.get("HERALD_ALERT_SMTP_USER") or None,
            smtp_password=env.get("HERALD_ALERT_SMTP_PASSWORD") or None,
            smtp_starttls=env.get("HERALD_ALERT_SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
            mail_from=env.get("HERALD_ALERT_MAIL_FROM", "herald@localhost"),
            mail_to=items("HERALD_ALERT_MAIL_TO"),
            chat_webhooks=items("HERALD_ALERT_CHAT_WEBHOOKS"),
            webhooks=items("HERALD_ALERT_WEBHOOKS"),
            webhook_secret=env.get("HERALD_ALERT_WEBHOOK_SECRET", ""),
            lang=env.get("HERALD_ALERT_LANG", "en"),
        )

    def targets(self) -> list[tuple[str, str]]:
        out = [("in_app", "")]
        if self.smtp_host:
            out.extend(("email", to) for to in self.mail_to)
        out.extend(("chat", url) for url in self.chat_webhooks)
        out.extend(("webhook", url) for url in self.webhooks)
        return out


def _moment(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def record_alert(
    session: Session,
    org_id: int,
    alert: Alert,
    channels: AlertChannels,
    *,
    open_case: bool = True,
) -> ListeningAlert:
    """The stored alert (created, or the one already stored for the same window). A new
    alert of crisis or high severity opens a case for the crisis team
    (:func:`herald.services.cases.open_for_alert`), in the same transaction."""
    existing = session.scalars(
        select(ListeningAlert).where(
            ListeningAlert.org_id == org_id,
            ListeningAlert.query_id == alert.query,
            ListeningAlert.lang == alert.lang,
            ListeningAlert.kind == str(alert.kind),
            ListeningAlert.window_end == _moment(alert.window_end),
        )
    ).first()
    if existing is not None:
        return existing
    row = ListeningAlert(
        org_id=org_id,
        query_id=alert.query,
        lang=alert.lang,
        kind=str(alert.kind),
        raised_at=_moment(alert.ts),
        window_start=_moment(alert.window_start),
        window_end=_moment(alert.window_end),
        observed=alert.observed,
        expected=alert.expected,
        z=alert.z,
        drivers=alert.drivers,
    )
    for channel, target in channels.targets():
        status = "sent" if channel == "in_app" else "pending"  # the row is the in-app alert
        row.deliveries.append(AlertDelivery(channel=channel, target=target, status=status))
    session.add(row)
    session.flush()
    if open_case:
        cases.open_for_alert(session, row)
    return row


def payload(row: ListeningAlert) -> dict[str, Any]:
    def stamp(value: datetime) -> str:
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")

    return {
        "id": row.id,
        "ts": stamp(row.raised_at),
        "kind": row.kind,
        "query": row.query_id,
        "lang": row.lang,
        "window_start": stamp(row.window_start),
        "window_end": stamp(row.window_end),
        "observed": row.observed,
        "expected": row.expected,
        "drivers": row.drivers,
    }


def summary(row: ListeningAlert, lang: str) -> str:
    title = TITLES.get(row.kind, {}).get(lang) or TITLES.get(row.kind, {}).get("en", row.kind)
    terms = ", ".join(t["term"] for t in row.drivers.get("terms", [])[:5])
    lines = [
        f"{title}: {row.query_id} [{row.lang}]",
        f"{row.window_start:%Y-%m-%d %H:%M}–{row.window_end:%H:%M} UTC: "
        f"{row.observed:.0f} / {row.expected:.0f}",
    ]
    if terms:
        lines.append(terms)
    lines.extend(f"> {s}" for s in row.drivers.get("samples", [])[:3])
    return "\n".join(lines)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "timestamp.body": a receiver checks it and refuses old timestamps."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def _post(url: str, body: bytes, headers: dict[str, str]) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url[:100]}")
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        if not 200 <= response.status < 300:
            raise OSError(f"HTTP {response.status}")


def _send(delivery: AlertDelivery, row: ListeningAlert, channels: AlertChannels) -> None:
    text = summary(row, channels.lang)
    if delivery.channel == "email":
        assert channels.smtp_host is not None
        smtp = mailer.SmtpSettings(
            host=channels.smtp_host,
            port=channels.smtp_port,
            user=channels.smtp_user,
            password=channels.smtp_password,
            starttls=channels.smtp_starttls,
            mail_from=channels.mail_from,
        )
        details = json.dumps(payload(row), ensure_ascii=False, indent=2)
        mailer.send(smtp, delivery.target, text.splitlines()[0], f"{text}\n\n{details}")
    elif delivery.channel == "chat":
        _post(delivery.target, json.dumps({"text": text}, ensure_ascii=False).encode(), {})
    elif delivery.channel == "webhook":
        body = json.dumps(payload(row), ensure_ascii=False, sort_keys=True).encode()
        stamp = str(int(time.time()))
        headers = {TIMESTAMP_HEADER: stamp}
        if channels.webhook_secret:
            headers[SIGNATURE_HEADER] = sign(channels.webhook_secret, stamp, body)
        _post(delivery.target, body, headers)


def deliver_pending(factory: sessionmaker[Session], channels: AlertChannels) -> dict[str, int]:
    """Send every pending or failed delivery (under :data:`MAX_ATTEMPTS`); returns counts."""

    def due(session: Session) -> list[int]:
        return list(
            session.scalars(
                select(AlertDelivery.id).where(
                    AlertDelivery.status.in_(("pending", "failed")),
                    AlertDelivery.attempts < MAX_ATTEMPTS,
                )
            )
        )

    counts = {"sent": 0, "failed": 0}
    for delivery_id in run_in_transaction(factory, due):
        with factory() as session:
            delivery = session.get(AlertDelivery, delivery_id)
            if delivery is None or delivery.status == "sent":
                continue
            error: str | None = None
            try:
                _send(delivery, delivery.alert, channels)
            except (OSError, smtplib.SMTPException, urllib.error.URLError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"[:2000]

        def record(
            session: Session, delivery_id: int = delivery_id, error: str | None = error
        ) -> None:
            row = session.get(AlertDelivery, delivery_id)
            if row is None:
                return
            row.attempts += 1
            row.status = "failed" if error else "sent"
            row.last_error = error
            row.updated_at = datetime.now(UTC)

        run_in_transaction(factory, record)
        counts["failed" if error else "sent"] += 1
    return counts
