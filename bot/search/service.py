"""The search index kept fresh against the store.

The index is read from the store row by row (`iter_credentials`: batches of plain column reads, no
credential kept) and keeps no credential itself: the credentials a search returns are read back by
id (`get_credentials`, two queries on a pooled connection).

The index is rebuilt from the store when the catalogue changed. The check is a cheap fingerprint
query (count and latest `updated_at` of credentials, count of skills and of skill links), run at
most every `check_interval` seconds, or at the next search after `invalidate()`.

Each index built is saved beside the store (`bot.search.cache`), and read back instead of being
rebuilt when the fingerprint, the skills vocabulary and the index code are those it was built
from: a start-up on an unchanged catalogue, or a second process on the same store, reads it in
a fraction of the build time (see benchmarks/README.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from bot.domain.credential import CredentialRecord
from bot.domain.limits import Limits
from bot.search.cache import IndexCache
from bot.search.index import SearchIndex, SearchResult
from bot.store.catalogue_repo import Fingerprint
from bot.store.db import Database


class CatalogueSearch:
    def __init__(
        self,
        database: Database,
        *,
        check_interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        persist: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        """`persist`: save each index built and read it back when the catalogue is unchanged,
        in `cache_dir` if given, else in the store's own cache directory (`bot.search.cache`)."""
        self._database = database
        self._cache: IndexCache | None = None
        if persist:
            self._cache = IndexCache.for_store(database.identity(), directory=cache_dir)
        self._check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._fingerprint: Fingerprint | None = None
        self._checked_at = float("-inf")
        self.builds = 0  # how many times the index was built (for tests and logs)
        self.last_build_seconds = 0.0
        self.loads = 0  # how many times it was read from the cache instead
        self.last_load_seconds = 0.0
        self.loaded_from_cache = False  # whether the index in use was read from the cache

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
            with self._database.unit_of_work() as uow:
                fingerprint = uow.catalogue.fingerprint()
                if self._index is None or force or fingerprint != self._fingerprint:
                    started = time.perf_counter()
                    vocabulary = uow.catalogue.vocabulary()
                    cache = self._cache
                    # Another process may have saved the index of this catalogue already.
                    index = (
                        None if force or cache is None else cache.load(fingerprint, vocabulary, self._fetch)
                    )
                    loaded = index is not None
                    if index is not None:
                        self.last_load_seconds = time.perf_counter() - started
                        self.loads += 1
                    else:
                        started = time.perf_counter()
                        rows = uow.catalogue.stream(searched_only=True)
                        index = SearchIndex.build_from_rows(rows, vocabulary, self._fetch)
                        self.last_build_seconds = time.perf_counter() - started
                        self.builds += 1
                        if cache is not None:
                            cache.save(index, fingerprint, vocabulary)
                    # The old index stays in use until the new one is complete.
                    self._index = index
                    self.loaded_from_cache = loaded
                    self._fingerprint = fingerprint
            self._checked_at = now
            return self._index

    def _fetch(self, ids: Sequence[int]) -> dict[int, CredentialRecord]:
        return self._database.read_credentials(ids)

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
        filters: Limits | None = None,
        first: Collection[int] = (),
    ) -> SearchResult:
        return self.refresh().search(
            query, locale=locale, limit=limit, offset=offset, filters=filters, first=first
        )
