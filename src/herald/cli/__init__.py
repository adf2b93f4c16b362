"""The ``herald`` command. Sub-commands load lazily so ``herald check`` starts fast."""

from __future__ import annotations

import importlib
import sys

import click

# name -> "module:attribute". One line per command; the module is imported on use.
COMMANDS: dict[str, str] = {
    "check": "herald.cli.check:check",
    "policy": "herald.cli.policy:policy",
    "train": "herald.cli.train:train",
    "eval": "herald.cli.eval:eval_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herald")
def cli() -> None:
    """Herald: social media policy as code."""


def main() -> None:
    try:
        cli.main(prog_name="herald")
    except KeyboardInterrupt:
        sys.exit(130)
