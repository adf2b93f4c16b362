"""Routing rules: the first that matches decides, with its reasons (golden per rule)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from herald.nlp.inbox import MessageSignals, Signal
from herald.policy.loader import load_policy
from herald.services.classify import Incoming
from herald.services.routing import UNROUTED, route

DEFAULT = load_policy()


def signals(
    lang: str = "en",
    intent: str = "other",
    topic: str = "none",
    sentiment: str = "neutral",
    **flags: bool,
) -> MessageSignals:
    def flag(name: str) -> Signal:
        return Signal("yes" if flags.get(name) else "no", 0.9)

    return MessageSignals(
        lang=lang,
        intent=Signal(intent, 0.9),
        sentiment=Signal(sentiment, 0.9),
        crisis_signal=flag("crisis"),
        scam=flag("scam"),
        abusive=flag("abusive"),
        at_risk=flag("at_risk"),
        reply_topic=Signal(topic, 0.9),
        press_author=flag("press"),
    )


MESSAGE = Incoming(id="1", text="hello", author="@a", author_followers=10)

GOLDEN = [
    # (signals, rule, team, priority, hide)
    (signals(intent="complaint", crisis=True, scam=True), "crisis", "crisis_response", "critical", False),
    (signals(intent="complaint", scam=True), "hide.scam", "none", "low", True),
    (signals(intent="spam"), "hide.spam", "none", "low", True),
    (signals(intent="abuse", abusive=True), "hide.abuse", "none", "low", True),
    (signals(intent="press"), "press.request", "pr_management", "high", False),
    (signals(intent="complaint", topic="fees", press=True), "press.author", "pr_management", "high", False),
    (signals(intent="complaint", topic="card_blocked"), "service.urgent", "customer_service", "high", False),
    (signals(intent="complaint", topic="refund_delay", at_risk=True), "service.money-missing", "customer_service", "high", False),
    (signals(intent="complaint", topic="refund_delay"), "service", "customer_service", "normal", False),
    (signals(intent="complaint", topic="fees", abusive=True), "service", "customer_service", "normal", False),
    (signals(intent="question", topic="app_login"), "service", "customer_service", "normal", False),
    (signals(intent="praise", topic="thanks"), "engagement", "social_engagement", "low", False),
    (signals(intent="other"), "engagement", "social_engagement", "low", False),
]  # fmt: skip


@pytest.mark.parametrize(("given", "rule", "team", "priority", "hide"), GOLDEN)
def test_default_routing_golden(
    given: MessageSignals, rule: str, team: str, priority: str, hide: bool
) -> None:
    decision = route(given, MESSAGE, DEFAULT.routing)
    assert (decision.rule_id, decision.team, decision.priority, decision.hide) == (
        rule,
        team,
        priority,
        hide,
    )
    assert decision.reasons[0].startswith(f"rule {rule}:")


def test_every_default_rule_has_a_golden_case() -> None:
    assert {r.id for r in DEFAULT.routing} == {g[1] for g in GOLDEN}


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> tuple:  # type: ignore[type-arg]
    path = Path(tmp_path_factory.mktemp("pack")) / "pack.yaml"
    path.write_text(
        dedent(
            """
            herald: 1
            routing:
              - id: legal-words
                when:
                  keywords:
                    tr: [avukat, mahkeme]
                    es: [abogado, demanda]
                    en: [lawyer, lawsuit]
                team: crisis_response
                priority: critical
              - id: vip-account
                when: {account: ["@acme_private"], channel: [direct_message]}
                team: customer_service
                priority: high
                sla_minutes: 30
                tags: [vip]
              - id: big-author
                when: {min_followers: 5000, sentiment: [negative]}
                team: pr_management
                priority: high
            """
        ).lstrip(),
        encoding="utf-8",
    )
    return (load_policy(path).routing,)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Avukatımla görüşüyorum, size dava açacağım", "tr"),
        ("Mi abogado ya prepara la demanda", "es"),
        ("My lawyer will be in touch", "en"),
    ],
)
def test_keywords_match_inflected_forms_per_language(custom: tuple, text: str, lang: str) -> None:  # type: ignore[type-arg]
    (rules,) = custom
    decision = route(signals(lang=lang), Incoming(id="1", text=text), rules)
    assert decision.rule_id == "legal-words"
    assert "keywords:" in decision.reasons[0]


def test_account_channel_and_followers_conditions(custom: tuple) -> None:  # type: ignore[type-arg]
    (rules,) = custom
    dm = Incoming(id="1", text="hi", channel="direct_message", account="@Acme_Private")
    decision = route(signals(), dm, rules)
    assert (decision.rule_id, decision.sla_minutes, decision.tags) == ("vip-account", 30, ("vip",))
    mention = Incoming(id="2", text="hi", channel="mention", account="@acme_private")
    assert route(signals(), mention, rules) is UNROUTED
    loud = Incoming(id="3", text="hi", author_followers=9000)
    assert route(signals(sentiment="negative"), loud, rules).rule_id == "big-author"
    assert route(signals(sentiment="positive"), loud, rules) is UNROUTED
