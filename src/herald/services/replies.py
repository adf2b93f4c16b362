"""Pre-approved replies: which to suggest for a message, filling them in, checking them.

Suggestions come from the pack's library: replies on the message's topic in its language
(English when the library has none in that language), never an expired one. Before a
reply goes out it is filled in and scanned with the pack's rules; a reply that the scan
blocks is refused, and one written by someone without the right to publish on the brand
account goes to approval first (see :func:`reply_route`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from herald.nlp.inbox import MessageSignals
from herald.policy.model import Policy
from herald.policy.schema import ReplySpec
from herald.scan.scanner import Scanner
from herald.services.routing import RoutingDecision
from herald.types import ScanContext, ScanResult, Verdict

FALLBACK_LANG = "en"
MAX_SUGGESTIONS = 3
NO_TOPIC = "none"


@dataclass(frozen=True, slots=True)
class Suggestion:
    reply_id: str
    topic: str
    lang: str
    text: str
    """The reply as written in the pack (variables not yet filled)."""
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.reply_id,
            "topic": self.topic,
            "lang": self.lang,
            "text": self.text,
            "reason": self.reason,
        }


def reply_topic(signals: MessageSignals, decision: RoutingDecision) -> str:
    """The topic a reply should address, after routing.

    Hidden messages (scam, spam, pure abuse) get no reply; a crisis gets one only when it
    is plainly an outage (the crisis team answers the rest itself).
    """
    topic = signals.reply_topic.label
    if decision.team == "none":
        return NO_TOPIC
    if decision.team == "crisis_response":
        return topic if topic == "outage" else NO_TOPIC
    return topic


def _live(reply: ReplySpec, today: date) -> bool:
    return reply.expires is None or reply.expires >= today


def suggest(
    policy: Policy,
    signals: MessageSignals,
    decision: RoutingDecision,
    today: date,
) -> list[Suggestion]:
    """The best replies for the message, best first (empty when none fits)."""
    topic = reply_topic(signals, decision)
    if topic == NO_TOPIC:
        return []
    live = [r for r in policy.replies if r.topic == topic and _live(r, today)]
    for lang in dict.fromkeys((signals.lang, FALLBACK_LANG)):
        chosen = [r for r in live if r.lang == lang]
        if chosen:
            break
    else:
        return []
    score = signals.reply_topic.score
    where = "its language" if lang == signals.lang else f"no reply in {signals.lang}, so {lang}"
    return [
        Suggestion(
            r.id,
            r.topic,
            r.lang,
            r.text,
            f"topic {topic} (score {score:.2f}), {where}",
        )
        for r in chosen[:MAX_SUGGESTIONS]
    ]


def fill(text: str, *, name: str, case_id: str) -> str:
    """The reply with its variables filled in (braces in the values stay as they are)."""
    values = {"name": name.strip().lstrip("@") or "", "case_id": case_id}
    return text.format_map(values)


class ReplyRoute(StrEnum):
    SEND = "send"
    APPROVAL = "approval"
    BLOCKED = "blocked"


def check_reply(scanner: Scanner, text: str, lang: str) -> ScanResult:
    """The pack's verdict on a reply, as on any brand post."""
    return scanner.scan(text, ScanContext(lang=lang))


def reply_route(
    result: ScanResult, may_publish: bool, team_needs_approval: bool = False
) -> ReplyRoute:
    """Blocked by the scan, to approval (a review verdict, no right to publish on the
    brand account, or a case whose team the pack puts under approval), or straight out."""
    if result.verdict is Verdict.BLOCK:
        return ReplyRoute.BLOCKED
    if approval_reason(result, may_publish, team_needs_approval) is not None:
        return ReplyRoute.APPROVAL
    return ReplyRoute.SEND


def approval_reason(
    result: ScanResult, may_publish: bool, team_needs_approval: bool = False
) -> str | None:
    """Why a reply must wait for approval (None: it need not)."""
    if team_needs_approval:
        return "team_policy"
    if result.verdict is Verdict.REVIEW:
        return "review_verdict"
    if not may_publish:
        return "no_publish_right"
    return None
