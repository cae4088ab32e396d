"""Batch search through the command line: `credbot search - --json`, one query a line on stdin.

python -m benchmarks.batch_search [--queries 1000] [--size 100000] [--repeat 3]

For each store (the default catalogue, seeded into a fresh SQLite file, and the 100,000-credential
synthetic store of `benchmarks.synthetic_store`), it runs the command in a fresh process:

- start-up, cold: wall time of a run answering one query with no saved index (interpreter,
  imports, store, index build and save, one query, exit);
- start-up, warm: the same run when the index saved beside the store is read back instead (the
  usual case: the catalogue has not changed since the last run); the saved index's size on disk;
- total: wall time of a (warm) run answering every query;
- per query: (total - start-up) / (queries - 1), the cost of each further query;
- first line: time until the first answer line reaches the pipe.

Beside them, the in-process baseline: `CatalogueSearch.search` plus the JSON line, timed in this
process over the same queries (median of the per-query medians).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.synthetic import synthetic_queries
from benchmarks.synthetic_store import CACHE, store_url, synthetic_store
from bot.search.cache import IndexCache


def run_batch(url: str, queries: Sequence[str]) -> tuple[float, float, int]:
    """(total seconds, seconds to the first output line, output lines) of one CLI run."""
    env = dict(os.environ, LANG="en_CA.UTF-8", CREDBOT_LOCALE="en")
    command = [sys.executable, "-m", "bot", "--db", url, "search", "-", "--json"]
    data = ("\n".join(queries) + "\n").encode()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    # A writer thread is not needed while the queries fit the pipe buffer (64 KB).
    if len(data) > 60_000:
        raise SystemExit("too many queries for one pipe write")
    process.stdin.write(data)
    process.stdin.close()
    first = process.stdout.readline()
    first_at = time.perf_counter() - start
    rest = process.stdout.read()
    code = process.wait()
    total = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}): {process.stderr.read().decode()}")  # type: ignore[union-attr]
    lines = (first + rest).decode().splitlines()
    json.loads(lines[0])
    return total, first_at, len(lines)


def in_process_ms(url: str, queries: Sequence[str], repeat: int) -> float:
    from bot.frontends.cli import search_json
    from bot.search.service import CatalogueSearch
    from bot.store.db import Database

    search = CatalogueSearch(Database(url))
    search.refresh()
    samples: list[list[float]] = [[] for _ in queries]
    for _ in range(repeat):
        for i, query in enumerate(queries):
            start = time.perf_counter()
            result = search.search(query, locale="en", limit=10)
            json.dumps(
                {"query": query, "results": [search_json(h.credential, h.score, "en") for h in result.hits]},
                ensure_ascii=False,
            )
            samples[i].append((time.perf_counter() - start) * 1000)
    return statistics.median(statistics.median(s) for s in samples)


def measure(name: str, url: str, queries: Sequence[str], repeat: int) -> None:
    cache = IndexCache.for_url(url)
    assert cache is not None

    def cold_startup() -> float:
        shutil.rmtree(cache.directory, ignore_errors=True)
        return run_batch(url, queries[:1])[0]

    run_batch(url, queries[:1])  # warm the OS file cache (and seed a new store)
    colds: list[float] = []
    startups: list[float] = []
    totals: list[float] = []
    firsts: list[float] = []
    for _ in range(repeat):
        colds.append(cold_startup())  # leaves the index saved for the warm runs
        startups.append(run_batch(url, queries[:1])[0])
        total, first, lines = run_batch(url, queries)
        assert lines == len(queries), (lines, len(queries))
        totals.append(total)
        firsts.append(first)
    cold = statistics.median(colds)
    startup = statistics.median(startups)
    total = statistics.median(totals)
    per_query = (total - startup) / (len(queries) - 1) * 1000
    baseline = in_process_ms(url, queries, repeat)
    size = cache.path.stat().st_size / 1e6
    print(
        f"{name}: {len(queries)} queries in {total:.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in totals)}); first line after "
        f"{statistics.median(firsts):.2f} s"
    )
    print(
        f"{'':4}start-up cold {cold:.2f} s (one-query runs: {', '.join(f'{t:.2f}' for t in colds)}), "
        f"warm {startup:.2f} s (runs: {', '.join(f'{t:.2f}' for t in startups)}); "
        f"saved index {size:.1f} MB"
    )
    print(
        f"{'':4}per query {per_query:.2f} ms through the CLI, {baseline:.2f} ms in process "
        f"(ratio {per_query / baseline:.2f}x); start-up (warm) is {startup / total:.0%} of the total"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_search")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--size", type=int, default=100_000, help="synthetic store size (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    queries = [q.replace("\n", " ") for q in synthetic_queries(args.queries)]
    print(f"== batch search: credbot search - --json, {len(queries)} queries, {args.repeat} runs ==")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        measure("default catalogue", store_url(Path(tmp) / "default.sqlite3"), queries, args.repeat)
    if args.size:
        measure(f"{args.size:,} credentials", store_url(synthetic_store(args.size)), queries, args.repeat)


if __name__ == "__main__":
    main()
