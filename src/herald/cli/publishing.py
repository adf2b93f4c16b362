"""``herald publishing``: publish due posts now, lock publishing down, see what went out."""

from __future__ import annotations

import json
from collections import Counter

import click
from sqlalchemy.orm import Session

from herald.cli.governance import as_option, open_store, run_as, say
from herald.services import accounts, lockdown, posts, publishing
from herald.services.connector_provider import default_provider
from herald.services.messages import Term
from herald.store.models import Person
from herald.tasks.config import TaskConfig, TaskConfigError


@click.group("publishing")
def publishing_group() -> None:
    """Publish due posts, lock publishing down, inspect publications."""


@publishing_group.command("run")
def run() -> None:
    """Publish every due post now, in this process (one attempt each)."""
    try:
        config = TaskConfig.from_env()
    except TaskConfigError as error:
        raise click.ClickException(str(error)) from None
    engine, factory = open_store()
    try:
        results = publishing.publish_due(factory, default_provider(), config.publishing)
    finally:
        engine.dispose()
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "-"
    say("cli_publish_run", count=len(results), summary=summary)
    for result in results:
        if result.detail and result.outcome != publishing.Outcome.PUBLISHED:
            click.echo(f"  #{result.publication_id} {result.outcome.value}: {result.detail}")


@publishing_group.command("lock")
@click.option(
    "--account", "account_ref", help="An account (NETWORK:HANDLE or handle); default: all."
)
@click.option("--reason", required=True, help="Why publishing stops (kept in the audit log).")
@as_option
def lock(account_ref: str | None, reason: str, as_email: str | None) -> None:
    """Stop publishing at once on one account, or on the whole organisation."""

    def work(s: Session, actor: Person) -> None:
        account = accounts.find(s, actor, account_ref) if account_ref else None
        lockdown.lock(s, actor, reason, account)

    run_as(as_email, work)
    say("cli_locked", scope=account_ref or Term("whole_org"))


@publishing_group.command("unlock")
@click.option(
    "--account", "account_ref", help="An account (NETWORK:HANDLE or handle); default: all."
)
@as_option
def unlock(account_ref: str | None, as_email: str | None) -> None:
    """Lift a lock-down; posts that are due go out at the next sweep."""

    def work(s: Session, actor: Person) -> None:
        account = accounts.find(s, actor, account_ref) if account_ref else None
        lockdown.lift(s, actor, account)

    run_as(as_email, work)
    say("cli_unlocked", scope=account_ref or Term("whole_org"))


@publishing_group.command("status")
@click.argument("post_id", type=int)
@as_option
def status(post_id: int, as_email: str | None) -> None:
    """Where a post went out: one JSON line per target account."""

    def work(s: Session, actor: Person) -> list[str]:
        post = posts.get(s, actor, post_id)
        return [
            json.dumps(
                {
                    "account": f"{p.account.network}:{p.account.handle}",
                    "state": p.state.value,
                    "attempts": p.attempts,
                    "network_id": p.network_id,
                    "url": p.url,
                    "error_kind": p.error_kind,
                    "last_error": p.last_error,
                    "next_attempt_at": p.next_attempt_at.isoformat() if p.next_attempt_at else None,
                },
                ensure_ascii=False,
            )
            for p in publishing.for_post(s, post)
        ]

    for line in run_as(as_email, work):
        click.echo(line)
