"""Golden tests: text in, exact findings out, for the default pack's rules per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from herald import AccountType, Policy, ScanContext, Scanner, load_policy

HERE = Path(__file__).parent
EXAMPLES = HERE.parents[1] / "examples"
GOLDEN = yaml.safe_load((HERE / "golden" / "default.yaml").read_text(encoding="utf-8"))
RULES = set(GOLDEN["rules"])
POLICIES: dict[str, Policy] = {}


def _scanner(name: str) -> Scanner:
    if name not in POLICIES:
        POLICIES[name] = load_policy(
            None if name == "default" else EXAMPLES / f"{name}-policy.yaml"
        )
    return Scanner(POLICIES[name])


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['lang']}:{case['text'][:40]}"


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=_case_id)
def test_golden(case: dict[str, Any]) -> None:
    scanner = _scanner(case.get("policy", "default"))
    ctx = ScanContext(
        lang=case["lang"],
        account_type=AccountType(case.get("account_type", "brand")),
        industry=case.get("industry"),
    )
    result = scanner.scan(case["text"], ctx)
    got = [
        [f.rule_id, f.text, f.severity.value, f.fix] for f in result.findings if f.rule_id in RULES
    ]
    assert got == case["findings"]
    for f in result.findings:
        assert case["text"][f.start : f.end] == f.text  # spans point into the original


def test_every_engine_rule_has_a_positive_golden_case_per_language() -> None:
    fired: dict[str, set[str]] = {}
    for case in GOLDEN["cases"]:
        for finding in case["findings"]:
            fired.setdefault(finding[0], set()).add(case["lang"])
    for rule in RULES - {"nexora.product-name", "attribution.quote"}:
        assert fired.get(rule) == {"tr", "es", "en"}, rule
