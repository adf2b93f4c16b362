"""Linter-style output for people: where, how bad, which rule, why, and the fix."""

from __future__ import annotations

from collections.abc import Callable

import click

from herald.cli.output.outcome import Outcome, line_and_column
from herald.types import Finding, Severity

_COLOURS = {
    Severity.BLOCK: "red",
    Severity.REVIEW: "magenta",
    Severity.WARN: "yellow",
    Severity.INFO: "cyan",
}
Echo = Callable[[str], None]


def _underline(text: str, finding: Finding) -> list[str]:
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.start)
    line_end = len(text) if line_end == -1 else line_end
    source_line = text[line_start:line_end]
    width = max(1, min(finding.end, line_end) - finding.start)
    pad = "".join("\t" if ch == "\t" else " " for ch in text[line_start : finding.start])
    return [f"    {source_line}", f"    {pad}{'^' * width}"]


def render(outcome: Outcome, echo: Echo, *, colour: bool) -> None:
    record = outcome.record
    where = record.source + (f":{record.line}" if record.line is not None else "")
    label = where if record.id == where else f"{where} ({record.id})"
    if outcome.result is None:
        echo(f"{label}: error: {outcome.error}")
        return
    result = outcome.result
    verdict = result.verdict.value
    echo(f"{label}: {verdict} [{result.lang}{'' if not result.lang_detected else ', detected'}]")
    for f in result.findings:
        line, col = line_and_column(result.text, f.start)
        severity = (
            click.style(f"{f.severity.value:<6}", fg=_COLOURS[f.severity])
            if colour
            else f"{f.severity.value:<6}"
        )
        echo(f"  {line}:{col}  {severity}  {f.rule_id}  {f.message}")
        if f.end > f.start:
            for row in _underline(result.text, f):
                echo(row)
        if f.fix is not None:
            shown = f.fix.strip() if f.fix.strip() else "(delete)"
            echo(f"    fix: {shown}")
    for error in result.errors:
        echo(f"  warning: {error}")


def summary(outcomes_by_verdict: dict[str, int], errors: int, echo: Echo) -> None:
    total = sum(outcomes_by_verdict.values()) + errors
    parts = [f"{n} {v}" for v, n in outcomes_by_verdict.items() if n]
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    echo(
        f"\n{total} post{'s' if total != 1 else ''} checked: {', '.join(parts) or 'nothing to check'}"
    )
