"""Hostile YAML in a policy pack: refused at its line, quickly, without building anything."""

from __future__ import annotations

import pytest

from herald import PolicyError, Problem, validate_policy
from herald.policy.yaml_source import MAX_DEPTH, MAX_NODES, parse_yaml


def alias_bomb() -> str:
    """The classic "billion laughs": nine levels of nine aliases, 9^9 values once built."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join(["*" + previous] * 9) + "]")
    return "herald: 1\n" + "\n".join(lines) + "\n"


def _only(text: str) -> Problem:
    (problem,) = validate_policy("p.yaml", text=text)
    return problem


def test_the_alias_bomb_is_refused_at_its_first_alias() -> None:
    assert 340 <= len(alias_bomb()) <= 360
    problem = _only(alias_bomb())
    assert (problem.file, problem.line, problem.code) == ("p.yaml", 3, "yaml_alias")
    assert "alias" in problem.message("en")


def test_a_single_harmless_alias_is_refused_too() -> None:
    problem = _only("herald: 1\nname: &n Acme\nid: *n\n")
    assert (problem.line, problem.column, problem.code) == (3, 5, "yaml_alias")


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("=", "="),
        ("!M x", "!M"),
        ("!!int x", "tag:yaml.org,2002:int"),
        ("!!timestamp x", "tag:yaml.org,2002:timestamp"),
        ("!!python/object/apply:os.system [id]", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
    ],
)
def test_tags_are_refused_at_their_line(value: str, tag: str) -> None:
    problem = _only(f"herald: 1\nname: {value}\n")
    assert (problem.line, problem.column, problem.code) == (2, 7, "yaml_tag")
    assert problem.args["tag"] == tag


def test_a_merge_key_is_refused() -> None:
    problems = validate_policy("p.yaml", text="herald: 1\n<<: {name: x}\n")
    assert [(p.line, p.code) for p in problems] == [(2, "yaml_tag")]


def test_a_date_stays_text_and_an_impossible_one_does_not_crash() -> None:
    data, _ = parse_yaml("a: 2024-01-31\nb: 2024-02-30\n", "p.yaml")
    assert data == {"a": "2024-01-31", "b": "2024-02-30"}


def test_an_integer_too_long_to_read_is_a_problem() -> None:
    problem = _only("herald: 1\nname: " + "9" * 5_000 + "\n")
    assert (problem.line, problem.code) == (2, "yaml_bad_scalar")


def test_depth_is_capped() -> None:
    with pytest.raises(PolicyError) as info:
        parse_yaml("a: " + "[" * 200, "p.yaml")
    (problem,) = info.value.problems
    assert problem.code == "yaml_too_deep"
    assert problem.args["limit"] == MAX_DEPTH
    with pytest.raises(PolicyError) as info:  # libyaml's own cap (1,000) answers first
        parse_yaml("a: " + "[" * 100_000, "p.yaml")
    assert info.value.problems[0].code in ("yaml_too_deep", "yaml_syntax")
    assert parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "p.yaml")


def test_value_count_is_capped() -> None:
    with pytest.raises(PolicyError) as info:
        parse_yaml("[" + "1," * (MAX_NODES + 10) + "]", "p.yaml")
    assert [p.code for p in info.value.problems] == ["yaml_too_many_nodes"]


def test_size_is_capped() -> None:
    with pytest.raises(PolicyError) as info:
        parse_yaml("#" * 2_000_001, "p.yaml")
    assert [p.code for p in info.value.problems] == ["yaml_too_large"]
