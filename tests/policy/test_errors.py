from __future__ import annotations

from herald.policy.errors import PolicyError, Problem


def test_a_problem_reads_as_english_and_speaks_every_language() -> None:
    problem = Problem("p.yaml", 3, 7, "unknown_field", {"field": "mesage"})
    assert problem.message == "unknown field 'mesage'"
    assert problem.message("tr") == "bilinmeyen alan: 'mesage'"
    assert problem.message("es") == "campo desconocido: 'mesage'"
    assert problem.message("en") == problem.message
    assert str(problem) == "p.yaml:3:7: unknown field 'mesage'"
    assert problem.code == "unknown_field"
    assert problem.args == {"field": "mesage"}


def test_whole_file_problems_have_no_place() -> None:
    problem = Problem("p.yaml", 0, 0, "empty_file")
    assert str(problem) == "p.yaml: the file is empty"
    assert problem.message("tr") == "dosya boş"


def test_problems_are_sorted_by_place_in_the_error() -> None:
    error = PolicyError(
        [Problem("b.yaml", 1, 1, "empty_file"), Problem("a.yaml", 2, 1, "key_not_text")]
    )
    assert [p.file for p in error.problems] == ["a.yaml", "b.yaml"]
    assert str(error).splitlines()[0] == "a.yaml:2:1: keys must be plain text"
