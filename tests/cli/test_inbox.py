"""``herald inbox triage`` and ``herald inbox import``, and ``herald eval --task inbox``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cli.cli_env import Herald, initialised
from herald.cli import cli
from herald.policy.loader import load_policy
from herald.store.models import InboxCase, InboxMessage

DEMO = str(Path(__file__).resolve().parents[2] / "src" / "herald" / "web" / "demo" / "policy.yaml")
FIELDS = (
    "id", "lang", "team", "priority", "intent", "sentiment", "crisis_signal", "scam",
    "abusive", "reply_topic", "suggestions", "reasons",
)  # fmt: skip
MESSAGES = [
    {
        "id": "tr-1",
        "text": "Tüm Türkiye'de uygulama sabahtan beri çöktü, kimse giremiyor! Maaşlar yatmadı",
        "channel": "mention",
        "author": "@ali",
        "author_followers": 120,
    },
    {
        "id": "es-1",
        "text": "Me ha llegado un SMS de 'Acme Bank' pidiendo el código de verificación, ¿es una estafa? No he pulsado el enlace",
        "channel": "direct_message",
        "author": "@marta",
        "author_followers": 80,
    },
    {
        "id": "en-1",
        "text": "Dear customer, your account is suspended. Reply with your card number and OTP to verify.",
        "channel": "comment",
        "author": "@AcmeBank_Support",
        "author_followers": 12,
    },
]


def _jsonl(tmp_path: Path, rows: list[dict[str, object]], extra: str = "") -> Path:
    path = tmp_path / "messages.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n" + extra, "utf-8"
    )
    return path


def test_triage_prints_every_field_per_message(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, MESSAGES)
    result = CliRunner().invoke(
        cli, ["inbox", "triage", str(path), "--policy", DEMO, "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["tr-1", "es-1", "en-1"]
    for row in rows:
        assert set(FIELDS) <= set(row)
    crisis, report, scam = rows
    assert (crisis["lang"], crisis["team"], crisis["priority"]) == (
        "tr",
        "crisis_response",
        "critical",
    )
    assert crisis["crisis_signal"] is True
    assert report["scam"] is False
    assert report["reply_topic"] == "fraud_report"
    assert report["suggestions"][0]["lang"] == "es"
    assert scam["scam"] is True
    assert scam["team"] == "none"
    assert scam["reply_topic"] == "none"
    assert any("hide.scam" in reason for reason in scam["reasons"])


def test_triage_human_output_names_the_fields(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, MESSAGES[:1])
    result = CliRunner().invoke(cli, ["inbox", "triage", str(path), "--policy", DEMO])
    assert result.exit_code == 0, result.output
    for field in FIELDS:
        assert f"{field}:" in result.stdout


def test_triage_reads_stdin_and_reports_a_bad_line_without_losing_the_others(
    tmp_path: Path,
) -> None:
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in MESSAGES[:2]) + '\n{"id": "x"\n'
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["inbox", "triage", "-", "--jsonl", "--format", "json"],
        input=content,
        env={"HERALD_LANG": "es"},
    )
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [r["id"] for r in document["results"]] == ["tr-1", "es-1"]
    assert "línea 3" in result.stderr


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b'{"id": "a"}\n', "'text'"),
        (b'{"id": "a", "text": "hi", "author_followers": "many"}\n', "author_followers"),
        (b"[" * 100_000 + b"\n", "JSON"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path: Path, payload: bytes, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(payload)
    result = CliRunner().invoke(cli, ["inbox", "triage", str(path)])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_pack_is_reported_with_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("herald: 1\nrouting:\n  - id: x\n    team: nobody\n    priority: low\n")
    result = CliRunner().invoke(
        cli, ["inbox", "triage", str(_jsonl(tmp_path, MESSAGES)), "--policy", str(pack)]
    )
    assert result.exit_code == 2
    assert "pack.yaml:4" in result.stderr


def test_import_stores_once_and_classifies(engine: Engine, tmp_path: Path) -> None:
    herald: Herald = initialised(engine)
    path = _jsonl(tmp_path, MESSAGES)
    first = herald("inbox", "import", str(path), "--policy", DEMO)
    assert "3 new" in first.output
    again = herald("inbox", "import", str(path), "--policy", DEMO)
    assert "0 new" in again.output
    assert "3 already" in again.output
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(InboxMessage)) == 3
        states = set(session.scalars(select(InboxMessage.classification)))
        assert states == {"done"}
        teams = set(session.scalars(select(InboxCase.team)))
        assert "crisis_response" in teams


def test_eval_inbox_scores_labelled_messages(tmp_path: Path) -> None:
    labelled = [
        {
            **MESSAGES[0],
            "intent": "complaint", "sentiment": "negative", "crisis_signal": True, "scam": False,
            "abusive": False, "team": "crisis_response", "priority": "critical", "reply_topic": "outage",
        },
        {
            **MESSAGES[2],
            "intent": "other", "sentiment": "neutral", "crisis_signal": False, "scam": True,
            "abusive": False, "team": "none", "priority": "low", "reply_topic": "none",
        },
    ]  # fmt: skip
    path = _jsonl(tmp_path, labelled)
    result = CliRunner().invoke(
        cli, ["eval", "--task", "inbox", "--json", "--policy", DEMO, str(path)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == 2
    assert scores["headline"]["crisis_recall"] == 1.0
    assert scores["headline"]["priority_accuracy"] == 1.0
    assert set(scores["targets"]) <= set(scores["headline"])


def test_eval_inbox_refuses_a_bad_label(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{**MESSAGES[0], "team": "ops"}])
    result = CliRunner().invoke(cli, ["eval", "--task", "inbox", str(path)])
    assert result.exit_code != 0
    assert "team" in result.output


def test_import_without_a_pack_uses_the_organisations_active_pack(
    engine: Engine, tmp_path: Path
) -> None:
    herald: Herald = initialised(engine)
    activated = herald("policy", "activate", DEMO)
    assert activated.exit_code == 0, activated.output
    result = herald("inbox", "import", str(_jsonl(tmp_path, MESSAGES)))
    assert result.exit_code == 0, result.output
    with Session(engine) as session:
        versions = set(session.scalars(select(InboxMessage.policy_version)))
    assert versions == {load_policy(Path(DEMO)).version}
