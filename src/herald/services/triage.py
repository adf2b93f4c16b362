"""Triage of one message, self-contained: classify, route, suggest, all from one pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from herald.nlp.inbox import InboxModel, MessageSignals
from herald.policy.model import Policy
from herald.services.classify import Incoming, classify
from herald.services.replies import NO_TOPIC, Suggestion, suggest
from herald.services.routing import RoutingDecision, route


@dataclass(frozen=True, slots=True)
class Triage:
    message: Incoming
    signals: MessageSignals
    decision: RoutingDecision
    suggestions: tuple[Suggestion, ...]

    @property
    def reply_topic(self) -> str:
        return self.suggestions[0].topic if self.suggestions else NO_TOPIC

    def reasons(self) -> list[str]:
        s = self.signals
        out = list(self.decision.reasons)
        for name in ("crisis_signal", "scam", "abusive"):
            signal = getattr(s, name)
            if signal.flag:
                out.append(f"{name} ({signal.score:.2f}): " + "; ".join(signal.evidence[:4]))
        out.append(f"intent {s.intent.label} ({s.intent.score:.2f})")
        if s.press_author.flag:
            out.append("press author: " + "; ".join(s.press_author.evidence))
        if self.decision.hide:
            out.append("hidden on the brand channel (reversible)")
        return out

    def to_dict(self) -> dict[str, object]:
        s = self.signals
        return {
            "id": self.message.id,
            "lang": s.lang,
            "team": self.decision.team,
            "priority": self.decision.priority,
            "intent": s.intent.label,
            "sentiment": s.sentiment.label,
            "crisis_signal": s.crisis_signal.flag,
            "scam": s.scam.flag,
            "abusive": s.abusive.flag,
            "reply_topic": self.reply_topic,
            "suggestions": [x.to_dict() for x in self.suggestions],
            "reasons": self.reasons(),
            "sla_minutes": self.decision.sla_minutes,
            "tags": list(self.decision.tags),
            "hide": self.decision.hide,
            "signals": s.to_dict(),
        }


def triage(
    message: Incoming,
    policy: Policy,
    today: date,
    model: InboxModel | None = None,
) -> Triage:
    signals = classify(message, policy, model)
    decision = route(signals, message, policy.routing)
    return Triage(message, signals, decision, tuple(suggest(policy, signals, decision, today)))
