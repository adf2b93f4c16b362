from __future__ import annotations

import json
import stat
from pathlib import Path

from click.testing import CliRunner

from herald.cli import cli


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_redacts_stdin() -> None:
    code, out, _ = run(
        "redact", "-", "--lang", "tr", stdin="Beni 0532 418 27 63'ten arayın".encode()
    )
    assert code == 0
    assert out == "Beni [PHONE_NUMBER]'ten arayın"


def test_reversible_with_mapping_file_and_restore(tmp_path: Path) -> None:
    mapping = tmp_path / "map.json"
    code, out, _ = run(
        "redact", "--lang", "tr", "-t", "şifrem Kedi1234", "--reversible", "--mapping", str(mapping)
    )
    assert code == 0
    assert out == "şifrem [PASSWORD_1]"
    assert json.loads(mapping.read_text(encoding="utf-8")) == {"[PASSWORD_1]": "Kedi1234"}
    assert stat.S_IMODE(mapping.stat().st_mode) == 0o600
    code, out, _ = run("redact", "-t", out, "--restore", str(mapping))
    assert (code, out) == (0, "şifrem Kedi1234")


def test_json_output() -> None:
    code, out, _ = run("redact", "--lang", "es", "-t", "Mi DNI es 12345678Z", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "text": "Mi DNI es [ES_DNI]",
        "lang": "es",
        "redactions": [
            {"start": 10, "end": 19, "entity": "ES_DNI", "rule_id": "personal-data.es-dni-nie"}
        ],
    }


def test_invalid_utf8_is_a_clear_error() -> None:
    code, out, err = run("redact", "-", stdin=b"\xff\xfeabc")
    assert code == 2
    assert out == ""
    assert "not valid UTF-8" in err


def test_broken_mapping_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run("redact", "-t", "x", "--restore", str(bad))
    assert code == 2
    assert "not a mapping" in err
