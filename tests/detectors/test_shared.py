from __future__ import annotations

from collections.abc import Iterator

from herald.detectors.base import Detection, NoParams
from herald.detectors.shared import SharedDetector
from herald.text.document import Document
from herald.types import Category, OrgSettings, ScanContext


class Counting(SharedDetector):
    name = "counting-test"
    entities = ("X",)
    category = Category.PERSONAL_DATA
    calls = 0

    def detect(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        Counting.calls += 1
        yield Detection("X", 0, 1, 1.0)


def test_runs_once_per_document_for_every_rule() -> None:
    org = OrgSettings()
    first, second = Counting(NoParams(), org), Counting(NoParams(), org)
    doc, ctx = Document("x", "en"), ScanContext(lang="en")
    assert first.analyze(doc, ctx) == second.analyze(doc, ctx)
    assert Counting.calls == 1
    first.analyze(Document("x", "en"), ctx)  # another document: analysed again
    assert Counting.calls == 2
