"""The peers' own detection tables, per test file: cases, passes, deliberate differences."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def main() -> None:
    sys.path.insert(0, str(TESTS))
    from conformance.peers import differences, outcomes, provenance

    for peer in ("presidio", "detect_secrets"):
        listed = differences().get(peer, {})
        rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for outcome in outcomes(peer):
            row = rows[outcome.case.row["file"].rsplit("/", 1)[-1]]
            row[0] += 1
            row[1] += outcome.passed
            row[2] += outcome.case.key in listed
        source = provenance(peer)
        print(f"{peer}  ({source['source']} @ {source['commit'][:12]})")
        print(f"  {'file':40} {'cases':>6} {'pass':>6} {'deliberate':>10}")
        for name, (cases, passed, deliberate) in sorted(rows.items()):
            print(f"  {name:40} {cases:>6} {passed:>6} {deliberate:>10}")
        cases = sum(r[0] for r in rows.values())
        passed = sum(r[1] for r in rows.values())
        deliberate = sum(r[2] for r in rows.values())
        print(
            f"  {'all':40} {cases:>6} {passed:>6} {deliberate:>10}   {passed / cases:.1%} pass outright"
        )
        print()


if __name__ == "__main__":
    main()
