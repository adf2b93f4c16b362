"""Options and helpers several commands share."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from herald.policy.errors import PolicyError
from herald.policy.loader import load_policy
from herald.policy.model import Policy

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def load_policy_or_exit(source: str | None) -> Policy:
    """Load the pack or print every problem (file:line:column) and exit with 2."""
    try:
        return load_policy(Path(source) if source and not source.startswith("herald:") else source)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(EXIT_USAGE)
