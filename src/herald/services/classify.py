"""From an incoming message and the policy pack to the inbox signals (pure, no database).

The pack supplies what the classifier must know about the organisation (its official
handles, names and domains, the press threshold and known outlets); the risky-link
detector reads the message's links with the organisation's domains, so look-alikes of
them count as evidence of a scam.
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.detectors.links import LinkParams, RiskyLinksDetector
from herald.nlp.inbox import (
    CHANNELS,
    InboxMessage,
    InboxModel,
    InboxSettings,
    MessageSignals,
    classify_message,
)
from herald.policy.model import Policy
from herald.text.document import Document
from herald.text.langid import detect_language
from herald.types import LANGUAGES, OTHER_LANGUAGE, ScanContext

MAX_TEXT_CHARS = 20_000
"""Longer messages are read up to here (the rest is kept, not classified)."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """What triage needs from a message, whatever it came from (a file, a connector)."""

    id: str
    text: str
    channel: str = "mention"
    author: str = ""
    author_followers: int | None = None
    lang: str | None = None
    account: str | None = None
    """The brand account (handle) it was addressed to, if known."""


_SETTINGS: dict[str, InboxSettings] = {}
_DETECTORS: dict[str, RiskyLinksDetector] = {}
"""Per pack fingerprint: the pack's content decides both."""


def settings_for(policy: Policy) -> InboxSettings:
    cached = _SETTINGS.get(policy.version)
    if cached is not None:
        return cached
    org = policy.org
    settings = _SETTINGS[policy.version] = InboxSettings(
        official_handles=tuple(handle for _, handle in org.handles),
        brand_names=org.company_names,
        press_followers=policy.inbox.press_followers,
        known_outlets=frozenset(
            o.strip().lstrip("@").casefold() for o in policy.inbox.known_outlets
        ),
    )
    return settings


def _link_detector(policy: Policy) -> RiskyLinksDetector:
    detector = _DETECTORS.get(policy.version)
    if detector is None:
        detector = _DETECTORS[policy.version] = RiskyLinksDetector(LinkParams(), policy.org)
    return detector


def risky_links(text: str, lang: str, policy: Policy) -> tuple[str, ...]:
    """The risky-link detector's findings, as 'ENTITY host' strings."""
    doc = Document(text, lang)
    if not doc.links:
        return ()
    detections = _link_detector(policy).analyze(doc, ScanContext(lang=lang))
    return tuple(
        dict.fromkeys(f"{d.entity} {d.message_args.get('domain', '')}".strip() for d in detections)
    )


def resolve_language(message: Incoming) -> str:
    given = (message.lang or "").strip().lower()
    if given in (*LANGUAGES, OTHER_LANGUAGE):
        return given
    return detect_language(message.text[:MAX_TEXT_CHARS]).language_or(OTHER_LANGUAGE)


def classify(message: Incoming, policy: Policy, model: InboxModel | None = None) -> MessageSignals:
    """Every inbox signal for ``message`` under ``policy``'s organisation settings."""
    lang = resolve_language(message)
    text = message.text[:MAX_TEXT_CHARS]
    channel = message.channel if message.channel in CHANNELS else "mention"
    return classify_message(
        InboxMessage(
            text=text,
            lang=lang,
            channel=channel,
            author=message.author,
            author_followers=message.author_followers,
            risky_links=risky_links(text, lang, policy),
        ),
        settings_for(policy),
        model,
    )
