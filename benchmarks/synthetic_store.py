"""The synthetic catalogue written to an SQLite store once, for benchmarks that measure the
serving setup (store → `CatalogueSearch`). Cached under `benchmarks/.cache/` (git-ignored).

python -m benchmarks.synthetic_store [--size 100000]   # builds the file, prints its path
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.synthetic import synthetic_catalogue
from bot.store import models
from bot.store.catalogue_writer import upsert_vocabulary
from bot.store.db import Database

CACHE = Path(__file__).parent / ".cache"
VERSION = 1  # bump when the generator or the schema changes


def store_path(size: int) -> Path:
    return CACHE / f"synthetic-{size}-v{VERSION}.sqlite3"


def store_url(path: Path) -> str:
    return f"sqlite:///{path}"


def synthetic_store(size: int, *, quiet: bool = False) -> Path:
    """The path of an SQLite store holding `synthetic_catalogue(size)`, built when missing."""
    path = store_path(size)
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    if not quiet:
        print(f"writing {size:,} synthetic credentials to {path} (once) ...", flush=True)
    database = Database(store_url(partial))
    write_synthetic(database, size)
    database.dispose()
    gc.collect()
    partial.rename(path)
    return path


def write_synthetic(database: Database, size: int) -> None:
    """`synthetic_catalogue(size)` written into an empty, migrated store (SQLite or PostgreSQL)."""
    records, vocabulary = synthetic_catalogue(size)
    with database.session() as session:
        upsert_vocabulary(session, vocabulary)
        session.flush()
        skill_ids = {row.key: row.id for row in session.scalars(select(models.Skill))}
        providers: dict[str, int] = {}
        for record in records:
            provider = record.provider
            if provider is not None and provider.external_id not in providers:
                providers[provider.external_id] = len(providers) + 1
                session.execute(
                    insert(models.Provider).values(
                        id=providers[provider.external_id],
                        external_id=provider.external_id,
                        name_en=provider.name.get("en"),
                        name_fr=provider.name.get("fr"),
                    )
                )
        for start in range(0, len(records), 5000):
            batch = records[start : start + 5000]
            session.execute(
                insert(models.Credential),
                [
                    {
                        "id": record.id,
                        "external_id": record.external_id,
                        "name_en": record.name.get("en"),
                        "name_fr": record.name.get("fr"),
                        "description_en": record.description.get("en"),
                        "description_fr": record.description.get("fr"),
                        "provider_id": providers[record.provider.external_id] if record.provider else None,
                        "languages": record.languages,
                        "hours": record.hours,
                        "cost": record.cost,
                        "delivery": record.delivery,
                        "keywords": record.keywords,
                        "subjects": [],
                    }
                    for record in batch
                ],
            )
            session.execute(
                insert(models.CredentialSkill),
                [
                    {"credential_id": record.id, "skill_id": skill_ids[key], "position": i}
                    for record in batch
                    # A credential names a skill once in the store (the generator may repeat it).
                    for i, key in enumerate(dict.fromkeys(s.key for s in record.skills if s.key))
                ],
            )
    del records


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic_store")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(synthetic_store(args.size))


if __name__ == "__main__":
    main()
