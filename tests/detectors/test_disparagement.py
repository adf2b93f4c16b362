from __future__ import annotations

from herald.detectors.base import build_detector
from herald.text.document import Document
from herald.types import OrgSettings, ScanContext

ORG = OrgSettings(name="Nexora", company_names=("Nexora",), competitors=("Finvera",))


def _detect(text: str, lang: str, **params: object) -> list[tuple[str, str]]:
    detector = build_detector("disparagement", params, ORG)
    return [
        (d.entity, text[d.start : d.end])
        for d in detector.analyze(Document(text, lang), ScanContext())
    ]


def test_name_and_put_down_in_one_sentence() -> None:
    assert _detect("FINVERA'NIN hizmeti berbat.", "tr") == [
        ("DISPARAGE_COMPETITOR", "FINVERA'NIN hizmeti berbat")
    ]
    assert _detect("Nexora is useless", "en") == [("DISPARAGE_COMPANY", "Nexora is useless")]


def test_put_down_before_the_name() -> None:
    assert _detect("What a rip-off Finvera is", "en") == [
        ("DISPARAGE_COMPETITOR", "rip-off Finvera")
    ]


def test_separate_sentences_do_not_combine() -> None:
    assert _detect("Finvera opened an office. The weather is awful!", "en") == []


def test_targets_and_extra_terms_are_parameters() -> None:
    assert _detect("Nexora is useless", "en", targets=["competitors"]) == []
    assert _detect("Finvera es cutre y lenta", "es") == [
        ("DISPARAGE_COMPETITOR", "Finvera es cutre")
    ]
    assert _detect("Finvera es lentísima", "es", extra_terms={"es": ["lentísima"]}) == [
        ("DISPARAGE_COMPETITOR", "Finvera es lentísima")
    ]


def test_no_names_configured_means_nothing_to_find() -> None:
    detector = build_detector("disparagement", {}, OrgSettings())
    assert list(detector.analyze(Document("They are crooks", "en"), ScanContext())) == []
