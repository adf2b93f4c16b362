"""HERALD_MAX_BODY_BYTES: a body over the limit gets a clear 413 on every surface."""

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message

from herald.web.app import create_app
from herald.web.limits import format_size, limit_for
from herald.web.settings import Settings, SettingsError
from herald.web.workspace import Workspace
from web.conftest import Herald

LIMIT = 64 * 1024


@pytest.fixture
def small(tmp_path: Path, demo_template: object) -> Iterator[Herald]:
    """The demo workspace behind an app whose body limit is 64 KiB."""
    import shutil

    from web.conftest import DemoTemplate

    assert isinstance(demo_template, DemoTemplate)
    path = tmp_path / "herald.db"
    shutil.copy(demo_template.path, path)
    workspace = Workspace.open(f"sqlite:///{path}")
    settings = Settings(secret_key="test-secret-" + "x" * 40, max_body_bytes=LIMIT)
    herald = Herald(
        TestClient(create_app(settings, workspace=workspace)), workspace, demo_template.passwords
    )
    yield herald
    workspace.engine.dispose()


def _token(herald: Herald) -> dict[str, str]:
    _, plaintext = herald.workspace.credentials.issue_token(
        herald.workspace.person_id_for_email("owner@acme.example") or 0, "t", ["scan"]
    )
    return {"Authorization": f"Bearer {plaintext}"}


def test_a_declared_length_over_the_limit_is_refused_with_json(small: Herald) -> None:
    body = json.dumps({"text": "a" * (LIMIT + 10)})
    response = small.client.post(
        "/api/v1/scan",
        content=body,
        headers={"content-type": "application/json", **_token(small)},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert str(LIMIT) in response.json()["error"]["message"]


def test_a_chunked_body_without_length_is_counted_and_refused(small: Herald) -> None:
    """Straight through ASGI, as a server hands a chunked body over: piece by piece."""
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        if pulled > 1000:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": b"a" * 4096, "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    token = _token(small)["Authorization"].encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/scan",
        "raw_path": b"/api/v1/scan",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"transfer-encoding", b"chunked"),
            (b"authorization", token),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(small.client.app(scope, receive, send))  # type: ignore[arg-type]
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 413
    assert json.loads(body)["error"]["code"] == "too_large"
    # Reading stopped just past the limit (64 KiB = 16 pieces), not at the end of the stream.
    assert pulled == LIMIT // 4096 + 1


def test_a_body_under_the_limit_is_served(small: Herald) -> None:
    response = small.client.post("/api/v1/scan", json={"text": "hello"}, headers=_token(small))
    assert response.status_code == 200


def test_a_page_form_over_the_limit_gets_a_page_in_the_browsers_language(small: Herald) -> None:
    small.sign_in("writer@acme.example")
    token = small.csrf("/compose")
    response = small.client.post(
        "/compose",
        data={"csrf_token": token, "text": "a" * (LIMIT * 2)},
        headers={"Accept-Language": "tr"},
    )
    assert response.status_code == 413
    assert "text/html" in response.headers["content-type"]
    assert "Çok büyük" in response.text
    assert "64 KiB" in response.text
    assert "Traceback" not in response.text


def test_policy_uploads_get_the_larger_allowance(small: Herald) -> None:
    pack = "version: 1\nrules: []\n# " + "x" * (LIMIT * 3) + "\n"
    response = small.client.post(
        "/api/v1/policy/validate", json={"source": pack}, headers=_token(small)
    )
    assert response.status_code != 413


def test_the_setting_is_read_and_checked() -> None:
    assert Settings.from_env({"HERALD_MAX_BODY_BYTES": "2048"}).max_body_bytes == 2048
    assert Settings.from_env({}).max_body_bytes == 1024 * 1024
    with pytest.raises(SettingsError, match="HERALD_MAX_BODY_BYTES"):
        Settings.from_env({"HERALD_MAX_BODY_BYTES": "lots"})
    with pytest.raises(SettingsError, match="at least"):
        Settings.from_env({"HERALD_MAX_BODY_BYTES": "10"})


def test_sizes_read_well() -> None:
    assert format_size(1024 * 1024) == "1 MiB"
    assert format_size(64 * 1024) == "64 KiB"
    assert format_size(1000) == "1000 bytes"
    assert limit_for("/api/v1/policy/validate", 1000) == 4 * 1024 * 1024
    assert limit_for("/api/v1/scan", 1000) == 1000
    assert limit_for("/api/v1/policy/validate", 8 * 1024 * 1024) == 8 * 1024 * 1024
