"""Benchmark of a cold `herald check` of one post: what a commit hook or a CI step pays.

Run: `python -m bench cli`. Each run is a fresh Python process checking one file with the
built-in pack (imports, policy load, language id, models, scan, output), as the
``herald`` script would; wall and CPU time are the median of RUNS runs, after one run
that is not counted. `herald check --help` is timed too: Python, click and the imports
of the command, the floor of any check. Bytecode is cached in a temporary directory
(PYTHONPYCACHEPREFIX), as an installed package has it, even where PYTHONDONTWRITEBYTECODE
is set. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
# One short post per language, and one with a link, a phone number and an IBAN, which
# loads the libraries of those detectors too. The Spanish post is too short for language
# id's first pass, so it also loads lingua's models.
POSTS = {
    "es, short (lingua)": "hola imbécil",
    "en": "you are an idiot",
    "tr": "sen bir aptalsın",
    "en, link + phone + IBAN": (
        "Questions? Call 0532 418 27 63 or pay to ES91 2100 0418 4502 0005 1332, "
        "details at https://nexora-giris.com/login"
    ),
}
# Exactly what the `herald` console script runs.
SCRIPT = "import sys; from herald.cli import main; sys.exit(main())"


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh `herald ARGS` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=False,  # exit status 1 means findings
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _report(label: str, args: list[str], env: dict[str, str]) -> None:
    _timed(args, env)  # the first run compiles bytecode: not counted
    runs = [_timed(args, env) for _ in range(RUNS)]
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    print(f"  {label:<42} {wall * 1e3:>7.0f} ms wall  {cpu * 1e3:>7.0f} ms CPU")


def main() -> None:
    print(f"cold start, median of {RUNS} fresh processes each:")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        _report("herald check --help", ["check", "--help"], env)
        for label, text in POSTS.items():
            path = Path(tmp) / "post.txt"
            path.write_text(text + "\n", encoding="utf-8")
            _report(f"herald check ({label})", ["check", str(path)], env)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
