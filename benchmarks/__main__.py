"""Run every benchmark: `python -m benchmarks [name ...]`. A benchmark is a module with a
`main(argv)` that prints its figures beside its baselines; add yours to BENCHMARKS."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS: dict[str, str] = {
    "search_speed": "benchmarks.search_speed",
    "batch_search": "benchmarks.batch_search",
    "relevance": "benchmarks.relevance",
    "bundle_speed": "benchmarks.bundle_speed",
    "understanding": "benchmarks.understanding",
    "faults": "benchmarks.faults",
    "load": "benchmarks.load",
}


def main(argv: list[str]) -> None:
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; known: {', '.join(BENCHMARKS)}")
    for name in names:
        importlib.import_module(BENCHMARKS[name]).main([])
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
