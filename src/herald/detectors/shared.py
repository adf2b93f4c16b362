"""Detectors that several rules use, one rule per entity with its own severity.

A policy pack gives, say, "risky-links.org-lookalike" (block) and "risky-links.shortener"
(warn) from the same detector; each rule holds its own instance. ``SharedDetector`` runs
the analysis once per document and hands the same detections to every rule.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable
from typing import Any
from weakref import WeakKeyDictionary

from herald.detectors.base import Detection, Detector
from herald.text.document import Document
from herald.types import ScanContext

_RESULTS: WeakKeyDictionary[Document, dict[Any, tuple[Detection, ...]]] = WeakKeyDictionary()


class SharedDetector(Detector):
    """A detector whose results are computed once per document, context and settings."""

    def analyze(self, doc: Document, ctx: ScanContext) -> tuple[Detection, ...]:
        per_doc = _RESULTS.get(doc)
        if per_doc is None:
            per_doc = _RESULTS[doc] = {}
        key = (type(self), self.params, self.org, ctx)
        found = per_doc.get(key)
        if found is None:
            found = per_doc[key] = tuple(self.detect(doc, ctx))
        return found

    @abstractmethod
    def detect(self, doc: Document, ctx: ScanContext) -> Iterable[Detection]:
        """Candidate findings in ``doc`` (called once per document)."""
