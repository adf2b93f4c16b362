"""``herald audit verify`` and ``herald audit export``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import click
from sqlalchemy.orm import Session

from herald.cli.governance import read_only, say
from herald.services import audit as audit_service
from herald.store.models import AuditEntry

EXIT_TAMPERED = 1


@click.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command()
@click.option(
    "--export",
    "export_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check a JSONL export on its own instead of the database.",
)
def verify(export_file: Path | None) -> None:
    """Check every link of the hash chain; name each altered, inserted or deleted entry.

    Exit status: 0 intact, 1 tampered, 2 error. Keep the printed head hash somewhere
    else: a later run that ends in a different hash means the log was rewritten."""
    report = _verify_file(export_file) if export_file else read_only(audit_service.verify)
    if report.ok:
        say("cli_audit_ok", entries=report.entries, seq=report.head_seq, hash=report.head_hash)
        return
    for problem in report.problems:
        click.echo(f"entry {problem.seq}: {problem.kind}: {problem.detail}")
    say("cli_audit_broken", count=len(report.problems), entries=report.entries)
    sys.exit(EXIT_TAMPERED)


def _verify_file(path: Path) -> audit_service.VerifyReport:
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise TypeError("not an object")
                audit_service.record_hash(record)  # every hashed field is present
            except (ValueError, TypeError, KeyError) as error:
                raise click.BadParameter(
                    f"{path}:{number}: not an audit entry ({error})", param_hint="--export"
                ) from None
            records.append(record)
    return audit_service.verify_export(records)


def _day_or_time(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date or time", param_hint=option
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@audit.command()
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option("--from", "start", help="Start (inclusive), ISO 8601 date or time; UTC if no zone.")
@click.option("--to", "end", help="End (exclusive), ISO 8601 date or time; UTC if no zone.")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
def export(fmt: str, start: str | None, end: str | None, output: Path | None) -> None:
    """Export the entries of a date range, with their hashes, for auditors."""
    since, until = _day_or_time(start, "--from"), _day_or_time(end, "--to")
    render = audit_service.export_jsonl if fmt == "jsonl" else audit_service.export_csv

    def work(session: Session) -> int:
        count = 0

        def counted() -> Iterator[AuditEntry]:
            nonlocal count
            # The operator's export: the whole database, every organisation.
            for entry in audit_service.entries_between(session, since, until, org_id=None):
                count += 1
                yield entry

        if output is None:
            for chunk in render(counted()):
                click.echo(chunk, nl=False)
            return count
        # Write next to the target and rename: an interrupted export never leaves half a file.
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as target:
            for chunk in render(counted()):
                target.write(chunk)
        partial.replace(output)
        return count

    written = read_only(work)
    if output is not None:
        say("cli_exported", count=written, path=output)
