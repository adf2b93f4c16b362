"""Sending e-mail over SMTP (the standard library's smtplib): one settings object, one call.

Settings come from ``HERALD_SMTP_*`` environment variables (see :meth:`SmtpSettings.from_env`);
without ``HERALD_SMTP_HOST`` nothing is sent and :func:`send` is never called.
"""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

TIMEOUT_S = 10.0
DEFAULT_BASE_URL = "http://localhost:8000"

SEND_ERRORS = (OSError, smtplib.SMTPException, ValueError)
"""What a failed send raises: a caller records it and tries again later."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    mail_from: str = "herald@localhost"

    @classmethod
    def from_env(cls, env: Mapping[str, str], prefix: str = "HERALD_SMTP_") -> SmtpSettings | None:
        """``{prefix}HOST``, ``PORT``, ``USER``, ``PASSWORD``, ``STARTTLS``, ``FROM``;
        None when no host is set (e-mail off)."""
        host = env.get(prefix + "HOST", "").strip()
        if not host:
            return None
        port = env.get(prefix + "PORT", "25").strip() or "25"
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"{prefix}PORT must be a port number, not {port!r}")
        return cls(
            host=host,
            port=int(port),
            user=env.get(prefix + "USER") or None,
            password=env.get(prefix + "PASSWORD") or None,
            starttls=env.get(prefix + "STARTTLS", "").strip().lower() in ("1", "true", "yes"),
            mail_from=env.get(prefix + "FROM", "").strip() or "herald@localhost",
        )


def base_url_from_env(env: Mapping[str, str]) -> str:
    """This site's address as people reach it (``HERALD_BASE_URL``), for links in e-mails."""
    return (env.get("HERALD_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")


def send(settings: SmtpSettings, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises one of :data:`SEND_ERRORS` on failure."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.mail_from
    message["To"] = to
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)
