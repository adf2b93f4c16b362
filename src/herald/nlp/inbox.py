"""Classifying a message addressed to the brand: intent, sentiment, crisis, scam, abuse.

One feature pass per message: the shared hashed n-grams and lexicon counts, then what the
inbox adds on top of them (the ``META`` block): the shipped sentiment, offensive and scam
models' scores, the risky-link detector's verdicts (given by the caller), crisis
constructions and the jokes that borrow their words, impersonation cues, the author's
reach and the channel. Each head of ``inbox.npz`` is a linear model over that vector
(trained by ``training/inbox.py``); every result carries its score and the words or
cues that decided it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from herald.nlp.artefacts import ModelFileError, load_arrays
from herald.nlp.classifier import load_classifier, shared_featurizer
from herald.nlp.crisis import CrisisCues, crisis_cues
from herald.nlp.features import DIM, FEATURE_VERSION, Features
from herald.nlp.impersonation import ImpersonationCues, impersonation_cues
from herald.text.fold import fold
from herald.types import LANGUAGES

INTENTS = ("complaint", "question", "praise", "press", "spam", "abuse", "other")
SENTIMENTS = ("negative", "neutral", "positive")
REPLY_TOPICS = (
    "none", "refund_delay", "card_blocked", "app_login", "fees", "outage", "fraud_report",
    "data_privacy", "thanks", "press_contact",
)  # fmt: skip
CHANNELS = ("comment", "mention", "direct_message", "review")
BINARY = ("no", "yes")
SERVICE_TOPICS = frozenset(
    {"refund_delay", "card_blocked", "app_login", "fees", "outage", "fraud_report", "data_privacy"}
)
"""What a complaint or a question is about; praise is thanked, press gets the press office."""

HEADS: dict[str, tuple[str, ...]] = {
    "intent": INTENTS,
    "sentiment": SENTIMENTS,
    "crisis_signal": BINARY,
    "scam": BINARY,
    "abusive": BINARY,
    "at_risk": BINARY,
    "reply_topic": REPLY_TOPICS,
}
"""Head -> its classes, in model order. ``at_risk``: money or access at risk right now."""

META: tuple[str, ...] = (
    "sentiment_negative", "sentiment_neutral", "sentiment_positive", "offensive",
    "offensive_lexicon", "scam_model", "scam_cues", "risky_link", "link", "crisis",
    "crisis_joke", "lookalike_handle", "brand_in_handle", "support_handle",
    "official_author", "credential_request", "report_cue", "followers", "press_followers",
    "known_outlet", "mentions_brand",
    *(f"channel_{c}" for c in CHANNELS),
    *(f"lang_{lang}" for lang in LANGUAGES),
)  # fmt: skip
N_FEATURES = DIM + len(META)
_META_INDEX = np.arange(DIM, N_FEATURES, dtype=np.int64)
TOP_WORDS = 3
MIN_WORD_LEN = 3
MODEL_FILE = "inbox.npz"


@dataclass(frozen=True, slots=True)
class InboxSettings:
    """What the policy pack tells the classifier about the organisation."""

    official_handles: tuple[str, ...] = ()
    brand_names: tuple[str, ...] = ()
    press_followers: int = 100_000
    known_outlets: frozenset[str] = frozenset()
    """Outlet and journalist handles, folded, without '@'."""


@dataclass(frozen=True, slots=True)
class InboxMessage:
    text: str
    lang: str
    """'tr', 'es', 'en' or 'other' (already resolved)."""
    channel: str = "mention"
    author: str = ""
    author_followers: int | None = None
    risky_links: tuple[str, ...] = ()
    """Risky-link detector findings in the text ('ORG_LOOKALIKE_DOMAIN: acmebank-x.net')."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything measured about a message before the heads score it."""

    features: Features
    meta: np.ndarray[Any, np.dtype[np.float32]]
    crisis: CrisisCues
    impersonation: ImpersonationCues
    offensive_words: tuple[str, ...]
    scam_cues: tuple[str, ...]
    press_reason: str | None
    risky_links: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signal:
    """One head's decision: the label, its probability and what decided it."""

    label: str
    score: float
    evidence: tuple[str, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()
    """Every class's probability, in model order (empty for rule-made signals)."""

    @property
    def flag(self) -> bool:
        return self.label == "yes"

    def to_dict(self) -> dict[str, object]:
        value: object = self.flag if self.label in BINARY else self.label
        return {"value": value, "score": round(self.score, 4), "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class MessageSignals:
    lang: str
    intent: Signal
    sentiment: Signal
    crisis_signal: Signal
    scam: Signal
    abusive: Signal
    at_risk: Signal
    reply_topic: Signal
    press_author: Signal
    """Not a model: the pack's follower threshold and known outlets."""
    risky_links: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            **{name: getattr(self, name).to_dict() for name in (*HEADS, "press_author")},
        }


@dataclass(frozen=True, slots=True)
class InboxHead:
    classes: tuple[str, ...]
    weights: np.ndarray[Any, np.dtype[np.float32]]
    """N_FEATURES x outputs (one output for a binary head)."""
    bias: np.ndarray[Any, np.dtype[np.float32]]
    threshold: float = 0.5

    def probabilities(
        self, indices: np.ndarray[Any, Any], values: np.ndarray[Any, Any]
    ) -> list[float]:
        z = values @ self.weights[indices] + self.bias
        if len(self.classes) == 2:
            p = 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, float(z[0])))))
            return [1.0 - p, p]
        scores = z.astype(np.float64)
        exps = np.exp(scores - scores.max())
        return [float(p) for p in exps / exps.sum()]

    def decide(self, probs: Sequence[float]) -> int:
        if len(self.classes) == 2:
            return 1 if probs[1] >= self.threshold else 0
        return int(np.argmax(probs))

    def word_push(self, features: Features, column: int) -> list[str]:
        """The message's words that pushed ``column`` up most (for the explanation)."""
        if not features.word_features:
            return []
        scale = float(features.values[0])
        sign = -1.0 if len(self.classes) == 2 and column == 0 else 1.0
        out: dict[str, float] = {}
        for token, index in features.word_features:
            weight = float(self.weights[index, 0 if len(self.classes) == 2 else column])
            out[token] = out.get(token, 0.0) + sign * scale * weight
        ranked = sorted(out.items(), key=lambda kv: -kv[1])
        return [w for w, v in ranked if v > 0 and len(w) >= MIN_WORD_LEN and w.isalpha()][
            :TOP_WORDS
        ]


@dataclass(frozen=True, slots=True)
class InboxModel:
    heads: dict[str, InboxHead]

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray[Any, Any]] = {
            "feature_version": np.array(FEATURE_VERSION, dtype=np.int64),
            "n_features": np.array(N_FEATURES, dtype=np.int64),
            "meta": np.array(META),
        }
        for name, head in self.heads.items():
            active = np.flatnonzero(np.any(head.weights != 0, axis=1))
            arrays[f"{name}.rows"] = active.astype(np.int32)
            arrays[f"{name}.row_weights"] = head.weights[active].astype(np.float32)
            arrays[f"{name}.bias"] = head.bias.astype(np.float32)
            arrays[f"{name}.classes"] = np.array(head.classes)
            arrays[f"{name}.threshold"] = np.array(head.threshold, dtype=np.float64)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]


def _head_from(arrays: dict[str, np.ndarray[Any, Any]], name: str) -> InboxHead:
    rows = arrays[f"{name}.rows"].astype(np.int64)
    row_weights = arrays[f"{name}.row_weights"].astype(np.float32)
    classes = tuple(str(c) for c in arrays[f"{name}.classes"])
    if classes != HEADS[name]:
        raise ModelFileError(f"{MODEL_FILE}: head {name} has classes {classes}")
    outputs = 1 if len(classes) == 2 else len(classes)
    if row_weights.shape != (len(rows), outputs) or (
        len(rows) and (rows.min() < 0 or rows.max() >= N_FEATURES)
    ):
        raise ModelFileError(f"{MODEL_FILE}: head {name} has weights of shape {row_weights.shape}")
    weights = np.zeros((N_FEATURES, outputs), dtype=np.float32)
    weights[rows] = row_weights
    return InboxHead(
        classes,
        weights,
        arrays[f"{name}.bias"].astype(np.float32),
        float(arrays[f"{name}.threshold"]),
    )


@cache
def load_inbox_model(directory: Path | None = None) -> InboxModel:
    arrays = load_arrays(MODEL_FILE, directory)
    try:
        if (
            int(arrays["feature_version"]) != FEATURE_VERSION
            or int(arrays["n_features"]) != N_FEATURES
            or tuple(str(m) for m in arrays["meta"]) != META
        ):
            raise ModelFileError(
                f"{MODEL_FILE} was trained for other features: retrain with "
                "`python -m training.inbox`"
            )
        return InboxModel({name: _head_from(arrays, name) for name in HEADS})
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelFileError(f"{MODEL_FILE}: malformed ({exc})") from exc


def press_reason(message: InboxMessage, settings: InboxSettings) -> str | None:
    handle = message.author.strip().lstrip("@").split("@", 1)[0].casefold()
    if handle and handle in settings.known_outlets:
        return f"known outlet @{handle}"
    followers = message.author_followers or 0
    if followers >= settings.press_followers:
        return f"{followers:,} followers (press threshold {settings.press_followers:,})"
    return None


def gather_evidence(message: InboxMessage, settings: InboxSettings) -> Evidence:
    """Everything the heads read, measured once."""
    lang = message.lang
    features = shared_featurizer().extract(message.text, lang)
    folded = fold(message.text).folded
    sentiment = load_classifier("sentiment").predict_features(features, lang).scores
    offensive = load_classifier("offensive").predict_features(features, lang).scores["offensive"]
    scam = load_classifier("scam").predict_features(features, lang).scores["scam"]
    offensive_words = tuple(
        dict.fromkeys(
            " ".join(features.tokens[h.start : h.end])
            for h in features.hits
            if h.category in ("insult", "profanity")
        )
    )
    scam_cues = tuple(
        dict.fromkeys(
            " ".join(features.tokens[h.start : h.end])
            for h in features.hits
            if h.category == "scam"
        )
    )
    crisis = crisis_cues(message.text, lang, folded)
    imp = impersonation_cues(
        message.text, lang, message.author, settings.official_handles, settings.brand_names, folded
    )
    press = press_reason(message, settings)
    followers = max(message.author_followers or 0, 0)
    mentions_brand = any(
        h.strip().lstrip("@").split("@", 1)[0].casefold() in folded
        for h in settings.official_handles
    )
    values = {
        "sentiment_negative": sentiment["negative"],
        "sentiment_neutral": sentiment["neutral"],
        "sentiment_positive": sentiment["positive"],
        "offensive": offensive,
        "offensive_lexicon": math.log1p(len(offensive_words)),
        "scam_model": scam,
        "scam_cues": math.log1p(len(scam_cues)),
        "risky_link": math.log1p(len(message.risky_links)),
        "link": 1.0 if "xurlx" in features.tokens else 0.0,
        "crisis": math.log1p(len(crisis.constructions)),
        "crisis_joke": math.log1p(len(crisis.jokes)),
        "lookalike_handle": 1.0 if imp.lookalike_of else 0.0,
        "brand_in_handle": 1.0 if imp.brand_in_handle else 0.0,
        "support_handle": 1.0 if imp.support_handle and not imp.official_author else 0.0,
        "official_author": 1.0 if imp.official_author else 0.0,
        "credential_request": math.log1p(len(imp.credential_requests)),
        "report_cue": math.log1p(len(imp.report_cues)),
        "followers": math.log10(followers + 1) / 6.0,
        "press_followers": 1.0 if followers >= settings.press_followers else 0.0,
        "known_outlet": 1.0 if press and press.startswith("known outlet") else 0.0,
        "mentions_brand": 1.0 if mentions_brand else 0.0,
        f"channel_{message.channel}": 1.0,
        f"lang_{lang}": 1.0,
    }
    meta = np.array([float(values.get(name, 0.0)) for name in META], dtype=np.float32)
    return Evidence(
        features, meta, crisis, imp, offensive_words, scam_cues, press, message.risky_links
    )


def feature_vector(evidence: Evidence) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The sparse (indices, values) of a message: shared features then the META block."""
    features = evidence.features
    return (
        np.concatenate([features.indices, _META_INDEX]),
        np.concatenate([features.values, evidence.meta]),
    )


def _cue_evidence(name: str, label: str, evidence: Evidence) -> list[str]:
    """The hand-written cues that speak for ``label`` of head ``name``."""
    imp = evidence.impersonation
    if name == "crisis_signal":
        out = [f"crisis: {c}" for c in evidence.crisis.constructions]
        if evidence.crisis.jokes:
            out.append("joke or slang: " + ", ".join(evidence.crisis.jokes))
        return out
    if name == "scam":
        out = imp.reasons() + [f"risky link {r}" for r in evidence.risky_links]
        out += [f"scam cue: {c}" for c in evidence.scam_cues]
        if imp.report_cues:
            out.append("reporting a scam: " + ", ".join(imp.report_cues))
        if imp.official_author:
            out.append("written by an official handle")
        return out
    if name == "abusive":
        return [f"insult or profanity: {w}" for w in evidence.offensive_words]
    return []


def _topic_for_intent(topic: Signal, intent: str) -> Signal:
    """The reply topic that fits the intent: praise takes ``thanks``, a press request
    ``press_contact``, a complaint or question its likeliest service topic (or none),
    anything else none."""
    fixed = {"praise": "thanks", "press": "press_contact"}.get(intent)
    if fixed is None and intent not in ("complaint", "question"):
        fixed = "none"
    probs = dict(topic.scores)
    if fixed is not None:
        label = fixed
    else:
        label = max((p, t) for t, p in topic.scores if t in SERVICE_TOPICS or t == "none")[1]
    if label == topic.label:
        return topic
    note = f"topic {label} follows from intent {intent}"
    return Signal(label, probs.get(label, 0.0), (note, *topic.evidence), topic.scores)


def classify_message(
    message: InboxMessage, settings: InboxSettings, model: InboxModel | None = None
) -> MessageSignals:
    """Every inbox signal for ``message``. Raises ModelFileError when the model is missing."""
    model = model or load_inbox_model()
    evidence = gather_evidence(message, settings)
    indices, values = feature_vector(evidence)
    signals: dict[str, Signal] = {}
    for name, head in model.heads.items():
        probs = head.probabilities(indices, values)
        k = head.decide(probs)
        label = head.classes[k]
        if name == "scam" and evidence.impersonation.official_author:
            label, k = "no", 0  # our own handle answering is never the scam
        words = head.word_push(evidence.features, k)
        cues = _cue_evidence(name, label, evidence)
        signals[name] = Signal(
            label,
            float(probs[k]),
            (*cues, *(f"word: {w}" for w in words)),
            tuple(zip(head.classes, (float(p) for p in probs), strict=True)),
        )
    signals["reply_topic"] = _topic_for_intent(signals["reply_topic"], signals["intent"].label)
    press = Signal(
        "yes" if evidence.press_reason else "no",
        1.0,
        (evidence.press_reason,) if evidence.press_reason else (),
    )
    return MessageSignals(
        lang=message.lang, press_author=press, risky_links=message.risky_links, **signals
    )
