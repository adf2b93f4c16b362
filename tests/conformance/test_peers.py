"""Presidio's and detect-secrets' own detection tables, case by case (see peers.py)."""

from __future__ import annotations

import pytest

from conformance.peers import Outcome, cases, differences, outcomes, provenance

PEERS = ("presidio", "detect_secrets")
# Passing outright (deliberate differences do not count); the floor only rises.
FLOORS = {"presidio": 0.96, "detect_secrets": 0.72}


@pytest.mark.parametrize("peer", PEERS)
def test_every_case_passes_or_is_a_listed_difference(peer: str) -> None:
    listed = differences().get(peer, {})
    unexpected = [
        f"{o.case.key}: {o.case.text[:80]!r} got {o.got}, peer expects {o.expected}"
        for o in outcomes(peer)
        if not o.passed and o.case.key not in listed
    ]
    assert unexpected == []


@pytest.mark.parametrize("peer", PEERS)
def test_listed_differences_are_real(peer: str) -> None:
    """A difference that now passes, or names no case, is stale: take it off the list."""
    results: dict[str, Outcome] = {o.case.key: o for o in outcomes(peer)}
    stale = [
        key for key in differences().get(peer, {}) if key not in results or results[key].passed
    ]
    assert stale == []


@pytest.mark.parametrize("peer", PEERS)
def test_pass_rate_meets_the_floor(peer: str, capsys: pytest.CaptureFixture[str]) -> None:
    all_outcomes = list(outcomes(peer))
    passed = sum(o.passed for o in all_outcomes)
    listed = len(differences().get(peer, {}))
    source = provenance(peer)
    with capsys.disabled():
        print(
            f"\n{peer} ({source['source']}@{source['commit'][:12]}): {len(all_outcomes)} cases, "
            f"{passed} pass, {listed} deliberate differences, "
            f"{passed / len(all_outcomes):.1%} outright"
        )
    assert passed / len(all_outcomes) >= FLOORS[peer]


def test_the_extraction_is_committed_with_its_provenance() -> None:
    for peer in PEERS:
        source = provenance(peer)
        assert len(source["commit"]) == 40
        assert len(cases(peer)) > 100
