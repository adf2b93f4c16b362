"""Which module builds a connector for which network: the one place a network is plugged in."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from herald.connectors.base import Connector

ConnectorFactory = Callable[[Mapping[str, str]], Connector]
"""Builds a connector from an account's decrypted connection settings (URL, token, ...)."""

_FACTORIES: dict[str, ConnectorFactory] = {}


class UnknownNetworkError(LookupError):
    def __init__(self, network: str) -> None:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        super().__init__(f"no connector for network {network!r} (known: {known})")
        self.network = network


def register(network: str, factory: ConnectorFactory) -> None:
    """Make ``network`` available; a network module calls this when it is imported."""
    _FACTORIES[network] = factory


def networks() -> tuple[str, ...]:
    return tuple(sorted(_FACTORIES))


def connector_for(network: str, settings: Mapping[str, str]) -> Connector:
    try:
        factory = _FACTORIES[network]
    except KeyError:
        raise UnknownNetworkError(network) from None
    return factory(settings)
