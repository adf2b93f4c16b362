"""``herald check``: check posts against the policy, like a linter."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from herald.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, load_policy_or_exit
from herald.cli.inputs import Record, read_path, read_stream
from herald.cli.output import human, sarif
from herald.cli.output.outcome import Outcome
from herald.scan.errors import InputError
from herald.scan.scanner import DEFAULT_MAX_BYTES, Scanner
from herald.types import LANGUAGES, AccountType, ScanContext, Severity

FORMATS = ("human", "json", "jsonl", "sarif")


def _records(
    sources: tuple[str, ...], texts: tuple[str, ...], jsonl: bool | None
) -> Iterator[Record]:
    for i, text in enumerate(texts, start=1):
        yield Record(f"<argument {i}>", None, f"<argument {i}>", text)
    for source in sources:
        if source == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", jsonl=bool(jsonl))
        else:
            yield from read_path(Path(source), jsonl=jsonl)


def _check(scanner: Scanner, record: Record, defaults: ScanContext) -> Outcome:
    if record.error is not None:
        return Outcome(record, error_code=record.error_code, error=record.error)
    ctx = ScanContext(
        lang=record.lang or defaults.lang,
        account_type=record.account_type or defaults.account_type,
        industry=record.industry or defaults.industry,
        author_role=record.author_role or defaults.author_role,
        message_lang=defaults.message_lang,
    )
    try:
        return Outcome(record, scanner.scan(record.text, ctx))
    except InputError as exc:
        return Outcome(record, error_code=exc.code, error=str(exc))


@click.command()
@click.argument("sources", nargs=-1, metavar="[FILE|-]...")
@click.option("-t", "--text", "texts", multiple=True, help="A post to check (repeatable).")
@click.option(
    "--policy", "policy_source", metavar="FILE", help="Policy pack (default: the built-in pack)."
)
@click.option(
    "--lang",
    type=click.Choice([*LANGUAGES, "other", "auto"]),
    help="Language of the posts (default: detect).",
)
@click.option(
    "--account-type",
    type=click.Choice([a.value for a in AccountType]),
    default="brand",
    show_default=True,
)
@click.option("--industry", help="Industry, for industry-specific rules (default: the pack's).")
@click.option("--author-role", help="Role of the author, for role-specific rules.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="human", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="warn",
    show_default=True,
    help="Exit with 1 when a finding is at least this severe.",
)
@click.option(
    "--message-lang",
    type=click.Choice(LANGUAGES),
    help="Language of messages (default: each post's).",
)
@click.option(
    "--jsonl/--no-jsonl",
    default=None,
    help="Read input as JSONL (default: by file suffix; stdin is text).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest post accepted.",
)
def check(
    sources: tuple[str, ...],
    texts: tuple[str, ...],
    policy_source: str | None,
    lang: str | None,
    account_type: str,
    industry: str | None,
    author_role: str | None,
    fmt: str,
    fail_on: str,
    message_lang: str | None,
    jsonl: bool | None,
    max_bytes: int,
) -> None:
    """Check posts against the policy.

    Posts come from --text, from FILEs (one post per file; JSON Lines for .jsonl files:
    one object per line with "text" and optional "id", "lang", "account_type",
    "industry", "author_role"), or from standard input ("-", or nothing given).

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.
    """
    if not sources and not texts:
        if sys.stdin.isatty():
            raise click.UsageError(
                "give a post with --text, a FILE, or pipe text to standard input"
            )
        sources = ("-",)
    policy = load_policy_or_exit(policy_source)
    scanner = Scanner(policy, max_bytes=max_bytes)
    defaults = ScanContext(
        lang=lang,
        account_type=AccountType(account_type),
        industry=industry,
        author_role=author_role,
        message_lang=message_lang,
    )
    threshold = Severity(fail_on).rank
    verdicts: Counter[str] = Counter()
    errors = 0
    failed = False
    collected: list[Outcome] = []
    colour = fmt == "human" and sys.stdout.isatty()
    for record in _records(sources, texts, jsonl):
        outcome = _check(scanner, record, defaults)
        if outcome.result is None:
            errors += 1
        else:
            verdicts[outcome.result.verdict.value] += 1
            failed = failed or any(f.severity.rank >= threshold for f in outcome.result.findings)
        if fmt == "human":
            human.render(outcome, click.echo, colour=colour)
        elif fmt == "jsonl":
            click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False))
        else:
            collected.append(outcome)
    if fmt == "human":
        human.summary(dict(verdicts), errors, click.echo)
    elif fmt == "json":
        document = {
            "policy": {"id": policy.id, "version": policy.version},
            "results": [o.to_dict() for o in collected],
            "summary": {"verdicts": dict(verdicts), "errors": errors},
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(sarif.render(collected, policy), ensure_ascii=False, indent=2))
    sys.exit(EXIT_USAGE if errors else EXIT_FINDINGS if failed else EXIT_OK)
