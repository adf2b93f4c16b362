"""Features are exactly what the shipped models were trained on.

A digest of every feature (indices, values, tokens, lexicon hits, word features, word
block size) over the dev texts of the public datasets in ../shared/data, in upper case
too, is recorded with the FEATURE_VERSION it belongs to. A speed-up must leave it alone;
a deliberate change to features, normalisation or the lexicon changes it: bump
FEATURE_VERSION if the features changed meaning, retrain (`herald train`), and record
the new digest with ``PYTHONPATH=tests python tests/nlp/test_features_reference.py``.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from herald.nlp.classifier import shared_featurizer
from herald.nlp.features import FEATURE_VERSION, Features
from shared_data import DATA, public_dev_rows

RECORDED_VERSION = 3
RECORDED_DIGEST = "5c52443ff389486e2b18d6b463ce3306f2b4f929ae43c82a1002c1eb79324a51"


def _update(digest: hashlib._Hash, features: Features) -> None:
    digest.update(features.indices.astype(np.int64).tobytes())
    digest.update(features.values.astype(np.float32).tobytes())
    digest.update("\0".join(features.tokens).encode("utf-8", "surrogatepass"))
    digest.update(repr(features.hits).encode("utf-8", "surrogatepass"))
    digest.update(repr(features.word_features).encode("utf-8", "surrogatepass"))
    digest.update(str(features.n_word).encode())


def features_digest() -> str:
    featurizer = shared_featurizer()
    digest = hashlib.sha256()
    for text, lang in public_dev_rows():
        _update(digest, featurizer.extract(text, lang))
    return digest.hexdigest()


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_features_on_every_dev_text_match_the_recorded_digest() -> None:
    assert FEATURE_VERSION == RECORDED_VERSION, "features changed version: record a new digest"
    assert features_digest() == RECORDED_DIGEST


if __name__ == "__main__":
    print(f"RECORDED_VERSION = {FEATURE_VERSION}")
    print(f'RECORDED_DIGEST = "{features_digest()}"')
