"""SARIF 2.1.0 output, so policy checks show up in code-scanning tools and CI.

Each checked post is an artifact region: for a plain file the region is the finding's
place in the file; for a JSONL batch it is the record's line, and the post id travels in
the result's properties and logical location.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from herald.cli.output.outcome import Outcome, line_and_column
from herald.policy.model import Policy
from herald.types import Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {
    Severity.BLOCK: "error",
    Severity.REVIEW: "error",
    Severity.WARN: "warning",
    Severity.INFO: "note",
}


def _herald_version() -> str:
    try:
        return version("herald")
    except PackageNotFoundError:  # running from a source tree
        return "0"


def _rules(policy: Policy) -> list[dict[str, Any]]:
    rules = []
    for spec in policy.specs:
        severity = (
            spec.severity
            if isinstance(spec.severity, Severity)
            else max(spec.severity.values(), key=lambda s: s.rank)
        )
        entry: dict[str, Any] = {
            "id": spec.id,
            "shortDescription": {"text": spec.description or spec.message.get("en") or spec.id},
            "defaultConfiguration": {"level": _LEVELS[severity]},
            "properties": {"category": spec.category.value, "type": spec.type},
        }
        if spec.clause:
            entry["properties"]["clause"] = spec.clause
        rules.append(entry)
    return rules


def _region(outcome: Outcome, finding: Finding) -> dict[str, Any]:
    text = outcome.result.text if outcome.result else ""
    if outcome.record.line is not None:  # a JSONL record: point at its line
        return {"startLine": outcome.record.line}
    start_line, start_col = line_and_column(text, finding.start)
    end_line, end_col = line_and_column(text, finding.end)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
    }
    if finding.end > finding.start:
        region["snippet"] = {"text": finding.text}
    return region


def _result(outcome: Outcome, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = outcome.record.source
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": _region(outcome, finding),
        },
        "logicalLocations": [{"name": outcome.record.id, "kind": "object"}],
    }
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {
            "postId": outcome.record.id,
            "severity": finding.severity.value,
            "category": finding.category.value,
            "score": round(finding.score, 4),
            "start": finding.start,
            "end": finding.end,
            "explanation": finding.explanation.to_dict(),
        },
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    if finding.fix is not None and outcome.record.line is None:
        start, end = finding.fix_span or (finding.start, finding.end)
        result["fixes"] = [
            {
                "description": {"text": f"Replace with: {finding.fix.strip() or '(nothing)'}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": start, "charLength": end - start},
                                "insertedContent": {"text": finding.fix},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def render(outcomes: Iterable[Outcome], policy: Policy) -> dict[str, Any]:
    rules = _rules(policy)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for outcome in outcomes:
        if outcome.result is None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{outcome.record.id}: {outcome.error}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": outcome.record.source}}}
                    ],
                }
            )
            continue
        results.extend(_result(outcome, f, rule_index) for f in outcome.result.findings)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "Herald",
                        "version": _herald_version(),
                        "semanticVersion": _herald_version(),
                        "rules": rules,
                        "properties": {"policy": policy.id, "policyVersion": policy.version},
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
