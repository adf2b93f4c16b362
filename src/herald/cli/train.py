"""``herald train``: rebuild the shipped model files from ../shared/data.

Runs the pipeline in the repository's ``training/`` folder (it is not part of the
installed package) and needs the ``train`` extra (scikit-learn, scipy).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

TASK_NAMES = ("offensive", "sentiment", "scam", "langid")


def _checkout() -> Path:
    """The source checkout that holds ``training/`` (from here or from the package path)."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *Path.cwd().parents, *here.parents):
        if (base / "training" / "pipeline.py").is_file():
            return base
    raise click.ClickException(
        "cannot find the training/ folder: run `herald train` inside a Herald checkout"
    )


def _default_data(checkout: Path) -> Path:
    for base in (checkout.parent, checkout.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return checkout.parent / "shared" / "data"


@click.command("train")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Training data folder (default: ../shared/data).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to write model files (default: src/herald/nlp/models).",
)
@click.option(
    "--task",
    "tasks",
    multiple=True,
    type=click.Choice(TASK_NAMES),
    help="Train only this task (repeatable).",
)
@click.option("--sample", type=int, default=None, help="Train on about N rows (smoke test).")
def train(
    data_dir: Path | None, out: Path | None, tasks: tuple[str, ...], sample: int | None
) -> None:
    """Train the offensive, sentiment, scam and language-id models; print their dev scores."""
    checkout = _checkout()
    data_dir = data_dir or _default_data(checkout)
    if not (data_dir / "wordlists").is_dir():
        raise click.ClickException(f"{data_dir}: not a Herald training-data folder")
    sys.path.insert(0, str(checkout))
    try:
        pipeline = importlib.import_module("training.pipeline")
    except ImportError as exc:
        raise click.ClickException(
            f"training needs the 'train' extra ({exc.name} is missing): pip install -e '.[train]'"
        ) from exc
    out = out or checkout / "src" / "herald" / "nlp" / "models"
    pipeline.run(data_dir, out, tasks or TASK_NAMES, sample, checkout / "training" / "out" / "dev")
