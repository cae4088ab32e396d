"""What the running credbot processes counted, for operators: each process publishes its
counters (updates handled and failed, replies retried and failed, 429s, its update queue,
updates dropped for flooding) at every clock tick; `credbot status` reads the processes heard
from recently and adds them up, from any machine with the database's address."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable
from typing import Any

from bot.store.db import Database
from bot.store.worker_stats import WorkerStatsRepository

# A process not heard from for this long is taken to be gone (the clock ticks every 30 s).
LIVE_FOR = dt.timedelta(minutes=5)
KEPT_FOR = dt.timedelta(days=1)
# Counters that are a level now (summed over processes too), not a count since the start.
GAUGES = frozenset({"queue"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def this_process() -> str:
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


class WorkerStats:
    def __init__(self, store: Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self._store = store
        self._clock = clock
        self.worker = this_process()
        self.started = clock()

    def publish(self, counters: dict[str, int], now: dt.datetime | None = None) -> None:
        now = now or self._clock()
        with self._store.session() as session:
            repository = WorkerStatsRepository(session)
            repository.publish(self.worker, self.started, counters, now)
            repository.forget_older_than(now - KEPT_FOR)

    def live_count(self, now: dt.datetime | None = None) -> int:
        """How many processes were heard from within LIVE_FOR (this one counts even before it
        published): those sharing the bot's overall rate. A process gone counts until LIVE_FOR
        has passed: the others stay slower for a while, never faster than the bot may go."""
        now = now or self._clock()
        with self._store.session() as session:
            names = {worker["worker"] for worker in WorkerStatsRepository(session).since(now - LIVE_FOR)}
        return len(names | {self.worker})

    def live(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """The processes heard from within LIVE_FOR, each with its counters, and their sum."""
        now = now or self._clock()
        with self._store.session() as session:
            workers = WorkerStatsRepository(session).since(now - LIVE_FOR)
        total: dict[str, int] = {}
        for worker in workers:
            for name, value in worker["counters"].items():
                total[name] = total.get(name, 0) + value
        return {"workers": workers, "total": total}
