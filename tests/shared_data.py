"""Where the training data lives for tests that read it, and its public dev texts."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
"""The repository root: ``training/`` lives here, not in the installed package."""

DATA = next(
    (
        base / "shared" / "data"
        for base in (CHECKOUT.parent, CHECKOUT.parent.parent)  # a worktree sits one deeper
        if (base / "shared" / "data").is_dir()
    ),
    None,
)
"""../shared/data, or None where it is not available (tests that need it skip)."""


def public_dev_rows() -> Iterator[tuple[str, str]]:
    """(text, language) of every dev row of the public sets, and the same text in capitals
    (capitals and the Turkish dotted İ). The hand-written sets are left out: they grow."""
    sys.path.insert(0, str(CHECKOUT))
    try:
        from training import data
    finally:
        sys.path.remove(str(CHECKOUT))
    assert DATA is not None
    for loader in (
        data.offensive_tr,
        data.offensive_en,
        data.sentiment_en,
        data.sentiment_es,
        data.scam_en,
    ):
        _, dev = loader(DATA)
        for row in dev:
            yield row.text, row.lang
            yield row.text.upper(), row.lang
