"""A loaded, compiled policy: what the scanner runs and what the policy document shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald.listening.config import ListeningQuery
from herald.policy.schema import AcknowledgementSpec, InboxSettings, ReplySpec, RoutingRule, Rule
from herald.types import OrgSettings

if TYPE_CHECKING:
    from herald.policy.rules import CompiledRule


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
    document: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    acknowledgement: AcknowledgementSpec = field(default_factory=AcknowledgementSpec)
    """The company's words for the policy document: section id (or "title") -> language -> text."""
    routing: tuple[RoutingRule, ...] = ()
    """Inbox routing rules in order of precedence: the first that matches decides."""
    inbox: InboxSettings = field(default_factory=InboxSettings)
    replies: tuple[ReplySpec, ...] = ()
    """The pre-approved reply library."""
    listening: tuple[ListeningQuery, ...] = ()
    """The pack's listening queries, compiled."""

    def spec(self, rule_id: str) -> Rule | None:
        return next((s for s in self.specs if s.id == rule_id), None)
