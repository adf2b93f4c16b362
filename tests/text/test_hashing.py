from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from herald.text.hashing import char_ngram_hashes


def test_values_are_frozen() -> None:
    # The shipped langid.npz was trained with these values: a change here needs a retrain.
    assert char_ngram_hashes(" ab ", 4, 17).tolist() == FROZEN


FROZEN = [25496, 17126, 129075, 25496, 114955, 123909, 1068, 37108, 22066, 99672]


@given(st.text(max_size=40), st.integers(1, 5), st.integers(4, 20))
def test_one_bucket_per_ngram_in_range(text: str, max_n: int, bits: int) -> None:
    out = char_ngram_hashes(text, max_n, bits)
    size = len(text)
    assert len(out) == sum(max(size - n + 1, 0) for n in range(1, max_n + 1))
    assert out.dtype == np.uint64
    assert np.all(out < (1 << bits))


def test_same_ngram_same_bucket_wherever_it_is() -> None:
    a = char_ngram_hashes("xyz", 3, 17).tolist()
    b = char_ngram_hashes("ayz", 3, 17).tolist()
    # 1-grams: x y z / a y z; 2-grams: xy yz / ay yz; 3-grams: xyz / ayz
    assert a[1:3] == b[1:3]  # "y", "z"
    assert a[4] == b[4]  # "yz"
    assert a[0] != b[0]
    assert a[5] != b[5]
