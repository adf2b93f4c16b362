"""Golden tests for the offensive detector: exact spans and entities per language."""

import pytest

from herald.detectors.base import build_detector
from herald.detectors.offensive import INSULT, OFFENSIVE, PROFANITY
from herald.text.document import Document
from herald.types import OrgSettings, ScanContext


def _detect(text: str, lang: str, **params: object) -> list[tuple[str, str, float]]:
    detector = build_detector("offensive", params, OrgSettings())
    doc = Document(text, lang)
    return [
        (d.entity, text[d.start : d.end], d.score)
        for d in detector.analyze(doc, ScanContext(lang=lang))
        if d.score >= 0.5
    ]


def _flagged(text: str, lang: str) -> list[tuple[str, str]]:
    return [(entity, span) for entity, span, _ in _detect(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Sen tam bir salaksın", "tr", [(INSULT, "salaksın")]),
        ("Bu şerefsizlere oy vermeyin", "tr", [(INSULT, "şerefsizlere")]),
        ("s1kt1r git buradan", "tr", [(INSULT, "s1kt1r git")]),  # the phrase, whole
        ("SALAKLAR!!!", "tr", [(INSULT, "SALAKLAR")]),
        ("Eres un imbécil", "es", [(INSULT, "imbécil")]),
        ("vete a la mierda", "es", [(INSULT, "vete a la mierda")]),
        ("You absolute m0ron", "en", [(INSULT, "m0ron")]),
        ("this is bullshit", "en", [(PROFANITY, "bullshit")]),
    ],
)
def test_lexicon_spans(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert _flagged(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Dün akşam maçı öldürdük, 3-0!", "tr"),
        ("Konserde sahneyi yıktık geçtik", "tr"),
        ("Anoche la rompimos en el concierto", "es"),
        ("We killed it at the marathon today", "en"),
        ("She killed it on stage, what a show", "en"),
        ("Ama bu çok güzel bir gün", "tr"),  # 'am' inside 'ama' is not a match
        ("Şikayetimi iletiyorum, sıkıcı bir süreç oldu", "tr"),  # sık/sik after folding
        ("Mal varlığı açıklandı", "tr"),
        ("Great pic of the team!", "en"),
        ("Solomillo de cerdo al horno con patatas", "es"),  # 'cerdo' is pork here
        ("Hoy me toca sacar la basura", "es"),
        ("Don't forget to take out the trash tonight", "en"),
        # A condolence post, a retail notice, a degree: ordinary uses of listed words.
        ("Hain saldırıda hayatını kaybeden şehitlerimize rahmet diliyoruz", "tr"),
        ("Defolu ürünlerde yüzde 50 indirim", "tr"),
        ("We are hiring: BS in Computer Science or equivalent", "en"),
    ],
)
def test_slang_and_ordinary_words_are_not_flagged(text: str, lang: str) -> None:
    assert _flagged(text, lang) == []


def test_slang_does_not_hide_a_real_insult() -> None:
    flagged = _flagged("Maçı öldürdük ama hakem tam bir şerefsiz", "tr")
    assert (INSULT, "şerefsiz") in flagged


def test_detection_explains_itself() -> None:
    detector = build_detector("offensive", {}, OrgSettings())
    text = "Sen tam bir salaksın"
    (detection,) = detector.analyze(Document(text, "tr"), ScanContext(lang="tr"))
    assert detection.pattern == "lexicon: salak"
    assert any(note.startswith("classifier:") for note in detection.notes)
    assert detection.message_args["drivers"]


def test_classifier_flags_offence_without_a_listed_word() -> None:
    detections = _detect("You are a disgrace to humanity and everyone hates you", "en")
    assert [e for e, _, _ in detections] in ([OFFENSIVE], [INSULT])


def test_allowed_terms_param() -> None:
    assert (
        _detect("Sen tam bir salaksın", "tr", allowed_terms=["salak"], use_classifier=False) == []
    )


def test_unknown_param_is_rejected() -> None:
    with pytest.raises(ValueError, match="extra"):
        build_detector("offensive", {"treshold": 1}, OrgSettings())


def test_huge_and_odd_text_is_handled() -> None:
    text = "merhaba dünya " * 20_000 + "salak"
    flagged = _flagged(text, "tr")
    assert flagged == [(INSULT, "salak")]
    assert _flagged("\x00\ufffd", "other") == []
