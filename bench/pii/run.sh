#!/usr/bin/env bash
# Herald vs Microsoft Presidio on generated tr/es/en posts, side by side, in one run.
# Creates bench/pii/.venv (Presidio + Herald, offline spaCy: blank pipelines, no model
# download), generates the labelled posts and prints the comparison table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.installed" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet presidio-analyzer -e "$root"
    touch "$venv/.installed"
fi
"$venv/bin/python" "$here/generate.py" --out "$here/out/posts.jsonl" "$@"
"$venv/bin/python" "$here/compare.py" "$here/out/posts.jsonl" --markdown "$here/out/table.md" \
    --update-doc "$root/docs/bench-pii.md"
