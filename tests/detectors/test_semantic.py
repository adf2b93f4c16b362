from __future__ import annotations

from herald.detectors.base import build_detector
from herald.text.document import Document
from herald.types import OrgSettings, ScanContext


def _detect(text: str, lang: str) -> list[tuple[str, str, tuple[str, ...]]]:
    detector = build_detector("semantic", {}, OrgSettings())
    return [
        (d.entity, text[d.start : d.end], d.notes)
        for d in detector.analyze(Document(text, lang), ScanContext())
    ]


def test_a_model_finding_names_its_words_and_points_at_the_strongest() -> None:
    found = _detect("selling fake IDs for the festival, scannable, 80 each", "en")
    entities = {entity for entity, _, _ in found}
    assert "MEANING_ILLEGAL_CONDUCT" in entities
    for _entity, span, notes in found:
        assert span  # an exact span into the post, never empty
        assert any(n.startswith("words that raised the score: ") for n in notes)
        assert any(n.startswith("model: ") for n in notes)


def test_everyday_post_has_no_model_finding() -> None:
    assert _detect("went hiking with my kids this weekend, best day ever", "en") == []


def test_topic_needs_no_disclaimer_when_one_is_there() -> None:
    text = "our new card launched today with no FX fees, so proud of the team"
    assert "MEANING_TOPIC" in {e for e, _, _ in _detect(text, "en")}
    assert "MEANING_TOPIC" not in {e for e, _, _ in _detect(text + ". Views are my own.", "en")}
