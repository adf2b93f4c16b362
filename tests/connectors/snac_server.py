"""A real snac2 server (Mastodon client API) in a temporary directory, for one test module.

snac2 comes from Debian bookworm-backports (scripts/ci-services.sh installs it). Tests that
need it skip with the reason when the ``snac`` binary is absent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

SNAC = shutil.which("snac")
SKIP_REASON = "snac2 is not installed (apt-get install -t bookworm-backports snac2)"


@dataclass(frozen=True)
class SnacServer:
    base_url: str
    host: str
    tokens: dict[str, str]
    """User name -> access token."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(*args: str, answers: str = "") -> str:
    assert SNAC is not None
    done = subprocess.run(
        [SNAC, *args], input=answers, capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout + done.stderr


def _token(base_url: str, user: str, password: str) -> str:
    # snac2's own token endpoint: login and password in, a bearer token out (no OAuth dance).
    answer = requests.post(
        f"{base_url}/oauth/x-snac-get-token",
        data={"login": user, "passwd": password},
        timeout=10,
        headers={"Connection": "close"},
    )
    answer.raise_for_status()
    token = answer.text.strip()
    if not re.fullmatch(r"[0-9a-f]{16,}", token):
        raise RuntimeError(f"snac2 gave no token for {user}: {token[:200]!r}")
    return token


@contextmanager
def running_snac(root: Path, users: tuple[str, ...]) -> Iterator[SnacServer]:
    port = _free_port()
    host = f"127.0.0.1:{port}"
    base = root / "snac"
    # Answers to `snac init`: address, port, host name, URL prefix, admin e-mail.
    _run("init", str(base), answers=f"127.0.0.1\n{port}\n{host}\n\nadmin@localhost\n")
    config_path = base / "server.json"
    config = json.loads(config_path.read_text())
    config["protocol"] = "http"  # no TLS on the loopback
    config["dbglevel"] = int(os.environ.get("SNAC_DEBUG", "0"))
    config_path.write_text(json.dumps(config, indent=4))
    passwords = {}
    for user in users:
        output = _run("adduser", str(base), user, answers=f"{user}\n")
        found = re.search(r"User password is (\S+)", output)
        if found is None:
            raise RuntimeError(f"snac adduser printed no password: {output[:300]!r}")
        passwords[user] = found.group(1)
    assert SNAC is not None
    log = (root / "snac.log").open("w")
    process = subprocess.Popen([SNAC, "httpd", str(base)], stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to ~10 s for the port to open
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None:
                    log_text = (root / "snac.log").read_text()
                    raise RuntimeError(f"snac httpd exited: {log_text}") from None
                time.sleep(0.1)
        tokens = {user: _token(base_url, user, passwords[user]) for user in users}
        yield SnacServer(base_url, host, tokens)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
