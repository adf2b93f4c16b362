"""``herald redact``: mask personal data and credentials in a text.

herald redact post.txt                    # masked text on stdout
echo "..." | herald redact - --lang tr
herald redact post.txt --reversible --mapping map.json   # numbered masks + mapping
herald redact masked.txt --restore map.json              # put the originals back
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from herald.cli.common import EXIT_OK, EXIT_USAGE, load_policy_or_exit
from herald.scan.errors import InputError, decode_text
from herald.types import LANGUAGES


def _read(source: str | None, text: str | None) -> str:
    if text is not None:
        return text
    data = sys.stdin.buffer.read() if source in (None, "-") else Path(str(source)).read_bytes()
    return decode_text(data)


def _write_private(path: Path, content: str) -> None:
    """Write the mapping readable by its owner only: it holds the personal data."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(content)
    os.replace(tmp, path)  # all or nothing: a crash never leaves half a mapping


@click.command()
@click.argument("source", required=False, metavar="[FILE|-]")
@click.option("-t", "--text", help="The text to redact (instead of FILE or stdin).")
@click.option("--lang", type=click.Choice([*LANGUAGES, "other"]), help="Default: detect.")
@click.option("--policy", "policy_source", metavar="FILE", help="Policy pack (default: built-in).")
@click.option("--reversible", is_flag=True, help="Numbered masks and a mapping to undo them.")
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the mapping (with --reversible) or read it (with --restore).",
)
@click.option("--restore", "restore_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Undo a reversible redaction with this mapping file.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
def redact(
    source: str | None,
    text: str | None,
    lang: str | None,
    policy_source: str | None,
    reversible: bool,
    mapping_path: Path | None,
    restore_path: Path | None,
    fmt: str,
) -> None:
    """Mask personal data and credentials in FILE (or stdin, or --text)."""
    try:
        content = _read(source, text)
    except (InputError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if restore_path is not None:
        from herald.redact import restore

        try:
            mapping = json.loads(restore_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            click.echo(f"error: cannot read the mapping {restore_path}: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            click.echo(f"error: {restore_path} is not a mapping of masks to texts", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(restore(content, mapping), nl=False)
        sys.exit(EXIT_OK)

    from herald.redact import Redactor

    policy = load_policy_or_exit(policy_source)
    try:
        result = Redactor(policy).redact(content, lang, reversible=reversible)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if reversible and mapping_path is not None:
        _write_private(mapping_path, json.dumps(dict(result.mapping or {}), ensure_ascii=False))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(result.text, nl=False)
        if reversible and mapping_path is None:
            click.echo("\nnote: no --mapping file given; use --format json to keep it", err=True)
