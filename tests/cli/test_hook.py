"""``herald hook`` and ``herald baseline``: the pre-commit hook over a real git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from herald.cli import cli

SECRET_CONFIG = 'db:\n  host: db.internal\n  password: "Kedi1234!x"\n'
CLEAN = "Herald checks posts before they go out.\n"


def run(cwd: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), input=stdin)
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def test_a_planted_secret_fails_the_hook_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(SECRET_CONFIG)
    (tmp_path / "README.md").write_text(CLEAN)
    code, out = run(tmp_path, "hook", "config.yml", "README.md")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("config.yml:")]
    assert len(lines) == 1  # one finding per secret, not one per rule that read it
    assert lines[0].startswith("config.yml:3:14  credentials.")
    assert "README.md" not in out


def test_clean_binary_and_foreign_encoded_files_pass(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CLEAN)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0password=hunter2!")
    (tmp_path / "latin1.txt").write_bytes("contraseña = «Kedi1234!»".encode("latin-1"))
    code, out = run(tmp_path, "hook", "README.md", "logo.png", "latin1.txt", "missing.txt")
    assert (code, out) == (0, "")


def test_turkish_and_spanish_key_words_are_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('export DB_SIFRE="Kd8!ppq2"\ncontraseña: Zq9#mmt4\n')
    code, out = run(tmp_path, "hook", ".env")
    assert code == 1
    assert [line.split()[0] for line in out.splitlines() if line.startswith(".env:")] == [
        ".env:1:18",
        ".env:2:13",
    ]


def test_an_audited_baseline_accepts_false_positives_and_keeps_real_secrets_failing(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yml").write_text(SECRET_CONFIG)
    (tmp_path / "b.env").write_text("API_KEY=Xy7#kLm2pQ9\n")
    code, out = run(tmp_path, "baseline", "create", "a.yml", "b.env")
    assert code == 0, out
    assert "2 finding(s)" in out
    baseline = json.loads((tmp_path / ".herald-baseline.json").read_text())
    assert "Kedi1234" not in json.dumps(baseline)  # fingerprints, never the secret itself
    # Until audited, a baselined finding does not block the commit.
    assert run(tmp_path, "hook", "a.yml", "b.env")[0] == 0
    # Audit: a.yml comes first (sorted by file): accept it; reject b.env's key.
    code, out = run(tmp_path, "baseline", "audit", stdin="a\nr\n")
    assert code == 1
    assert "1 accepted, 1 rejected, 0 pending" in out
    code, out = run(tmp_path, "hook", "a.yml", "b.env")
    assert code == 1
    assert "b.env:1:9" in out
    assert "real secret" in out
    assert "a.yml" not in out


def test_an_accepted_finding_stays_accepted_when_lines_move(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(SECRET_CONFIG)
    run(tmp_path, "baseline", "create", "a.yml")
    run(tmp_path, "baseline", "audit", stdin="a\n")
    (tmp_path / "a.yml").write_text("# moved down\n\n" + SECRET_CONFIG)
    assert run(tmp_path, "hook", "a.yml")[0] == 0
    (tmp_path / "a.yml").write_text(SECRET_CONFIG.replace("Kedi1234!x", "Other987!z"))
    assert run(tmp_path, "hook", "a.yml")[0] == 1  # a new secret is not covered


def test_a_broken_baseline_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(SECRET_CONFIG)
    (tmp_path / ".herald-baseline.json").write_text("{not json")
    code, out = run(tmp_path, "hook", "a.yml")
    assert code == 1
    assert "not a Herald baseline" in out
    assert "Traceback" not in out


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "dev@example.test")
    _git(repo, "config", "user.name", "Dev")
    return repo


def test_pre_commit_runs_the_hook_on_staged_files(repository: Path) -> None:
    """The same hook definition as .pre-commit-hooks.yaml, installed from this environment."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit is not None, "pre-commit is a dev dependency"
    herald = Path(sys.executable).parent / "herald"
    hooks = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"
    (definition,) = __import__("yaml").safe_load(hooks.read_text())
    (repository / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n"
        f"      - id: {definition['id']}\n        name: {definition['name']}\n"
        f"        entry: {herald} hook\n        language: system\n        types: [text]\n"
    )
    (repository / "settings.py").write_text('SECRET_KEY = "Hq3!vvZ8pp0w"\n')
    (repository / "notes.md").write_text(CLEAN)
    _git(repository, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(repository.parent / "cache")}
    failed = subprocess.run(
        [pre_commit, "run"], cwd=repository, capture_output=True, text=True, env=env
    )
    assert failed.returncode == 1, failed.stdout
    assert "settings.py:1:15" in failed.stdout
    (repository / "settings.py").write_text('SECRET_KEY = os.environ["SECRET_KEY"]\n')
    _git(repository, "add", "-A")
    passed = subprocess.run(
        [pre_commit, "run"], cwd=repository, capture_output=True, text=True, env=env
    )
    assert passed.returncode == 0, passed.stdout


def test_sarif_output_is_valid_for_code_scanning(tmp_path: Path) -> None:
    import jsonschema

    schema_path = Path(__file__).resolve().parents[1] / "fixtures" / "sarif-schema-2.1.0.json"
    (tmp_path / "a.yml").write_text(SECRET_CONFIG)
    code, out = run(tmp_path, "hook", "--format", "sarif", "a.yml")
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, json.loads(schema_path.read_text()))
    (result,) = document["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 14)


def test_the_documented_pre_commit_configuration_names_the_shipped_hook() -> None:
    import yaml

    root = Path(__file__).resolve().parents[2]
    (definition,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    doc = (root / "docs" / "ci.md").read_text()
    blocks = [b.split("```", 1)[0] for b in doc.split("```yaml\n")[1:]]
    config = yaml.safe_load(blocks[0])
    assert config["repos"][0]["hooks"] == [{"id": definition["id"]}]
    assert definition["entry"] == "herald hook"
    for block in blocks[1:]:
        assert "herald hook --format sarif" in block  # the CI examples use the real options


def test_pre_commit_try_repo_installs_herald_and_blocks_a_planted_secret(
    repository: Path,
) -> None:
    """What a new user runs first: pre-commit builds Herald from this checkout by itself."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit is not None
    checkout = Path(__file__).resolve().parents[2]
    (repository / "app.cfg").write_text('password = "Kedi1234!x"\n')
    _git(repository, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(repository.parent / "pre-commit-home")}
    result = subprocess.run(
        [pre_commit, "try-repo", str(checkout), "herald", "--files", "app.cfg"],
        cwd=repository,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "app.cfg:1:13  credentials.assigned-secret" in result.stdout
