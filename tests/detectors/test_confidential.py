from __future__ import annotations

import pytest

from detectors.detect import ORG, detections, found
from herald.detectors import build_detector
from herald.text.document import Document
from herald.types import ScanContext


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "Kestrel'in lansmanı ertelendi.", [("CODENAME", "Kestrel'in")]),
        ("tr", "Falconu gördünüz mü?", [("CODENAME", "Falconu")]),
        ("es", "Project Osprey avanza", [("CONFIDENTIAL_TERM", "Project Osprey")]),
        ("tr", "YALNIZCA ŞİRKET İÇİ: takvim", [("INTERNAL_MARKER", "YALNIZCA ŞİRKET İÇİ")]),
        ("es", "Documento de uso interno", [("INTERNAL_MARKER", "uso interno")]),
        (
            "en",
            "Internal only - do not share",
            [
                ("INTERNAL_MARKER", "Internal only"),
                ("INTERNAL_MARKER", "do not share"),
            ],
        ),
        (
            "tr",
            "Henüz açıklanmadı: çeyrek cirosu 48 milyon TL",
            [("FINANCIAL_FIGURE", "48 milyon TL")],
        ),
        (
            "en",
            "Revenue hit $4.2 million, not yet announced.",
            [("FINANCIAL_FIGURE", "$4.2 million")],
        ),
        ("tr", "Finvera'yı satın alma görüşmeleri sürüyor", [("M_AND_A", "satın alma")]),
        ("es", "La fusión con Finvera se firma mañana", [("M_AND_A", "fusión")]),
    ],
)
def test_confidential(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("confidential", text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Falconry is an old sport"),  # another word that starts like the codename
        ("tr", "Gizlilik politikamızı okuyun."),  # privacy, not a marker
        ("en", "Our revenue grew 12% last year."),  # public figure: below threshold
        ("en", "The merger of two rivers."),  # no company nearby
    ],
)
def test_not_confidential(lang: str, text: str) -> None:
    assert found("confidential", text, lang) == []


def test_financial_figure_explains_its_cue() -> None:
    (d,) = detections("confidential", "Unreleased: Q3 revenue $4.2 million", "en")
    assert d.notes == ("not yet public: unreleased",)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I saw a bird called falcon near the lake", []),
        ("tr", "Bugün bir kestrel kuşu gördüm", []),
        ("es", "Vi un halcón, no un falcon", []),
        ("en", "A Falcon flew over the nest this morning", []),
        ("en", "falcon launches next week, stay tuned", [("CODENAME", "falcon")]),
        ("en", "Falcon is coming.", [("CODENAME", "Falcon")]),
        ("tr", "KESTREL'in lansmanı yarın", [("CODENAME", "KESTREL'in")]),
        ("es", "El lanzamiento de falcon se retrasa", [("CODENAME", "falcon")]),
    ],
)
def test_codenames_that_are_everyday_words(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found("confidential", text, lang) == expected


def test_an_everyday_reading_is_explained() -> None:
    detector = build_detector("confidential", {}, ORG)
    (weak,) = detector.analyze(Document("I saw a bird called falcon", "en"), ScanContext(lang="en"))
    assert weak.score < 0.5
    assert weak.notes == ("written as an everyday word, no project context",)
    assert "bird" in weak.context_words
