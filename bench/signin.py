"""Sign-in and composer-check latency as a person feels them, in fresh processes.

Run: `python -m bench signin`. Each scenario runs in its own Python process on a new demo
workspace (SQLite in a temporary folder) with the shipped argon2 parameters, calling the
application in-process (no network): the figures are the server's time per request.

* sign-in: GET /signin then POST /signin (argon2 verify, session cookie), p50 / p99;
* composer check: the first POST /api/v1/scan per language in a fresh process (cold), with
  and without the warm-up `herald serve` does at start, then warm p50 / p99 per language.

Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SIGNINS = 30
WARM_CHECKS = 60
POSTS = {
    "tr": "Yarın yeni kredi kartımızı tanıtıyoruz, faiz oranı çok düşük!",
    "es": "Mañana presentamos nuestra nueva tarjeta, ¡con un interés muy bajo!",
    "en": "Tomorrow we launch our new credit card, with a very low interest rate!",
}


def _make_demo(path: str) -> dict[str, str]:
    """The demo workspace, made in its own process (so the measured ones start cold)."""
    from herald.web import demo
    from herald.web.workspace import Workspace

    workspace = Workspace.open(f"sqlite:///{path}")
    passwords = demo.create(workspace)
    workspace.engine.dispose()
    return passwords


def _child(path: str, passwords: dict[str, str], warm: bool) -> dict[str, object]:
    import re
    import time

    from fastapi.testclient import TestClient

    from herald.web.app import create_app
    from herald.web.settings import Settings
    from herald.web.workspace import Workspace

    workspace = Workspace.open(f"sqlite:///{path}")
    app = create_app(Settings(secret_key="bench-" + "x" * 40), workspace=workspace)
    started = time.perf_counter()
    if warm:
        workspace.warm_up()
    warm_up_s = time.perf_counter() - started
    client = TestClient(app)
    email = "writer@acme.example"

    def csrf(path: str) -> str:
        found = re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).text)
        assert found
        return found.group(1)

    out: dict[str, object] = {"warm_up_s": warm_up_s}
    # The composer's first check in each language, in this fresh process.
    token = csrf("/signin")
    client.post(
        "/signin",
        data={"csrf_token": token, "email": email, "password": passwords[email]},
        follow_redirects=False,
    )
    header = {"X-CSRF-Token": csrf("/compose")}
    first: dict[str, float] = {}
    for lang, text in POSTS.items():
        started = time.perf_counter()
        answer = client.post("/api/v1/scan", json={"text": text}, headers=header)
        first[lang] = time.perf_counter() - started
        assert answer.status_code == 200, answer.text
    out["first_check_s"] = first
    warm_checks: dict[str, list[float]] = {}
    for lang, text in POSTS.items():
        times = []
        for i in range(WARM_CHECKS):
            started = time.perf_counter()
            client.post("/api/v1/scan", json={"text": f"{text} {i}"}, headers=header)
            times.append(time.perf_counter() - started)
        warm_checks[lang] = times
    out["warm_check_s"] = warm_checks
    client.post("/signout", data={"csrf_token": csrf("/compose")})
    signins = []
    for _ in range(SIGNINS):
        token = csrf("/signin")
        started = time.perf_counter()
        answer = client.post(
            "/signin",
            data={"csrf_token": token, "email": email, "password": passwords[email]},
            follow_redirects=False,
        )
        signins.append(time.perf_counter() - started)
        assert answer.status_code == 303
        client.post("/signout", data={"csrf_token": csrf("/compose")})
    out["signin_s"] = signins
    workspace.engine.dispose()
    return out


def _run(call: str) -> Any:
    code = f"import json, bench.signin as b; print(json.dumps(b.{call}))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    runs = {}
    for warm_up in (True, False):
        path = str(Path(tempfile.mkdtemp(prefix="herald-bench-")) / "herald.db")
        passwords = _run(f"_make_demo({path!r})")
        runs[warm_up] = _run(f"_child({path!r}, {passwords!r}, {warm_up!r})")
        shutil.rmtree(Path(path).parent, ignore_errors=True)
    warm, cold = runs[True], runs[False]
    signins = list(warm["signin_s"])  # type: ignore[call-overload]
    print(
        f"sign-in (POST /signin, {SIGNINS} times): p50 {_ms(statistics.median(signins))}, "
        f"p99 {_ms(_pct(signins, 0.99))}  (target <= 300 ms)"
    )
    print(f"warm-up at start (herald serve): {warm['warm_up_s']:.2f} s")
    print("composer check, first in a fresh process:")
    for lang in POSTS:
        with_warm = warm["first_check_s"][lang]  # type: ignore[index]
        without = cold["first_check_s"][lang]  # type: ignore[index]
        print(
            f"  {lang}: {_ms(with_warm)} after warm-up, {_ms(without)} without  (target <= 300 ms)"
        )
    print(f"composer check, warm ({WARM_CHECKS} per language):")
    for lang in POSTS:
        times = warm["warm_check_s"][lang]  # type: ignore[index]
        print(f"  {lang}: p50 {_ms(statistics.median(times))}, p99 {_ms(_pct(times, 0.99))}")


if __name__ == "__main__":
    main()
