"""``herald inbox triage`` and ``herald inbox import``: incoming messages from a file.

Triage is self-contained: the routing rules, the organisation's handles and the reply
library all come from the pack given with ``--policy`` (default: the built-in pack), so
the same pack gives the same triage everywhere. Import stores the messages in the
database (deduplicated, classified after storing; see ``herald.services.inbox``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from herald.cli.common import EXIT_OK, EXIT_USAGE, load_policy_or_exit
from herald.nlp.artefacts import ModelFileError
from herald.nlp.inbox import load_inbox_model
from herald.policy.model import Policy
from herald.services.classify import Incoming
from herald.services.inbox_input import InboxInputError, Record, decode, read_records, to_item
from herald.services.inbox_input import to_incoming as record_to_incoming
from herald.services.messages import message_lang, render
from herald.services.triage import Triage, triage

FORMATS = ("human", "json", "jsonl")
MAX_INPUT_BYTES = 200_000_000


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _read(source: str) -> str:
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "<stdin>"
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            _fail(f"{source}: {exc.strerror or exc}")
        name = source
    if len(raw) > MAX_INPUT_BYTES:
        _fail(f"{name}: larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    try:
        return decode(raw, name)
    except InboxInputError as exc:
        _fail(exc.message(message_lang()))


def _records(source: str, jsonl: bool | None) -> Iterator[Record]:
    if jsonl is None and source != "-":
        suffix = Path(source).suffix.lower()
        jsonl = True if suffix in (".jsonl", ".json", ".ndjson") else None
        if suffix == ".csv":
            jsonl = False
    yield from read_records(_read(source), jsonl=jsonl)


def _require_model() -> None:
    try:
        load_inbox_model()
    except ModelFileError as exc:
        _fail(render("inbox_model_missing", message_lang(), reason=str(exc)))


def _human(result: Triage) -> list[str]:
    row = result.to_dict()
    lines = [f"id: {row['id']}"]
    for name in (
        "lang", "team", "priority", "intent", "sentiment", "crisis_signal", "scam", "abusive",
        "reply_topic",
    ):  # fmt: skip
        value = row[name]
        lines.append(f"  {name}: {str(value).lower() if isinstance(value, bool) else value}")
    if result.suggestions:
        lines.append("  suggestions:")
        for s in result.suggestions:
            lines.append(f"    - [{s.reply_id}] {s.text}")
            lines.append(f"      why: {s.reason}")
    else:
        lines.append("  suggestions: none")
    lines.append("  reasons:")
    lines.extend(f"    - {reason}" for reason in result.reasons())
    return lines


@click.group("inbox")
def inbox_group() -> None:
    """Incoming messages: triage them from a file, or import them into the inbox."""


@inbox_group.command("triage")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--jsonl/--no-jsonl", default=None, help="Read JSON Lines (default: by content).")
@click.option("--policy", "policy_source", metavar="PACK", help="Policy pack (default: built-in).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="human", show_default=True)
def triage_command(source: str, jsonl: bool | None, policy_source: str | None, fmt: str) -> None:
    """Classify, route and suggest replies for each message of FILE (or standard input).

    Each message is a JSON object (or CSV row) with "id", "text" and optionally
    "channel", "author", "author_followers", "lang". Exit status: 0, or 2 when a
    message could not be read (the others are still triaged).
    """
    policy = load_policy_or_exit(policy_source)
    _require_model()
    today = date.today()
    lang = message_lang()
    results: list[dict[str, object]] = []
    errors = triaged = 0
    for record in _records(source, jsonl):
        try:
            message = record_to_incoming(record)
        except InboxInputError as exc:
            errors += 1
            click.echo(f"error: {exc.message(lang)}", err=True)
            continue
        result = triage(message, policy, today)
        triaged += 1
        if fmt == "human":
            click.echo("\n".join(_human(result)))
        elif fmt == "jsonl":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            results.append(result.to_dict())
    if fmt == "json":
        document = {"policy": {"id": policy.id, "version": policy.version}, "results": results}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    click.echo(render("inbox_summary", lang, count=triaged, errors=errors), err=True)
    sys.exit(EXIT_USAGE if errors else EXIT_OK)


@inbox_group.command("import")
@click.argument("source", metavar="FILE|-")
@click.option("--jsonl/--no-jsonl", default=None, help="Read JSON Lines (default: by content).")
@click.option(
    "--policy",
    "policy_source",
    metavar="PACK",
    help="Policy pack (default: the organisation's active pack).",
)
def import_command(source: str, jsonl: bool | None, policy_source: str | None) -> None:
    """Store the messages of FILE in the inbox, then classify and route them.

    Messages already stored (same network and id) are skipped. A message that cannot be
    classified now is kept and classified by the next import or retry.
    """
    from herald.cli.governance import fail, open_store
    from herald.services import orgs
    from herald.services.errors import GovernanceError
    from herald.services.inbox import active_policy, ingest

    given: Policy | None = load_policy_or_exit(policy_source) if policy_source else None
    lang = message_lang()
    items = []
    errors = 0
    for record in _records(source, jsonl):
        try:
            items.append(to_item(record))
        except InboxInputError as exc:
            errors += 1
            click.echo(f"error: {exc.message(lang)}", err=True)
    today = date.today()
    engine, factory = open_store()
    try:
        with factory() as session:
            org_id = orgs.only_organisation(session).id
            policy = given if given is not None else active_policy(session, org_id)
        if given is None:
            name, version = policy.name or policy.id, policy.version[:12]
            click.echo(render("inbox_policy_in_force", lang, name=name, version=version), err=True)

        def classifier(message: Incoming) -> Triage:
            return triage(message, policy, today)

        stored, classified = ingest(factory, org_id, items, classifier, policy)
    except GovernanceError as error:
        fail(error)
        raise
    finally:
        engine.dispose()
    click.echo(
        render(
            "inbox_imported",
            lang,
            new=stored.new,
            duplicates=stored.duplicates,
            failed=classified.failed,
        )
    )
    sys.exit(EXIT_USAGE if errors else EXIT_OK)
