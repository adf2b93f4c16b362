"""`herald check` runs in commit hooks, once per post: a fresh process must not import what
checking a post does not need. Checked in a subprocess, by what ends up in sys.modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Libraries of other commands (web app, database, accounts) and of detectors whose
# candidates the posts below do not contain.
NEVER = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "argon2", "zxcvbn", "jinja2")
ON_USE = ("tldextract", "requests", "confusable_homoglyphs", "phonenumbers", "stdnum", "babel")


def _modules_after(*args: str) -> tuple[int, set[str]]:
    """Exit status and top-level modules imported of a fresh ``herald`` run with ``args``."""
    code = (
        "import json, sys\n"
        "status = None\n"
        "from herald.cli import cli\n"
        "try:\n"
        f"    cli.main({list(args)!r}, prog_name='herald')\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "print(json.dumps([status, sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    status, modules = json.loads(done.stdout.splitlines()[-1])
    return status, set(modules)


@pytest.fixture(scope="module")
def check_modules() -> set[str]:
    # A long, plainly English post: language id's first pass answers, lingua is not needed.
    post = "Thank you to everyone who came to the store opening on Saturday, see you next week!"
    status, modules = _modules_after("check", "--text", post)
    assert status == 0  # checked, and it passed
    return modules


def test_check_imports_no_web_or_database_library(check_modules: set[str]) -> None:
    assert not check_modules.intersection(NEVER)


def test_check_loads_detector_libraries_and_lingua_only_when_a_post_needs_them(
    check_modules: set[str],
) -> None:
    assert not check_modules.intersection((*ON_USE, "lingua"))
