"""How publishing gets the connector of an account.

Publishing asks a :class:`ConnectorProvider`; it never builds connectors itself. The
default provider reads the account's encrypted connection (made on the connected-accounts
page, opened with the keys of :func:`~herald.security.secrets_box.keys_from_env`); an
account without one falls back to per-network settings from ``HERALD_CONNECTIONS`` (JSON,
e.g. ``{"stub": {"url": "http://127.0.0.1:8100"}}``): enough for tests, benchmarks and a
demo, not a place for production credentials.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
from collections.abc import Callable, Mapping
from typing import Protocol

from sqlalchemy.orm import Session

from herald.connectors import registry
from herald.connectors.base import Connector, ConnectorError
from herald.security.secrets_box import SecretsBox, SecretsBoxError, keys_from_env
from herald.services import connections
from herald.store.models import Account

CONNECTIONS_ENV = "HERALD_CONNECTIONS"


class NotConnectedError(Exception):
    """The account has no usable connection: a person must connect it; never retried."""


class ConnectorProvider(Protocol):
    def __call__(self, session: Session, account: Account) -> Connector: ...


SettingsLookup = Callable[[Session, Account], Mapping[str, str]]


def registry_provider(settings_for: SettingsLookup) -> ConnectorProvider:
    """Build the account's connector from the registry with the settings ``settings_for``
    finds; the network's module is imported by name (``herald.connectors.<network>``)."""

    def provide(session: Session, account: Account) -> Connector:
        settings = {**settings_for(session, account), "handle": account.handle}
        _load_network_module(account.network)
        try:
            return registry.connector_for(account.network, settings)
        except registry.UnknownNetworkError as error:
            raise NotConnectedError(str(error)) from None
        except (ConnectorError, ValueError, KeyError) as error:
            raise NotConnectedError(f"invalid connection settings: {error}") from None

    return provide


def env_settings(session: Session, account: Account) -> Mapping[str, str]:
    """Settings for the account's network from ``HERALD_CONNECTIONS`` (interim, see above)."""
    raw = os.environ.get(CONNECTIONS_ENV, "")
    if not raw:
        raise NotConnectedError(f"no connection configured for {account.network}")
    try:
        networks = json.loads(raw)
    except ValueError:
        raise NotConnectedError(f"{CONNECTIONS_ENV} is not valid JSON") from None
    settings = networks.get(account.network) if isinstance(networks, dict) else None
    if not isinstance(settings, dict):
        raise NotConnectedError(f"no connection configured for {account.network}")
    return {str(k): str(v) for k, v in settings.items()}


def stored_or_env_settings(box: SecretsBox) -> SettingsLookup:
    """The account's stored connection if it has one, else ``HERALD_CONNECTIONS``."""

    def lookup(session: Session, account: Account) -> Mapping[str, str]:
        try:
            stored = connections.stored_settings(session, box, account.id)
        except SecretsBoxError:
            raise NotConnectedError(
                "the stored credentials cannot be decrypted with the configured keys"
            ) from None
        return stored if stored is not None else env_settings(session, account)

    return lookup


def default_provider(env: Mapping[str, str] | None = None) -> ConnectorProvider:
    keys = keys_from_env(os.environ if env is None else env)
    try:
        box = SecretsBox(keys)
    except SecretsBoxError as error:  # a short key: report it on every attempt, never guess
        message = str(error)

        def refuse(session: Session, account: Account) -> Mapping[str, str]:
            raise NotConnectedError(message)

        return registry_provider(refuse)
    return registry_provider(stored_or_env_settings(box))


def _load_network_module(network: str) -> None:
    if network in registry.networks() or not network.isidentifier():
        return
    # An unknown network is reported by connector_for, naming the ones that exist.
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module(f"herald.connectors.{network}")


def connections_provider(box: SecretsBox) -> ConnectorProvider:
    """Connectors from the ``connections`` table, else from ``HERALD_CONNECTIONS``."""
    return registry_provider(stored_or_env_settings(box))
