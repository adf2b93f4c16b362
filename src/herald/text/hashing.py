"""Stable, vectorised hashing of character n-grams (numpy only).

Used by the fast language identifier and by the script that trains it, so both hash the
same way. The hash is a fixed polynomial over code points (each n-gram's value extends
that of its (n-1)-gram prefix by one code point, so all sizes cost one multiply-xor each),
wrapping modulo 2**64, then multiply-shift into ``2**bits`` buckets: stable across
processes and platforms, unlike Python's ``hash()``, and a handful of numpy calls a text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_PRIME = np.uint64(0x100000001B3)
_SEED = np.uint64(0xCBF29CE484222325)
_SPREAD = np.uint64(0x9E3779B97F4A7C15)

UIntArray = np.ndarray[Any, np.dtype[np.uint64]]


def char_ngram_hashes(text: str, max_n: int, bits: int) -> UIntArray:
    """Bucket (``0 .. 2**bits - 1``) of every 1- to ``max_n``-gram of code points in ``text``."""
    data = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    size = len(data)
    h = data ^ _SEED
    parts = [h]
    for n in range(2, min(max_n, size) + 1):
        h = (h[:-1] * _PRIME) ^ data[n - 1 :]  # wraps modulo 2**64 (numpy arrays do)
        parts.append(h)
    out: UIntArray = (np.concatenate(parts) * _SPREAD) >> np.uint64(64 - bits)
    return out
