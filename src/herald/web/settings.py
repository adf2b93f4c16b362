"""Settings from environment variables (see ``.env.example``), checked before starting."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from herald.security.secrets_box import DEVELOPMENT_KEY
from herald.services.mailer import DEFAULT_BASE_URL, SmtpSettings, base_url_from_env
from herald.web.limits import DEFAULT_MAX_BODY_BYTES

DEFAULT_SECRET_KEY = "change-me-this-is-not-a-secret"
_MIN_SECRET_LENGTH = 32
_DEFAULT_SESSION_MAX_AGE_S = 12 * 3600


class SettingsError(ValueError):
    """A setting that would make Herald unsafe or unable to start; the message says which."""


def _default_database_url(env: Mapping[str, str]) -> str:
    """The SQLite file every herald command shares: $HERALD_HOME/herald.db or ~/.herald."""
    home = Path(env.get("HERALD_HOME") or Path.home() / ".herald")
    return f"sqlite:///{home / 'herald.db'}"


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"expected true or false, got {value!r}")


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str = "development"
    """'development' or 'production'."""
    secret_key: str = DEFAULT_SECRET_KEY
    database_url: str = field(default_factory=lambda: _default_database_url(os.environ))
    cookie_secure: bool = False
    """Send cookies over HTTPS only; always on in production."""
    session_max_age_s: int = _DEFAULT_SESSION_MAX_AGE_S
    policy_path: Path | None = None
    """A policy pack to start with; None: the built-in default pack."""
    default_locale: str = "en"
    secret_keys: tuple[str, ...] = ()
    """Keys that encrypt network credentials, newest first (HERALD_SECRET_KEYS); empty:
    HERALD_SECRET_KEY alone. See docs/connectors.md for rotation."""
    smtp: SmtpSettings | None = None
    """Where notification and sign-in e-mails go (HERALD_SMTP_*); None: no e-mail."""
    base_url: str = DEFAULT_BASE_URL
    """This site's address as people reach it, for links in e-mails (HERALD_BASE_URL)."""
    signin_max_failures: int = 5
    """Wrong passwords for one account before it waits (an address may fail 4x as often)."""
    signin_first_wait_s: int = 30
    """The first wait; each further failure doubles it, up to ``signin_max_wait_s``."""
    signin_max_wait_s: int = 3600
    signin_forget_s: int = 86400
    """A counter quiet for this long starts again from zero."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """The largest request body any surface accepts (HERALD_MAX_BODY_BYTES); policy pack
    uploads accept up to 4 MiB when this is smaller."""

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def credential_keys(self) -> tuple[str, ...]:
        """The keys for :class:`~herald.security.secrets_box.SecretsBox`, first encrypts."""
        if self.secret_keys:
            return self.secret_keys
        if self.secret_key == DEFAULT_SECRET_KEY:  # development only: production refuses it
            return (DEVELOPMENT_KEY,)
        return (self.secret_key,)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        environment = env.get("HERALD_ENV", "development").strip().lower()
        if environment not in ("development", "production"):
            raise SettingsError(
                f"HERALD_ENV must be 'development' or 'production', not {environment!r}"
            )
        production = environment == "production"
        try:
            max_age = int(env.get("HERALD_SESSION_MAX_AGE", str(_DEFAULT_SESSION_MAX_AGE_S)))
        except ValueError:
            raise SettingsError("HERALD_SESSION_MAX_AGE must be a number of seconds") from None
        try:
            max_body = int(env.get("HERALD_MAX_BODY_BYTES", str(DEFAULT_MAX_BODY_BYTES)))
        except ValueError:
            raise SettingsError("HERALD_MAX_BODY_BYTES must be a number of bytes") from None
        if max_body < 1024:
            raise SettingsError("HERALD_MAX_BODY_BYTES must be at least 1024 bytes")
        policy = env.get("HERALD_POLICY")
        locale = env.get("HERALD_DEFAULT_LOCALE", "en")
        if locale not in ("tr", "es", "en"):
            raise SettingsError("HERALD_DEFAULT_LOCALE must be one of tr, es, en")
        try:
            smtp = SmtpSettings.from_env(env)
        except ValueError as error:
            raise SettingsError(str(error)) from None
        base_url = base_url_from_env(env)
        if not base_url.startswith(("http://", "https://")):
            raise SettingsError("HERALD_BASE_URL must start with http:// or https://")
        settings = cls(
            environment=environment,
            smtp=smtp,
            base_url=base_url,
            secret_key=env.get("HERALD_SECRET_KEY", DEFAULT_SECRET_KEY),
            database_url=env.get("HERALD_DATABASE_URL") or _default_database_url(env),
            cookie_secure=_flag(env.get("HERALD_COOKIE_SECURE"), production),
            session_max_age_s=max_age,
            policy_path=Path(policy) if policy else None,
            default_locale=locale,
            max_body_bytes=max_body,
            secret_keys=tuple(
                key.strip() for key in env.get("HERALD_SECRET_KEYS", "").split(",") if key.strip()
            ),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse settings that are unsafe in production."""
        if not self.production:
            return
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < _MIN_SECRET_LENGTH:
            raise SettingsError(
                "HERALD_SECRET_KEY must be set to a random value of at least "
                f"{_MIN_SECRET_LENGTH} characters in production "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
            )
        short = [k for k in self.secret_keys if len(k) < _MIN_SECRET_LENGTH]
        if short:
            raise SettingsError(
                f"every key in HERALD_SECRET_KEYS needs at least {_MIN_SECRET_LENGTH} characters"
            )
        if not self.cookie_secure:
            raise SettingsError("HERALD_COOKIE_SECURE cannot be off in production")
