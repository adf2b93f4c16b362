"""One checked record: the record and its result, or its error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herald.cli.inputs import Record
from herald.types import ScanResult


@dataclass(frozen=True, slots=True)
class Outcome:
    record: Record
    result: ScanResult | None = None
    error_code: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.record.id, "source": self.record.source}
        if self.record.line is not None:
            out["line"] = self.record.line
        if self.result is not None:
            out.update(self.result.to_dict())
        else:
            out["error"] = {"code": self.error_code, "message": self.error}
        return out


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
