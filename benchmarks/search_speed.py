"""Search speed at scale: our index against brute-force rapidfuzz and SQLite FTS5, in one run.

python -m benchmarks.search_speed [--size 100000] [--queries 600] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import pickle
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from benchmarks.synthetic import synthetic_catalogue, synthetic_queries
from bot.catalogue.model import CredentialRecord
from bot.search.index import SearchIndex
from bot.search.text import normalise, split_words


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_queries(
    run: Callable[[str], object], queries: Sequence[str], repeat: int
) -> tuple[float, float, float]:
    """Per-query latency in ms: each query timed `repeat` times; (p50, p95) of the per-query
    medians, and the p95 over every single sample."""
    samples: list[list[float]] = [[] for _ in queries]
    for _ in range(repeat):
        for i, query in enumerate(queries):
            start = time.perf_counter()
            run(query)
            samples[i].append((time.perf_counter() - start) * 1000)
    medians = [statistics.median(s) for s in samples]
    every = [value for s in samples for value in s]
    return statistics.median(medians), percentile(medians, 0.95), percentile(every, 0.95)


def fts5_table(records: Sequence[CredentialRecord]) -> tuple[sqlite3.Connection, float]:
    start = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, skills, keywords, description,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO docs(rowid, title, skills, keywords, description) VALUES (?, ?, ?, ?, ?)",
        (
            (
                position,
                " ".join(r.name.values()),
                " ".join(t for s in r.skills for t in s.label.values()),
                " ".join(w for words in r.keywords.values() for w in words),
                " ".join(r.description.values()),
            )
            for position, r in enumerate(records)
        ),
    )
    db.commit()
    return db, time.perf_counter() - start


def fts5_match(query: str) -> str:
    """The raw query tokens OR-ed (each quoted), as a plain full-text engine would get them."""
    tokens = split_words(normalise(query))
    return " OR ".join(f'"{token}"' for token in tokens) or '""'


def fts5_search(db: sqlite3.Connection, query: str, limit: int = 10) -> list[int]:
    rows = db.execute(
        "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 6.0, 4.0, 1.5)"
        " LIMIT ?",
        (fts5_match(query), limit),
    )
    return [row[0] for row in rows]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_speed")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--brute-force-queries", type=int, default=40)
    args = parser.parse_args(argv)

    print(f"== search speed: {args.size:,} synthetic credentials, {args.queries} queries ==")
    baseline_rss = peak_rss_mb()
    start = time.perf_counter()
    records, vocabulary = synthetic_catalogue(args.size)
    print(f"catalogue generated in {time.perf_counter() - start:.1f} s")
    gc.collect()
    records_rss = peak_rss_mb()
    queries = synthetic_queries(args.queries)

    build_times: list[float] = []
    index: SearchIndex | None = None
    for _ in range(args.builds):
        index = None
        gc.collect()
        start = time.perf_counter()
        index = SearchIndex.build(records, vocabulary)
        build_times.append(time.perf_counter() - start)
    assert index is not None
    built = index

    def ours(query: str) -> object:
        return built.search(query, locale="en", limit=10)

    cold_p50, cold_p95, _ = time_queries(ours, queries, 1)
    p50, p95, p95_all = time_queries(ours, queries, args.repeat)
    engine_rss = peak_rss_mb()

    start = time.perf_counter()
    blob = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    dump_time = time.perf_counter() - start
    start = time.perf_counter()
    pickle.loads(blob)
    load_time = time.perf_counter() - start
    size_mb = len(blob) / 1e6
    del blob
    gc.collect()

    # Baseline 1: brute-force fuzzy matching of every title (both languages), over a subset.
    titles = [title for r in records for title in r.name.values()]
    subset = queries[:: max(1, len(queries) // args.brute_force_queries)][
        : args.brute_force_queries
    ]
    brute_p50, brute_p95, _ = time_queries(
        lambda q: process.extract(q, titles, scorer=fuzz.WRatio, limit=10), subset, 1
    )
    # Baseline 2: SQLite FTS5, in memory, bm25 with the same field weights.
    db, fts_build = fts5_table(records)
    fts_p50, fts_p95, _ = time_queries(lambda q: fts5_search(db, q), queries, args.repeat)
    db.close()

    build = statistics.median(build_times)
    print(
        f"index build: median {build:.2f} s over {args.builds} builds "
        f"({', '.join(f'{t:.2f}' for t in build_times)}); FTS5 build {fts_build:.2f} s"
    )
    print(
        f"peak RSS: {engine_rss:.0f} MB after building and querying (interpreter and imports "
        f"{baseline_rss:.0f} MB, with the {args.size:,} records {records_rss:.0f} MB: the "
        f"index adds {engine_rss - records_rss:.0f} MB at its peak)"
    )
    print(
        f"pickled index: {size_mb:.0f} MB, dump {dump_time:.2f} s, load {load_time:.2f} s "
        f"(against a {build:.2f} s rebuild)"
    )
    print(f"{'engine':<34}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'ours, first pass (cold caches)':<34}{cold_p50:>10.2f}{cold_p95:>10.2f}")
    print(
        f"{f'ours, median of {args.repeat} passes':<34}{p50:>10.2f}{p95:>10.2f}"
        f"   (p95 of every sample {p95_all:.2f})"
    )
    print(f"{'SQLite FTS5 (bm25, OR of tokens)':<34}{fts_p50:>10.2f}{fts_p95:>10.2f}")
    print(
        f"{f'rapidfuzz WRatio, {len(subset)} queries':<34}{brute_p50:>10.2f}{brute_p95:>10.2f}"
        f"   (brute force over {len(titles):,} titles, one pass)"
    )
    print(
        f"ratios: brute force / ours p50 = {brute_p50 / p50:.0f}x, "
        f"FTS5 / ours p50 = {fts_p50 / p50:.2f}x"
    )
    goals = [
        ("p50 <= 5 ms", p50 <= 5),
        ("p95 <= 20 ms", p95 <= 20),
        (">= 50x faster than brute force", brute_p50 / p50 >= 50),
        ("build <= 10 s", build <= 10),
        ("peak <= 300 MB", engine_rss <= 300),
    ]
    print("goals: " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in goals))


if __name__ == "__main__":
    main()
