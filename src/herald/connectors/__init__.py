"""Network connectors: one module per network behind the interface in :mod:`.base`."""

from herald.connectors.base import (
    AuthExpiredError,
    Connector,
    ConnectorError,
    FetchPage,
    Health,
    IncomingItem,
    ItemKind,
    MalformedPayloadError,
    OutgoingPost,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    RateLimitState,
    TransientError,
)

__all__ = [
    "AuthExpiredError",
    "Connector",
    "ConnectorError",
    "FetchPage",
    "Health",
    "IncomingItem",
    "ItemKind",
    "MalformedPayloadError",
    "OutgoingPost",
    "PermanentError",
    "PublishedRef",
    "RateLimitState",
    "RateLimitedError",
    "TransientError",
]
