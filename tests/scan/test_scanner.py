from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from herald import InputError, ScanContext, Scanner, Verdict, load_policy
from herald.scan.errors import (
    EmptyTextError,
    InvalidTextError,
    TextTooLargeError,
    UnknownLanguageError,
    decode_text,
)
from herald.types import AccountType, Category, Severity

MESSAGE = '{en: "EN {match}", tr: "TR {match}", es: "ES {match}"}'


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def _pack(tmp_path: Path, rules: str) -> Scanner:
    path = tmp_path / "p.yaml"
    path.write_text("herald: 1\nrules:\n" + dedent(rules), encoding="utf-8")
    return Scanner(load_policy(path))


def test_verdict_follows_the_worst_severity(scanner: Scanner) -> None:
    assert (
        scanner.scan("A lovely day at the beach.", ScanContext(lang="en")).verdict is Verdict.PASS
    )
    result = scanner.scan("Cheap tickets!", ScanContext(lang="en"))
    assert result.verdict is Verdict.PASS  # info findings do not change the verdict
    assert [f.severity for f in result.findings] == [Severity.INFO]
    result = scanner.scan("Studies show cheap is good", ScanContext(lang="en"))
    assert result.verdict is Verdict.WARN
    personal = ScanContext(lang="en", account_type=AccountType.PERSONAL)
    result = scanner.scan("Use my code X for 10% off", personal)
    assert result.verdict is Verdict.BLOCK


def test_verdict_from_severities() -> None:
    assert Verdict.from_severities([]) is Verdict.PASS
    assert Verdict.from_severities([Severity.WARN, Severity.REVIEW]) is Verdict.REVIEW


def test_language_is_detected_when_not_given(scanner: Scanner) -> None:
    result = scanner.scan(
        "Bu çantayı çok sevdim, indirim kodu AYSE20 ile alabilirsiniz",
        ScanContext(account_type=AccountType.PERSONAL),
    )
    assert (result.lang, result.lang_detected) == ("tr", True)
    assert result.findings[0].message.startswith("“indirim kodu” bu içeriği")


def test_other_languages_are_reported_as_other(scanner: Scanner) -> None:
    result = scanner.scan("Wir stellen morgen unser neues Produkt vor, bleiben Sie dran!")
    assert result.lang == "other"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("my password is hunter2 lol", "en"), ("mi clave es x", "es"), ("şifrem 1234", "tr")],
)
def test_short_texts_fall_back_to_the_likeliest_supported_language(
    scanner: Scanner, text: str, lang: str
) -> None:
    assert scanner.scan(text).lang == lang


def test_message_language_can_differ_from_text_language(scanner: Scanner) -> None:
    ctx = ScanContext(message_lang="es", account_type=AccountType.PERSONAL)
    result = scanner.scan("Bu çantayı çok sevdim, indirim kodu AYSE20 ile alabilirsiniz", ctx)
    assert result.lang == "tr"
    assert result.findings[0].message.startswith("«indirim kodu» convierte")


def test_spans_point_into_the_original_text_after_dotted_capitals(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        f"""
        - {{id: c.name, type: existence, category: confidential, severity: block,
            terms: [Kestrel], message: {MESSAGE}}}
        """,
    )
    text = "İİİ ŞİMDİ KESTREL'İN tarihi: cafe\u0301 Kestrel"
    result = scanner.scan(text, ScanContext(lang="tr"))
    assert [text[f.start : f.end] for f in result.findings] == ["KESTREL'İN", "Kestrel"]
    assert [f.text for f in result.findings] == ["KESTREL'İN", "Kestrel"]


def test_context_conditions(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        f"""
        - id: c.role
          type: existence
          category: confidential
          severity: review
          terms: [roadmap]
          when: {{account_type: [brand], author_role: [intern], industry: [Finance]}}
          message: {MESSAGE}
        """,
    )
    hit = ScanContext(lang="en", author_role="Intern", industry="finance")
    assert len(scanner.scan("the roadmap", hit).findings) == 1
    for miss in (
        ScanContext(lang="en", author_role="ceo", industry="finance"),
        ScanContext(lang="en", author_role="intern", industry="health"),
        ScanContext(
            lang="en", author_role="intern", industry="finance", account_type=AccountType.PERSONAL
        ),
    ):
        assert scanner.scan("the roadmap", miss).findings == ()


def test_rule_languages_limit_where_it_runs(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        """
        - id: c.tr
          type: existence
          category: brand_voice
          severity: warn
          languages: [tr]
          terms: [kampanya]
          message: {tr: "TR {match}"}
        """,
    )
    assert len(scanner.scan("kampanya", ScanContext(lang="tr")).findings) == 1
    assert scanner.scan("kampanya", ScanContext(lang="es")).findings == ()


def test_scope_restricts_to_hashtags_and_links(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        f"""
        - {{id: c.tag, type: existence, category: brand_voice, severity: warn, scope: hashtags,
            terms: [fail], message: {MESSAGE}}}
        - {{id: c.link, type: pattern, category: risky_link, severity: warn, scope: links,
            pattern: 'nexora', message: {MESSAGE}}}
        """,
    )
    result = scanner.scan("fail or #fail? see nexora.com/x, nexora rocks", ScanContext(lang="en"))
    assert [(f.rule_id, f.text) for f in result.findings] == [
        ("c.tag", "fail"),
        ("c.link", "nexora"),
    ]
    assert result.findings[0].start == 9
    assert result.findings[1].start == 19


def test_exceptions_silence_matches_inside_them(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        f"""
        - {{id: c.bird, type: existence, category: confidential, severity: block,
            terms: [falcon], exceptions: [peregrine falcon], message: {MESSAGE}}}
        """,
    )
    result = scanner.scan("A peregrine falcon, and Falcon ships soon", ScanContext(lang="en"))
    assert [f.text for f in result.findings] == ["Falcon"]


def test_pattern_rule_fix_and_messages(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        """
        - id: c.ticket
          type: pattern
          category: confidential
          severity: review
          pattern: 'JIRA-(\\d+)'
          case_sensitive: true
          fix: 'ticket \\1'
          clause: "4.2"
          message: {en: "internal ticket {match} -> {fix}", tr: "x", es: "x"}
        """,
    )
    (finding,) = scanner.scan("see JIRA-1234 and jira-5", ScanContext(lang="en")).findings
    assert (finding.text, finding.fix, finding.clause) == ("JIRA-1234", "ticket 1234", "4.2")
    assert finding.message == "internal ticket JIRA-1234 -> ticket 1234"
    assert finding.category is Category.CONFIDENTIAL
    assert finding.explanation.source == "pattern"
    assert finding.apply_fix("see JIRA-1234 and jira-5") == "see ticket 1234 and jira-5"


def test_occurrence_min_and_max(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        f"""
        - id: c.tags
          type: occurrence
          category: brand_voice
          severity: warn
          require: {{patterns: ['#\\w+']}}
          min: 1
          max: 2
          fix: {{en: "#nexora", tr: "#nexora", es: "#nexora"}}
          message: {MESSAGE}
        """,
    )
    (missing,) = scanner.scan("No tags here", ScanContext(lang="en")).findings
    assert (missing.start, missing.end, missing.fix, missing.fix_span) == (
        12,
        12,
        "\n\n#nexora",
        (12, 12),
    )
    assert missing.apply_fix("No tags here") == "No tags here\n\n#nexora"
    too_many = scanner.scan("#a #b #c #d", ScanContext(lang="en")).findings
    assert [f.text for f in too_many] == ["#c", "#d"]
    assert scanner.scan("#a #b", ScanContext(lang="en")).findings == ()


def test_unknown_placeholder_is_left_as_written(tmp_path: Path) -> None:
    scanner = _pack(
        tmp_path,
        """
        - {id: c.x, type: existence, category: brand_voice, severity: warn, terms: [x],
           message: {en: "{match} {nonsense} {0}", tr: "t", es: "e"}}
        """,
    )
    (finding,) = scanner.scan("x", ScanContext(lang="en")).findings
    assert finding.message == "{match} {nonsense} {0}" or finding.message.startswith("x {nonsense}")


def test_bad_input_is_refused_with_a_code(scanner: Scanner) -> None:
    with pytest.raises(EmptyTextError) as empty:
        scanner.scan("   \n\t")
    assert empty.value.code == "empty_text"
    with pytest.raises(TextTooLargeError) as large:
        Scanner(scanner.policy, max_bytes=1_000).scan("ş" * 600)
    assert "1,200 bytes; the limit is 1,000 bytes" in str(large.value)
    with pytest.raises(UnknownLanguageError) as unknown:
        scanner.scan("hello", ScanContext(lang="klingon"))
    assert "use one of: tr, es, en, other" in str(unknown.value)
    with pytest.raises(UnknownLanguageError):
        scanner.scan("hello", ScanContext(message_lang="fr"))
    assert isinstance(empty.value, InputError)


def test_text_at_the_size_limit_is_accepted(scanner: Scanner) -> None:
    limited = Scanner(scanner.policy, max_bytes=1_000)
    assert limited.scan("a" * 1_000, ScanContext(lang="en")).verdict is Verdict.PASS


def test_bytes_must_be_decoded_first(scanner: Scanner) -> None:
    with pytest.raises(TypeError):
        scanner.scan(b"hello")  # type: ignore[arg-type]
    assert decode_text("\ufeffhola".encode()) == "hola"
    with pytest.raises(InvalidTextError, match="not valid UTF-8 \\(byte 3\\)"):
        decode_text(b"caf\xe9")
    with pytest.raises(InvalidTextError, match="binary"):
        decode_text(b"\x00\x01")


def test_unknown_signal_is_refused(scanner: Scanner) -> None:
    with pytest.raises(ValueError, match="unknown signal"):
        scanner.scan("hello", signals=["horoscope"])


def test_result_serialises_with_pinned_policy_version(scanner: Scanner) -> None:
    out = scanner.scan("Cheap tickets!", ScanContext(lang="en")).to_dict()
    assert out["policy_version"] == scanner.policy.version
    assert out["findings"][0]["explanation"] == {"source": "term", "pattern": "cheap"}
    assert out["findings"][0]["fix"] == "Affordable"


def test_signals_for_the_inbox_and_listening(scanner: Scanner) -> None:
    result = scanner.scan(
        "Hesabınız askıya alındı! Hemen doğrulayın: http://nexora-guvenlik.xyz/giris",
        signals=["sentiment", "scam"],
    )
    assert set(result.signals) == {"sentiment", "scam"}
    assert result.signals["scam"]["label"] == "scam"
    assert result.signals["sentiment"]["label"] in {"negative", "neutral", "positive"}
    assert "signals" in result.to_dict()
    assert scanner.scan("Hello there, nice day", ScanContext(lang="en")).signals == {}


def test_a_detector_used_by_several_rules_runs_once_per_post(tmp_path: Path) -> None:
    from herald.detectors.base import Detection, Detector, register
    from herald.text.document import Document as Doc

    calls: list[str] = []

    @register
    class CountingDetector(Detector):
        name = "test-counting"
        entities = ("A", "B")
        category = Category.CONFIDENTIAL

        def analyze(self, doc: Doc, ctx: ScanContext) -> list[Detection]:
            calls.append(doc.text)
            return [Detection("A", 0, 1, 1.0), Detection("B", 1, 2, 1.0)]

    scanner = _pack(
        tmp_path,
        f"""
        - {{id: c.a, type: detector, detector: test-counting, entities: [A], category: confidential,
            severity: block, message: {MESSAGE}}}
        - {{id: c.b, type: detector, detector: test-counting, entities: [B], category: confidential,
            severity: warn, message: {MESSAGE}}}
        """,
    )
    result = scanner.scan("xy", ScanContext(lang="en"))
    assert [(f.rule_id, f.entity) for f in result.findings] == [("c.a", "A"), ("c.b", "B")]
    assert calls == ["xy"]
    scanner.scan("zz", ScanContext(lang="en"))
    assert calls == ["xy", "zz"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "the text is 1,200 bytes; the limit is 1,000 bytes"),
        ("tr", "metin 1.200 bayt; sınır 1.000 bayt"),
        ("es", "el texto ocupa 1.200 bytes; el límite es 1.000 bytes"),
    ],
)
def test_input_errors_speak_three_languages(scanner: Scanner, lang: str, expected: str) -> None:
    with pytest.raises(TextTooLargeError) as large:
        Scanner(scanner.policy, max_bytes=1_000).scan("ş" * 600)
    assert large.value.message(lang) == expected
    with pytest.raises(EmptyTextError) as empty:
        scanner.scan(" ")
    assert (
        empty.value.message(lang)
        == {"en": "the text is empty", "tr": "metin boş", "es": "el texto está vacío"}[lang]
    )
