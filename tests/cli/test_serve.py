from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from herald.cli import cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_first_start_creates_the_demo_and_prints_credentials_once(
    tmp_path: Path, started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HERALD_ENV", raising=False)
    url = f"sqlite:///{tmp_path / 'herald.db'}"
    runner = CliRunner()
    first = runner.invoke(cli, ["serve", "--database", url, "--port", "8123"])
    assert first.exit_code == 0, first.output
    assert "compliance@acme.example" in first.output
    assert "http://127.0.0.1:8123/" in first.output
    assert started[0]["port"] == 8123
    assert started[0]["host"] == "127.0.0.1"
    second = runner.invoke(cli, ["serve", "--database", url])
    assert second.exit_code == 0
    assert "compliance@acme.example" not in second.output
    assert "http://127.0.0.1:8000/" in second.output


def test_production_mode_refuses_the_default_secret_key(
    tmp_path: Path, started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_ENV", "production")
    monkeypatch.delenv("HERALD_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--database", f"sqlite:///{tmp_path / 'h.db'}"])
    assert result.exit_code != 0
    assert "HERALD_SECRET_KEY" in result.output
    assert started == []
    assert not (tmp_path / "h.db").exists()
