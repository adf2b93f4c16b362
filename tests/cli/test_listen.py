from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from herald.cli import cli
from herald.listening.mention import to_record
from listening.streams import DAY, T0, background, outage

PACK = str(Path(__file__).parents[2] / "examples" / "nexora-policy.yaml")


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_replay_prints_alerts_then_a_summary(tmp_path: Path) -> None:
    mentions = background(4) + outage(T0 + 4 * DAY + 600, 150)
    stream = _write(
        tmp_path / "s.jsonl", [json.dumps(to_record(m), ensure_ascii=False) for m in mentions]
    )
    result = CliRunner().invoke(cli, ["listen", "replay", str(stream), "--policy", PACK])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    *alerts, summary = lines
    assert summary["summary"]["mentions"] == len(mentions)
    assert summary["summary"]["mentions_per_second"] > 0
    assert alerts
    assert {a["query"] for a in alerts} == {"nexora"}
    assert {"ts", "kind", "query", "lang", "window_start", "window_end", "drivers"} <= set(
        alerts[0]
    )
    assert alerts[0]["ts"].endswith("Z")


def test_workers_give_the_same_alerts(tmp_path: Path) -> None:
    mentions = background(4) + outage(T0 + 4 * DAY + 600, 150)
    stream = _write(tmp_path / "s.jsonl", [json.dumps(to_record(m)) for m in mentions])
    outputs = []
    for workers in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["listen", "replay", str(stream), "--policy", PACK, "--workers", workers]
        )
        assert result.exit_code == 0, result.output
        outputs.append(
            sorted(line for line in result.stdout.splitlines() if '"summary"' not in line)
        )
    assert outputs[0] == outputs[1]


def test_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    good = json.dumps(to_record(background(0.01)[0]))
    stream = tmp_path / "s.jsonl"
    stream.write_bytes(
        b"\n".join(
            [
                good.encode(),
                b"{not json",
                b'{"id": "x", "ts": "2026-01-05T00:00:00", "network": "x", "author": "a", "text": "t"}',
                b"\xff\xfe",
                b"[1, 2]",
                b'{"id": "big", "text": "' + b"a" * 1_100_000 + b'"}',
            ]
        )
    )
    result = CliRunner().invoke(cli, ["listen", "replay", str(stream), "--policy", PACK])
    assert result.exit_code == 0
    summary = json.loads(result.stdout.splitlines()[-1])["summary"]
    assert summary["mentions"] == 1
    assert summary["rejected"] == 5
    assert "s.jsonl:3: ts: no time zone" in result.stderr
    assert "s.jsonl:4: not valid UTF-8" in result.stderr
    assert "s.jsonl:6: longer than 1,000,000 bytes" in result.stderr


def test_pack_without_queries_is_a_usage_error(tmp_path: Path) -> None:
    stream = _write(tmp_path / "s.jsonl", [])
    result = CliRunner().invoke(cli, ["listen", "replay", str(stream)])
    assert result.exit_code == 2
    assert "no listening queries" in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["listen", "replay", str(tmp_path / "nope.jsonl"), "--policy", PACK]
    )
    assert result.exit_code == 2
    assert "nope.jsonl" in result.stderr


def test_generate_writes_stream_and_truth(tmp_path: Path) -> None:
    out, truth = tmp_path / "s.jsonl", tmp_path / "t.json"
    args = [
        "listen",
        "generate",
        "--seed",
        "5",
        "--days",
        "2",
        "--per-day",
        "500",
        "--out",
        str(out),
        "--truth",
        str(truth),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    assert {"id", "ts", "network", "author", "text"} <= set(records[0])
    assert [r["ts"] for r in records] == sorted(r["ts"] for r in records)
    assert json.loads(truth.read_text(encoding="utf-8"))["seed"] == 5
    # Seeded: the same seed writes the same stream.
    again = tmp_path / "again.jsonl"
    CliRunner().invoke(cli, [*args[:-4], "--out", str(again), "--truth", str(tmp_path / "t2.json")])
    assert again.read_bytes() == out.read_bytes()
