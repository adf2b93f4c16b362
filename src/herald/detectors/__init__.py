"""Built-in detectors. Each module defines one detector and registers it on import."""

from __future__ import annotations

import importlib
from functools import cache

from herald.detectors.base import Detection, Detector, build_detector, register, registry

# One module per detector; later detectors are added to this list, nothing else changes.
BUILTIN_MODULES: tuple[str, ...] = (
    "herald.detectors.email",
    "herald.detectors.tc_kimlik",
    "herald.detectors.es_dni_nie",
    "herald.detectors.us_ssn",
    "herald.detectors.iban",
    "herald.detectors.payment_card",
    "herald.detectors.phone",
    "herald.detectors.ip_address",
    "herald.detectors.personal_context",
    "herald.detectors.secrets",
    "herald.detectors.passwords",
    "herald.detectors.assignments",
    "herald.detectors.private_key",
    "herald.detectors.jwt",
    "herald.detectors.connection_string",
    "herald.detectors.confidential",
    "herald.detectors.links",
    "herald.detectors.disparagement",
    "herald.detectors.offensive",
    "herald.detectors.illegal_conduct",
    "herald.detectors.put_downs",
    "herald.detectors.regulated_claims",
    "herald.detectors.attribution",
    "herald.detectors.unannounced",
    "herald.detectors.semantic",
)

__all__ = [
    "BUILTIN_MODULES",
    "Detection",
    "Detector",
    "build_detector",
    "load_builtin",
    "register",
    "registry",
]


@cache
def load_builtin() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
