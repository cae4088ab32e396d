"""Networks' scheduled sources: one URL per network, its validators and its fetch record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.domain.source import CatalogueSource
from bot.store import models


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives naive datetimes back; everything is stored in UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _plain(row: models.CatalogueSource) -> CatalogueSource:
    registered = _aware(row.registered_at)
    next_fetch = _aware(row.next_fetch_at)
    assert registered is not None and next_fetch is not None
    return CatalogueSource(
        telegram_chat_id=row.telegram_chat_id,
        url=row.url,
        registered_by=row.registered_by,
        registered_at=registered,
        next_fetch_at=next_fetch,
        etag=row.etag,
        last_modified=row.last_modified,
        sha256=row.sha256,
        last_fetch_at=_aware(row.last_fetch_at),
        last_result=row.last_result,
        last_counts={str(k): int(v) for k, v in (row.last_counts or {}).items()},
        last_error=row.last_error,
        failures=row.failures,
        failing_since=_aware(row.failing_since),
    )


class CatalogueSourceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, telegram_chat_id: int) -> CatalogueSource | None:
        row = self._session.get(models.CatalogueSource, telegram_chat_id)
        return _plain(row) if row is not None else None

    def register(self, telegram_chat_id: int, url: str, user_id: int, now: dt.datetime) -> None:
        """The network's source is `url` from now on, fetched at the next tick; a new URL
        starts afresh (no validators, no failures)."""
        row = self._session.get(models.CatalogueSource, telegram_chat_id)
        if row is None:
            row = models.CatalogueSource(telegram_chat_id=telegram_chat_id)
            self._session.add(row)
        row.url = url
        row.registered_by = user_id
        row.registered_at = now
        row.next_fetch_at = now
        row.etag = row.last_modified = row.sha256 = None
        row.last_fetch_at = None
        row.last_result = row.last_error = None
        row.last_counts = {}
        row.failures = 0
        row.failing_since = None

    def remove(self, telegram_chat_id: int) -> bool:
        done = self._session.execute(
            delete(models.CatalogueSource).where(models.CatalogueSource.telegram_chat_id == telegram_chat_id)
        )
        return bool(getattr(done, "rowcount", 0))

    def due(self, now: dt.datetime, limit: int) -> list[CatalogueSource]:
        rows = self._session.scalars(
            select(models.CatalogueSource)
            .where(models.CatalogueSource.next_fetch_at <= now)
            .order_by(models.CatalogueSource.next_fetch_at)
            .limit(limit)
        )
        return [_plain(row) for row in rows]

    def claim(self, source: CatalogueSource, now: dt.datetime, until: dt.datetime) -> bool:
        """Takes a due source for one fetch, moving its next fetch to `until` (a lease: a fetch
        that dies on the way is tried again then). One UPDATE, so one worker wins."""
        done = self._session.execute(
            update(models.CatalogueSource)
            .where(models.CatalogueSource.telegram_chat_id == source.telegram_chat_id)
            .where(models.CatalogueSource.url == source.url)
            .where(models.CatalogueSource.next_fetch_at <= now)
            .values(next_fetch_at=until)
        )
        return bool(getattr(done, "rowcount", 0))

    def record(self, source: CatalogueSource, **values: Any) -> bool:
        """Writes what a fetch found, unless a manager replaced or removed the source meanwhile."""
        done = self._session.execute(
            update(models.CatalogueSource)
            .where(models.CatalogueSource.telegram_chat_id == source.telegram_chat_id)
            .where(models.CatalogueSource.url == source.url)
            .values(**values)
        )
        return bool(getattr(done, "rowcount", 0))

    def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its source follows it."""
        if self._session.get(models.CatalogueSource, new_id) is None:
            self._session.execute(
                update(models.CatalogueSource)
                .where(models.CatalogueSource.telegram_chat_id == old_id)
                .values(telegram_chat_id=new_id)
            )
