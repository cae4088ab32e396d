"""What each credbot process counted, one row per process (its name: host and process id),
replaced at every clock tick; rows of processes gone quiet are forgotten after a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store import models


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back (stored as UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


class WorkerStatsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def publish(self, worker: str, started_at: dt.datetime, counters: dict[str, int], now: dt.datetime) -> None:
        row = self._session.get(models.WorkerStat, worker)
        if row is None:
            self._session.add(
                models.WorkerStat(worker=worker, started_at=started_at, updated_at=now, counters=dict(counters))
            )
        else:
            row.started_at, row.updated_at, row.counters = started_at, now, dict(counters)

    def since(self, moment: dt.datetime) -> list[dict[str, Any]]:
        """The processes heard from since `moment`, the most recently started first."""
        rows = self._session.scalars(
            select(models.WorkerStat)
            .where(models.WorkerStat.updated_at >= moment)
            .order_by(models.WorkerStat.started_at.desc(), models.WorkerStat.worker)
        )
        return [
            {
                "worker": row.worker,
                "started": _aware(row.started_at).isoformat(timespec="seconds"),
                "updated": _aware(row.updated_at).isoformat(timespec="seconds"),
                "counters": {str(name): int(value) for name, value in row.counters.items()},
            }
            for row in rows
        ]

    def forget_older_than(self, moment: dt.datetime) -> int:
        result = self._session.execute(delete(models.WorkerStat).where(models.WorkerStat.updated_at < moment))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
