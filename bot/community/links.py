"""Deep links from a group to the private chat: "continue in private" opens there the search (or
the bundle goal) asked in the group. The link carries a short key, never the member's words; the
words wait in the database (so the link works after a restart and on any worker) for 90 days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.store.db import Database

SEARCH = "search"
BUNDLE = "bundle"
KEPT_FOR = dt.timedelta(days=90)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DeepLinks:
    def __init__(self, store: Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self._store = store
        self._clock = clock

    def remember(self, kind: str, text: str) -> str:
        with self._store.unit_of_work() as uow:
            now = self._clock()
            uow.links.forget_older_than(now - KEPT_FOR)
            return uow.links.add(kind, text, now)

    def recall(self, key: str) -> tuple[str, str] | None:
        with self._store.unit_of_work() as uow:
            return uow.links.find(key)
