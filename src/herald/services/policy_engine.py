"""The one place the services meet the scan engine: load a pack, get something that scans.

Kept behind a small protocol so the services depend on the engine's contract
(``load_policy``, ``Scanner``) rather than on its internals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from herald.policy.errors import PolicyError
from herald.policy.loader import BUILTIN_PREFIX, load_policy
from herald.policy.model import Policy
from herald.scan.errors import InputError
from herald.scan.scanner import Scanner
from herald.types import ScanContext, ScanResult

__all__ = ["BUILTIN_PREFIX", "LoadedPolicy", "PolicyEngine", "PolicyLoadError", "load"]


class PolicyEngine(Protocol):
    @property
    def policy(self) -> Policy:
        """The compiled pack (its rules, organisation, document and acknowledgement settings)."""
        ...

    def scan(self, text: str, ctx: ScanContext) -> ScanResult: ...


@dataclass(frozen=True, slots=True)
class LoadedPolicy:
    version: str
    """The engine's content hash of the resolved pack."""
    name: str
    files: Mapping[str, str]
    """Every file the pack was read from (imports and inherited packs included), by name,
    with the text that was read: the record of a version never reads the disk again."""
    engine: PolicyEngine


class PolicyLoadError(ValueError):
    """The pack does not load; ``str()`` lists every problem with file:line."""


def load(
    source: Path | str | None, *, text: str | None = None, files: Mapping[str, str] | None = None
) -> LoadedPolicy:
    """Load and compile a pack with the real engine: a path (None: the built-in default),
    an upload's ``text`` (extends built-in packs only), or a stored version's ``files``."""
    try:
        policy = load_policy(source, text=text, files=files)
    except PolicyError as error:
        raise PolicyLoadError(str(error)) from error
    return LoadedPolicy(
        version=policy.version,
        name=policy.name,
        files=dict(zip(policy.files, policy.texts, strict=True)),
        engine=Scanner(policy),
    )


def is_input_error(error: BaseException) -> bool:
    """Text the engine refuses (empty, too large, unknown language)."""
    return isinstance(error, InputError)
