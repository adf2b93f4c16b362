"""Running the worker pool and the scheduler as processes (``herald worker``,
``herald scheduler``), and the in-process scheduler ``herald serve`` uses without a broker."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable

import dramatiq
from prometheus_client import start_http_server

from herald.services import acknowledgement_reminders, publishing
from herald.tasks import broker as brokers
from herald.tasks import runtime
from herald.tasks.config import TaskConfig
from herald.tasks.runtime import Runtime
from herald.tasks.scheduler import Job, Scheduler

log = logging.getLogger(__name__)

PUBLISH_DUE = "publish_due"
REMIND_ACKNOWLEDGEMENTS = "remind_acknowledgements"
REMINDER_INTERVAL_S = 3600.0
"""How often the reminder sweep runs; each person is reminded once per reminder interval."""
STOP_TIMEOUT_MS = 30_000


def run_worker(config: TaskConfig, threads: int, metrics_port: int | None = None) -> None:
    """Consume tasks until SIGTERM or SIGINT; unfinished messages go back to the broker."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("pika").setLevel(logging.WARNING)  # one line per connection event
    broker = brokers.install(config)
    from herald.tasks import actors  # noqa: F401  (declares the queues on the broker)

    runtime.use(Runtime.open(config))
    if metrics_port is not None:
        start_http_server(metrics_port)
    worker = dramatiq.Worker(broker, worker_threads=threads)
    worker.start()
    log.info("worker started: %d threads on queue %s", threads, config.queue)
    _wait_for_signal()
    worker.stop(timeout=STOP_TIMEOUT_MS)
    broker.close()


def run_scheduler(config: TaskConfig, once: bool = False) -> list[str]:
    """Send the periodic tasks to the broker at each slot (or for the current slot only)."""
    brokers.install(config)
    from herald.tasks import actors

    rt = Runtime.open(config)
    runtime.use(rt)
    scheduler = Scheduler(
        rt.factory,
        [
            Job(PUBLISH_DUE, config.scheduler_interval, actors.publish_due.send),
            Job(
                REMIND_ACKNOWLEDGEMENTS,
                REMINDER_INTERVAL_S,
                actors.remind_acknowledgements.send,
            ),
        ],
    )
    if once:
        return scheduler.tick()
    stop = threading.Event()
    _on_signal(stop.set)
    scheduler.run(stop)
    return []


def in_process_scheduler(rt: Runtime) -> tuple[threading.Thread, threading.Event]:
    """A daemon thread that publishes due posts in this process (no broker configured)."""

    def publish_due() -> None:
        publishing.publish_due(rt.factory, rt.provider, rt.config.publishing)

    def remind() -> None:
        acknowledgement_reminders.run(rt.factory, os.environ)

    scheduler = Scheduler(
        rt.factory,
        [
            Job(PUBLISH_DUE, rt.config.scheduler_interval, publish_due),
            Job(REMIND_ACKNOWLEDGEMENTS, REMINDER_INTERVAL_S, remind),
        ],
    )
    stop = threading.Event()
    thread = threading.Thread(
        target=scheduler.run, args=(stop,), name="herald-scheduler", daemon=True
    )
    thread.start()
    return thread, stop


def _wait_for_signal() -> None:
    stop = threading.Event()
    _on_signal(stop.set)
    while not stop.wait(1.0):
        pass


def _on_signal(callback: Callable[[], None]) -> None:
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: callback())
