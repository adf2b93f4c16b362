"""Scoring the scanner on labelled posts: per category and language, and clean false alarms.

A labelled post (one JSON object a line, the row format of
``training/data/guides/policy-posts.md``) says which categories it violates; the scanner's
findings say which it flagged. Precision, recall and F1 are counted per category and
language over posts (a category flagged twice in one post counts once). A clean post is
one that violates nothing but, at most, the brand's wording rules: flagging it with any
category other than ``brand_voice`` is a false alarm (a wording suggestion is not).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from herald.scan.scanner import Scanner
from herald.types import LANGUAGES, AccountType, Category, ScanContext

SUGGESTION_ONLY = frozenset({Category.BRAND_VOICE.value})
"""Categories whose findings are suggestions, never false alarms on a clean post."""
_CATEGORIES = tuple(c.value for c in Category)


class PolicyRowError(ValueError):
    """A labelled file that cannot be scored, with the place that is wrong."""


@dataclass(frozen=True, slots=True)
class PolicyRow:
    text: str
    expected: frozenset[str]
    lang: str | None = None
    account_type: AccountType = AccountType.BRAND
    industry: str | None = None
    id: str = ""

    @property
    def clean(self) -> bool:
        return self.expected <= SUGGESTION_ONLY


def _row(record: object, where: str) -> PolicyRow:
    if not isinstance(record, dict):
        raise PolicyRowError(f"{where}: expected a JSON object")
    text, expected = record.get("text"), record.get("expected")
    if not isinstance(text, str) or not text.strip():
        raise PolicyRowError(f"{where}: 'text' must be a non-empty string")
    if not isinstance(expected, list) or not all(isinstance(c, str) for c in expected):
        raise PolicyRowError(f"{where}: 'expected' must be a list of category names")
    unknown = sorted(set(expected) - set(_CATEGORIES))
    if unknown:
        raise PolicyRowError(f"{where}: unknown categories {unknown}; known: {list(_CATEGORIES)}")
    lang = record.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise PolicyRowError(f"{where}: 'lang' must be one of {list(LANGUAGES)} or absent")
    account = record.get("account_type") or AccountType.BRAND.value
    try:
        account_type = AccountType(account)
    except ValueError:
        raise PolicyRowError(f"{where}: 'account_type' must be 'brand' or 'personal'") from None
    industry = record.get("industry")
    if industry is not None and not isinstance(industry, str):
        raise PolicyRowError(f"{where}: 'industry' must be a string or null")
    return PolicyRow(
        text, frozenset(expected), lang, account_type, industry or None, str(record.get("id", ""))
    )


def read_policy_rows(path: Path) -> list[PolicyRow]:
    """The labelled posts of a JSONL file; raises :class:`PolicyRowError` with the line."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyRowError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise PolicyRowError(f"{path}: {exc.strerror}") from exc
    rows = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise PolicyRowError(f"{path}:{number}: invalid JSON ({exc})") from exc
        rows.append(_row(record, f"{path}:{number}"))
    if not rows:
        raise PolicyRowError(f"{path}: no labelled posts")
    return rows


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class LanguageReport:
    n: int = 0
    clean: int = 0
    false_alarms: int = 0
    categories: dict[str, Counts] = field(default_factory=dict)

    @property
    def clean_false_positive_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "clean": self.clean,
            "false_alarms": self.false_alarms,
            "clean_false_positive_rate": round(self.clean_false_positive_rate, 4),
            "categories": {c: counts.to_dict() for c, counts in self.categories.items()},
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored post: what it should and did flag."""

    row: PolicyRow
    lang: str
    predicted: frozenset[str]

    @property
    def false_alarm(self) -> bool:
        return self.row.clean and bool(self.predicted - SUGGESTION_ONLY)


def score_rows(scanner: Scanner, rows: Iterable[PolicyRow]) -> Iterator[Outcome]:
    """Scan each row in its context and report the categories flagged."""
    for row in rows:
        ctx = ScanContext(lang=row.lang, account_type=row.account_type, industry=row.industry)
        result = scanner.scan(row.text, ctx)
        yield Outcome(row, result.lang, frozenset(f.category.value for f in result.findings))


def report(outcomes: Iterable[Outcome]) -> dict[str, LanguageReport]:
    """Scores overall (``all``) and per language, categories in their fixed order."""
    reports: dict[str, LanguageReport] = {}
    for outcome in outcomes:
        for key in ("all", outcome.lang):
            rep = reports.setdefault(key, LanguageReport())
            rep.n += 1
            if outcome.row.clean:
                rep.clean += 1
                rep.false_alarms += outcome.false_alarm
            for category in _CATEGORIES:
                expected = category in outcome.row.expected
                predicted = category in outcome.predicted
                if not expected and not predicted:
                    continue
                counts = rep.categories.setdefault(category, Counts())
                if expected and predicted:
                    counts.tp += 1
                elif predicted:
                    counts.fp += 1
                else:
                    counts.fn += 1
    for rep in reports.values():
        rep.categories = {c: rep.categories[c] for c in _CATEGORIES if c in rep.categories}
    return dict(sorted(reports.items(), key=lambda kv: (kv[0] != "all", kv[0])))
