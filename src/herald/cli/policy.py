"""``herald policy``: validate a pack and list its rules."""

from __future__ import annotations

import json
import sys

import click

from herald.cli import LazyGroup
from herald.cli.common import EXIT_OK, EXIT_USAGE, load_policy_or_exit
from herald.policy.loader import validate_policy
from herald.types import LANGUAGES, Severity


@click.group(
    cls=LazyGroup,
    lazy_commands={"activate": "herald.cli.policy_activate:activate"},
)
def policy() -> None:
    """Work with policy packs."""


@policy.command()
@click.argument("source", metavar="FILE|DIR|herald:NAME")
def validate(source: str) -> None:
    """Check a pack; print every problem as file:line:column: message."""
    problems = validate_policy(source)
    for problem in problems:
        click.echo(f"{problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{source}: valid")
    sys.exit(EXIT_OK)


@policy.command(name="rules")
@click.option(
    "--policy", "source", metavar="FILE", help="Policy pack (default: the built-in pack)."
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def rules(source: str | None, lang: str, as_json: bool) -> None:
    """List the rules a pack enforces."""
    loaded = load_policy_or_exit(source)
    rows = []
    for spec in loaded.specs:
        severity = (
            spec.severity.value
            if isinstance(spec.severity, Severity)
            else {k.value: v.value for k, v in spec.severity.items()}
        )
        rows.append(
            {
                "id": spec.id,
                "type": spec.type,
                "category": spec.category.value,
                "severity": severity,
                "clause": spec.clause,
                "message": spec.message.get(lang) or spec.message.get("en"),  # type: ignore[call-overload]
            }
        )
    if as_json:
        click.echo(
            json.dumps(
                {"policy": loaded.id, "version": loaded.version, "rules": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{loaded.name} ({loaded.version}): {len(rows)} rules")
    for row in rows:
        click.echo(f"  {row['id']:<44} {row['category']:<16} {json.dumps(row['severity'])}")


@policy.command(name="document")
@click.option(
    "--policy", "source", metavar="FILE", help="Policy pack (default: the built-in pack)."
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to FILE (default: standard output; a PDF needs a file).",
)
def document(source: str | None, lang: str, fmt: str, output: str | None) -> None:
    """The policy as a document people read, generated from the pack the engine enforces."""
    from herald.services.policy_document import build
    from herald.services.policy_document_export import to_html, to_markdown, to_pdf

    doc = build(load_policy_or_exit(source), lang)
    if fmt == "pdf":
        if output is None:
            from herald.services.messages import message_lang, render

            raise click.UsageError(render("pdf_needs_output", message_lang()))
        data = to_pdf(doc)
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"{output}: {len(data):,} bytes", err=True)
        return
    text = to_markdown(doc) if fmt == "md" else to_html(doc)
    if output is None:
        click.echo(text, nl=False)
    else:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
