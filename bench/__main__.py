"""`python -m bench [NAME...]`: run benchmarks by name (default: all that are installed)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "engine": "bench.engine",
    "workflow": "bench.workflow",
    "web": "bench.web",
    "signin": "bench.signin",
    "models": "bench.models",
    "cli": "bench.cli",
    "conformance": "bench.conformance",
    "document": "bench.document",
    "publishing": "bench.publishing",
    "inbox": "bench.inbox",
    "listening": "bench.listening",
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    for name in names:
        print(f"=== {name}")
        importlib.import_module(BENCHMARKS[name]).main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
