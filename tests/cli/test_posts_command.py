"""``herald posts`` through a whole review, and ``herald policy activate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from cli.cli_env import Herald, initialised
from herald.cli.policy_activate import activate


@pytest.fixture
def herald(engine: Engine) -> Herald:
    return initialised(engine)


BLOCK_TEXT = "Staging access for the launch: password = Tr0ub4dor&3x"


def _setup(herald: Herald) -> None:
    for email, role in (
        ("w@acme.test", "contributor"),
        ("a@acme.test", "approver"),
        ("c@acme.test", "compliance_officer"),
        ("p@acme.test", "publisher"),
    ):
        herald("users", "add", email, "--role", role)
    herald("accounts", "add", "mastodon", "@acme")
    herald("accounts", "grant", "@acme", "draft", "--person", "w@acme.test")
    herald("accounts", "grant", "@acme", "publish", "--person", "p@acme.test")
    herald(
        "accounts", "workflow", "@acme",
        "--step", "marketing:any:a@acme.test", "--step", "legal:any:c@acme.test",
    )  # fmt: skip


def test_a_post_through_two_steps_with_an_override(herald: Herald) -> None:
    _setup(herald)
    created = json.loads(herald("posts", "create", "-t", BLOCK_TEXT, "-a", "@acme",
                                user="w@acme.test").output)  # fmt: skip
    assert created["verdict"] == "block"
    key = created["findings"][0]["key"]
    post = str(created["id"])
    assert "in_review" in herald("posts", "submit", post, user="w@acme.test").output
    blocked = herald("posts", "approve", post, user="a@acme.test", ok=False)
    assert "compliance officer" in blocked.output
    herald("posts", "override", post, key, "--reason", "Our own promotion.", user="c@acme.test")
    herald("posts", "approve", post, user="a@acme.test")
    assert "approved" in herald("posts", "approve", post, user="c@acme.test").output
    assert (
        "scheduled"
        in herald(
            "posts", "schedule", post, "--at", "2030-01-01T09:00+03:00", user="p@acme.test"
        ).output
    )
    bad_time = herald("posts", "schedule", post, "--at", "tomorrow", user="p@acme.test", ok=False)
    assert bad_time.exit_code == 2
    assert "published" in herald("posts", "publish", post, user="p@acme.test").output
    actions = [
        json.loads(line)["action"] for line in herald("posts", "history", post).output.splitlines()
    ]
    assert actions.count("post.decision") == 3 - 1  # two approvals
    assert "post.finding_overridden" in actions
    assert actions[-1] == "post.state_changed"


def test_edit_after_approval_goes_back_to_review(herald: Herald) -> None:
    _setup(herald)
    text = "Our new store opens on Monday in Istanbul. See you there!"
    post = str(json.loads(herald("posts", "create", "-t", text, "-a", "@acme",
                                 user="w@acme.test").output)["id"])  # fmt: skip
    herald("posts", "submit", post, user="w@acme.test")
    shown = json.loads(herald("posts", "show", post).output)
    herald("posts", "approve", post, "--expect-hash", shown["content_hash"], user="a@acme.test")
    herald("posts", "approve", post, user="c@acme.test")
    edited = json.loads(herald("posts", "edit", post, "-t", text + " 10:00.",
                               user="w@acme.test").output)  # fmt: skip
    assert edited["state"] == "in_review"
    stale = herald(
        "posts", "approve", post, "--expect-hash", shown["content_hash"], user="a@acme.test",
        ok=False,
    )  # fmt: skip
    assert "changed since you saw it" in stale.output
    queue = herald("posts", "list", "--queue", user="a@acme.test").output
    assert queue.startswith(f"{post}\tin_review")


def test_policy_activate_records_the_version(herald: Herald, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nid: acme\nname: Acme policy\nextends: herald:default\n"
        "organisation:\n  name: Acme\n  competitors: [Globex]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(activate, [str(pack)], env=herald.env)
    assert result.exit_code == 0, result.output
    assert "Acme policy" in result.output
    assert "sha256:" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("herald: 1\nrules: [\n", encoding="utf-8")
    failed = CliRunner().invoke(activate, [str(broken)], env=herald.env)
    assert failed.exit_code == 2
    assert "broken.yaml" in failed.output


def test_activate_refuses_a_contributor(herald: Herald, engine: Engine) -> None:
    herald("users", "add", "w@acme.test", "--role", "contributor")
    result = CliRunner().invoke(activate, [], env={**herald.env, "HERALD_USER": "w@acme.test"})
    assert result.exit_code == 2
    assert "activating a policy" in result.output


def test_cli_changes_send_their_notification_email(herald: Herald) -> None:
    from smtp_sink import smtp_sink

    _setup(herald)
    created = json.loads(
        herald("posts", "create", "-t", "Our store opens Monday.", "-a", "@acme",
               user="w@acme.test").output
    )  # fmt: skip
    with smtp_sink() as sink:
        herald.env.update({"HERALD_SMTP_HOST": "127.0.0.1", "HERALD_SMTP_PORT": str(sink.port)})
        herald("posts", "submit", str(created["id"]), user="w@acme.test")
        [mail] = sink.to("a@acme.test")  # the first step's approver, nobody else
        assert sink.recipients == [["a@acme.test"]]
    assert mail["Subject"] == f"Post #{created['id']} is waiting for your review"
    assert f"http://localhost:8000/posts/{created['id']}" in mail.get_content()
