#!/usr/bin/env bash
# Record the exact versions in .venv as constraints.txt, so a fresh clone installs what was tested
# (a newer ruff, mypy or Babel must not turn a clean checkout red). Run after changing dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
{
    echo "# Versions the test suite is known to pass with; the Makefile installs under these."
    echo "# Regenerate after changing dependencies: scripts/update-constraints.sh"
    "$BIN/pip" freeze --exclude-editable | grep -v '^herald'
} > constraints.txt
