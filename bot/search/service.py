"""The search index kept fresh against the store.

The index is read from the store row by row (`iter_credentials`: batches of plain column reads, no
credential kept) and keeps no credential itself: the credentials a search returns are read back by
id (`get_credentials`, two queries on a pooled connection).

The index is rebuilt from the store when the catalogue changed. The check is a cheap fingerprint
query (count and latest `updated_at` of credentials, count of skills and of skill links), run at
most every `check_interval` seconds, or at the next search after `invalidate()`. The index is
rebuilt rather than reloaded from a file at start-up: on the benchmark machine a pickled
100,000-credential index loaded no faster than a rebuild (see benchmarks/README.md), and the
default catalogue builds in milliseconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from bot.catalogue.model import CredentialRecord
from bot.search.index import SearchFilters, SearchIndex, SearchResult
from bot.store.catalogue_repo import (
    Fingerprint,
    catalogue_fingerprint,
    get_credentials,
    iter_credentials,
    load_vocabulary,
)
from bot.store.db import Database


class CatalogueSearch:
    def __init__(
        self,
        database: Database,
        *,
        check_interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self._check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._fingerprint: Fingerprint | None = None
        self._checked_at = float("-inf")
        self.builds = 0  # how many times the index was built (for tests and logs)
        self.last_build_seconds = 0.0

    def invalidate(self) -> None:
        """Check the store at the next search (after an import, say)."""
        self._checked_at = float("-inf")

    def refresh(self, *, force: bool = False) -> SearchIndex:
        """The index, rebuilt first if the catalogue changed (checked at most every
        `check_interval` seconds unless forced or invalidated)."""
        now = self._clock()
        index = self._index
        if index is not None and not force and now - self._checked_at < self._check_interval:
            return index
        with self._lock:
            if self._index is not None and not force and now - self._checked_at < self._check_interval:
                return self._index
            with self._database.session() as session:
                fingerprint = catalogue_fingerprint(session)
                if self._index is None or force or fingerprint != self._fingerprint:
                    started = time.perf_counter()
                    vocabulary = load_vocabulary(session)
                    rows = iter_credentials(session.connection(), searched_only=True)
                    # The old index stays in use until the new one is complete.
                    self._index = SearchIndex.build_from_rows(rows, vocabulary, self._fetch)
                    self.last_build_seconds = time.perf_counter() - started
                    self.builds += 1
                    self._fingerprint = fingerprint
            self._checked_at = now
            return self._index

    def _fetch(self, ids: Sequence[int]) -> dict[int, CredentialRecord]:
        with self._database.engine.connect() as connection:
            return get_credentials(connection, ids)

    @property
    def index(self) -> SearchIndex:
        return self.refresh()

    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        return self.refresh().search(query, locale=locale, limit=limit, offset=offset, filters=filters)
