"""``herald listen``: replay a mention stream through listening, or generate a synthetic one."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from herald.cli.common import EXIT_OK, EXIT_USAGE, load_policy_or_exit
from herald.listening.alert import Alert
from herald.listening.config import ListeningQuery
from herald.listening.mention import Mention, MentionError, from_json_line
from herald.listening.replay import replay as run_replay

MAX_LINE_BYTES = 1_000_000


def _read(stream: IO[bytes], name: str, errors: list[str]) -> Iterator[Mention]:
    """Mentions from JSONL; a bad line is reported (file:line) and skipped, never fatal."""
    for number, raw in enumerate(stream, start=1):
        if len(raw) > MAX_LINE_BYTES:
            errors.append(f"{name}:{number}: longer than {MAX_LINE_BYTES:,} bytes")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{name}:{number}: not valid UTF-8")
            continue
        try:
            yield from_json_line(line)
        except MentionError as exc:
            errors.append(f"{name}:{number}: {exc}")


def _emit(alert: Alert) -> None:
    click.echo(json.dumps(alert.to_json(), ensure_ascii=False))


@click.group()
def listen() -> None:
    """Listening: replay mention streams, generate synthetic ones."""


@listen.command()
@click.argument("file", metavar="FILE|-")
@click.option("--policy", "policy_source", metavar="PACK", help="Pack with listening queries.")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that classify chunks while this one counts (1: all in-process).",
)
def replay(file: str, policy_source: str | None, fmt: str, workers: int) -> None:
    """Replay FILE (JSONL mentions in timestamp order) in simulated time; print alerts as
    JSON lines, then a summary line."""
    del fmt  # one format for now; the option is there so scripts can say what they send
    policy = load_policy_or_exit(policy_source)
    queries: tuple[ListeningQuery, ...] = policy.listening
    if not queries:
        click.echo(
            "error: the pack has no listening queries; pass --policy with a pack that has a"
            " 'listening: queries:' section (see examples/nexora-policy.yaml)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    errors: list[str] = []
    started = time.perf_counter()
    if file == "-":
        stream: IO[bytes] = sys.stdin.buffer
    else:
        try:
            stream = Path(file).open("rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            click.echo(f"error: {file}: {exc.strerror}", err=True)
            sys.exit(EXIT_USAGE)
    try:
        result = run_replay(queries, _read(stream, file, errors), _emit, workers=workers)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    elapsed = max(time.perf_counter() - started, 1e-9)
    for error in errors[:20]:
        click.echo(f"warning: {error}", err=True)
    summary = {
        "summary": {
            "mentions": result.mentions,
            "matched": result.matched,
            "duplicates": result.duplicates,
            "rejected": len(errors),
            "seconds": round(elapsed, 2),
            "mentions_per_second": round(result.mentions / elapsed, 1),
            "alerts": dict(sorted(result.alerts.items())),
            "workers": workers,
        }
    }
    click.echo(json.dumps(summary, ensure_ascii=False))
    sys.exit(EXIT_OK)


@listen.command()
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--days", type=click.IntRange(1, 366), default=30, show_default=True)
@click.option("--per-day", type=click.FloatRange(10, 1e7), default=33_000, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--truth", type=click.Path(dir_okay=False, path_type=Path), required=True)
def generate(seed: int, days: int, per_day: float, out: Path, truth: Path) -> None:
    """Write a seeded synthetic stream (JSONL) and its ground truth (incidents, decoys)."""
    from herald.listening.synthetic import generate as write

    count = write(seed, days, per_day, out, truth)
    click.echo(f"{count} mentions -> {out}; ground truth -> {truth}")
