"""A live Herald on loopback and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from herald.security import totp
from herald.web.app import create_app
from herald.web.settings import Settings
from herald.web.workspace import Workspace
from web.conftest import DemoTemplate

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parents[3] / "test-artifacts" / "screenshots"


@dataclass(frozen=True)
class LiveHerald:
    url: str
    workspace: Workspace
    passwords: dict[str, str]
    totp_secrets: dict[str, str]
    recovery_codes: dict[str, list[str]]


@pytest.fixture(scope="module")
def live(
    demo_template: DemoTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveHerald]:
    if not CHROMIUM.exists():
        # In CI the browser is installed by .ci/run; missing there is a failure, not a skip.
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path_factory.mktemp("live") / "herald.db"
    shutil.copy(demo_template.path, path)
    workspace = Workspace.open(f"sqlite:///{path}")
    # The writer and the compliance officer sign in with two factors.
    secrets = {}
    recovery = {}
    for email in ("writer@acme.example", "compliance@acme.example"):
        person_id = workspace.person_id_for_email(email)
        assert person_id is not None
        secrets[email] = totp.new_secret()
        recovery[email] = workspace.credentials.enable_totp(person_id, secrets[email])
    app = create_app(Settings(secret_key="browser-test-" + "k" * 40), workspace=workspace)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield LiveHerald(
        f"http://127.0.0.1:{port}", workspace, demo_template.passwords, secrets, recovery
    )
    server.should_exit = True
    thread.join(timeout=10)
    workspace.engine.dispose()


@pytest.fixture(scope="module")
def browser(live: LiveHerald) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
