"""``herald hook`` and ``herald baseline``: Herald as a pre-commit hook over source files.

The hook scans the files it is given (pre-commit passes the staged ones) for secrets and
personal data only, skips binary files, and fails on any finding that the baseline does not
list. A baseline (``.herald-baseline.json``) records accepted findings the way detect-secrets'
``.secrets.baseline`` does: by a fingerprint of the rule, the file and the matched text (the
text itself is never stored), so an accepted finding stays accepted when lines move.
``herald baseline audit`` asks, for each finding not yet judged, whether it is a real secret
(rejected: the hook keeps failing until it is removed) or a false positive (accepted).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from herald.cli.common import EXIT_FINDINGS, EXIT_OK, load_policy_or_exit
from herald.cli.inputs import Record
from herald.cli.output import sarif
from herald.cli.output.outcome import Outcome, line_and_column
from herald.scan.errors import InputError
from herald.scan.scanner import DEFAULT_MAX_BYTES, Scanner
from herald.services.messages import message_lang, render
from herald.types import Category, Finding, ScanContext, ScanResult, Verdict

DEFAULT_BASELINE = ".herald-baseline.json"
DEFAULT_CATEGORIES = (Category.CREDENTIALS.value, Category.PERSONAL_DATA.value)
BASELINE_VERSION = 1


@dataclass(frozen=True, slots=True)
class FileFinding:
    path: str
    line: int
    column: int
    finding: Finding
    result: ScanResult
    """The whole file's scan, for reports that show the text around a finding (SARIF)."""

    @property
    def fingerprint(self) -> str:
        """The rule, the file and the matched text, hashed: stable when lines move."""
        data = "\0".join((self.finding.rule_id, self.path, self.finding.text))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def masked(self) -> str:
        """The match with its middle hidden, for showing a secret without repeating it."""
        text = self.finding.text
        if len(text) <= 6:
            return "*" * len(text)
        return text[:2] + "*" * (len(text) - 4) + text[-2:]


def _say(code: str, **args: object) -> str:
    """A message in the language of the CLI (``HERALD_LANG``, else the locale)."""
    return render(code, message_lang(), **args)


def _read_text(path: Path, max_bytes: int) -> str | None:
    """The file's text, or None for what is not text: binary, not UTF-8, too large, gone."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    if len(data) > max_bytes or b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def scan_files(
    scanner: Scanner, paths: tuple[str, ...], categories: frozenset[str], max_bytes: int
) -> Iterator[FileFinding]:
    for name in paths:
        path = Path(name)
        if not path.is_file():
            continue
        text = _read_text(path, max_bytes)
        if text is None or not text.strip():
            continue
        try:
            result = scanner.scan(text, ScanContext(lang="en"))
        except InputError:
            continue  # an empty or unreadable file holds nothing to leak
        for finding in result.findings:
            if finding.category.value in categories:
                line, column = line_and_column(text, finding.start)
                yield FileFinding(path.as_posix(), line, column, finding, result)


def load_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """Fingerprint -> entry. A missing file is an empty baseline; a broken one is an error."""
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["results"]
        if document.get("version") != BASELINE_VERSION or not isinstance(entries, list):
            raise ValueError("unsupported version")
        return {str(e["fingerprint"]): dict(e) for e in entries}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(_say("baseline_broken", path=path, detail=exc)) from None


def write_baseline(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    ordered = sorted(entries.values(), key=lambda e: (e["file"], e["line"], e["rule"]))
    document = {"version": BASELINE_VERSION, "generated_by": "herald", "results": ordered}
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    temporary.replace(path)  # never a half-written baseline


def _entry(found: FileFinding) -> dict[str, Any]:
    return {
        "fingerprint": found.fingerprint,
        "file": found.path,
        "line": found.line,
        "rule": found.finding.rule_id,
        "category": found.finding.category.value,
        "accepted": None,
    }


_only = click.option(
    "--only",
    "categories",
    multiple=True,
    type=click.Choice([c.value for c in Category]),
    help="Categories to report (repeatable; default: credentials and personal_data).",
)
_policy = click.option("--policy", "policy_source", metavar="FILE", help="Policy pack.")
_max_bytes = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Larger files are skipped.",
)


@click.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--baseline",
    "baseline_path",
    default=DEFAULT_BASELINE,
    show_default=True,
    help="Accepted findings; a missing file means none.",
)
@click.option("--format", "fmt", type=click.Choice(["human", "json", "sarif"]), default="human")
@_only
@_policy
@_max_bytes
def hook(
    files: tuple[str, ...],
    baseline_path: str,
    fmt: str,
    categories: tuple[str, ...],
    policy_source: str | None,
    max_bytes: int,
) -> None:
    """Scan FILES for secrets and personal data, as a pre-commit hook.

    Binary and non-UTF-8 files are skipped. Exit status: 0 nothing new, 1 a finding that the
    baseline does not accept (or one it rejected as a real secret), 2 a usage error.
    """
    policy = load_policy_or_exit(policy_source)
    wanted = frozenset(categories or DEFAULT_CATEGORIES)
    scanner = Scanner(policy, max_bytes=max_bytes, categories=map(Category, wanted))
    baseline = load_baseline(Path(baseline_path))
    failing = []
    for found in scan_files(scanner, files, wanted, max_bytes):
        entry = baseline.get(found.fingerprint)
        if entry is None or entry.get("accepted") is False:
            failing.append((found, entry is not None))
    if fmt == "sarif":
        click.echo(json.dumps(sarif.render(_outcomes(f for f, _ in failing), policy), indent=2))
    elif fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        **_entry(f),
                        "column": f.column,
                        "message": f.finding.message,
                        "rejected": rejected,
                    }
                    for f, rejected in failing
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for found, rejected in failing:
            note = _say("hook_rejected") if rejected else ""
            click.echo(
                f"{found.path}:{found.line}:{found.column}  {found.finding.rule_id}  "
                f"{found.finding.message}{note}"
            )
        if failing:
            click.echo(
                "\n" + _say("hook_findings", count=len(failing), baseline=baseline_path),
                err=True,
            )
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _outcomes(found: Iterable[FileFinding]) -> list[Outcome]:
    """Per file, its scan narrowed to the findings that fail the hook (for SARIF)."""
    by_file: dict[str, list[FileFinding]] = {}
    for f in found:
        by_file.setdefault(f.path, []).append(f)
    outcomes = []
    for path, items in by_file.items():
        findings = tuple(f.finding for f in items)
        verdict = Verdict.from_severities([f.severity for f in findings])
        result = replace(items[0].result, findings=findings, verdict=verdict)
        outcomes.append(Outcome(Record(path, None, path, result.text), result))
    return outcomes


@click.group()
def baseline() -> None:
    """Accepted findings for `herald hook`: create, update and audit a baseline."""


@baseline.command("create")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("-o", "--output", default=DEFAULT_BASELINE, show_default=True)
@click.option(
    "--update/--new",
    default=False,
    help="Keep the judgements of an existing baseline (default: start a new one).",
)
@_only
@_policy
@_max_bytes
def baseline_create(
    files: tuple[str, ...],
    output: str,
    update: bool,
    categories: tuple[str, ...],
    policy_source: str | None,
    max_bytes: int,
) -> None:
    """Record every current finding in FILES as a baseline entry, not yet judged."""
    wanted = frozenset(categories or DEFAULT_CATEGORIES)
    scanner = Scanner(
        load_policy_or_exit(policy_source), max_bytes=max_bytes, categories=map(Category, wanted)
    )
    path = Path(output)
    previous = load_baseline(path) if update else {}
    entries = dict(previous)
    for found in scan_files(scanner, files, wanted, max_bytes):
        entry = _entry(found)
        if found.fingerprint in previous:
            entry["accepted"] = previous[found.fingerprint].get("accepted")
        entries[found.fingerprint] = entry
    write_baseline(path, entries)
    pending = sum(1 for e in entries.values() if e["accepted"] is None)
    click.echo(_say("baseline_created", count=len(entries), path=path, pending=pending))


@baseline.command("audit")
@click.argument("path", default=DEFAULT_BASELINE, type=click.Path())
@click.option("--all", "everything", is_flag=True, help="Ask again about judged entries too.")
def baseline_audit(path: str, everything: bool) -> None:
    """Judge each baseline entry: (a)ccept a false positive, (r)eject a real secret, (s)kip."""
    target = Path(path)
    if not target.exists():
        raise click.ClickException(_say("baseline_missing", path=path))
    entries = load_baseline(target)
    asked = 0
    for entry in sorted(entries.values(), key=lambda e: (e["file"], e["line"])):
        if entry.get("accepted") is not None and not everything:
            continue
        asked += 1
        context = _source_line(Path(entry["file"]), int(entry["line"]))
        click.echo(f"\n{entry['file']}:{entry['line']}  {entry['rule']}")
        if context is not None:
            click.echo(f"    {context}")
        answer = click.prompt(
            _say("baseline_question"),
            type=click.Choice(["r", "a", "s", "q"]),
            show_choices=False,
        )
        if answer == "q":
            break
        if answer != "s":
            entry["accepted"] = answer == "a"
            write_baseline(target, entries)  # each answer is kept, even if the audit stops
    if asked == 0:
        click.echo(_say("baseline_nothing_to_audit"))
    accepted = sum(1 for e in entries.values() if e.get("accepted") is True)
    rejected = sum(1 for e in entries.values() if e.get("accepted") is False)
    pending = len(entries) - accepted - rejected
    click.echo("\n" + _say("baseline_tally", accepted=accepted, rejected=rejected, pending=pending))
    sys.exit(EXIT_OK if not rejected else EXIT_FINDINGS)


def _source_line(path: Path, line: int) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if number == line:
                    return text.rstrip("\n")[:200]
    except OSError:
        return None
    return None
