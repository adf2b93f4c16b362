"""Findings in the reader's language.

A post's findings are stored with messages in the post's own language (what the author
saw). An approver reading another language gets them re-rendered: the text is scanned
again under the exact policy version the findings were made with, asking for messages in
the reader's language, and each stored finding takes the message of its twin.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from herald.scan.errors import InputError
from herald.scan.scanner import Scanner
from herald.services import policies
from herald.store.enums import AccountKind
from herald.store.models import PolicyVersion, Post, PostFinding
from herald.types import AccountType, ScanContext

FindingKey = tuple[int | None, str, int, int]


def _key(account_id: int | None, rule_id: str, start: int, end: int) -> FindingKey:
    return (account_id, rule_id, start, end)


def messages_for(session: Session, post: Post, locale: str) -> dict[FindingKey, str]:
    """(account or None, rule, start, end) -> message in ``locale``; missing: keep stored."""
    if post.policy_version_id is None or not post.findings:
        return {}
    version = session.get(PolicyVersion, post.policy_version_id)
    if version is None:
        return {}
    scanner = policies.engine_for(version)
    if not isinstance(scanner, Scanner):
        return {}
    texts: list[tuple[int | None, str, AccountType]] = [(None, post.text, AccountType.BRAND)]
    for target in post.targets:
        kind = (
            AccountType.PERSONAL
            if target.account.kind is AccountKind.PERSONAL
            else AccountType.BRAND
        )
        if target.variant_text is not None:
            texts.append((target.account_id, target.variant_text, kind))
        elif kind is AccountType.PERSONAL:
            texts.append((None, post.text, kind))
    out: dict[FindingKey, str] = {}
    for account_id, text, kind in texts:
        try:
            result = scanner.scan(text, ScanContext(account_type=kind, message_lang=locale))
        except InputError:
            continue
        for finding in result.findings:
            out.setdefault(
                _key(account_id, finding.rule_id, finding.start, finding.end), finding.message
            )
    return out


def message(messages: dict[FindingKey, str], finding: PostFinding) -> str:
    return messages.get(
        _key(finding.account_id, finding.rule_id, finding.start, finding.end), finding.message
    )


def localized(session: Session, post: Post, locale: str) -> Iterable[tuple[PostFinding, str]]:
    messages = messages_for(session, post, locale)
    return [(f, message(messages, f)) for f in post.findings]
