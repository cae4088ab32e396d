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
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.search_speed import fts5_search, fts5_table
from bot.catalogue.importer import read_file
from bot.domain.credential import CredentialRecord, Vocabulary
from bot.formats.vocabulary import read_vocabulary_file
from bot.search.index import SearchIndex

if TYPE_CHECKING:
    from bot.store.db import Database

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


# The held-out sets name some kinds differently; reported under the sample's names.
KIND_NAMES = {
    "no_accents": "no-accent",
    "natural": "sentence",
    "partial": "prefix",
    "cross_lingual": "cross-lingual",
}
HELD_OUT = Path(__file__).with_name("heldout")
CATALOGUE_FILES = ("organizations.json", "competencies.json", "credentials*.json")


@dataclass
class Catalogue:
    name: str
    records: list[CredentialRecord]
    vocabulary: Vocabulary
    queries: list[dict[str, Any]]


def held_out_sets() -> list[Path]:
    """The held-out sets that have blind judgments."""
    return sorted(p for p in HELD_OUT.glob("*") if (p / "judgments.json").is_file())


@contextmanager
def held_out_store(directory: Path) -> Iterator[Database]:
    """A held-out set imported as a network would import it: every file at once into a fresh
    store with the shipped vocabularies, through the real importer."""
    from bot.catalogue.importer import VOCABULARY_FILES, ensure_vocabularies, import_files
    from bot.store.db import Database

    files = sorted({f for pattern in CATALOGUE_FILES for f in (directory / "catalogue").glob(pattern)})
    with tempfile.TemporaryDirectory() as home:
        db = Database(f"sqlite:///{home}/heldout.sqlite3")
        # The vocabularies every store gets (the shipped skills and ESCO), as `open_database` loads them.
        ensure_vocabularies(db, [DATA], VOCABULARY_FILES)
        report = import_files(db, files)
        if not report.ok:
            raise RuntimeError(f"{directory.name} does not import: {report.problems[:5]}")
        try:
            yield db
        finally:
            db.engine.dispose()


def load_held_out(directory: Path) -> Catalogue:
    """A held-out set's credentials, read back from its store, and its judged queries."""
    with held_out_store(directory) as db, db.unit_of_work() as uow:
        records = list(uow.catalogue.stream(searched_only=True))
        vocabulary = uow.catalogue.vocabulary()
    texts = {q["id"]: q for q in json.loads((directory / "queries.json").read_text("utf-8"))}
    judged = json.loads((directory / "judgments.json").read_text("utf-8"))
    queries = [
        {
            "query": texts[qid]["text"],
            "kind": KIND_NAMES.get(texts[qid]["kind"], texts[qid]["kind"]),
            "lang": texts[qid]["lang"],
            "grades": {ctid.lower(): int(g) for ctid, g in grades.items()},
        }
        for qid, grades in judged.items()
    ]
    return Catalogue(directory.name, records, vocabulary, queries)


def _report(catalogue: Catalogue, show_misses: bool) -> dict[str, dict[str, float]]:
    records, queries = catalogue.records, catalogue.queries
    index = SearchIndex.build(records, catalogue.vocabulary)
    ours = evaluate(our_engine(records, index), queries)
    fts, db = fts5_engine(records)
    theirs = evaluate(fts, queries)
    db.close()
    judged = sum(len(item["grades"]) for item in queries)
    print(
        f"== relevance: {catalogue.name}: {len(queries)} queries, {judged} judgments, "
        f"{len(records)} credentials =="
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
    goal, floor = (0.85, 0.75) if catalogue.name == "sample" else (0.90, 0.80)
    print(
        f"goals: nDCG@5 >= {goal} overall: {'met' if ours['all']['ndcg@5'] >= goal else 'MISSED'}"
        f", >= {floor} every kind: {'met' if worst >= floor else 'MISSED'}"
        f", >= FTS5 + 0.15: {'met' if gap >= 0.15 else 'MISSED'} (+{gap:.3f})"
    )
    if show_misses:
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
                    if ctid in by_id:
                        print(f"   missed 2: {by_id[ctid].title(item['lang'])}")
    return ours


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--set", action="append", default=[], help="only these catalogues: sample or a held-out set's name"
    )
    args = parser.parse_args(argv)
    wanted = set(args.set)
    results: dict[str, dict[str, dict[str, float]]] = {}
    if not wanted or "sample" in wanted:
        records, vocabulary = load_catalogue()
        results["sample"] = _report(
            Catalogue("sample", records, vocabulary, load_queries()), args.show_misses
        )
    for directory in held_out_sets():
        if not wanted or directory.name in wanted:
            print()
            results[directory.name] = _report(load_held_out(directory), args.show_misses)
    if "sample" in results and len(results) > 1:
        print()
        for name, ours in results.items():
            if name != "sample":
                gap = results["sample"]["all"]["ndcg@5"] - ours["all"]["ndcg@5"]
                verdict = "met" if gap <= 0.05 else "MISSED"
                print(f"gap sample - {name}: nDCG@5 {gap:+.3f} (goal <= 0.05: {verdict})")


if __name__ == "__main__":
    main()
