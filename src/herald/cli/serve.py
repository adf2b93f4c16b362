"""``herald serve``: the web application on an SQLite file (or HERALD_DATABASE_URL)."""

from __future__ import annotations

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
    import dataclasses

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
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
