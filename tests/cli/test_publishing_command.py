"""``herald publishing``, ``herald worker`` and ``herald scheduler`` from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from cli.cli_env import Herald, initialised
from connectors.fakes.stub_network import StubNetwork, serve


@pytest.fixture
def network() -> Iterator[StubNetwork]:
    with serve() as network:
        yield network


@pytest.fixture
def herald(engine: Engine, network: StubNetwork) -> Herald:
    run = initialised(engine)
    run.env["HERALD_CONNECTIONS"] = json.dumps({"stub": {"url": network.url}})
    for email, role in (("w@acme.test", "contributor"), ("a@acme.test", "approver")):
        run("users", "add", email, "--role", role)
    run("accounts", "add", "stub", "@acme")
    run("accounts", "grant", "@acme", "draft", "--person", "w@acme.test")
    run("accounts", "workflow", "@acme", "--step", "review:any:a@acme.test")
    return run


def _scheduled(herald: Herald, text: str) -> str:
    created = herald("posts", "create", "-a", "stub:@acme", "-t", text, user="w@acme.test")
    post_id = json.loads(created.output)["id"]
    herald("posts", "submit", str(post_id), user="w@acme.test")
    herald("posts", "approve", str(post_id), user="a@acme.test")
    herald("posts", "schedule", str(post_id))
    return str(post_id)


def test_run_publishes_and_status_shows_where(herald: Herald, network: StubNetwork) -> None:
    post_id = _scheduled(herald, "Yeni şubemiz açıldı!")
    result = herald("publishing", "run")
    assert "1 publication(s) attempted: 1 published" in result.output
    assert network.texts() == ["Yeni şubemiz açıldı!"]
    (line,) = herald("publishing", "status", post_id).output.splitlines()
    status = json.loads(line)
    assert status["state"] == "published"
    assert status["url"].startswith(network.url)
    assert herald("publishing", "run").output.startswith("0 publication(s)")


def test_lock_holds_publishing_until_unlocked(herald: Herald, network: StubNetwork) -> None:
    _scheduled(herald, "Hold this one")
    assert "locked down" in herald("publishing", "lock", "--reason", "Crisis").output
    assert herald("publishing", "run").output.startswith("0 publication(s)")
    assert network.received == []
    writer = herald("publishing", "unlock", "--account", "@acme", user="w@acme.test", ok=False)
    assert writer.exit_code == 2  # nothing locked on the account itself, and no right to
    herald("publishing", "unlock")
    herald("publishing", "run")
    assert network.texts() == ["Hold this one"]


def test_a_contributor_may_not_lock(herald: Herald) -> None:
    result = herald("publishing", "lock", "--reason", "mine", user="w@acme.test", ok=False)
    assert result.exit_code == 2
    assert "locking down publishing" in result.output


def test_worker_and_scheduler_need_a_broker(herald: Herald) -> None:
    for command in ("worker", "scheduler"):
        result = herald(command, ok=False)
        assert result.exit_code == 2
        assert "HERALD_BROKER_URL is not set" in result.output
    herald.env["HERALD_BROKER_URL"] = "http://localhost"
    result = herald("worker", ok=False)
    assert result.exit_code == 1
    assert "must start with redis://" in result.output
