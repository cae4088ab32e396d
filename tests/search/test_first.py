"""A network's credentials first: the same matches, those asked first above the rest, pages
consistent; nothing asked first, or none of them matching, changes nothing."""

from __future__ import annotations

from bot.search.index import SearchIndex

from .conftest import VOCABULARY, credential


def _index() -> SearchIndex:
    records = [
        credential(number, {"en": f"Project management {word}"}, description={"en": "Plan projects."})
        for number, word in enumerate(["basics", "advanced", "for nurses", "agile", "lean", "risk", "tools"], 1)
    ]
    records.append(credential(20, {"en": "Welding safety"}))
    return SearchIndex.build(records, VOCABULARY)


def _ids(index: SearchIndex, query: str, **options: object) -> list[str]:
    return [hit.credential.external_id for hit in index.search(query, **options).hits]  # type: ignore[arg-type]


def test_the_networks_matches_come_first_and_are_marked() -> None:
    index = _index()
    plain = _ids(index, "project management", limit=10)
    assert plain[:2] != ["c6", "c7"], "the network's are not first on their own"
    result = index.search("project management", limit=10, first={6, 7, 20})
    ordered = [hit.credential.external_id for hit in result.hits]
    assert ordered[:2] == [e for e in plain if e in {"c6", "c7"}], "among themselves, the usual order"
    assert ordered[2:] == [e for e in plain if e not in {"c6", "c7"}], "then the rest, as before"
    assert [hit.first for hit in result.hits] == [True, True] + [False] * (len(ordered) - 2)
    assert result.first == 2 and result.total == len(plain), "welding is the network's but does not match"


def test_pages_partition_the_same_order() -> None:
    index = _index()
    whole = _ids(index, "project management", limit=10, first={5, 6})
    pages = [_ids(index, "project management", limit=3, offset=offset, first={5, 6}) for offset in (0, 3, 6)]
    assert [e for page in pages for e in page] == whole
    assert whole[:2] == ["c5", "c6"] or whole[:2] == ["c6", "c5"]


def test_without_network_credentials_among_the_matches_nothing_changes() -> None:
    index = _index()
    plain = index.search("project management", limit=10)
    other = index.search("project management", limit=10, first={20})
    assert [h.credential.external_id for h in other.hits] == [h.credential.external_id for h in plain.hits]
    assert other.first == 0 and not any(hit.first for hit in other.hits)
