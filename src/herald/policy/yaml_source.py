"""Reading YAML while remembering where every value came from (file:line:column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def _scalar(node: yaml.ScalarNode) -> Any:
    # Resolve with the safe loader's own rules (ints, bools, nulls...) for one scalar.
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _build(node: yaml.Node, path: Path, smap: SourceMap, problems: list[Problem]) -> Any:
    smap.marks[path] = Mark(smap.file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int | bool) or isinstance(key, bool):
                # Keys like `yes:` become booleans in YAML 1.1; say so instead of guessing.
                mark = key_node.start_mark
                problems.append(Problem(smap.file, mark.line + 1, mark.column + 1, "key_not_text"))
                continue
            if key in out:
                mark = key_node.start_mark
                problems.append(
                    Problem(
                        smap.file, mark.line + 1, mark.column + 1, "duplicate_key", {"key": key}
                    )
                )
                continue
            out[key] = _build(value_node, (*path, key), smap, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), smap, problems) for i, item in enumerate(node.value)]
    return _scalar(node)  # type: ignore[arg-type]


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise PolicyError with file:line:column on any problem."""
    smap = SourceMap(file)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        # PyYAML's reason ("found unexpected end of stream") is English only; kept as is.
        reason = exc.problem or str(exc)
        raise PolicyError(
            [Problem(file, line, column, "yaml_syntax", {"reason": reason})]
        ) from None
    except yaml.YAMLError as exc:
        raise PolicyError([Problem(file, 0, 0, "yaml_error", {"reason": str(exc)})]) from None
    if node is None:
        raise PolicyError([Problem(file, 0, 0, "empty_file")])
    problems: list[Problem] = []
    data = _build(node, (), smap, problems)
    if problems:
        raise PolicyError(problems)
    return data, smap
