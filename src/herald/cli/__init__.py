"""The ``herald`` command. Sub-commands load lazily so ``herald check`` starts fast."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

# name -> "module:attribute". One line per command; the module is imported on use.
COMMANDS: dict[str, str] = {
    "check": "herald.cli.check:check",
    "hook": "herald.cli.hook:hook",
    "baseline": "herald.cli.hook:baseline",
    "policy": "herald.cli.policy:policy",
    "init": "herald.cli.admin:init",
    "users": "herald.cli.admin:users",
    "teams": "herald.cli.admin:teams_group",
    "accounts": "herald.cli.admin:accounts_group",
    "posts": "herald.cli.posts:posts_group",
    "audit": "herald.cli.audit:audit",
    "redact": "herald.cli.redact:redact",
    "train": "herald.cli.train:train",
    "eval": "herald.cli.eval:eval_command",
    "serve": "herald.cli.serve:serve",
    "publishing": "herald.cli.publishing:publishing_group",
    "worker": "herald.cli.tasks:worker",
    "scheduler": "herald.cli.tasks:scheduler",
    "inbox": "herald.cli.inbox:inbox_group",
    "listen": "herald.cli.listen:listen",
}


class LazyGroup(click.Group):
    """A group whose commands named in ``lazy_commands`` are imported only when used."""

    def __init__(
        self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="herald")
def cli() -> None:
    """Herald: social media policy as code."""


def main() -> None:
    try:
        cli.main(prog_name="herald")
    except KeyboardInterrupt:
        sys.exit(130)
