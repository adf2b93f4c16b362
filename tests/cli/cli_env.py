"""Running ``herald`` governance commands against a test database."""

from __future__ import annotations

from click.testing import CliRunner, Result
from sqlalchemy import Engine

from herald.cli import cli

OWNER = "owner@acme.test"


class Herald:
    def __init__(self, url: str) -> None:
        self.runner = CliRunner()
        self.env = {"HERALD_DATABASE_URL": url, "HERALD_LANG": "en", "HERALD_USER": OWNER}

    def __call__(self, *args: str, user: str | None = None, ok: bool = True) -> Result:
        env = dict(self.env)
        if user:
            env["HERALD_USER"] = user
        result = self.runner.invoke(cli, list(args), env=env)
        if ok:
            assert result.exit_code == 0, result.output
        return result


def initialised(engine: Engine) -> Herald:
    """``herald init`` done on ``engine``'s database."""
    run = Herald(engine.url.render_as_string(hide_password=False))
    run("init", "--org", "Acme", "--owner", OWNER, "--name", "Olga")
    return run
