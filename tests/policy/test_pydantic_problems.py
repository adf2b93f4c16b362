from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from herald.policy.pydantic_problems import coded_error
from herald.types import Severity


class _Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="x", min_length=1, max_length=5)
    count: int = Field(default=0, ge=0, le=10)
    severity: Severity = Severity.WARN
    flags: list[str] = []
    odd: int = 1

    @field_validator("odd")
    @classmethod
    def _must_be_odd(cls, value: int) -> int:
        if value % 2 == 0:
            raise ValueError("must be odd")
        return value


def _coded(**data: Any) -> tuple[str, dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        _Sample.model_validate(data)
    (error,) = info.value.errors()
    field = next(str(p) for p in reversed(error["loc"]) if isinstance(p, str))
    return coded_error(error, field)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"colour": 1}, ("unknown_field", {"field": "colour"})),
        ({"name": 3}, ("not_text", {"field": "name"})),
        ({"name": ""}, ("empty_value", {"field": "name"})),
        ({"name": "toolong"}, ("text_too_long", {"field": "name", "limit": 5})),
        ({"count": "many"}, ("not_integer", {"field": "count"})),
        ({"count": -1}, ("too_small", {"field": "count", "limit": 0})),
        ({"count": 11}, ("too_big", {"field": "count", "limit": 10})),
        ({"flags": "a"}, ("not_list", {"field": "flags"})),
        (
            {"severity": "loud"},
            ("not_one_of", {"field": "severity", "allowed": ["info", "warn", "review", "block"]}),
        ),
    ],
)
def test_pydantic_errors_become_codes_with_arguments(
    data: dict[str, Any], expected: tuple[str, dict[str, Any]]
) -> None:
    assert _coded(**data) == expected


def test_an_unmapped_error_keeps_its_english_reason() -> None:
    assert _coded(odd=2) == ("invalid_value", {"field": "odd", "reason": "must be odd"})
