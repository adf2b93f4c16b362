"""Reading YAML while remembering where every value came from (file:line:column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from herald.policy.errors import PolicyError, Problem
from herald.policy.messages import ProblemArg

Path = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (about five times faster); same marks.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Mark:
    file: str
    line: int
    column: int


@dataclass(slots=True)
class SourceMap:
    """Where each value of a parsed document starts, by its path of keys and indices."""

    file: str
    marks: dict[Path, Mark] = field(default_factory=dict)

    def find(self, path: Path) -> Mark:
        """The mark of ``path``, or of its nearest ancestor that has one."""
        while path:
            mark = self.marks.get(path)
            if mark is not None:
                return mark
            path = path[:-1]
        return self.marks.get((), Mark(self.file, 1, 1))

    def problem(self, path: Path, code: str, /, **args: ProblemArg) -> Problem:
        """A problem (``code`` from ``herald.policy.messages``) at ``path``."""
        mark = self.find(path)
        return Problem(mark.file, mark.line, mark.column, code, args)


MAX_CHARS = 2_000_000
MAX_DEPTH = 64
"""Packs nest six or seven levels; anything far deeper is hostile or broken."""
MAX_NODES = 100_000
"""The built-in default pack holds about 1,600 values."""

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP = _YAML + "timestamp"


class _SafeError(Exception):
    """The first thing the screening pass refuses, as a problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.code)


class _Position(Protocol):
    line: int
    column: int


def _at(file: str, mark: _Position | None, code: str, **args: ProblemArg) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return Problem(file, line, column, code, args)


def _screen(text: str, file: str) -> None:
    """Walk the YAML events once, refusing what no pack needs before anything is built.

    Aliases are refused outright (a 352-byte "billion laughs" pack expands to gigabytes
    when built); explicit tags are refused (``!!python/...``, ``!!int x``); depth and
    the number of values are capped. The walk stops at the first refusal, so a hostile
    document costs no more than reading up to it.
    """
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise _SafeError(_at(file, event.start_mark, "yaml_alias"))
        if not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            continue
        if event.tag is not None:
            raise _SafeError(_at(file, event.start_mark, "yaml_tag", tag=event.tag))
        nodes += 1
        if nodes > MAX_NODES:
            raise _SafeError(_at(file, event.start_mark, "yaml_too_many_nodes", limit=MAX_NODES))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _SafeError(_at(file, event.start_mark, "yaml_too_deep", limit=MAX_DEPTH))


_NO_VALUE = object()


def _scalar(node: yaml.ScalarNode, file: str, problems: list[Problem]) -> Any:
    """One scalar under the safe loader's rules (ints, bools, nulls...), plain types only.

    A date stays the text it was written as; YAML 1.1's ``=`` (value) and ``<<`` (merge)
    and any other type are refused at their line. Returns ``_NO_VALUE`` when refused.
    """
    if node.tag == _TIMESTAMP:
        return node.value
    if node.tag not in _PLAIN_TAGS:
        problems.append(_at(file, node.start_mark, "yaml_tag", tag=node.value or node.tag))
        return _NO_VALUE
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as exc:  # an int too long to convert, for one
        problems.append(_at(file, node.start_mark, "yaml_bad_scalar", reason=str(exc)))
        return _NO_VALUE
    finally:
        loader.dispose()


def _build(node: yaml.Node, path: Path, smap: SourceMap, problems: list[Problem]) -> Any:
    smap.marks[path] = Mark(smap.file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = _scalar(key_node, smap.file, problems)
                if key is _NO_VALUE:
                    continue
            else:
                key = None
            if not isinstance(key, str | int | bool) or isinstance(key, bool):
                # Keys like `yes:` become booleans in YAML 1.1; say so instead of guessing.
                problems.append(_at(smap.file, key_node.start_mark, "key_not_text"))
                continue
            if key in out:
                problems.append(_at(smap.file, key_node.start_mark, "duplicate_key", key=key))
                continue
            out[key] = _build(value_node, (*path, key), smap, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), smap, problems) for i, item in enumerate(node.value)]
    value = _scalar(node, smap.file, problems)  # type: ignore[arg-type]
    return None if value is _NO_VALUE else value


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise PolicyError with file:line:column on any problem.

    Safe for hostile input: size, depth and value count are capped, aliases and tags
    refused (see ``_screen``), and only text, numbers, booleans, nulls, lists and
    mappings come out.
    """
    if len(text) > MAX_CHARS:
        raise PolicyError([Problem(file, 0, 0, "yaml_too_large", {"limit": MAX_CHARS})])
    smap = SourceMap(file)
    try:
        _screen(text, file)
        node = yaml.compose(text, Loader=_LOADER)
    except _SafeError as exc:
        raise PolicyError([exc.problem]) from None
    except yaml.MarkedYAMLError as exc:
        # PyYAML's reason ("found unexpected end of stream") is English only; kept as is.
        reason = exc.problem or str(exc)
        raise PolicyError([_at(file, exc.problem_mark, "yaml_syntax", reason=reason)]) from None
    except yaml.YAMLError as exc:
        raise PolicyError([Problem(file, 0, 0, "yaml_error", {"reason": str(exc)})]) from None
    if node is None:
        raise PolicyError([Problem(file, 0, 0, "empty_file")])
    problems: list[Problem] = []
    data = _build(node, (), smap, problems)
    if problems:
        raise PolicyError(problems)
    return data, smap
