"""Normalisation, folding and lower-casing give the same output as before they were sped up.

The digests were computed from the unoptimised code on the dev texts of the public
datasets in ../shared/data (the hand-written sets are left out: they grow). A deliberate
change to normalisation (e.g. hashtag handling) changes a digest: recompute it then with
``PYTHONPATH=tests python tests/nlp/test_normalize_reference.py`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

import pytest

from herald.nlp.normalize import normalize
from herald.text.fold import deobfuscate, fold, lower
from shared_data import DATA, public_dev_rows

VIEWS: dict[str, Callable[[str], str]] = {
    "normalize": normalize,
    "fold": lambda text: fold(text).folded,
    "deobfuscate": lambda text: deobfuscate(fold(text).folded),
    "lower": lower,
}
EXPECTED = {
    "normalize": "03d94dbaca29aa00b867d3c05a3bb561f2656db4245f760a3506d81e55a61f1f",
    "fold": "a827b5f4e9ab71a0f90818ed8bfd681986ffc53d4fb6af375528a827aa0c2371",
    "deobfuscate": "abe2bc3ab77b8aaf92dd7da1888ca88ffd483de6229c91d6afc3821a62dbdc09",
    "lower": "ac9a88ebf83cbc7dbc979c5aa05d9ee2e21fecd88fcc5626b0a7c6b484ea1bf6",
}


def _dev_texts() -> Iterator[str]:
    return (text for text, _ in public_dev_rows())


def _digest(view: Callable[[str], str], texts: list[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(view(text).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_same_output_on_every_dev_text(name: str) -> None:
    texts = list(_dev_texts())
    assert len(texts) > 10000
    assert _digest(VIEWS[name], texts) == EXPECTED[name]


if __name__ == "__main__":
    corpus = list(_dev_texts())
    for key, fn in VIEWS.items():
        print(f'    "{key}": "{_digest(fn, corpus)}",')
