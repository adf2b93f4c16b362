"""The pack's inbox sections: handles, routing rules, inbox settings and the reply library."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from herald import ScanContext, Scanner, load_policy, validate_policy
from herald.policy.model import Policy
from herald.types import Verdict

DEMO = Path(__file__).resolve().parents[2] / "src" / "herald" / "web" / "demo" / "policy.yaml"
TOPICS = {
    "refund_delay", "card_blocked", "app_login", "fees", "outage", "fraud_report",
    "data_privacy", "thanks", "press_contact",
}  # fmt: skip
GUIDE_ORDER = [
    "crisis", "hide.scam", "hide.spam", "hide.abuse", "press.request", "press.author",
    "service.urgent", "service.money-missing", "service", "engagement",
]  # fmt: skip


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["default", "demo"])
def pack(request: pytest.FixtureRequest) -> Policy:
    return load_policy() if request.param == "default" else load_policy(DEMO)


def test_routing_follows_the_guide_precedence(pack: Policy) -> None:
    assert [r.id for r in pack.routing] == GUIDE_ORDER
    first = pack.routing[0]
    assert (first.team, first.priority) == ("crisis_response", "critical")
    hidden = [r.id for r in pack.routing if r.hide]
    assert hidden == ["hide.scam", "hide.spam", "hide.abuse"]
    assert pack.inbox.press_followers == 100_000


def test_the_library_covers_every_topic_in_every_language(pack: Policy) -> None:
    covered = {(r.topic, r.lang) for r in pack.replies}
    assert covered == {(t, lang) for t in TOPICS for lang in ("tr", "es", "en")}


def test_every_shipped_reply_passes_the_scan_engine(pack: Policy) -> None:
    scanner = Scanner(pack)
    for reply in pack.replies:
        text = reply.text.format(name="Ana", case_id="C-1042")
        result = scanner.scan(text, ScanContext(lang=reply.lang))
        assert result.verdict is Verdict.PASS, (reply.id, [f.rule_id for f in result.findings])


def test_demo_pack_knows_the_bank_handles() -> None:
    demo = load_policy(DEMO)
    assert ("mastodon", "@AcmeBank") in demo.org.handles
    assert "acmebank.com" in demo.org.domains


def test_an_unknown_reply_variable_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        replies:
          - id: thanks.en
            topic: thanks
            lang: en
            owner: social
            text: "Thanks {customer}!"
        """,
    )
    (problem,) = validate_policy(path)
    assert problem.line == 7
    assert "customer" in problem.message
    assert "customer" in problem.message("tr")


def test_a_bad_team_and_priority_are_reported_with_their_places(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        routing:
          - id: vip
            when: {min_followers: 10}
            team: vip_desk
            priority: urgent
        """,
    )
    problems = validate_policy(path)
    assert sorted(p.line for p in problems) == [5, 6]


def test_unknown_condition_is_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        routing:
          - id: vip
            when: {followers_over: 10}
            team: pr_management
            priority: high
        """,
    )
    (problem,) = validate_policy(path)
    assert problem.line == 4
    assert "followers_over" in problem.message


def test_a_child_pack_replaces_a_rule_in_place_and_disables_another(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        extends: herald:default
        organisation:
          handles: {mastodon: ["@acme"], bluesky: [acme.bsky.social]}
        inbox: {press_followers: 5000, known_outlets: ["@daily_news"]}
        disable: [hide.spam]
        routing:
          - id: crisis
            when: {crisis_signal: true}
            team: crisis_response
            priority: critical
            sla_minutes: 5
          - id: vip.account
            when: {account: ["@acme_premium"]}
            team: customer_service
            priority: high
        """,
    )
    policy = load_policy(path)
    ids = [r.id for r in policy.routing]
    assert ids[0] == "crisis"
    assert policy.routing[0].sla_minutes == 5
    assert "hide.spam" not in ids
    assert ids[-1] == "vip.account"
    assert policy.inbox.press_followers == 5000
    assert policy.org.handles == (("mastodon", "@acme"), ("bluesky", "acme.bsky.social"))
    assert policy.version != load_policy().version


def test_a_bad_handle_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        organisation:
          handles: {mastodon: ["acme bank!"]}
        """,
    )
    (problem,) = validate_policy(path)
    assert problem.line == 3
