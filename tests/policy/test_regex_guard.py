from __future__ import annotations

import pytest

from herald.policy.regex_guard import RegexProblem, compile_user_pattern, has_nested_quantifier


@pytest.mark.parametrize("pattern", ["(a+)+$", "(x*)*", "(?:\\w+)*$", "(x+x+)+y", "([a-z]*){2,}"])
def test_nested_repetition_is_rejected(pattern: str) -> None:
    assert has_nested_quantifier(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        "(\\d{3}[ -]?)+",
        "(ab|cd)+",
        "([a-z]+\\s)*end",
        "(\\w+\\.)+com",
        "(?:abc){2,}",
        "[(a+)+]",
        "\\(a+\\)+",
    ],
)
def test_safe_repetition_is_accepted(pattern: str) -> None:
    assert not has_nested_quantifier(pattern)


def test_probe_catches_what_the_structure_check_misses() -> None:
    assert not has_nested_quantifier("(a|aa)+$")
    result = compile_user_pattern("(a|aa)+$", case_sensitive=False)
    assert isinstance(result, RegexProblem)
    assert "catastrophic" in result.message


def test_compile_errors_carry_their_offset() -> None:
    result = compile_user_pattern("ab(cd", case_sensitive=False)
    assert isinstance(result, RegexProblem)
    assert result.offset is not None


def test_good_pattern_compiles_case_insensitive() -> None:
    result = compile_user_pattern("guaranteed returns?", case_sensitive=False)
    assert not isinstance(result, RegexProblem)
    assert result.search("GUARANTEED RETURN") is not None


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("", "regex_empty"),
        ("x" * 2_001, "regex_too_long"),
        ("a(", "regex_invalid"),
        ("x?", "regex_matches_empty"),
        ("(a+)+$", "regex_nested"),
        ("(a|aa)+$", "regex_slow"),
    ],
)
def test_each_refusal_has_a_stable_code(pattern: str, code: str) -> None:
    result = compile_user_pattern(pattern, case_sensitive=False)
    assert isinstance(result, RegexProblem)
    assert result.code == code
    assert result.message  # English, for logs and the CLI


def test_an_exponential_alternation_on_the_patterns_own_letters_is_refused() -> None:
    from herald.policy.regex_guard import RegexProblem, compile_user_pattern

    for pattern in ("(b|bb)+$", "(x|xx)+y"):
        result = compile_user_pattern(pattern, case_sensitive=False)
        assert isinstance(result, RegexProblem)
        assert result.code == "regex_slow"


def test_rule_count_is_capped() -> None:
    from herald import validate_policy
    from herald.policy.loader import MAX_RULES

    rule = (
        "  - id: r.n{i}\n    type: existence\n    category: brand_voice\n    severity: warn\n"
        "    terms: [w{i}]\n    message: {{en: m, tr: m, es: m}}\n"
    )
    text = "herald: 1\nrules:\n" + "".join(rule.format(i=i) for i in range(MAX_RULES + 1))
    assert [p.code for p in validate_policy("p.yaml", text=text)] == ["too_many_rules"]
