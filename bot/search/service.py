"""Placeholder (replaced by the search issue): the index built once from the store."""

from __future__ import annotations

from bot.search.index import SearchFilters, SearchIndex, SearchResult
from bot.store.catalogue_repo import load_credentials, load_vocabulary
from bot.store.db import Database


class CatalogueSearch:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._index: SearchIndex | None = None

    def invalidate(self) -> None:
        self._index = None

    def index(self) -> SearchIndex:
        if self._index is None:
            with self._db.session() as session:
                self._index = SearchIndex.build(load_credentials(session), load_vocabulary(session))
        return self._index

    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        return self.index().search(query, locale=locale, limit=limit, offset=offset, filters=filters)
