"""The search index saved beside the store and read back at the next start-up."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.search import cache
from bot.search.cache import FILE_NAME, IndexCache
from bot.search.service import CatalogueSearch
from bot.store import models
from bot.store.db import Database

QUERIES = ["welding", "weldng", "weld", "pipe welding safety", "soudage", "cuisine", "nothing here"]


def seed(database: Database, count: int = 12, prefix: str = "w") -> None:
    with database.session() as session:
        for number in range(count):
            session.add(
                models.Credential(
                    external_id=f"{prefix}{number}",
                    name_en=f"{['Welding', 'Pipe Welding', 'Cooking'][number % 3]} Level {number}",
                    name_fr=f"{['Soudage', 'Soudage de tuyaux', 'Cuisine'][number % 3]} niveau {number}",
                    description_en="Safety first." if number % 2 else None,
                    languages=["en", "fr"] if number % 2 else ["en"],
                    delivery="online" if number % 4 else "in_person",
                    hours=float(number),
                )
            )


def answers(search: CatalogueSearch) -> list[object]:
    found: list[object] = []
    for query in QUERIES:
        for locale in ("en", "fr"):
            result = search.search(query, locale=locale)
            hits = [(h.credential.id, h.credential.external_id, h.score) for h in result.hits]
            found.append((hits, result.total, result.suggestions))
    return found


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    seed(database)
    yield database
    database.dispose()


def test_a_second_start_up_reads_the_saved_index(database: Database, tmp_path: Path) -> None:
    first = CatalogueSearch(database)
    expected = answers(first)
    assert (first.builds, first.loads, first.loaded_from_cache) == (1, 0, False)
    assert (tmp_path / "store.sqlite3.search-index" / FILE_NAME).is_file()

    second = CatalogueSearch(database)
    assert answers(second) == expected  # the same ids, scores, totals and suggestions
    assert (second.builds, second.loads, second.loaded_from_cache) == (0, 1, True)
    assert not second.index.keeps_records
    assert answers(CatalogueSearch(database, persist=False)) == expected  # as a fresh build


def test_a_changed_catalogue_is_rebuilt_and_saved_again(database: Database) -> None:
    CatalogueSearch(database).refresh()
    seed(database, 2, prefix="new")
    after = CatalogueSearch(database)
    assert after.search("level").total == 14
    assert (after.builds, after.loads) == (1, 0)
    again = CatalogueSearch(database)
    assert again.search("level").total == 14
    assert (again.builds, again.loads) == (0, 1)


def test_a_running_search_reads_the_index_another_process_saved(database: Database) -> None:
    now = [0.0]
    running = CatalogueSearch(database, clock=lambda: now[0])
    running.refresh()
    seed(database, 2, prefix="new")
    CatalogueSearch(database).refresh()  # "another process" rebuilds and saves
    now[0] = 10.0
    assert running.search("level").total == 14
    assert (running.builds, running.loads, running.loaded_from_cache) == (1, 1, True)


def test_a_changed_vocabulary_invalidates_the_saved_index(database: Database) -> None:
    with database.session() as session:
        session.add(models.Skill(key="welding", label_en="Welding", label_fr="Soudage"))
    CatalogueSearch(database).refresh()
    with database.session() as session:  # same number of skills, new synonyms
        skill = session.query(models.Skill).one()
        skill.synonyms = {"en": ["metal joining"]}
    search = CatalogueSearch(database)
    search.refresh()
    assert (search.builds, search.loads) == (1, 0)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "directory"])
def test_a_damaged_cache_is_rebuilt_without_error(
    database: Database, tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    expected = answers(CatalogueSearch(database))
    path = tmp_path / "store.sqlite3.search-index" / FILE_NAME
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":  # one byte of the postings: the zip CRC catches it
        with zipfile.ZipFile(path) as saved:
            member = saved.getinfo("post_ids.npy")
        at = member.header_offset + 30 + len(member.filename) + len(member.extra) + 130
        path.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :])
    elif damage == "garbage":
        path.write_bytes(b"not an index")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        path.mkdir()
    with caplog.at_level(logging.INFO, logger="bot.search.cache"):
        search = CatalogueSearch(database)
        assert answers(search) == expected
    assert (search.builds, search.loads) == (1, 0)
    assert "rebuilding" in caplog.text or "not saved" in caplog.text
    if damage != "directory":  # saved whole again, and read back next time
        assert path.read_bytes() == data
        reread = CatalogueSearch(database)
        assert answers(reread) == expected
        assert reread.loads == 1


def test_an_unwritable_cache_does_not_stop_the_search(database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    search = CatalogueSearch(database, cache_dir=blocker / "index")
    assert search.search("welding").total > 0
    assert search.builds == 1
    assert list(tmp_path.glob("**/.index-*.tmp")) == []


def test_the_cache_of_one_store_is_not_used_for_another(tmp_path: Path) -> None:
    one = Database(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    two = Database(f"sqlite:///{tmp_path / 'two.sqlite3'}")
    seed(one)
    seed(two)  # the same catalogue, maybe the same fingerprint: still another store
    CatalogueSearch(one).refresh()
    assert not (tmp_path / "two.sqlite3.search-index").exists()
    shared = tmp_path / "shared"
    CatalogueSearch(one, cache_dir=shared).refresh()
    search = CatalogueSearch(two, cache_dir=shared)
    search.refresh()
    assert (search.builds, search.loads) == (1, 0)
    one.dispose()
    two.dispose()


def test_cache_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert IndexCache.for_url("sqlite://") is None
    assert IndexCache.for_url("sqlite:///:memory:") is None
    cache = IndexCache.for_url(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    assert cache is not None and cache.directory == tmp_path / "a.sqlite3.search-index"

    monkeypatch.setenv("CREDBOT_HOME", str(tmp_path / "home"))
    first = IndexCache.for_url("postgresql+psycopg://bob:secret@db.example/credbot")
    again = IndexCache.for_url("postgresql+psycopg://bob:other@db.example/credbot")
    other = IndexCache.for_url("postgresql+psycopg://bob:secret@db.example/elsewhere")
    assert first is not None and again is not None and other is not None
    assert first.directory.parent == tmp_path / "home" / "cache" / "search-index"
    assert first.directory == again.directory != other.directory  # the password is left out
    assert "secret" not in str(first.directory)


def test_a_forced_refresh_rebuilds(database: Database) -> None:
    CatalogueSearch(database).refresh()
    search = CatalogueSearch(database)
    search.refresh()
    search.refresh(force=True)
    assert (search.builds, search.loads, search.loaded_from_cache) == (1, 1, False)


def test_the_code_hash_covers_every_module_that_shapes_the_index() -> None:
    package = Path(cache.__file__).resolve().parent.parent
    hashed = {path.relative_to(package).as_posix() for path in cache.index_modules()}
    assert {
        "search/index.py",
        "search/build.py",
        "search/state.py",
        "search/concepts.py",
        "search/masks.py",
        "language/text.py",
        "language/packs/pack.py",
        "language/packs/en.py",
        "language/packs/fr.py",
    } <= hashed
