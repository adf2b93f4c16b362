"""Test helper: run one detector on a text, the way a policy rule would."""

from __future__ import annotations

from typing import Any

from herald.detectors import Detection, build_detector
from herald.text.document import Document
from herald.types import ContactPoint, OrgSettings, ScanContext

ORG = OrgSettings(
    name="Nexora",
    company_names=("Nexora", "Nexora Bank"),
    competitors=("Finvera",),
    domains=("nexora.com", "nexora.com.tr"),
    codenames=("Kestrel", "Falcon"),
    confidential_terms=("Project Osprey",),
    contact_points=(
        ContactPoint("email", "press@nexora.com"),
        ContactPoint("phone", "+90 850 222 00 00"),
    ),
    default_region="TR",
)
MIN_SCORE = 0.5
"""The default pack's threshold."""


def detections(
    name: str,
    text: str,
    lang: str = "tr",
    *,
    org: OrgSettings = ORG,
    params: dict[str, Any] | None = None,
) -> list[Detection]:
    detector = build_detector(name, params or {}, org)
    found = detector.analyze(Document(text, lang), ScanContext(lang=lang))
    return [d for d in found if d.score >= MIN_SCORE]


def found(
    name: str,
    text: str,
    lang: str = "tr",
    *,
    org: OrgSettings = ORG,
    params: dict[str, Any] | None = None,
) -> list[tuple[str, str]]:
    """(entity, matched text) for every detection at or above the default threshold."""
    return [
        (d.entity, text[d.start : d.end])
        for d in detections(name, text, lang, org=org, params=params)
    ]
