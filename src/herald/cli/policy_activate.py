"""``herald policy activate FILE``: make a pack the one in force (recorded and audited).

The lead attaches this command to the ``policy`` group (``herald.cli.policy``).
"""

from __future__ import annotations

from pathlib import Path

import click

from herald.cli.governance import as_option, run_as, say
from herald.services import policies


@click.command()
@click.argument(
    "source", required=False, type=click.Path(exists=True, path_type=Path), metavar="[FILE|DIR]"
)
@as_option
def activate(source: Path | None, as_email: str | None) -> None:
    """Activate the policy pack at FILE or DIR (none given: the built-in default pack).

    Every later scan and approval decision pins this version."""
    version = run_as(as_email, lambda s, actor: policies.activate(s, actor, source))
    say("cli_policy_active", name=version.name, version=version.version)
