"""Reply suggestions: topic and language, expiry, variables, and the send/approval gate."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from textwrap import dedent

from herald.policy.loader import load_policy
from herald.scan.scanner import Scanner
from herald.services.replies import ReplyRoute, check_reply, fill, reply_route, suggest
from herald.services.routing import route
from services.test_routing import MESSAGE, signals

DEFAULT = load_policy()
TODAY = date(2026, 12, 5)


def _suggest(**kwargs: object) -> list[str]:
    given = signals(**kwargs)  # type: ignore[arg-type]
    decision = route(given, MESSAGE, DEFAULT.routing)
    return [s.reply_id for s in suggest(DEFAULT, given, decision, TODAY)]


def test_the_best_reply_is_in_the_message_language() -> None:
    assert _suggest(lang="tr", intent="complaint", topic="card_blocked") == ["card_blocked.tr"]
    assert _suggest(lang="es", intent="praise", topic="thanks") == ["thanks.es"]
    assert _suggest(lang="other", intent="complaint", topic="fees") == ["fees.en"]


def test_hidden_messages_and_most_crises_get_no_suggestion() -> None:
    assert _suggest(intent="complaint", topic="fraud_report", scam=True) == []
    assert _suggest(intent="complaint", topic="fees", crisis=True) == []
    assert _suggest(intent="complaint", topic="outage", crisis=True) == ["outage.en"]


def test_expired_replies_are_not_suggested(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(
        dedent(
            """
            herald: 1
            extends: herald:default
            replies:
              - {id: thanks.en, topic: thanks, lang: en, owner: social, expires: 2026-01-31,
                 text: "Thanks for the kind words, {name}!"}
            """
        ).lstrip(),
        encoding="utf-8",
    )
    pack = load_policy(path)
    given = signals(lang="en", intent="praise", topic="thanks")
    decision = route(given, MESSAGE, pack.routing)
    assert suggest(pack, given, decision, date(2026, 1, 31))[0].reply_id == "thanks.en"
    assert suggest(pack, given, decision, date(2026, 2, 1)) == []


def test_fill_keeps_braces_in_values_as_they_are() -> None:
    text = fill("Hi {name}, case {case_id}.", name="@{case_id}", case_id="C-7")
    assert text == "Hi {case_id}, case C-7."


def test_the_gate_sends_reviews_or_blocks() -> None:
    scanner = Scanner(DEFAULT)
    clean = check_reply(scanner, "Thank you, Ana! We are glad to hear it.", "en")
    assert reply_route(clean, may_publish=True) is ReplyRoute.SEND
    assert reply_route(clean, may_publish=False) is ReplyRoute.APPROVAL
    leaky = check_reply(scanner, "Your TC kimlik is 10000000146, we checked it.", "en")
    assert reply_route(leaky, may_publish=True) is ReplyRoute.BLOCKED
