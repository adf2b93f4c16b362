"""Running the scanner for the web: context from the caller, rules as the policy page shows them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from herald.policy.model import Policy
from herald.scan.scanner import Scanner
from herald.types import AccountType, ScanContext, ScanResult, Severity

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
"""``{match}``, ``{replacement}``...: filled per finding; a rule listing shows an ellipsis."""


@dataclass(frozen=True, slots=True)
class RuleView:
    """One active rule as the policy page shows it, in one language."""

    id: str
    category: str
    severities: tuple[tuple[str, str], ...]
    """(account type or '' for every account, severity)."""
    message: str
    clause: str | None
    languages: tuple[str, ...]


def scan_text(
    scanner: Scanner,
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
    return scanner.scan(text, ctx)


def rule_views(policy: Policy, locale: str) -> list[RuleView]:
    views = []
    for spec in policy.specs:
        messages = {str(lang): text for lang, text in spec.message.items()}
        message = _PLACEHOLDER.sub("…", messages.get(locale) or next(iter(messages.values()), ""))
        if isinstance(spec.severity, dict):
            severities = tuple(
                (account.value, level.value) for account, level in spec.severity.items()
            )
        else:
            severities = (("", Severity(spec.severity).value),)
        languages = tuple(str(lang) for lang in spec.languages)
        views.append(
            RuleView(spec.id, spec.category.value, severities, message, spec.clause, languages)
        )
    return views
