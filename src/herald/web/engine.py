"""The active policy and its scanner, shared by the API and the pages.

Activating a pack builds a new scanner first and swaps it in one assignment, so a scan
in flight finishes on the policy it started with and a broken pack changes nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from herald import Scanner, load_policy, validate_policy
from herald.policy.errors import PolicyError, Problem
from herald.policy.model import Policy
from herald.types import AccountType, ScanContext, ScanResult, Severity


@dataclass(frozen=True, slots=True)
class RuleView:
    """One active rule as the policy page shows it, in one language."""

    id: str
    category: str
    severity: str
    message: str
    clause: str | None
    languages: tuple[str, ...]


class PolicyEngine:
    def __init__(self, policy: Policy) -> None:
        self._scanner = Scanner(policy)
        self._source: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_path(cls, path: Path | None) -> PolicyEngine:
        return cls(load_policy(path))

    @property
    def policy(self) -> Policy:
        return self._scanner.policy

    @property
    def source(self) -> str | None:
        """The YAML text of the active pack when it was uploaded; None for a built-in."""
        return self._source

    def scan(
        self,
        text: str,
        *,
        lang: str | None = None,
        account_type: AccountType = AccountType.BRAND,
        message_lang: str | None = None,
        author_role: str | None = None,
    ) -> ScanResult:
        ctx = ScanContext(
            lang=lang, account_type=account_type, message_lang=message_lang, author_role=author_role
        )
        return self._scanner.scan(text, ctx)

    @staticmethod
    def validate(text: str) -> list[Problem]:
        return validate_policy(text=text)

    def activate(self, text: str) -> Policy:
        """Load ``text`` as the active pack; raises PolicyError and keeps the old one."""
        policy = load_policy(text=text)
        scanner = Scanner(policy)
        with self._lock:
            self._scanner = scanner
            self._source = text
        return policy

    def rules(self, locale: str) -> list[RuleView]:
        views = []
        for spec in self.policy.specs:
            messages = {str(lang): text for lang, text in spec.message.items()}
            message = messages.get(locale) or next(iter(messages.values()), "")
            if isinstance(spec.severity, dict):
                severity = ", ".join(
                    f"{account.value}: {level.value}" for account, level in spec.severity.items()
                )
            else:
                severity = Severity(spec.severity).value
            languages = tuple(getattr(spec, "languages", None) or ("tr", "es", "en"))
            views.append(
                RuleView(spec.id, spec.category.value, severity, message, spec.clause, languages)
            )
        return views


__all__ = ["PolicyEngine", "PolicyError", "Problem", "RuleView"]
