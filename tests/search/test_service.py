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
