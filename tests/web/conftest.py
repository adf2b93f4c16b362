"""A demo workspace on SQLite, built once per test session and copied for each test."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2.profiles import CHEAPEST
from fastapi.testclient import TestClient

from herald.security import passwords
from herald.web import demo
from herald.web.app import create_app
from herald.web.settings import Settings
from herald.web.workspace import Workspace

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass(frozen=True)
class DemoTemplate:
    path: Path
    passwords: dict[str, str]


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> None:
    """Argon2's cheapest profile: the tests check behaviour, not hashing cost."""
    passwords.use_parameters(CHEAPEST)


@pytest.fixture(scope="session")
def demo_template(
    cheap_password_hashing: None, tmp_path_factory: pytest.TempPathFactory
) -> DemoTemplate:
    path = tmp_path_factory.mktemp("demo") / "herald.db"
    workspace = Workspace.open(f"sqlite:///{path}")
    passwords = demo.create(workspace)
    with workspace.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.engine.dispose()
    return DemoTemplate(path, passwords)


@dataclass
class Herald:
    client: TestClient
    workspace: Workspace
    passwords: dict[str, str]

    def csrf(self, path: str = "/signin") -> str:
        page = self.client.get(path)
        found = CSRF.search(page.text) or META_CSRF.search(page.text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self, email: str, password: str | None = None) -> None:
        token = self.csrf("/signin")
        response = self.client.post(
            "/signin",
            data={
                "csrf_token": token,
                "email": email,
                "password": password or self.passwords[email],
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/"

    def sign_out(self) -> None:
        token = self.csrf("/compose")
        self.client.post("/signout", data={"csrf_token": token})

    def form(self, path: str, data: dict[str, object], page: str | None = None, **kw: object):  # type: ignore[no-untyped-def]
        token = self.csrf(page or path)
        return self.client.post(
            path, data={"csrf_token": token, **data}, follow_redirects=False, **kw
        )  # type: ignore[arg-type]


@pytest.fixture
def make_herald(demo_template: DemoTemplate, tmp_path: Path) -> Iterator[Callable[..., Herald]]:
    copies: list[Workspace] = []

    def build(**overrides: Any) -> Herald:
        """A fresh copy of the demo; ``overrides`` are Settings fields (e.g. smtp)."""
        path = tmp_path / f"herald-{len(copies)}.db"
        shutil.copy(demo_template.path, path)
        workspace = Workspace.open(f"sqlite:///{path}")
        copies.append(workspace)
        settings = Settings(secret_key="test-secret-" + "x" * 40, **overrides)
        app = create_app(settings, workspace=workspace)
        return Herald(TestClient(app), workspace, demo_template.passwords)

    yield build
    for workspace in copies:
        workspace.engine.dispose()


@pytest.fixture
def herald(make_herald: Callable[..., Herald]) -> Herald:
    return make_herald()
