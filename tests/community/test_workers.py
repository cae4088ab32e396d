"""What each credbot process counted, published to the store and read back by `credbot status`
(bot/community/workers.py): the live processes and their sum; one gone quiet is left out."""

from __future__ import annotations

import datetime as dt

from bot.community.workers import LIVE_FOR, WorkerStats
from bot.store.db import Database

NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def test_live_processes_and_their_sum(db: Database) -> None:
    first, second, gone = WorkerStats(db), WorkerStats(db), WorkerStats(db)
    first.worker, second.worker, gone.worker = "a:1", "b:2", "c:3"
    gone.publish({"updates": 1000, "replies_failed": 9}, NOON - LIVE_FOR - dt.timedelta(seconds=1))
    first.publish({"updates": 10, "replies_failed": 1, "queue": 2}, NOON - dt.timedelta(seconds=40))
    first.publish({"updates": 12, "replies_failed": 1, "queue": 0}, NOON)  # replaces its row
    second.publish({"updates": 5, "retries": 3, "queue": 4}, NOON)
    live = first.live(NOON)
    assert sorted(w["worker"] for w in live["workers"]) == ["a:1", "b:2"], "the quiet one is gone"
    assert live["total"] == {"updates": 17, "replies_failed": 1, "queue": 4, "retries": 3}
    by_name = {w["worker"]: w for w in live["workers"]}
    assert by_name["a:1"]["counters"]["updates"] == 12
    assert by_name["a:1"]["updated"] == NOON.isoformat(timespec="seconds")


def test_rows_of_processes_gone_for_a_day_are_forgotten(db: Database) -> None:
    old, new = WorkerStats(db), WorkerStats(db)
    old.worker, new.worker = "old:1", "new:2"
    old.publish({"updates": 1}, NOON - dt.timedelta(days=2))
    new.publish({"updates": 1}, NOON)
    assert [w["worker"] for w in new.live(NOON - dt.timedelta(days=3))["workers"]] == ["new:2"]


def test_live_count_is_the_processes_heard_from_lately_this_one_included(db: Database) -> None:
    now = dt.datetime(2026, 12, 8, 12, 0, tzinfo=dt.UTC)
    here, other = WorkerStats(db, clock=lambda: now), WorkerStats(db, clock=lambda: now)
    other.worker = "elsewhere:1"
    assert here.live_count(now) == 1  # before anyone published: this process alone
    other.publish({"updates": 1}, now)
    here.publish({"updates": 2}, now)
    assert here.live_count(now) == 2
    assert here.live_count(now + LIVE_FOR + dt.timedelta(seconds=1)) == 1  # the other is gone
