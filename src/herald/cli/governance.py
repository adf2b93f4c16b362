"""What the governance commands share: opening the store, who is acting, errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from herald.services import mailer, notifications, orgs, people
from herald.services.errors import GovernanceError
from herald.services.messages import message_lang, render
from herald.services.transaction import run_in_transaction
from herald.store import migrate
from herald.store.engine import (
    default_database_url,
    make_engine,
    make_session_factory,
    normalise_url,
)
from herald.store.models import Person

T = TypeVar("T")

EXIT_ERROR = 2
USER_ENV = "HERALD_USER"

as_option = click.option(
    "--as",
    "as_email",
    envvar=USER_ENV,
    metavar="EMAIL",
    help=f"Who is acting (default: ${USER_ENV}).",
)


def say(code: str, **args: Any) -> None:
    click.echo(render(code, message_lang(), **args))


def fail(error: GovernanceError) -> None:
    click.echo(f"error: {error.message(message_lang())}", err=True)
    sys.exit(EXIT_ERROR)


def open_store(*, create: bool = False) -> tuple[Engine, sessionmaker[Session]]:
    """The configured database, migrated to head; refuses to create one unless asked."""
    url = default_database_url()
    parsed = make_url(normalise_url(url))
    if (
        not create
        and parsed.get_backend_name() == "sqlite"
        and parsed.database
        and not Path(parsed.database).exists()
    ):
        fail(GovernanceError("not_initialised"))  # and leave no empty file behind
    engine = make_engine(url)
    if not create and migrate.current_revision(engine) is None:
        fail(GovernanceError("not_initialised"))
    if not migrate.is_up_to_date(engine):
        migrate.upgrade(engine)
    return engine, make_session_factory(engine)


def acting(session: Session, as_email: str | None) -> Person:
    if not as_email:
        click.echo(f"error: {render('cli_who', message_lang())}", err=True)
        sys.exit(EXIT_ERROR)
    org = orgs.only_organisation(session)
    return people.get_by_email(session, org.id, as_email)


def run_as(as_email: str | None, work: Callable[[Session, Person], T]) -> T:
    """Run ``work`` as the named person in one retried transaction; errors exit 2.

    Notification e-mails the change wrote (a post submitted, a decision, an escalation)
    are sent after the commit when ``HERALD_SMTP_HOST`` is set.
    """
    engine, factory = open_store()
    try:
        result = run_in_transaction(factory, lambda s: work(s, acting(s, as_email)))
        _send_notification_email(factory)
        return result
    except GovernanceError as error:
        fail(error)
        raise  # unreachable: fail() exits
    finally:
        engine.dispose()


def _send_notification_email(factory: sessionmaker[Session]) -> None:
    try:
        smtp = mailer.SmtpSettings.from_env(os.environ)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        return
    if smtp is None:
        return
    base_url = mailer.base_url_from_env(os.environ)
    counts = notifications.deliver_email(factory, smtp, base_url)
    if counts["failed"]:
        click.echo(
            render("cli_notification_mail_failed", message_lang(), count=counts["failed"]), err=True
        )


def read_only(work: Callable[[Session], T]) -> T:
    engine, factory = open_store()
    try:
        with factory() as session:
            return work(session)
    except GovernanceError as error:
        fail(error)
        raise
    finally:
        engine.dispose()
