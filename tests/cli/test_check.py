from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from herald.cli import cli

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
NEXORA = str(ROOT / "examples" / "nexora-policy.yaml")
POSTS = str(ROOT / "examples" / "posts.jsonl")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_human_output_underlines_the_span_and_exits_1() -> None:
    code, out, _ = run(
        "check",
        "--lang",
        "en",
        "--account-type",
        "personal",
        "-t",
        "Loving it, use my code ANNA15 now",
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "<argument 1>: block [en]"
    assert "1:12  block   disclaimer.sponsorship" in lines[1]
    assert lines[2] == "    Loving it, use my code ANNA15 now"
    assert lines[3] == "               " + "^" * len("use my code")
    assert lines[4] == "    fix: #ad"
    assert out.rstrip().endswith("1 post checked: 1 block")


def test_clean_post_exits_0() -> None:
    code, out, _ = run("check", "--lang", "en", "-t", "A lovely day at the beach.")
    assert code == 0
    assert "pass" in out


def test_fail_on_threshold() -> None:
    text = "Studies show this works."
    assert run("check", "--lang", "en", "-t", text)[0] == 1
    assert run("check", "--lang", "en", "--fail-on", "review", "-t", text)[0] == 0


def test_jsonl_batch_keeps_going_past_bad_records(tmp_path: Path) -> None:
    batch = tmp_path / "posts.jsonl"
    batch.write_bytes(
        b'{"id": "a", "text": "Use my code X10 today", "lang": "en", "account_type": "personal"}\n'
        b"this is not json\n"
        b'{"id": "c", "text": "caf\xe9"}\n'
        b'{"id": "d", "text": ""}\n'
        b'{"id": "e", "text": "hi", "lang": "xx"}\n'
        b'{"id": "f", "text": "hi", "mood": "happy"}\n'
        b"\n"
        b'{"id": "g", "text": "Una tarde tranquila en la playa.", "lang": "es"}\n'
    )
    code, out, _ = run("check", "--format", "jsonl", str(batch))
    assert code == 2
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", f"{batch}:2", f"{batch}:3", "d", "e", "f", "g"]
    assert rows[0]["verdict"] == "block"
    assert [r.get("error", {}).get("code") for r in rows[1:6]] == [
        "invalid_json",
        "invalid_text",
        "empty_text",
        "unknown_language",
        "invalid_record",
    ]
    assert rows[5]["error"]["message"] == "unknown field(s): mood"
    assert rows[6]["verdict"] == "pass"


def test_stdin_text_and_stdin_jsonl() -> None:
    code, out, _ = run("check", "--format", "json", "--lang", "en", "-", stdin=b"Cheap flights!")
    document = json.loads(out)
    assert code == 0  # only an info finding
    assert document["results"][0]["findings"][0]["rule_id"] == "brand-voice.wording"
    code, out, _ = run("check", "--jsonl", "--format", "jsonl", "-", stdin=b'{"text": "hola"}\n')
    assert json.loads(out)["line"] == 1


def test_invalid_utf8_and_binary_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\x00\x00")
    code, out, _ = run(
        "check", "--format", "jsonl", str(bad), str(binary), str(tmp_path / "missing.txt")
    )
    assert code == 2
    errors = [json.loads(line)["error"] for line in out.splitlines()]
    assert errors[0] == {"code": "invalid_text", "message": "the input is not valid UTF-8 (byte 3)"}
    assert errors[1]["message"] == "the input is binary, not text"
    assert errors[2]["code"] == "unreadable"


def test_huge_text_is_refused_with_the_limit() -> None:
    code, out, _ = run("check", "--format", "jsonl", "--max-bytes", "50", "-t", "x" * 51)
    assert code == 2
    assert json.loads(out)["error"]["code"] == "text_too_large"


def test_broken_policy_is_a_usage_error_with_its_place(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("herald: 1\nrules: [\n")
    code, _, err = run("check", "--policy", str(pack), "-t", "hello")
    assert code == 2
    assert err.startswith(f"error: {pack}:3:1: YAML syntax error")
    assert "Traceback" not in err


def test_unknown_option_values_are_usage_errors() -> None:
    code, _, err = run("check", "--lang", "fr", "-t", "hello")
    assert code == 2
    assert "Invalid value for '--lang'" in err


def _validate_sarif(document: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_sarif_validates_for_text_and_batches(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("First line.\nUse my code ANNA15 now, studies show it works", encoding="utf-8")
    code, out, _ = run(
        "check", "--format", "sarif", "--lang", "en", "--account-type", "personal", str(post)
    )
    assert code == 1
    document = json.loads(out)
    _validate_sarif(document)
    results = document["runs"][0]["results"]
    sponsorship = next(r for r in results if r["ruleId"] == "disclaimer.sponsorship")
    region = sponsorship["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (
        2,
        1,
        "Use my code",
    )
    assert (
        sponsorship["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
        == "\n\n#ad"
    )
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[sponsorship["ruleIndex"]]["id"] == "disclaimer.sponsorship"

    code, out, _ = run("check", "--format", "sarif", "--policy", NEXORA, POSTS)
    document = json.loads(out)
    _validate_sarif(document)
    assert {r["properties"]["postId"] for r in document["runs"][0]["results"]} >= {
        "en-returns",
        "tr-promo",
    }


def test_sarif_reports_bad_records_as_notifications(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"text": ""}\n', encoding="utf-8")
    code, out, _ = run("check", "--format", "sarif", str(batch))
    document = json.loads(out)
    _validate_sarif(document)
    invocation = document["runs"][0]["invocations"][0]
    assert code == 2
    assert invocation["executionSuccessful"] is False
    assert "the text is empty" in invocation["toolExecutionNotifications"][0]["message"]["text"]


@pytest.mark.parametrize("lang", ["tr", "es", "en"])
def test_message_language_option(lang: str) -> None:
    _, out, _ = run(
        "check",
        "--format",
        "json",
        "--message-lang",
        lang,
        "--account-type",
        "personal",
        "-t",
        "Use my code ANNA15 now",
    )
    message = json.loads(out)["results"][0]["findings"][0]["message"]
    expected = {"tr": "sponsorlu yapar", "es": "patrocinado", "en": "sponsored content"}[lang]
    assert expected in message


def test_sample_posts_run_end_to_end() -> None:
    code, out, _ = run("check", "--policy", NEXORA, "--format", "json", POSTS)
    assert code == 1
    by_id = {r["id"]: r for r in json.loads(out)["results"]}
    assert by_id["en-returns"]["verdict"] == "block"
    assert by_id["en-marathon"]["verdict"] == "pass"
    assert by_id["tr-match"]["verdict"] == "pass"
    assert by_id["es-personal-ok"]["verdict"] == "pass"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": ' + "[" * 100_000 + "}", "JSON nested too deeply"),
        ('{"text": "a\\ud800b"}', "lone surrogate at character 2"),
    ],
)
def test_hostile_records_are_clear_errors_not_tracebacks(
    tmp_path: Path, line: str, reason: str
) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(posts)])
    assert result.exit_code == 2
    assert reason in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
