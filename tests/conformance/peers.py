"""The peers' detection tables as Herald sees them: each case, what Herald found, and the verdict.

The cases were extracted from the peers' own test files at a pinned commit by
``scripts/extract_conformance.py``; ``differences.yaml`` lists, with reasons, the cases where
Herald deliberately answers otherwise. A case passes when Herald's answer equals the peer's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from herald import Scanner, load_policy
from herald.types import Category, Finding, ScanContext

DATA = Path(__file__).parent / "data"

# Presidio's entity -> Herald's entities that answer for it.
PRESIDIO_ENTITIES: dict[str, frozenset[str]] = {
    "CREDIT_CARD": frozenset({"CREDIT_CARD"}),
    "EMAIL_ADDRESS": frozenset({"EMAIL_ADDRESS"}),
    "ES_NIE": frozenset({"ES_NIE"}),
    "ES_NIF": frozenset({"ES_DNI"}),
    "IBAN_CODE": frozenset({"IBAN_CODE"}),
    "IP_ADDRESS": frozenset({"IP_ADDRESS"}),
    "PHONE_NUMBER": frozenset({"PHONE_NUMBER"}),
    "TR_NATIONAL_ID": frozenset({"TR_TC_KIMLIK"}),
    "US_SSN": frozenset({"US_SSN"}),
}


@dataclass(frozen=True)
class Case:
    peer: str
    key: str
    """``file:line:n``, stable across re-extractions of the same commit."""
    text: str
    row: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    case: Case
    passed: bool
    got: str
    expected: str


@cache
def scanner() -> Scanner:
    return Scanner(load_policy())


def cases(peer: str) -> list[Case]:
    lines = (DATA / f"{peer}.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    seen: dict[str, int] = {}
    for line in lines[1:]:  # the first line is the provenance
        row = json.loads(line)
        base = f"{row['file'].rsplit('/', 1)[-1]}:{row.get('table') or row['line']}"
        seen[base] = seen.get(base, 0) + 1
        out.append(Case(peer, f"{base}:{seen[base]}", row["text"], row))
    return out


def provenance(peer: str) -> dict[str, str]:
    first = (DATA / f"{peer}.jsonl").read_text(encoding="utf-8").split("\n", 1)[0]
    return dict(json.loads(first))


@cache
def differences() -> dict[str, dict[str, str]]:
    """Per peer, case key -> the reason Herald deliberately answers otherwise."""
    raw = yaml.safe_load((Path(__file__).parent / "differences.yaml").read_text("utf-8")) or {}
    return {peer: dict(entries or {}) for peer, entries in raw.items()}


def _language(case: Case) -> str:
    """The peers' Turkish and Spanish recognizers are tested on Turkish and Spanish text."""
    name = case.row["file"].rsplit("/", 1)[-1]
    return "tr" if name.startswith("test_tr_") else "es" if name.startswith("test_es_") else "en"


def _findings(case: Case) -> list[Finding]:
    if not case.text.strip():
        return []  # Herald refuses empty text with an input error: nothing is found
    return list(scanner().scan(case.text, ScanContext(lang=_language(case))).findings)


def _spans(case: Case, entities: frozenset[str]) -> list[tuple[int, int]]:
    return sorted({(f.start, f.end) for f in _findings(case) if f.entity in entities})


def judge_presidio(case: Case) -> Outcome:
    entities = PRESIDIO_ENTITIES[case.row["entity"]]
    found = _spans(case, entities)
    expected = sorted(tuple(p) for p in case.row["expected_spans"])
    count = case.row["expected_count"]
    passed = len(found) == count and (not expected or found == expected)
    return Outcome(case, passed, f"{len(found)} {found}", f"{count} {expected}")


def judge_detect_secrets(case: Case) -> Outcome:
    findings = _findings(case)
    if case.row["kind"] == "ip":
        flagged = any(f.entity == "IP_ADDRESS" for f in findings)
    else:
        flagged = any(f.category is Category.CREDENTIALS for f in findings)
    expected = bool(case.row["flag"])
    return Outcome(case, flagged == expected, str(flagged), str(expected))


def outcomes(peer: str) -> Iterator[Outcome]:
    judge = judge_presidio if peer == "presidio" else judge_detect_secrets
    for case in cases(peer):
        yield judge(case)
