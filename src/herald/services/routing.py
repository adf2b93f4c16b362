"""Routing: from a message's signals and the pack's rules to team, priority, SLA and tags.

Pure: the first rule (in pack order) whose conditions all hold decides, and the decision
names the rule and the conditions that held, so every routing can be explained and
replayed. Keyword conditions match inflected forms on the folded text.
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.nlp.inbox import MessageSignals
from herald.policy.schema import RoutingRule, RoutingWhen
from herald.services.classify import Incoming
from herald.text.fold import fold
from herald.text.lexicon import TermMatcher

PRIORITY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
"""Most urgent first (sorting key)."""


@dataclass(frozen=True, slots=True)
class RoutingDecision:
    team: str
    priority: str
    sla_minutes: int | None
    tags: tuple[str, ...]
    hide: bool
    rule_id: str | None
    """The rule that decided (None: no rule matched, the message is left unrouted)."""
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "team": self.team,
            "priority": self.priority,
            "sla_minutes": self.sla_minutes,
            "tags": list(self.tags),
            "hide": self.hide,
            "rule": self.rule_id,
            "reasons": list(self.reasons),
        }


UNROUTED = RoutingDecision("social_engagement", "low", None, (), False, None, ("no rule matched",))

_MATCHERS: dict[tuple[str, str], TermMatcher] = {}


def _keyword_matcher(when: RoutingWhen, lang: str) -> TermMatcher:
    terms = when.keywords or []
    if isinstance(terms, dict):
        by_lang: dict[str, list[str]] = {str(k): v for k, v in terms.items()}
        chosen = by_lang.get(lang) or [t for v in by_lang.values() for t in v]
    else:
        chosen = list(terms)
    key = ("\x00".join(chosen), lang)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = TermMatcher(chosen, inflect=True)
    return matcher


def _holds(
    when: RoutingWhen, signals: MessageSignals, message: Incoming, text_folded: str
) -> tuple[bool, list[str]]:
    """Whether every condition holds, and a reason for each one that does."""
    reasons: list[str] = []
    checks: list[tuple[object, object, str]] = [
        (when.crisis_signal, signals.crisis_signal.flag, "crisis_signal"),
        (when.scam, signals.scam.flag, "scam"),
        (when.abusive, signals.abusive.flag, "abusive"),
        (when.press_author, signals.press_author.flag, "press_author"),
        (when.at_risk, signals.at_risk.flag, "at_risk"),
    ]
    for wanted, actual, name in checks:
        if wanted is None:
            continue
        if wanted != actual:
            return False, []
        reasons.append(f"{name}={str(actual).lower()}")
    lists: list[tuple[list[str] | None, str, str]] = [
        (when.intent, signals.intent.label, "intent"),  # type: ignore[list-item]
        (when.sentiment, signals.sentiment.label, "sentiment"),  # type: ignore[list-item]
        (when.reply_topic, signals.reply_topic.label, "reply_topic"),
        (when.channel, message.channel, "channel"),  # type: ignore[list-item]
        (when.lang, signals.lang, "lang"),  # type: ignore[list-item]
    ]
    for allowed, actual, name in lists:
        if allowed is None:
            continue
        if actual not in allowed:
            return False, []
        reasons.append(f"{name}={actual}")
    if when.account is not None:
        account = (message.account or "").lstrip("@").casefold()
        if account not in {a.lstrip("@").casefold() for a in when.account}:
            return False, []
        reasons.append(f"account=@{account}")
    if when.min_followers is not None:
        followers = message.author_followers or 0
        if followers < when.min_followers:
            return False, []
        reasons.append(f"followers {followers:,} >= {when.min_followers:,}")
    if when.keywords:
        found = [m.term for m in _keyword_matcher(when, signals.lang).finditer(text_folded)]
        if not found:
            return False, []
        reasons.append("keywords: " + ", ".join(dict.fromkeys(found)))
    return True, reasons


def route(
    signals: MessageSignals, message: Incoming, rules: tuple[RoutingRule, ...]
) -> RoutingDecision:
    """The decision of the first rule that matches (UNROUTED when none does)."""
    folded = fold(message.text).folded if any(r.when.keywords for r in rules) else ""
    for rule in rules:
        ok, reasons = _holds(rule.when, signals, message, folded)
        if ok:
            because = ", ".join(reasons) if reasons else "default"
            return RoutingDecision(
                team=rule.team,
                priority=rule.priority,
                sla_minutes=rule.sla_minutes,
                tags=tuple(rule.tags),
                hide=rule.hide,
                rule_id=rule.id,
                reasons=(f"rule {rule.id}: {because}",),
            )
    return UNROUTED
