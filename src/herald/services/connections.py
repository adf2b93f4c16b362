"""Connecting an account to its network: encrypted credentials, cursor, health, rate limit.

Credentials go in once and are never shown again: reads return :class:`ConnectionView`,
which names the settings but carries no value. Only :func:`open_connector` decrypts, to
hand the values straight to the network's connector.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from herald.connectors.base import Connector, Health, RateLimitState
from herald.connectors.registry import SettingsError, UnknownNetworkError, connector_for
from herald.security.secrets_box import SecretsBox, SecretsBoxError, SecretSettings
from herald.services import accounts, audit
from herald.services.errors import InvalidInputError, NotFoundError
from herald.store.enums import Capability
from herald.store.models import Account, Connection, Person
from herald.store.types import utcnow

MAX_SETTINGS_BYTES = 16_384
MAX_HEALTH_DETAIL = 500


@dataclass(frozen=True, slots=True)
class ConnectionView:
    """What a page or the API may show about a connection: never a credential."""

    account_id: int
    network: str
    setting_names: tuple[str, ...]
    cursor: str | None
    last_sync_at: datetime | None
    health_ok: bool | None
    health_detail: str
    health_at: datetime | None
    rate_limit: RateLimitState | None
    credentials_set_at: datetime

    def token_age_s(self, now: datetime | None = None) -> float:
        return ((now or utcnow()) - self.credentials_set_at).total_seconds()


def _rate_limit_json(state: RateLimitState) -> dict[str, Any]:
    return {
        "limit": state.limit,
        "remaining": state.remaining,
        "reset_at": state.reset_at.isoformat() if state.reset_at else None,
    }


def _rate_limit_state(data: dict[str, Any] | None) -> RateLimitState | None:
    if data is None:
        return None
    reset = data.get("reset_at")
    return RateLimitState(
        limit=data.get("limit"),
        remaining=data.get("remaining"),
        reset_at=datetime.fromisoformat(reset) if reset else None,
    )


def view(row: Connection) -> ConnectionView:
    return ConnectionView(
        account_id=row.account_id,
        network=row.network,
        setting_names=tuple(row.setting_names),
        cursor=row.cursor,
        last_sync_at=row.last_sync_at,
        health_ok=row.health_ok,
        health_detail=row.health_detail,
        health_at=row.health_at,
        rate_limit=_rate_limit_state(row.rate_limit),
        credentials_set_at=row.credentials_set_at,
    )


def _clean_settings(settings: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for name, value in settings.items():
        if not isinstance(name, str) or not name.strip() or not isinstance(value, str):
            raise InvalidInputError("connection_settings", repr(name))
        cleaned[name.strip()] = value.strip()
    size = sum(len(k.encode()) + len(v.encode(errors="replace")) for k, v in cleaned.items())
    if size > MAX_SETTINGS_BYTES:
        raise InvalidInputError("connection_settings", f"> {MAX_SETTINGS_BYTES} bytes")
    return cleaned


def _row(session: Session, account_id: int) -> Connection | None:
    return session.scalar(select(Connection).where(Connection.account_id == account_id))


def connect(
    session: Session,
    actor: Person,
    box: SecretsBox,
    account: Account,
    settings: Mapping[str, str],
) -> ConnectionView:
    """Store (or replace) ``account``'s credentials, encrypted; the cursor survives a reconnect.

    The settings are checked by building the network's connector (no network call).
    """
    accounts.require(session, actor, account, Capability.PUBLISH)
    cleaned = _clean_settings(settings)
    try:
        connector_for(account.network, cleaned)
    except UnknownNetworkError:
        raise InvalidInputError("network", repr(account.network)) from None
    except SettingsError as error:
        raise InvalidInputError("connection_settings", repr(error.setting)) from None
    row = _row(session, account.id)
    replaced = row is not None
    if row is None:
        row = Connection(org_id=account.org_id, account_id=account.id, network=account.network)
        session.add(row)
    row.settings = box.encrypt(cleaned)
    row.setting_names = sorted(cleaned)
    row.credentials_set_at = utcnow()
    row.connected_by = actor.id
    row.health_ok, row.health_detail, row.health_at = None, "", None
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="connection.reconnected" if replaced else "connection.connected",
        subject_type="account",
        subject_id=account.id,
        data={"network": account.network, "settings": sorted(cleaned)},
    )
    return view(row)


def disconnect(session: Session, actor: Person, account: Account) -> None:
    """Forget ``account``'s credentials and sync state (its posts and messages stay)."""
    accounts.require(session, actor, account, Capability.PUBLISH)
    row = _row(session, account.id)
    if row is None:
        raise NotFoundError("connection", f"{account.network}:{account.handle}")
    session.delete(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="connection.disconnected",
        subject_type="account",
        subject_id=account.id,
        data={"network": account.network},
    )


def get(session: Session, actor: Person, account: Account) -> ConnectionView:
    """The connection of one of the actor's organisation's accounts."""
    if account.org_id != actor.org_id:
        raise NotFoundError("account", account.id)
    row = _row(session, account.id)
    if row is None:
        raise NotFoundError("connection", f"{account.network}:{account.handle}")
    return view(row)


def list_connections(session: Session, actor: Person) -> list[ConnectionView]:
    rows = session.scalars(
        select(Connection).where(Connection.org_id == actor.org_id).order_by(Connection.id)
    )
    return [view(row) for row in rows]


def open_connector(session: Session, box: SecretsBox, account_id: int) -> Connector:
    """The live connector for an account, for publishing and ingestion (system use).

    A connection whose settings no configured key can open is reported as such, never
    guessed at: the fix is to restore the key or reconnect the account.
    """
    row = _row(session, account_id)
    if row is None:
        raise NotFoundError("connection", account_id)
    try:
        settings = box.decrypt(row.settings)
    except SecretsBoxError:
        raise InvalidInputError("connection_settings", "undecryptable") from None
    return connector_for(row.network, settings)


def stored_settings(session: Session, box: SecretsBox, account_id: int) -> SecretSettings | None:
    """The decrypted settings of ``account_id``'s connection, or None if it has none
    (system use: publishing and ingestion). Raises :class:`SecretsBoxError` when no
    configured key opens them."""
    row = _row(session, account_id)
    return box.decrypt(row.settings) if row is not None else None


def advance_cursor(
    session: Session,
    account_id: int,
    *,
    seen: str | None,
    cursor: str | None,
    rate_limit: RateLimitState | None = None,
) -> bool:
    """Move the cursor from ``seen`` to ``cursor`` if nobody moved it meanwhile.

    Returns False when another worker already advanced it (a duplicate delivery of the
    same fetch): the caller's items are then already stored and nothing changes.
    """
    values: dict[str, Any] = {"cursor": cursor, "last_sync_at": utcnow()}
    if rate_limit is not None:
        values["rate_limit"] = _rate_limit_json(rate_limit)
    condition = Connection.cursor.is_(None) if seen is None else Connection.cursor == seen
    result = session.execute(
        update(Connection)
        .where(Connection.account_id == account_id, condition)
        .values(**values, version=Connection.version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def record_health(
    session: Session,
    account_id: int,
    health: Health,
    rate_limit: RateLimitState | None = None,
) -> None:
    row = _row(session, account_id)
    if row is None:
        raise NotFoundError("connection", account_id)
    row.health_ok = health.ok
    row.health_detail = health.detail[:MAX_HEALTH_DETAIL]
    row.health_at = utcnow()
    if rate_limit is not None:
        row.rate_limit = _rate_limit_json(rate_limit)
    session.flush()


def rotate_keys(session: Session, box: SecretsBox) -> int:
    """Re-encrypt every stored connection under the box's first key; returns how many.

    Run after putting a new key first in HERALD_SECRET_KEYS; once it has run, the old key
    can be removed. Running it twice is harmless.
    """
    rows = list(session.scalars(select(Connection).with_for_update()))
    for row in rows:
        try:
            row.settings = box.rotate(row.settings)
        except SecretsBoxError:
            raise InvalidInputError("connection_settings", f"undecryptable ({row.id})") from None
    session.flush()
    return len(rows)


def test_connection(
    session: Session, actor: Person, box: SecretsBox, account: Account
) -> ConnectionView:
    """Ask the network whether the stored credentials work and record the answer.

    The network is called inside the caller's transaction: a health check is one short
    request with the connector's timeout. A failure is recorded, not raised.
    """
    accounts.require(session, actor, account, Capability.PUBLISH)
    row = _row(session, account.id)
    if row is None:
        raise NotFoundError("connection", f"{account.network}:{account.handle}")
    connector = open_connector(session, box, account.id)
    try:
        health = connector.health()
        rate_limit = connector.rate_limit()
    except Exception as error:  # the network boundary: a test reports, it never crashes
        health, rate_limit = Health(ok=False, detail=f"{type(error).__name__}: {error}"), None
    finally:
        close = getattr(connector, "close", None)
        if callable(close):
            close()
    record_health(session, account.id, health, rate_limit)
    audit.append(
        session,
        actor=actor,
        action="connection.tested",
        subject_type="account",
        subject_id=account.id,
        data={"network": account.network, "ok": health.ok},
    )
    return view(row)
