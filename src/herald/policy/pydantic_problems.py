"""Pydantic validation errors as problem codes and arguments (see ``messages.MESSAGES``).

Pydantic's own messages are English only; each error type we can name gets a code with
its details as arguments. Anything else keeps pydantic's English text as ``reason``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from herald.policy.messages import ProblemArg

Coded = tuple[str, dict[str, ProblemArg]]

_BY_TYPE = {
    "string_type": "not_text",
    "int_type": "not_integer",
    "int_parsing": "not_integer",
    "int_from_float": "not_integer",
    "float_type": "not_number",
    "float_parsing": "not_number",
    "bool_type": "not_boolean",
    "bool_parsing": "not_boolean",
    "list_type": "not_list",
    "tuple_type": "not_list",
    "set_type": "not_list",
    "dict_type": "not_mapping",
    "model_type": "not_mapping",
    "model_attributes_type": "not_mapping",
}

# Errors our own validators raise with PydanticCustomError: the type is already our code.
CUSTOM_CODES = frozenset({"message_missing", "matcher_empty", "unsupported_schema_version"})

_QUOTED = re.compile(r"'([^']*)'")


def _allowed(expected: str) -> list[str]:
    """Pydantic lists an enum's values as "'a', 'b' or 'c'"; keep just the values."""
    values = _QUOTED.findall(expected)
    return values or [expected]


def _number(value: Any) -> ProblemArg:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def coded_error(error: Mapping[str, Any], field: str) -> Coded:
    """The code and arguments for one pydantic error about ``field``."""
    kind = str(error["type"])
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in CUSTOM_CODES:
        return kind, {"field": field, **{k: _json_safe(v) for k, v in ctx.items()}}
    if kind == "missing":
        return "missing_field", {"field": field}
    if kind == "extra_forbidden":
        return "unknown_field", {"field": field}
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return "not_one_of", {"field": field, "allowed": _allowed(str(ctx["expected"]))}
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        return "pattern_mismatch", {"field": field, "pattern": str(ctx["pattern"])}
    if kind == "greater_than_equal" and "ge" in ctx:
        return "too_small", {"field": field, "limit": _number(ctx["ge"])}
    if kind == "less_than_equal" and "le" in ctx:
        return "too_big", {"field": field, "limit": _number(ctx["le"])}
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        return "empty_value", {"field": field}
    if kind == "string_too_long" and "max_length" in ctx:
        return "text_too_long", {"field": field, "limit": _number(ctx["max_length"])}
    if kind in _BY_TYPE:
        return _BY_TYPE[kind], {"field": field}
    reason = str(error.get("msg", kind)).removeprefix("Value error, ")
    return "invalid_value", {"field": field, "reason": reason}


def _json_safe(value: Any) -> ProblemArg:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return str(value)
