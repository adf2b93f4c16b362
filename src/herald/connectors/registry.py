"""Which module builds a connector for which network: the one place a network is plugged in."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

from herald.connectors.base import Connector

ConnectorFactory = Callable[[Mapping[str, str]], Connector]
"""Builds a connector from an account's decrypted connection settings (URL, token, ...)."""

_FACTORIES: dict[str, ConnectorFactory] = {}

BUILTIN_MODULES: dict[str, str] = {
    "mastodon": "herald.connectors.mastodon",
    "bluesky": "herald.connectors.bluesky",
    "rss": "herald.connectors.rss",
}
"""Shipped networks, imported on first use so that a network's library loads only if used."""


class SettingsError(ValueError):
    """A connection's settings are missing or malformed; ``setting`` names which one."""

    def __init__(self, setting: str, reason: str) -> None:
        super().__init__(f"the setting {setting!r} {reason}")
        self.setting = setting


class UnknownNetworkError(LookupError):
    def __init__(self, network: str) -> None:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        super().__init__(f"no connector for network {network!r} (known: {known})")
        self.network = network


def register(network: str, factory: ConnectorFactory) -> None:
    """Make ``network`` available; a network module calls this when it is imported."""
    _FACTORIES[network] = factory


def _load(network: str) -> None:
    module = BUILTIN_MODULES.get(network)
    if module is not None and network not in _FACTORIES:
        importlib.import_module(module)


def networks() -> tuple[str, ...]:
    for network in BUILTIN_MODULES:
        _load(network)
    return tuple(sorted(_FACTORIES))


def connector_for(network: str, settings: Mapping[str, str]) -> Connector:
    """A connector for ``network``; builds it without any network I/O (that waits for a call).

    Raises :class:`UnknownNetworkError`, or :class:`SettingsError` for bad settings.
    """
    _load(network)
    try:
        factory = _FACTORIES[network]
    except KeyError:
        raise UnknownNetworkError(network) from None
    return factory(settings)


def required(settings: Mapping[str, str], *names: str) -> tuple[str, ...]:
    """The named settings, stripped; a missing or empty one is a :class:`SettingsError`."""
    values = []
    for name in names:
        value = settings.get(name, "").strip()
        if not value:
            raise SettingsError(name, "is required")
        values.append(value)
    return tuple(values)
