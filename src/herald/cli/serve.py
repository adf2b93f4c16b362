"""``herald serve``: the web application on an SQLite file (or HERALD_DATABASE_URL).

Without a broker (``HERALD_BROKER_URL``) it also runs the publishing scheduler in a
background thread, so a single process does everything.
"""

from __future__ import annotations

import dataclasses
import threading

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--database",
    envvar="HERALD_DATABASE_URL",
    default=None,
    help="Database URL (also HERALD_DATABASE_URL); default: ~/.herald/herald.db "
    "(or $HERALD_HOME/herald.db), the database the other herald commands use.",
)
@click.option("--no-demo", is_flag=True, help="Do not create the demo workspace on a new database.")
def serve(host: str, port: int, database: str | None, no_demo: bool) -> None:
    """Start Herald's web application. A new database gets a demo workspace."""
    import uvicorn

    from herald.store.engine import default_database_url
    from herald.web import demo
    from herald.web.app import create_app
    from herald.web.settings import Settings, SettingsError
    from herald.web.workspace import Workspace

    try:
        settings = dataclasses.replace(
            Settings.from_env(), database_url=database or default_database_url()
        )
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    workspace = Workspace.open(settings.database_url)
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if demo.is_new(workspace) and not no_demo:
        credentials = demo.create(workspace)
        click.echo("Created the demo workspace (Acme Bank). Sign in as any of these people;")
        click.echo("the passwords are shown only this once:\n")
        width = max(len(email) for email in credentials)
        for spec in demo.PEOPLE:
            click.echo(f"  {spec.role.value:<20} {spec.email:<{width}}  {credentials[spec.email]}")
        click.echo("")
    click.echo(f"Database: {settings.database_url}")
    click.echo(f"Herald is running at {address}  (Ctrl+C stops it)")
    app = create_app(settings, workspace=workspace)
    workspace.warm_up()  # the first check in the composer is then as fast as the next
    stop_scheduler = _start_in_process_scheduler(settings.database_url)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
    finally:
        if stop_scheduler is not None:
            stop_scheduler.set()


def _start_in_process_scheduler(database_url: str) -> threading.Event | None:
    """Publish due posts from a thread of this process, unless a broker does it."""
    from herald.tasks.config import TaskConfig, TaskConfigError
    from herald.tasks.processes import in_process_scheduler
    from herald.tasks.runtime import Runtime

    try:
        config = dataclasses.replace(TaskConfig.from_env(), database_url=database_url)
    except TaskConfigError as error:
        raise click.ClickException(str(error)) from None
    if config.broker_url is not None:
        return None
    _thread, stop = in_process_scheduler(Runtime.open(config))
    return stop
