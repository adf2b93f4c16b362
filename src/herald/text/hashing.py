"""Stable, vectorised hashing of character n-grams (numpy only).

Used by the fast language identifier and by the script that trains it, so both hash the
same way. The hash is a fixed polynomial over code points followed by a finaliser: stable
across processes and platforms, unlike Python's ``hash()``. Each n-gram's hash extends
that of its (n-1)-gram prefix by one code point, so all sizes cost one multiply-xor each.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_MASK = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(0x01000193)
_SEED = np.uint64(0x811C9DC5)

IntArray = np.ndarray[Any, np.dtype[np.int64]]


def char_ngram_hashes(text: str, max_n: int, bits: int) -> IntArray:
    """Bucket (``0 .. 2**bits - 1``) of every 1- to ``max_n``-gram of code points in ``text``."""
    data = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    size = len(data)
    if size == 0:
        return np.zeros(0, dtype=np.int64)
    h = data ^ _SEED
    parts = [h + np.uint64(1)]
    for n in range(2, max_n + 1):
        count = size - n + 1
        if count <= 0:
            break
        h = ((h[:count] * _PRIME) ^ data[n - 1 : n - 1 + count]) & _MASK
        parts.append(h + np.uint64(n))
    out = np.concatenate(parts)
    # Finalise (xor-shift-multiply) so nearby n-grams spread over the whole space.
    out ^= out >> np.uint64(15)
    out = (out * np.uint64(0x2C1B3C6D)) & _MASK
    out ^= out >> np.uint64(12)
    return (out & np.uint64((1 << bits) - 1)).astype(np.int64)
