"""The policy-post corpus follows its labelling guide (row format, evidence, balance)."""

from __future__ import annotations

import json
from pathlib import Path

from herald.types import Category

CORPUS = Path(__file__).parents[2] / "training" / "data" / "policy" / "posts.jsonl"


def test_rows_follow_the_guide() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    categories = {c.value for c in Category}
    assert len(rows) >= 1600
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    for row in rows:
        assert row["lang"] in ("tr", "es", "en")
        assert row["account_type"] in ("brand", "personal")
        assert set(row["expected"]) <= categories
        assert set(row["evidence"]) == set(row["expected"])
        for span in row["evidence"].values():
            assert span in row["text"]
    clean = [r for r in rows if not r["expected"]]
    assert len(clean) / len(rows) >= 0.4
    for lang in ("tr", "es", "en"):
        mine = [r for r in rows if r["lang"] == lang]
        assert {c for r in mine for c in r["expected"]} == categories
