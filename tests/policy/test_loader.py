from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from herald import PolicyError, Problem, ScanContext, Scanner, load_policy, validate_policy
from herald.types import AccountType, Severity

MESSAGE = '{en: "m {match}", tr: "m {match}", es: "m {match}"}'


def _write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text).lstrip(), encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in validate_policy(path)]


def test_default_pack_loads_and_has_a_stable_version() -> None:
    a, b = load_policy(), load_policy("herald:default")
    assert a.version == b.version
    assert a.version.startswith("sha256:")
    assert {s.id for s in a.specs} >= {"disclaimer.sponsorship", "attribution.statistic"}


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "herald: 1\nrules:\n  - id: x\n    type: [unclosed\n")
    ((line, column, message),) = _problems(path)
    assert message.startswith("YAML syntax error")
    assert line >= 4
    assert column >= 1


def test_every_problem_is_reported_with_its_place(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: existense
            category: offensive
            severity: block
            message: {MESSAGE}
          - id: a.two
            type: existence
            category: offensive
            severity: block
            terms: [x]
            mesage: {MESSAGE}
          - id: a.three
            type: pattern
            category: confidential
            severity: loud
            pattern: "x"
            message: {MESSAGE}
        """,
    )
    problems = _problems(path)
    assert (
        4,
        11,
        "unknown rule type 'existense'; expected one of: existence, substitution, "
        "occurrence, conditional, pattern, detector",
    ) in problems
    assert any(line == 13 and "unknown field 'mesage'" in msg for line, _, msg in problems)
    assert any(line == 8 and "missing field 'message'" in msg for line, _, msg in problems)
    assert (17, 15, "severity: Input should be 'info', 'warn', 'review' or 'block'") in problems


def test_missing_message_for_a_declared_language(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        rules:
          - id: a.one
            type: existence
            category: offensive
            severity: block
            terms: [x]
            message: {en: "only English"}
        """,
    )
    ((line, _, message),) = _problems(path)
    assert line == 3
    assert "message is missing for language(s): tr, es" in message


def test_unknown_detector_and_bad_params(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: detector
            detector: telepathy
            category: personal_data
            severity: block
            message: {MESSAGE}
          - id: a.two
            type: detector
            detector: email
            params: {{colour: red}}
            category: personal_data
            severity: block
            message: {MESSAGE}
        """,
    )
    problems = _problems(path)
    assert problems[0][0] == 5
    assert problems[0][2].startswith("unknown detector 'telepathy'; known:")
    assert problems[1][0] == 12
    assert "unknown parameter 'colour' for detector 'email'" in problems[1][2]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("[unclosed", "invalid regular expression"),
        ("(a+)+$", "nests repetitions"),
        ("(a|aa)+$", "catastrophic backtracking"),
        ("x*", "matches empty text"),
    ],
)
def test_bad_regular_expressions(tmp_path: Path, pattern: str, expected: str) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: pattern
            category: confidential
            severity: block
            pattern: '{pattern}'
            message: {MESSAGE}
        """,
    )
    ((line, _, message),) = _problems(path)
    assert line == 7
    assert expected in message


def test_duplicate_keys_and_ids(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: existence
            category: offensive
            severity: block
            severity: warn
            terms: [x]
            message: {MESSAGE}
        """,
    )
    assert _problems(path) == [(7, 5, "duplicate key 'severity'")]
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - {{id: a.one, type: existence, category: offensive, severity: block, terms: [x], message: {MESSAGE}}}
          - {{id: a.one, type: existence, category: offensive, severity: block, terms: [y], message: {MESSAGE}}}
        """,
    )
    assert [(line, msg) for line, _, msg in _problems(path)] == [(4, "duplicate rule id 'a.one'")]


def test_invalid_utf8_binary_empty_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"herald: 1\nname: caf\xe9\n")
    assert _problems(bad) == [(2, 10, "the file is not valid UTF-8 text")]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    assert _problems(binary) == [(0, 0, "the file is binary, not YAML text")]
    empty = _write(tmp_path, "", "empty.yaml")
    assert _problems(empty) == [(0, 0, "the file is empty")]
    assert _problems(tmp_path / "nope.yaml") == [(0, 0, "no such file")]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "- just\n- a list\n")
    assert _problems(path) == [(1, 1, "a policy pack is a mapping (key: value) at the top")]


def test_unknown_schema_version(tmp_path: Path) -> None:
    path = _write(tmp_path, "herald: 7\n")
    ((line, _, message),) = _problems(path)
    assert line == 1
    assert "unsupported schema version 7" in message


def test_problem_renders_as_file_line_column() -> None:
    assert str(Problem("p.yaml", 3, 7, "boom")) == "p.yaml:3:7: boom"
    assert str(Problem("p.yaml", 0, 0, "boom")) == "p.yaml: boom"


def test_extends_overrides_disables_and_replaces(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        id: acme
        extends: herald:default
        organisation: {{name: Acme, industry: finance}}
        disable: [attribution.quote]
        overrides:
          brand-voice.wording: {{severity: block}}
        rules:
          - id: attribution.statistic
            type: existence
            category: attribution
            severity: warn
            terms: [statistically]
            message: {MESSAGE}
        """,
    )
    policy = load_policy(path)
    ids = [s.id for s in policy.specs]
    assert "attribution.quote" not in ids
    assert policy.spec("brand-voice.wording").severity is Severity.BLOCK  # type: ignore[union-attr]
    assert policy.spec("attribution.statistic").type == "existence"  # type: ignore[union-attr]
    assert policy.org.company_names == ("Acme",)
    assert policy.version != load_policy().version
    result = Scanner(policy).scan("Statistically cheap.", ScanContext(lang="en"))
    assert [(f.rule_id, f.severity) for f in result.findings] == [
        ("attribution.statistic", Severity.WARN),
        ("brand-voice.wording", Severity.BLOCK),
    ]


def test_unknown_ids_in_disable_and_overrides(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        herald: 1
        extends: herald:default
        disable: [no.such.rule]
        overrides:
          other.missing: {severity: warn}
        """,
    )
    assert [(line, msg) for line, _, msg in _problems(path)] == [
        (3, "no inherited rule 'no.such.rule' to disable"),
        (5, "no inherited rule 'other.missing' to override"),
    ]


def test_extends_loops_and_unknown_builtins(tmp_path: Path) -> None:
    _write(tmp_path, "herald: 1\nextends: b.yaml\n", "a.yaml")
    _write(tmp_path, "herald: 1\nextends: a.yaml\n", "b.yaml")
    (problem,) = validate_policy(tmp_path / "a.yaml")
    assert "extend each other in a loop" in problem.message
    path = _write(tmp_path, "herald: 1\nextends: herald:nope\n", "c.yaml")
    ((line, _, message),) = _problems(path)
    assert line == 2
    assert "unknown built-in pack 'herald:nope'" in message


def test_an_invalid_pack_never_loads_half_way(tmp_path: Path) -> None:
    path = _write(tmp_path, "herald: 1\nextends: herald:default\ndisable: [nope]\n")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert len(info.value.problems) == 1


def test_severity_per_account_type(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: existence
            category: confidential
            severity: {{brand: block}}
            terms: [secret sauce]
            message: {MESSAGE}
        """,
    )
    scanner = Scanner(load_policy(path))
    brand = scanner.scan("our secret sauce", ScanContext(lang="en"))
    personal = scanner.scan(
        "our secret sauce", ScanContext(lang="en", account_type=AccountType.PERSONAL)
    )
    assert [f.severity for f in brand.findings] == [Severity.BLOCK]
    assert personal.findings == ()


def test_pack_from_text_for_uploads() -> None:
    policy = load_policy("upload.yaml", text="herald: 1\nid: up\nextends: herald:default\n")
    assert policy.id == "up"
    with pytest.raises(PolicyError) as info:
        load_policy("upload.yaml", text="herald: 1\nrules: [\n")
    assert str(info.value).startswith("upload.yaml:")


def _in(path: Path, lang: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.code, p.message(lang)) for p in validate_policy(path)]


def test_problems_speak_turkish_spanish_and_english(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: pattern
            category: confidential
            severity: loud
            pattern: "x"
            mesage: {MESSAGE}
        """,
    )
    assert _in(path, "tr") == [
        (3, "missing_field", "eksik alan: 'message'"),
        (6, "not_one_of", "severity: şunlardan biri olmalı: 'info', 'warn', 'review' veya 'block'"),
        (8, "unknown_field", "bilinmeyen alan: 'mesage'"),
    ]
    assert _in(path, "es") == [
        (3, "missing_field", "falta el campo 'message'"),
        (6, "not_one_of", "severity: debe ser 'info', 'warn', 'review' o 'block'"),
        (8, "unknown_field", "campo desconocido: 'mesage'"),
    ]
    assert _in(path, "en") == [
        (3, "missing_field", "missing field 'message'"),
        (6, "not_one_of", "severity: Input should be 'info', 'warn', 'review' or 'block'"),
        (8, "unknown_field", "unknown field 'mesage'"),
    ]


def test_yaml_syntax_errors_keep_pyyamls_reason_in_every_language(tmp_path: Path) -> None:
    path = _write(tmp_path, "herald: 1\nrules: [\n")
    (problem,) = validate_policy(path)
    assert problem.code == "yaml_syntax"
    reason = problem.args["reason"]
    assert isinstance(reason, str)
    assert reason
    assert problem.message("tr") == f"YAML söz dizimi hatası: {reason}"
    assert problem.message("es") == f"error de sintaxis YAML: {reason}"
    assert problem.message == f"YAML syntax error: {reason}"


def test_detector_and_pattern_problems_in_turkish(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        herald: 1
        rules:
          - id: a.one
            type: detector
            detector: email
            params: {{colour: red}}
            category: personal_data
            severity: block
            message: {MESSAGE}
          - id: a.two
            type: pattern
            pattern: '(a|aa)+$'
            category: confidential
            severity: block
            message: {MESSAGE}
        """,
    )
    assert _in(path, "tr") == [
        (6, "unknown_parameter", "bilinmeyen parametre: 'colour' (dedektör: 'email')"),
        (12, "regex_slow", "kalıp basit bir girdide çok uzun sürüyor (aşırı geri izleme)"),
    ]
    path = _write(
        tmp_path,
        """
        herald: 1
        rules:
          - {id: a, type: existence, terms: [x], category: offensive, severity: block,
             message: {en: "x"}}
        """,
    )
    assert _in(path, "tr") == [(3, "message_missing", "şu dil(ler) için mesaj eksik: tr, es")]
    assert _in(path, "es") == [
        (3, "message_missing", "falta el mensaje para estos idiomas: tr, es")
    ]


BROKEN_PACKS = [
    "herald: 2\nid: 'Bad Id'\nrules: 5\n",
    "yes: 1\n",
    "- a list\n",
    "herald: 1\nextends: herald:nope\n",
    "herald: 1\nextends: herald:default\ndisable: [nope]\noverrides:\n  gone: {severity: warn}\n"
    "  brand-voice.wording: {params: {x: 1}}\n",
    "herald: 1\norganisation: {default_region: xx, contact_points: [{kind: fax, value: ''}]}\n",
    "herald: 1\nrules:\n  - {id: a, category: offensive, severity: block, message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: existence, category: offensive, severity: block,"
    " terms: [1], languages: [de], message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: occurrence, category: offensive, severity: block,"
    " require: {}, min: -1, max: x, message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: occurrence, category: offensive, severity: block,"
    " require: {terms: [x]}, min: 3, max: 1, message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: detector, detector: email, entities: [NOPE],"
    " category: personal_data, severity: block, message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: detector, detector: telepathy,"
    " category: personal_data, severity: block, message: %s}\n",
    "herald: 1\nrules:\n  - {id: a, type: pattern, pattern: 'ab(cd', category: offensive,"
    " severity: block, message: %s}\n  - {id: b, type: pattern, pattern: '(a+)+',"
    " category: offensive, severity: block, message: %s}\n",
]


@pytest.mark.parametrize("text", BROKEN_PACKS)
def test_every_problem_the_loader_finds_has_a_translated_code(text: str) -> None:
    from herald.policy.messages import MESSAGES

    problems = validate_policy("p.yaml", text=text.replace("%s", MESSAGE))
    assert problems
    for problem in problems:
        assert problem.code in MESSAGES, problem
        assert problem.message("tr") != problem.message("en"), problem
        assert problem.message("es") != problem.message("en"), problem
