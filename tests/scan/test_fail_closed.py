"""A rule that cannot give an answer blocks the post, and says why."""

from __future__ import annotations

from herald import ScanContext, Scanner, load_policy
from herald.types import Verdict


def test_rules_left_when_the_budget_is_spent_block_the_post() -> None:
    scanner = Scanner(load_policy(), budget_s=-1.0)
    result = scanner.scan("A perfectly ordinary sentence.", ScanContext(lang="en"))
    assert result.verdict is Verdict.BLOCK
    assert result.findings
    assert {f.rule_id for f in result.findings} == {"rule_error"}
    assert all("time budget" in f.message for f in result.findings)
    assert len(result.findings) == len(result.errors) > 1


def test_within_the_budget_nothing_changes() -> None:
    result = Scanner(load_policy()).scan("A perfectly ordinary sentence.", ScanContext(lang="en"))
    assert result.verdict is Verdict.PASS
    assert result.errors == ()
