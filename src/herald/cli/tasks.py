"""``herald worker`` and ``herald scheduler``: the processes of a deployment with a broker."""

from __future__ import annotations

import click

from herald.cli.governance import say
from herald.tasks.config import TaskConfig, TaskConfigError


def _config() -> TaskConfig:
    try:
        config = TaskConfig.from_env()
    except TaskConfigError as error:
        raise click.ClickException(str(error)) from None
    if config.broker_url is None:
        say("cli_no_broker")
        raise SystemExit(2)
    return config


@click.command()
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256))
@click.option(
    "--metrics-port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Serve Prometheus metrics of this worker on this port.",
)
def worker(threads: int, metrics_port: int | None) -> None:
    """Run tasks from the broker (HERALD_BROKER_URL) until stopped; run one per CPU."""
    from urllib.parse import urlsplit

    from herald.tasks.processes import run_worker

    config = _config()
    assert config.broker_url is not None
    parts = urlsplit(config.broker_url)
    say(
        "cli_worker_running",
        broker=f"{parts.scheme}://{parts.hostname}:{parts.port}",
        threads=threads,
    )
    run_worker(config, threads, metrics_port)


@click.command()
@click.option("--once", is_flag=True, help="Fire the current slot (if no one has) and exit.")
def scheduler(once: bool) -> None:
    """Send the periodic tasks (publish due posts) at every slot; safe to run twice."""
    from herald.tasks.processes import run_scheduler

    fired = run_scheduler(_config(), once=once)
    if once:
        if fired:
            say("cli_scheduler_fired", jobs=", ".join(fired))
        else:
            say("cli_scheduler_nothing")
