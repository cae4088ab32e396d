"""Relevance on the default catalogue: nDCG@5, MRR and recall@10, overall and per kind of
query, for our index and for SQLite FTS5 given the raw query tokens OR-ed, side by side.

The grades in `relevance_queries.json` were judged by hand (0/1/2) over pooled candidates, see
`benchmarks/relevance_pool.py` and benchmarks/README.md; credentials not graded count as 0.

    python -m benchmarks.relevance [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.search_speed import fts5_search, fts5_table
from bot.catalogue.importer import read_file
from bot.domain.credential import CredentialRecord, Vocabulary
from bot.formats.vocabulary import read_vocabulary_file
from bot.search.index import SearchIndex

QUERIES = Path(__file__).with_name("relevance_queries.json")
DATA = Path(__file__).resolve().parent.parent / "catalogue_data"
# A search: (query, locale) -> external ids, best first.
Engine = Callable[[str, str], list[str]]


def load_catalogue(data: Path = DATA) -> tuple[list[CredentialRecord], Vocabulary]:
    """The default catalogue through the real importer, numbered in file order as the store
    would number a fresh import."""
    _, parsed = read_file(data / "catalogue.ctdl.json")
    if parsed.problems:
        raise RuntimeError(f"default catalogue does not import cleanly: {parsed.problems[:3]}")
    records = [item.record for item in parsed.records]
    for number, record in enumerate(records, start=1):
        record.id = number
    return records, read_vocabulary_file(data / "skills.json")


def load_queries() -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = json.loads(QUERIES.read_text("utf-8"))
    return queries


def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int = 5) -> float:
    dcg = sum((2 ** grades.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, c in enumerate(ranked) if grades.get(c, 0) > 0), 0.0)


def recall(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    relevant = {c for c, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate(engine: Engine, queries: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Mean nDCG@5, MRR and recall@10 per kind of query, and over all ("all")."""
    per_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for item in queries:
        ranked = engine(item["query"], item["lang"])
        grades = item["grades"]
        scores = (ndcg(ranked, grades), reciprocal_rank(ranked, grades), recall(ranked, grades))
        per_kind[item["kind"]].append(scores)
        per_kind["all"].append(scores)
    return {
        kind: {
            "ndcg@5": statistics.fmean(s[0] for s in rows),
            "mrr": statistics.fmean(s[1] for s in rows),
            "recall@10": statistics.fmean(s[2] for s in rows),
            "queries": len(rows),
        }
        for kind, rows in per_kind.items()
    }


def our_engine(records: list[CredentialRecord], index: SearchIndex) -> Engine:
    def search(query: str, locale: str) -> list[str]:
        hits = index.search(query, locale=locale, limit=10).hits
        return [hit.credential.external_id for hit in hits]

    return search


def fts5_engine(records: list[CredentialRecord]) -> tuple[Engine, sqlite3.Connection]:
    db, _ = fts5_table(records)

    def search(query: str, locale: str) -> list[str]:
        return [records[row].external_id for row in fts5_search(db, query)]

    return search, db


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    records, vocabulary = load_catalogue()
    queries = load_queries()
    index = SearchIndex.build(records, vocabulary)
    ours = evaluate(our_engine(records, index), queries)
    fts, db = fts5_engine(records)
    theirs = evaluate(fts, queries)
    db.close()
    judged = sum(len(item["grades"]) for item in queries)
    print(
        f"== relevance: {len(queries)} queries, {judged} hand judgments, default catalogue "
        f"({len(records)} credentials) =="
    )
    metrics = (("ndcg@5", "nDCG@5"), ("mrr", "MRR"), ("recall@10", "R@10"))
    print(f"{'kind':<15}{'n':>4}" + "".join(f"  {n:>7}{'FTS5':>7}{'diff':>7}" for _, n in metrics))
    kinds = [*sorted(k for k in ours if k != "all"), "all"]
    for kind in kinds:
        a, b = ours[kind], theirs[kind]
        print(
            f"{kind:<15}{int(a['queries']):>4}"
            + "".join(f"  {a[m]:>7.3f}{b[m]:>7.3f}{a[m] - b[m]:>+7.3f}" for m, _ in metrics)
        )
    gap = ours["all"]["ndcg@5"] - theirs["all"]["ndcg@5"]
    worst = min(ours[k]["ndcg@5"] for k in kinds)
    print(
        f"goals: nDCG@5 >= 0.85 overall: {'met' if ours['all']['ndcg@5'] >= 0.85 else 'MISSED'}"
        f", >= 0.75 every kind: {'met' if worst >= 0.75 else 'MISSED'}"
        f", >= FTS5 + 0.15: {'met' if gap >= 0.15 else 'MISSED'} (+{gap:.3f})"
    )
    if args.show_misses:
        search = our_engine(records, index)
        by_id = {r.external_id: r for r in records}
        for item in queries:
            ranked = search(item["query"], item["lang"])
            score = ndcg(ranked, item["grades"])
            if score < 0.8:
                print(f"\n{score:.2f} [{item['kind']}] {item['query']!r}")
                for ctid in ranked[:5]:
                    print(f"   {item['grades'].get(ctid, 0)} {by_id[ctid].title(item['lang'])}")
                missed = [c for c, g in item["grades"].items() if g == 2 and c not in ranked[:5]]
                for ctid in missed:
                    print(f"   missed 2: {by_id[ctid].title(item['lang'])}")


if __name__ == "__main__":
    main()
