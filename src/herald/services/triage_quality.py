"""How good triage is on labelled messages: the figures the inbox is accepted on.

Shared by ``herald eval --task inbox`` and the training script's cross-validation, so
both report the same numbers: team macro-F1, crisis recall and precision, scam F1,
priority accuracy, reply-topic accuracy and sentiment macro-F1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from herald.nlp.inbox import INTENTS, REPLY_TOPICS, SENTIMENTS
from herald.nlp.metrics import evaluate
from herald.services.triage import Triage

TEAMS = ("crisis_response", "customer_service", "pr_management", "social_engagement", "none")
PRIORITIES = ("critical", "high", "normal", "low")
TARGETS = {
    "team_macro_f1": 0.90,
    "crisis_recall": 0.95,
    "crisis_precision": 0.85,
    "scam_f1": 0.90,
    "priority_accuracy": 0.85,
    "reply_topic_accuracy": 0.85,
    "sentiment_macro_f1": 0.80,
}
LABELS: dict[str, tuple[str, ...]] = {
    "team": TEAMS,
    "priority": PRIORITIES,
    "intent": INTENTS,
    "sentiment": SENTIMENTS,
    "reply_topic": REPLY_TOPICS,
}
FLAGS = ("crisis_signal", "scam", "abusive")


class LabelError(ValueError):
    pass


def gold_labels(data: Mapping[str, Any], where: str) -> dict[str, str]:
    """The labels of one row, checked (booleans as 'yes' / 'no')."""
    out: dict[str, str] = {}
    for name, allowed in LABELS.items():
        value = data.get(name)
        if value not in allowed:
            raise LabelError(f"{where}: {name} {value!r} is not one of {', '.join(allowed)}")
        out[name] = str(value)
    for name in FLAGS:
        value = data.get(name)
        if not isinstance(value, bool):
            raise LabelError(f"{where}: {name} must be true or false")
        out[name] = "yes" if value else "no"
    return out


def predicted_labels(result: Triage) -> dict[str, str]:
    s = result.signals
    return {
        "lang": s.lang,
        "team": result.decision.team,
        "priority": result.decision.priority,
        "intent": s.intent.label,
        "sentiment": s.sentiment.label,
        "reply_topic": result.reply_topic,
        "crisis_signal": s.crisis_signal.label,
        "scam": s.scam.label,
        "abusive": s.abusive.label,
    }


def score(
    gold: Sequence[Mapping[str, str]], predicted: Sequence[Mapping[str, str]]
) -> dict[str, Any]:
    """Headline figures plus a report per label."""
    reports = {}
    for name, labels in (*LABELS.items(), *((f, ("no", "yes")) for f in FLAGS)):
        reports[name] = evaluate([g[name] for g in gold], [p[name] for p in predicted], labels)
    crisis = reports["crisis_signal"].per_class["yes"]
    headline = {
        "team_macro_f1": reports["team"].macro_f1,
        "crisis_recall": crisis.recall,
        "crisis_precision": crisis.precision,
        "scam_f1": reports["scam"].per_class["yes"].f1,
        "priority_accuracy": reports["priority"].accuracy,
        "reply_topic_accuracy": reports["reply_topic"].accuracy,
        "sentiment_macro_f1": reports["sentiment"].macro_f1,
        "intent_macro_f1": reports["intent"].macro_f1,
        "abusive_f1": reports["abusive"].per_class["yes"].f1,
    }
    return {
        "n": len(gold),
        "headline": {k: round(v, 4) for k, v in headline.items()},
        "targets": TARGETS,
        "reports": {k: v.to_dict() for k, v in reports.items()},
    }
