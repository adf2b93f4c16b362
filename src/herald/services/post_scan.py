"""Scanning a post's texts with the active policy and keeping the latest findings."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from herald.services import audit, policies, policy_engine
from herald.services.errors import InvalidInputError
from herald.store.enums import AccountKind
from herald.store.models import Person, Post, PostFinding
from herald.types import AccountType, Finding, ScanContext, Severity, Verdict


@dataclass(frozen=True, slots=True)
class _Job:
    text: str
    account_id: int | None
    """None: the post's original text; else the account whose variant this is."""
    account_type: AccountType


def finding_key(account_id: int | None, finding: Finding) -> str:
    """Identity of a finding within one content: where it is and which rule raised it."""
    body = json.dumps([account_id, finding.rule_id, finding.start, finding.end, finding.text])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _jobs(post: Post) -> list[_Job]:
    kinds_on_original: set[AccountType] = set()
    jobs: list[_Job] = []
    for target in post.targets:
        kind = (
            AccountType.PERSONAL
            if target.account.kind is AccountKind.PERSONAL
            else AccountType.BRAND
        )
        if target.variant_text is None:
            kinds_on_original.add(kind)
        else:
            jobs.append(_Job(target.variant_text, target.account_id, kind))
    if not post.targets:
        kinds_on_original.add(AccountType.BRAND)
    jobs[:0] = [_Job(post.text, None, k) for k in sorted(kinds_on_original)]
    return jobs


def scan_post(session: Session, actor: Person | None, post: Post, author: Person) -> Verdict:
    """Scan every text of ``post`` under the active policy; replace its findings."""
    version = policies.require_active_version(session, post.org_id)
    engine = policies.engine_for(version)
    found: dict[str, tuple[int | None, Finding]] = {}
    for job in _jobs(post):
        ctx = ScanContext(account_type=job.account_type, author_role=author.role.value)
        try:
            result = engine.scan(job.text, ctx)
        except ValueError as error:
            if policy_engine.is_input_error(error):
                raise InvalidInputError("text", str(error)) from error
            raise
        for finding in result.findings:
            key = finding_key(job.account_id, finding)
            kept = found.get(key)
            # The same span seen under brand and personal rules: keep the stricter one.
            if kept is None or finding.severity.rank > kept[1].severity.rank:
                found[key] = (job.account_id, finding)
    post.findings.clear()
    session.flush()
    for key, (account_id, finding) in found.items():
        post.findings.append(
            PostFinding(
                account_id=account_id,
                key=key,
                rule_id=finding.rule_id,
                category=finding.category.value,
                severity=finding.severity.value,
                start=finding.start,
                end=finding.end,
                text=finding.text,
                message=finding.message,
                data=finding.to_dict(),
                policy_version_id=version.id,
                content_hash=post.content_hash,
            )
        )
    verdict = Verdict.from_severities([f.severity for _, f in found.values()])
    post.verdict = verdict.value
    post.policy_version_id = version.id
    session.flush()
    audit.append(
        session,
        actor=actor,
        org_id=post.org_id,
        action="post.scanned",
        subject_type="post",
        subject_id=post.id,
        data={
            "verdict": verdict.value,
            "policy_version": version.version,
            "content_hash": post.content_hash,
            "findings": findings_summary(post),
        },
    )
    return verdict


def findings_summary(post: Post) -> list[dict[str, object]]:
    """What an approver is shown, compactly: enough to prove it in the audit log."""
    return [
        {
            "key": f.key,
            "rule_id": f.rule_id,
            "severity": f.severity,
            "account_id": f.account_id,
            "start": f.start,
            "end": f.end,
            "text": f.text,
        }
        for f in post.findings
    ]


def is_blocking(finding: PostFinding) -> bool:
    return finding.severity == Severity.BLOCK.value
