"""Exact and near-duplicate mentions: the same text from many accounts, retweet-style copies.

A mention's *dedup text* is its folded text without what copies change: a leading
"RT @x:", links, handles, numbers, emoji and punctuation. Equal dedup texts are exact
copies. Near copies (a word added or changed) are found with MinHash over words and word
pairs and locality-sensitive hashing: :data:`BANDS` bands of :data:`ROWS` minima each; two
texts sharing a band are compared on all minima, and an estimated Jaccard similarity of
:data:`MIN_SIMILARITY` or more makes them copies.

Hand-written with numpy because datasketch, the usual library, cost 320 µs a mention here
(pure-Python hashing per shingle), more than the whole pipeline's budget.

The index is bounded in time (``window`` seconds) and size (``max_items``), so a month of
stream costs no more memory than a day.
"""

from __future__ import annotations

import itertools
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex

ROWS = 4
BANDS = 8
PERMUTATIONS = ROWS * BANDS
MIN_SIMILARITY = 0.7
MAX_CANDIDATES = 16
"""Clusters compared per band."""
MIN_NEAR_TOKENS = 5
"""Shorter texts are compared exactly only: a few words say too little."""
_RT = regex.compile(r"^\s*(?:rt|via)\s*@[\w.@-]+:?\s*")
_NOISE = regex.compile(r"https?://\S+|www\.\S+|[@#]?[\w.-]*\d[\w.-]*|@[\w.@-]+|[^\p{L}\s#]+")
_SPACES = regex.compile(r"\s+")
# Fixed odd multipliers and offsets: a stable family of hash permutations (mod 2**64).
_RANDOM = np.random.default_rng(20261205)
_MULTIPLY = _RANDOM.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(
    2
) + np.uint64(1)
_ADD = _RANDOM.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)

Signature = np.ndarray[Any, np.dtype[np.uint64]]


def dedup_text(folded: str) -> str:
    """The folded text reduced to what a copy keeps."""
    text = _RT.sub("", folded)
    text = _NOISE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def minhash(tokens: list[str]) -> Signature:
    """:data:`PERMUTATIONS` minima over the words and adjacent word pairs.

    Shingles are hashed with CRC-32 (stable across processes, unlike ``hash()``, and a
    fifth of blake2b's cost); the permutations spread it over 64 bits."""
    shingles = set(tokens) | {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    hashes = np.fromiter(
        (zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles)
    )
    signature: Signature = (hashes[:, None] * _MULTIPLY + _ADD).min(axis=0)
    return signature


def _band_keys(signature: Signature) -> list[bytes]:
    raw = signature.tobytes()
    size = ROWS * 8
    return [bytes((i,)) + raw[i * size : (i + 1) * size] for i in range(BANDS)]


@dataclass(frozen=True, slots=True)
class DedupResult:
    key: str
    """The cluster a mention belongs to: its first copy's dedup text."""
    copies: int
    """How many copies of this cluster the index has seen, this one included."""
    exact: bool = False
    """The same dedup text was seen before (not merely a near copy)."""

    @property
    def duplicate(self) -> bool:
        return self.copies > 1


@dataclass(slots=True)
class _Cluster:
    key: str
    copies: int
    signature: Signature | None = None


@dataclass(slots=True)
class DedupIndex:
    window: float = 6 * 3600.0
    max_items: int = 200_000
    _exact: dict[str, _Cluster] = field(default_factory=dict)
    _bands: dict[bytes, list[_Cluster]] = field(default_factory=dict)
    _order: deque[tuple[float, str, list[bytes]]] = field(default_factory=deque)

    def __len__(self) -> int:
        return len(self._exact)

    def _evict(self, now: float) -> None:
        order = self._order
        while order and (order[0][0] <= now or len(order) > self.max_items):
            _, text, bands = order.popleft()
            cluster = self._exact.pop(text, None)
            for band in bands:
                entries = self._bands.get(band)
                if entries is None:
                    continue
                entries[:] = [c for c in entries if c is not cluster]
                if not entries:
                    del self._bands[band]

    def _near(self, signature: Signature, bands: list[bytes]) -> _Cluster | None:
        for band in bands:
            # The most recent clusters of a band: a copy storm keeps adding to one band,
            # and comparing against all of it would cost more than it finds.
            for cluster in self._bands.get(band, ())[-MAX_CANDIDATES:]:
                assert cluster.signature is not None
                if (
                    np.count_nonzero(cluster.signature == signature)
                    >= MIN_SIMILARITY * PERMUTATIONS
                ):
                    return cluster
        return None

    def add(self, folded: str, now: float) -> DedupResult:
        """Record a mention's folded text seen at ``now`` and say whose copy it is."""
        return self.add_text(dedup_text(folded), now)

    def add_text(self, text: str, now: float) -> DedupResult:
        """:meth:`add` for a text already reduced with :func:`dedup_text`."""
        self._evict(now)
        cluster = self._exact.get(text)
        if cluster is not None:
            cluster.copies += 1
            return DedupResult(cluster.key, cluster.copies, exact=True)
        tokens = text.split()
        bands: list[bytes] = []
        near = None
        if len(tokens) >= MIN_NEAR_TOKENS:
            signature = minhash(tokens)
            bands = _band_keys(signature)
            near = self._near(signature, bands)
        if near is not None:
            near.copies += 1
            cluster, bands = near, []
        else:
            cluster = _Cluster(text, 1, signature if bands else None)
            for band in bands:
                self._bands.setdefault(band, []).append(cluster)
        self._exact[text] = cluster
        self._order.append((now + self.window, text, bands))
        return DedupResult(cluster.key, cluster.copies)
