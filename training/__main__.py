"""``python -m training [--data DIR] [--task T ...] [--sample N]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from training.pipeline import run

ROOT = Path(__file__).resolve().parent.parent


def default_data() -> Path:
    """../shared/data next to the checkout (or next to its parent, for worktrees)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


parser = argparse.ArgumentParser(prog="python -m training")
parser.add_argument("--data", type=Path, default=default_data())
parser.add_argument("--out", type=Path, default=ROOT / "src" / "herald" / "nlp" / "models")
parser.add_argument("--task", action="append", choices=["offensive", "sentiment", "scam", "langid"])
parser.add_argument("--sample", type=int, default=None)
args = parser.parse_args()
run(
    args.data,
    args.out,
    tuple(args.task or ("offensive", "sentiment", "scam", "langid")),
    args.sample,
    ROOT / "training" / "out" / "dev",
)
