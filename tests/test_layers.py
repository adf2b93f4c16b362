"""The packages depend downwards only (docs/architecture.md): an import that climbs a layer,
or goes sideways between two packages of one layer, fails here with the file and line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import herald

ROOT = Path(herald.__file__).parent

# Higher numbers may import lower ones, never the reverse nor their equals.
LAYER = {
    "types": 0,
    "store": 1,
    "connectors": 1,  # one module per network; knows nothing of Herald beyond its types
    "text": 2,
    "security": 2,
    "nlp": 3,
    "detectors": 4,
    "listening": 4,
    "policy": 5,
    "scan": 6,
    "redact": 7,
    "services": 8,
    "tasks": 9,
    "web": 10,
    "cli": 11,
}


def _package(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "herald":
                found.append((node.lineno, "__init__"))
            elif node.module.startswith("herald."):
                found.append((node.lineno, node.module.split(".")[1]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("herald."):
                    found.append((node.lineno, alias.name.split(".")[1]))
    return found


def _violations() -> list[str]:
    out: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        own = _package(path)
        if own == "__init__":
            continue  # the public façade re-exports from below
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, target in _imports(tree):
            if target == own:
                continue
            rel = path.relative_to(ROOT.parent)
            if target == "__init__":
                out.append(f"{rel}:{line}: imports the public façade `herald`; import the module")
            elif target not in LAYER or own not in LAYER:
                out.append(f"{rel}:{line}: {own} -> {target}: a package missing from LAYER")
            elif LAYER[target] >= LAYER[own]:
                out.append(f"{rel}:{line}: {own} (layer {LAYER[own]}) imports {target}")
    return out


def test_every_package_has_a_layer() -> None:
    packages = {_package(p) for p in ROOT.rglob("*.py")} - {"__init__"}
    assert packages <= set(LAYER), sorted(packages - set(LAYER))


def test_imports_go_downwards_only() -> None:
    assert _violations() == []


@pytest.mark.parametrize("source", ["from herald.web import app\n", "import herald.cli.main\n"])
def test_an_upward_import_is_caught(source: str) -> None:
    ((line, target),) = _imports(ast.parse(source))
    assert line == 1
    assert LAYER[target] > LAYER["services"]
