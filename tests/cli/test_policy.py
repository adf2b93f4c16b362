from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from herald.cli import cli

ROOT = Path(__file__).parents[2]


def test_validate_reports_each_problem_with_its_place(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "herald: 1\nrules:\n  - id: X!\n    type: existence\n    terms: [a]\n"
        "    category: nope\n    severity: block\n    message: {en: a, tr: b, es: c}\n"
    )
    result = CliRunner().invoke(cli, ["policy", "validate", str(pack)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{pack}:3:9: an id uses lower-case letters")
    assert lines[1].startswith(f"{pack}:6:15: category: Input should be 'personal_data'")
    assert lines[-1] == "2 problems found"


def test_validate_accepts_the_example_and_builtin_packs() -> None:
    for source in (str(ROOT / "examples" / "nexora-policy.yaml"), "herald:default"):
        result = CliRunner().invoke(cli, ["policy", "validate", source])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == f"{source}: valid\n"


def test_rules_lists_in_the_readers_language() -> None:
    result = CliRunner().invoke(cli, ["policy", "rules", "--lang", "tr", "--json"])
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["disclaimer.sponsorship"]["message"].startswith("“{match}” bu içeriği")
    assert rules["disclaimer.sponsorship"]["severity"] == "block"


def test_validate_refuses_hostile_yaml_with_its_place(tmp_path: Path) -> None:
    from policy.test_yaml_safety import alias_bomb

    for text, code_words in ((alias_bomb(), "aliases"), ("herald: 1\nname: =\n", "tag")):
        pack = tmp_path / "p.yaml"
        pack.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["policy", "validate", str(pack)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{pack}:")
        assert code_words in result.stderr
        assert "Traceback" not in result.stderr
