"""A loaded, compiled policy: what the scanner runs and what the policy document shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from herald.policy.schema import Rule
from herald.types import OrgSettings

if TYPE_CHECKING:
    from herald.scan.rules import CompiledRule


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    name: str
    label: str | None
    """The version the authors wrote in the pack (``version:``), if any."""
    version: str
    """Fingerprint of the resolved content; every scan result pins it."""
    org: OrgSettings
    rules: tuple[CompiledRule, ...]
    specs: tuple[Rule, ...]
    """The rules as written (after inheritance), for documents and listings."""
    files: tuple[str, ...]
    """Every file the pack was read from, by name (built-in files as ``herald:<path>``)."""
    texts: tuple[str, ...] = ()
    """The text of each of ``files``, as read."""

    def spec(self, rule_id: str) -> Rule | None:
        return next((s for s in self.specs if s.id == rule_id), None)
