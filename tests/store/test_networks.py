"""A network's catalogue in the store: the credentials a network loads are tagged with it; its
next file removes only what it had loaded before; two networks loading one external id share
one credential, tagged with both; the shipped catalogue's credentials belong to none."""

from __future__ import annotations

from pathlib import Path

from bot.catalogue.importer import ImportReport, import_files
from bot.domain.network import NetworkScope
from bot.store.db import Database
from tests._documents import ctdl_graph


def _chat(db: Database, chat_id: int, title: str) -> None:
    with db.unit_of_work() as uow:
        uow.chats.add_manager(chat_id, 1, kind="supergroup", title=title)


def _load(
    db: Database,
    tmp_path: Path,
    name: str,
    content: bytes,
    scope: NetworkScope | None,
    *,
    dry_run: bool = False,
) -> ImportReport:
    path = tmp_path / name
    path.write_bytes(content)
    report = import_files(db, [path], network=scope, dry_run=dry_run)
    assert report.ok, report.problems
    return report


def _ids(db: Database, chat_id: int) -> set[str]:
    """The external ids of the catalogue of the chat's network."""
    with db.unit_of_work() as uow:
        network = uow.networks.of_chat(chat_id)
        assert network is not None
        ids = uow.networks.credential_ids(network.id)
        return {c.external_id for c in (uow.catalogue.credential(i) for i in ids) if c is not None}


def _stored(db: Database) -> set[str]:
    with db.unit_of_work() as uow:
        return {c.external_id for c in uow.catalogue.stream(searched_only=True)}


SHIPPED = ctdl_graph(
    ("ce-shipped-1", {"en": "Shipped first aid"}), ("ce-shipped-2", {"en": "Shipped welding"})
)


def test_a_networks_file_is_tagged_with_it_and_the_shipped_catalogue_with_none(
    db: Database, tmp_path: Path
) -> None:
    _load(db, tmp_path, "shipped.json", SHIPPED, None)
    _chat(db, -100, "REFAD")
    report = _load(
        db,
        tmp_path,
        "refad.json",
        ctdl_graph(("ce-a", {"fr": "Soudage"}), ("ce-b", {"fr": "Menuiserie"})),
        NetworkScope((-100,), "REFAD", 1),
    )
    assert (
        report.network is not None and report.network.name == "REFAD" and report.network.chat_ids == (-100,)
    )
    assert (report.added, report.removed) == (2, 0)
    assert _ids(db, -100) == {"ce-a", "ce-b"}
    with db.unit_of_work() as uow:
        shipped = [c for c in uow.catalogue.stream() if c.external_id.startswith("ce-shipped")]
        assert shipped and all(not uow.networks.networks_of(c.id or 0) for c in shipped)


def test_removed_means_removed_from_that_networks_catalogue_only(db: Database, tmp_path: Path) -> None:
    _load(db, tmp_path, "shipped.json", SHIPPED, None)
    _chat(db, -100, "North")
    _chat(db, -200, "South")
    north, south = NetworkScope((-100,), "North", 1), NetworkScope((-200,), "South", 1)
    _load(
        db,
        tmp_path,
        "n.json",
        ctdl_graph(
            ("ce-n1", {"en": "Beekeeping"}),
            ("ce-n2", {"en": "Forestry"}),
            ("ce-shipped-1", {"en": "Shipped first aid"}),
        ),
        north,
    )
    _load(db, tmp_path, "s.json", ctdl_graph(("ce-s1", {"en": "Fishing"})), south)

    second = ctdl_graph(("ce-n1", {"en": "Beekeeping"}))
    dry = _load(db, tmp_path, "n2.json", second, north, dry_run=True)
    assert (dry.unchanged, dry.removed) == (1, 2), "ce-n2 and the shipped one leave North's catalogue"
    assert _ids(db, -100) == {"ce-n1", "ce-n2", "ce-shipped-1"}, "a dry run writes nothing"

    done = _load(db, tmp_path, "n2.json", second, north)
    assert done.removed == 2
    assert _ids(db, -100) == {"ce-n1"}
    assert _ids(db, -200) == {"ce-s1"}, "the other network's catalogue is untouched"
    stored = _stored(db)
    assert "ce-n2" not in stored, "only North had it: it is gone"
    assert {"ce-shipped-1", "ce-shipped-2", "ce-s1", "ce-n1"} <= stored, "the shipped catalogue stays whole"


def test_two_networks_loading_one_external_id_share_one_credential_tagged_with_both(
    db: Database, tmp_path: Path
) -> None:
    _chat(db, -100, "North")
    _chat(db, -200, "South")
    north, south = NetworkScope((-100,), "North", 1), NetworkScope((-200,), "South", 1)
    _load(db, tmp_path, "n.json", ctdl_graph(("ce-both", {"en": "Beekeeping"})), north)
    report = _load(db, tmp_path, "s.json", ctdl_graph(("ce-both", {"en": "Beekeeping"})), south)
    assert (report.added, report.unchanged) == (0, 1)
    assert _ids(db, -100) == _ids(db, -200) == {"ce-both"}
    # North drops it: South still has it, and so does the store.
    _load(db, tmp_path, "n2.json", ctdl_graph(("ce-other", {"en": "Forestry"})), north)
    assert _ids(db, -100) == {"ce-other"} and _ids(db, -200) == {"ce-both"}
    assert "ce-both" in _stored(db)
    # South drops it too: no one has it any more.
    _load(db, tmp_path, "s2.json", ctdl_graph(("ce-fish", {"en": "Fishing"})), south)
    assert "ce-both" not in _stored(db)


def test_chats_loaded_together_make_one_network_and_keep_it(db: Database, tmp_path: Path) -> None:
    _chat(db, -100, "North")
    _chat(db, -200, "South")
    _chat(db, -300, "East")
    _load(
        db, tmp_path, "n.json", ctdl_graph(("ce-n1", {"en": "Beekeeping"})), NetworkScope((-100,), "North", 1)
    )
    together = _load(
        db,
        tmp_path,
        "all.json",
        ctdl_graph(("ce-n1", {"en": "Beekeeping"}), ("ce-x", {"en": "Forestry"})),
        NetworkScope((-100, -200, -300), "North, South, East", 1),
    )
    assert together.network is not None and together.network.name == "North", "the network most of them had"
    assert set(together.network.chat_ids) == {-100, -200, -300}
    assert _ids(db, -200) == _ids(db, -300) == {"ce-n1", "ce-x"}
    with db.unit_of_work() as uow:
        assert uow.networks.of_chat(-300) == uow.networks.of_chat(-100)


def test_an_administrators_replace_leaves_the_networks_credentials(db: Database, tmp_path: Path) -> None:
    _load(db, tmp_path, "shipped.json", SHIPPED, None)
    _chat(db, -100, "North")
    _load(
        db,
        tmp_path,
        "n.json",
        ctdl_graph(("ce-n1", {"en": "Beekeeping"}), ("ce-shipped-2", {"en": "Shipped welding"})),
        NetworkScope((-100,), "North", 1),
    )
    path = tmp_path / "new-shipped.json"
    path.write_bytes(ctdl_graph(("ce-shipped-3", {"en": "Shipped carpentry"})))
    report = import_files(db, [path], replace=True)
    assert report.ok and report.removed == 1, "ce-shipped-1 only: ce-shipped-2 stays for North"
    assert _stored(db) == {"ce-shipped-2", "ce-shipped-3", "ce-n1"}
    # North drops ce-shipped-2: the shared catalogue no longer has it either, so it goes.
    _load(
        db,
        tmp_path,
        "n2.json",
        ctdl_graph(("ce-n1", {"en": "Beekeeping"})),
        NetworkScope((-100,), "North", 1),
    )
    assert _stored(db) == {"ce-shipped-3", "ce-n1"}


def test_a_network_credential_the_administrators_then_ship_stays_when_the_network_drops_it(
    db: Database, tmp_path: Path
) -> None:
    _chat(db, -100, "North")
    north = NetworkScope((-100,), "North", 1)
    _load(db, tmp_path, "n.json", ctdl_graph(("ce-n1", {"en": "Beekeeping"})), north)
    _load(db, tmp_path, "shipped.json", ctdl_graph(("ce-n1", {"en": "Beekeeping"})), None)
    _load(db, tmp_path, "n2.json", ctdl_graph(("ce-n2", {"en": "Forestry"})), north)
    assert _ids(db, -100) == {"ce-n2"}
    assert "ce-n1" in _stored(db)
