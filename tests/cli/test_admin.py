"""The governance commands end to end, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from cli.cli_env import OWNER, Herald, initialised
from herald.cli import cli
from herald.security.credentials import CredentialStore
from herald.store.models import AuditEntry, Person


@pytest.fixture
def herald(engine: Engine) -> Herald:
    return initialised(engine)


def test_init_is_idempotent(herald: Herald) -> None:
    again = herald("init", "--org", "Other", "--owner", "x@other.test")
    assert "already initialised" in again.output
    assert "Acme" in again.output


def test_uninitialised_database_says_so(tmp_path: Path) -> None:
    run = Herald(f"sqlite:///{tmp_path / 'none.db'}")
    result = run("users", "list", ok=False)
    assert result.exit_code == 2
    assert "herald init" in result.output
    assert not (tmp_path / "none.db").exists()


def test_users_roles_and_permissions(herald: Herald) -> None:
    assert "person created" in herald("users", "add", "a@acme.test", "--role", "approver").output
    herald("users", "add", "w@acme.test", "--role", "contributor")
    denied = herald("users", "add", "x@acme.test", "--role", "viewer", user="w@acme.test", ok=False)
    assert denied.exit_code == 2
    assert "managing people" in denied.output
    herald("users", "role", "a@acme.test", "compliance_officer")
    listing = herald("users", "list").output
    assert "a@acme.test\tcompliance_officer\tactive" in listing
    herald("users", "deactivate", "w@acme.test")
    assert "w@acme.test\tcontributor\tinactive" in herald("users", "list").output


def test_missing_actor_is_a_clear_error(herald: Herald) -> None:
    result = herald.runner.invoke(cli, ["users", "list"], env={**herald.env, "HERALD_USER": ""})
    assert result.exit_code == 2
    assert "--as EMAIL" in result.output


def test_errors_in_turkish_and_spanish(herald: Herald) -> None:
    for lang, text in (("tr", "zaten var"), ("es", "Ya existe")):
        result = herald.runner.invoke(
            cli,
            ["users", "add", OWNER, "--role", "viewer"],
            env={**herald.env, "HERALD_LANG": lang},
        )
        assert result.exit_code == 2
        assert text in result.output


def test_teams_defaults_and_membership(herald: Herald) -> None:
    slugs = [line.split("\t")[0] for line in herald("teams", "list").output.splitlines()]
    assert slugs == [
        "crisis-response",
        "message-approval",
        "customer-service",
        "pr-management",
        "social-engagement",
    ]
    herald("users", "add", "a@acme.test", "--role", "agent")
    herald("teams", "add", "night-shift", "--name", "Night shift")
    herald("teams", "join", "night-shift", "a@acme.test")
    assert "night-shift\tNight shift\ta@acme.test" in herald("teams", "list").output
    herald("teams", "leave", "night-shift", "a@acme.test")
    assert "night-shift\tNight shift\t\n" in herald("teams", "list").output


def test_accounts_grants_and_workflow(herald: Herald) -> None:
    herald("users", "add", "e@acme.test", "--role", "contributor")
    herald("users", "add", "a@acme.test", "--role", "approver")
    herald("accounts", "add", "mastodon", "@acme", "--display-name", "Acme")
    herald("accounts", "add", "bluesky", "e.bsky.social", "--personal-of", "e@acme.test")
    assert herald("accounts", "list").output.splitlines() == [
        "mastodon:@acme\tbrand\tAcme",
        "bluesky:e.bsky.social\tpersonal\te@acme.test",
    ]
    herald("accounts", "grant", "@acme", "approve", "--team", "message-approval")
    out = herald(
        "accounts", "workflow", "@acme",
        "--step", "first:any:a@acme.test",
        "--step", "second:all:team=message-approval:24:a@acme.test",
    ).output  # fmt: skip
    assert [json.loads(line)["rule"] for line in out.splitlines()] == ["any", "all"]
    bad = herald("accounts", "workflow", "@acme", "--step", "x:most:a@acme.test", ok=False)
    assert bad.exit_code == 2


def test_audit_verify_names_a_tampered_entry(herald: Herald, engine: Engine) -> None:
    ok = herald("audit", "verify")
    assert "Audit log intact" in ok.output
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor="eve"))
    broken = herald("audit", "verify", ok=False)
    assert broken.exit_code == 1
    assert "entry 2: altered" in broken.output


def test_audit_export_to_file(herald: Herald, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    out = herald("audit", "export", "--format", "csv", "--from", "2000-01-01", "-o", str(target))
    assert "entries written" in out.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("seq,at,")
    assert len(lines) > 5
    empty = herald("audit", "export", "--to", "2000-01-01").output
    assert empty == ""
    bad = herald("audit", "export", "--from", "yesterday", ok=False)
    assert bad.exit_code == 2


def test_audit_verify_an_export_file(herald: Herald, tmp_path: Path) -> None:
    target = tmp_path / "audit.jsonl"
    herald("audit", "export", "-o", str(target))
    assert "Audit log intact" in herald("audit", "verify", "--export", str(target)).output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "Acme" in lines[0]
    lines[0] = lines[0].replace("Acme", "Acne")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = herald("audit", "verify", "--export", str(target), ok=False)
    assert broken.exit_code == 1
    assert "altered" in broken.output
    target.write_text("not json\n", encoding="utf-8")
    assert herald("audit", "verify", "--export", str(target), ok=False).exit_code == 2


def test_set_password_lets_a_cli_created_owner_sign_in(herald: Herald, engine: Engine) -> None:
    def set_password(email: str, password: str, actor: str) -> tuple[int, str]:
        env = {**herald.env, "HERALD_USER": actor}
        result = CliRunner().invoke(
            cli,
            ["users", "set-password", email, "--password-stdin"],
            input=password + "\n",
            env=env,
        )
        return result.exit_code, result.output

    code, out = set_password(OWNER, "correct horse battery staple 42", OWNER)
    assert (code, out.strip()) == (0, f"Password set for {OWNER}.")
    with Session(engine) as session:
        owner = session.query(Person).filter_by(email=OWNER).one()
        assert CredentialStore(engine).check_password(owner.id, "correct horse battery staple 42")
    entries = herald("audit", "export", "--format", "jsonl").output
    assert "security.password_set" in entries
    assert "battery" not in entries  # the audit trail never holds the password

    code, out = set_password(OWNER, "password1", OWNER)
    assert code == 2
    assert "too easy to guess" in out

    herald("users", "add", "w@acme.test", "--role", "contributor")
    code, out = set_password(OWNER, "another long passphrase 77", "w@acme.test")
    assert code == 2  # a contributor may change only their own password
    assert "You may not do this" in out


def test_users_invite_prints_and_mails_a_one_time_link(herald: Herald, engine: Engine) -> None:
    from herald.services import people_lifecycle
    from smtp_sink import smtp_sink

    with smtp_sink() as sink:
        env = {
            **herald.env,
            "HERALD_SMTP_HOST": "127.0.0.1",
            "HERALD_SMTP_PORT": str(sink.port),
            "HERALD_BASE_URL": "https://herald.acme.test",
        }
        args = [
            "users",
            "invite",
            "--org",
            "Acme",
            "--email",
            "New@Acme.test",
            "--role",
            "approver",
        ]
        result = CliRunner().invoke(cli, [*args, "--lang", "es"], env=env)
        assert result.exit_code == 0, result.output
        [mail] = sink.to("new@acme.test")
    link = result.output.split("7 days): ", 1)[1].split()[0]
    assert link.startswith("https://herald.acme.test/invite/")
    assert "The invitation was e-mailed to new@acme.test." in result.output
    assert mail["Subject"] == "Le invitan a Herald (Acme)"
    assert link in mail.get_content()
    token = link.rsplit("/", 1)[1]
    with Session(engine) as session, session.begin():
        person = people_lifecycle.redeem(
            session, token, "invite", "a long new passphrase 93", "Nuria"
        )
        assert (person.name, person.role.value) == ("Nuria", "approver")
        person_id = person.id
    assert CredentialStore(engine).check_password(person_id, "a long new passphrase 93")
    with Session(engine) as session:  # the link worked once
        assert people_lifecycle.link_person(session, token, "invite") is None
    unknown = CliRunner().invoke(cli, [*args[:3], "Nobody Inc", *args[4:]], env=herald.env)
    assert unknown.exit_code == 2
    assert "No organisation is called Nobody Inc." in unknown.output
