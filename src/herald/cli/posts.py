"""``herald posts``: write, review, schedule and publish posts from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import click
from sqlalchemy.orm import Session

from herald.cli.governance import as_option, run_as, say
from herald.services import accounts, approvals, posts
from herald.services.errors import InvalidInputError
from herald.store.enums import Decision, PostState
from herald.store.models import Person, Post

STATE_CHOICE = click.Choice([s.value for s in PostState])


def _targets(
    s: Session, actor: Person, refs: tuple[str, ...], variants: tuple[str, ...]
) -> list[posts.Target]:
    by_account: dict[int, str] = {}
    for item in variants:
        ref, sep, text = item.partition("=")
        if not sep:
            raise InvalidInputError("variant", f"{item!r}: expected ACCOUNT=TEXT")
        by_account[accounts.find(s, actor, ref).id] = text
    found = [accounts.find(s, actor, ref) for ref in refs]
    return [posts.Target(a, by_account.get(a.id)) for a in found]


def describe(s: Session, post: Post) -> dict[str, Any]:
    """A post as JSON: state, hash, findings and where the review stands."""
    return {
        "id": post.id,
        "state": post.state.value,
        "verdict": post.verdict,
        "version": post.version,
        "content_hash": post.content_hash,
        "text": post.text,
        "targets": [
            {
                "account": f"{t.account.network}:{t.account.handle}",
                "variant": t.variant_text,
            }
            for t in post.targets
        ],
        "findings": [
            {
                "key": f.key,
                "rule_id": f.rule_id,
                "severity": f.severity,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "message": f.message,
            }
            for f in post.findings
        ],
        "steps": [
            {
                "step": st.index + 1,
                "name": st.name,
                "rule": st.rule.value,
                "approved_by": list(st.approved_by),
                "complete": st.complete,
                "current": st.current,
                "deadline": st.deadline.isoformat() if st.deadline else None,
            }
            for st in approvals.step_statuses(s, post)
        ],
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
    }


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group("posts")
def posts_group() -> None:
    """Posts and their approval."""


@posts_group.command("create")
@click.option("--text", "-t", required=True)
@click.option("--account", "-a", "refs", multiple=True, help="network:handle (repeatable).")
@click.option("--variant", "variants", multiple=True, metavar="ACCOUNT=TEXT")
@as_option
def create(
    text: str, refs: tuple[str, ...], variants: tuple[str, ...], as_email: str | None
) -> None:
    """Write a draft; it is scanned at once and its findings shown."""

    def work(s: Session, actor: Person) -> dict[str, Any]:
        return describe(s, posts.create(s, actor, text, _targets(s, actor, refs, variants)))

    _echo_json(run_as(as_email, work))


@posts_group.command("edit")
@click.argument("post_id", type=int)
@click.option("--text", "-t")
@click.option("--account", "-a", "refs", multiple=True)
@click.option("--variant", "variants", multiple=True, metavar="ACCOUNT=TEXT")
@click.option("--expect-version", type=int, help="Refuse if the post changed since.")
@as_option
def edit(
    post_id: int,
    text: str | None,
    refs: tuple[str, ...],
    variants: tuple[str, ...],
    expect_version: int | None,
    as_email: str | None,
) -> None:
    """Change a post; anything approved goes back to review."""

    def work(s: Session, actor: Person) -> dict[str, Any]:
        post = posts.get(s, actor, post_id)
        targets = _targets(s, actor, refs, variants) if refs else None
        posts.edit(s, actor, post, text=text, targets=targets, expected_version=expect_version)
        return describe(s, post)

    _echo_json(run_as(as_email, work))


@posts_group.command("show")
@click.argument("post_id", type=int)
@as_option
def show(post_id: int, as_email: str | None) -> None:
    _echo_json(run_as(as_email, lambda s, actor: describe(s, posts.get(s, actor, post_id))))


@posts_group.command("list")
@click.option("--state", type=STATE_CHOICE)
@click.option("--queue", is_flag=True, help="Only posts waiting for my decision.")
@as_option
def list_(state: str | None, queue: bool, as_email: str | None) -> None:
    def work(s: Session, actor: Person) -> list[str]:
        found = (
            approvals.review_queue(s, actor)
            if queue
            else posts.list_posts(s, actor, PostState(state) if state else None)
        )
        return [
            f"{p.id}\t{p.state.value}\t{p.verdict}\t{p.text[:60].replace(chr(10), ' ')}"
            for p in found
        ]

    for line in run_as(as_email, work):
        click.echo(line)


def _lifecycle(name: str, action: Callable[[Session, Person, Post], Any], help_: str) -> None:
    @posts_group.command(name, help=help_)
    @click.argument("post_id", type=int)
    @as_option
    def command(post_id: int, as_email: str | None) -> None:
        def work(s: Session, actor: Person) -> str:
            post = posts.get(s, actor, post_id)
            action(s, actor, post)
            return post.state.value

        say("cli_post_state", id=post_id, state=run_as(as_email, work))


_lifecycle("submit", posts.submit, "Send a draft for approval.")
_lifecycle("withdraw", posts.withdraw, "Take a post out of review.")
_lifecycle("reopen", posts.reopen, "Turn a rejected post back into a draft.")
_lifecycle("unschedule", posts.unschedule, "Take a scheduled post off the schedule.")
_lifecycle("reschedule", posts.reschedule, "Send a failed post again (now).")


def _decision(name: str, decision: Decision, help_: str) -> None:
    @posts_group.command(name, help=help_)
    @click.argument("post_id", type=int)
    @click.option("--comment", "-m", default="")
    @click.option("--expect-hash", help="The content hash you reviewed (refused if changed).")
    @as_option
    def command(post_id: int, comment: str, expect_hash: str | None, as_email: str | None) -> None:
        def work(s: Session, actor: Person) -> str:
            post = posts.get(s, actor, post_id)
            approvals.decide(s, actor, post, decision, comment, expected_hash=expect_hash)
            return post.state.value

        say("cli_post_state", id=post_id, state=run_as(as_email, work))


_decision("approve", Decision.APPROVE, "Approve the current step.")
_decision("reject", Decision.REJECT, "Reject the post (a reason is required).")
_decision("request-changes", Decision.REQUEST_CHANGES, "Send back to the author with a reason.")


@posts_group.command("override")
@click.argument("post_id", type=int)
@click.argument("finding_key")
@click.option("--reason", required=True, help="Why this may go out (written to the audit log).")
@as_option
def override(post_id: int, finding_key: str, reason: str, as_email: str | None) -> None:
    """Let a blocking finding through (compliance officers only)."""

    def work(s: Session, actor: Person) -> None:
        approvals.override_finding(s, actor, posts.get(s, actor, post_id), finding_key, reason)

    run_as(as_email, work)
    say("cli_done")


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise click.BadParameter("give a time zone, e.g. 2026-12-01T09:00+03:00")
    return when


@posts_group.command("schedule")
@click.argument("post_id", type=int)
@click.option("--at", "at", help="ISO 8601 time with zone (default: now).")
@as_option
def schedule(post_id: int, at: str | None, as_email: str | None) -> None:
    when = _when(at)

    def work(s: Session, actor: Person) -> str:
        post = posts.get(s, actor, post_id)
        posts.schedule(s, actor, post, when)
        return post.state.value

    say("cli_post_state", id=post_id, state=run_as(as_email, work))


@posts_group.command("publish")
@click.argument("post_id", type=int)
@click.option("--reference", default="", help="The network's id or URL for the post.")
@as_option
def publish(post_id: int, reference: str, as_email: str | None) -> None:
    """Record that a scheduled post went out."""

    def work(s: Session, actor: Person) -> str:
        post = posts.get(s, actor, post_id)
        posts.publish(s, actor, post, reference)
        return post.state.value

    say("cli_post_state", id=post_id, state=run_as(as_email, work))


@posts_group.command("comment")
@click.argument("post_id", type=int)
@click.argument("body")
@as_option
def comment(post_id: int, body: str, as_email: str | None) -> None:
    run_as(
        as_email, lambda s, actor: posts.add_comment(s, actor, posts.get(s, actor, post_id), body)
    )
    say("cli_done")


@posts_group.command("history")
@click.argument("post_id", type=int)
@as_option
def history(post_id: int, as_email: str | None) -> None:
    """Everything that happened to a post, from the audit log (JSON Lines)."""

    def work(s: Session, actor: Person) -> list[str]:
        return [
            json.dumps(
                {
                    "seq": e.seq,
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "data": json.loads(e.payload),
                },
                ensure_ascii=False,
            )
            for e in posts.history(s, actor, posts.get(s, actor, post_id))
        ]

    for line in run_as(as_email, work):
        click.echo(line)


@posts_group.command("escalate")
@as_option
def escalate(as_email: str | None) -> None:
    """Hand overdue approval steps to their backup approvers (run it periodically)."""
    count = run_as(as_email, lambda s, actor: len(approvals.escalate_overdue(s, actor.org_id)))
    say("cli_escalated", count=count)
