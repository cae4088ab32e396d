from __future__ import annotations

from pathlib import Path

from bot.search.service import CatalogueSearch
from bot.store import models
from bot.store.db import Database


def add(database: Database, external_id: str, name: str) -> None:
    with database.session() as session:
        session.add(
            models.Credential(external_id=external_id, name_en=name, languages=["en"], delivery="online")
        )


def test_rebuilds_when_the_catalogue_changes(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    now = [0.0]
    search = CatalogueSearch(database, check_interval=5.0, clock=lambda: now[0])
    add(database, "a", "Welding Basics")
    assert [h.credential.external_id for h in search.search("welding").hits] == ["a"]
    assert search.builds == 1

    add(database, "b", "Advanced Welding")
    assert search.search("welding").total == 1  # not checked again within the interval
    now[0] = 6.0
    assert search.search("welding").total == 2
    assert search.builds == 2

    now[0] = 20.0
    search.search("welding")
    assert search.builds == 2  # checked, unchanged: no rebuild

    add(database, "c", "Welding Safety")
    search.invalidate()
    assert search.search("welding").total == 3
    assert search.builds == 3
    database.dispose()


def test_index_from_the_store_keeps_no_record_and_reads_hits_back(tmp_path: Path) -> None:
    from bot.store.catalogue_repo import get_credentials, iter_credentials, load_credentials

    database = Database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for number in range(1, 8):
        add(database, f"w{number}", f"Welding Level {number}")
    with database.session() as session:
        expected = load_credentials(session)
        assert list(iter_credentials(session, batch_size=3)) == expected
        assert get_credentials(session, [expected[2].id or 0, 999]) == {expected[2].id: expected[2]}
    search = CatalogueSearch(database)
    assert not search.index.keeps_records
    found = search.search("welding level 3").hits
    assert found[0].credential == expected[2]

    with database.session() as session:  # deleted after the build: left out of the hits
        session.delete(session.get(models.Credential, expected[2].id))
    assert "w3" not in [h.credential.external_id for h in search.search("welding level 3").hits]
    database.dispose()


def test_index_from_rows_ranks_like_the_index_of_records() -> None:
    from bot.search.index import SearchIndex
    from tests.search.conftest import VOCABULARY, sample_credentials

    records = sample_credentials()
    by_id = {r.id: r for r in records}
    kept = SearchIndex.build(records, VOCABULARY)
    streamed = SearchIndex.build_from_rows(
        iter(sample_credentials()), VOCABULARY, lambda ids: {i: by_id[i] for i in ids}
    )
    for query in ["cybersecurity", "comptab", "project management online", "soins palliatifs", "data"]:
        assert [(h.credential.id, h.score) for h in streamed.search(query).hits] == [
            (h.credential.id, h.score) for h in kept.search(query).hits
        ]
