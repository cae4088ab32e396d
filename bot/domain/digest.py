"""Digests: what a chat subscribed to, when it runs, and what a run collected. Plain data; the
schedule arithmetic is here because it needs nothing but the time zone database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "America/Toronto"
# A run missed by less than this (the bot was down) still runs once; an older one is skipped.
GRACE = dt.timedelta(hours=1)
LANGUAGES = ("fr", "en", "both")
FREQUENCIES = ("daily", "weekly")


@dataclass(frozen=True)
class Schedule:
    """Daily, or weekly on `weekday` (0 = Monday), at `hour` o'clock in `timezone`."""

    frequency: str = "weekly"
    hour: int = 9
    weekday: int | None = 0
    timezone: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES or not 0 <= self.hour <= 23:
            raise ValueError(f"not a schedule: {self}")
        if self.frequency == "weekly" and (self.weekday is None or not 0 <= self.weekday <= 6):
            raise ValueError(f"a weekly schedule needs a weekday: {self}")
        ZoneInfo(self.timezone)  # raises for an unknown zone

    def _slot_on(self, day: dt.date) -> dt.datetime | None:
        """The run on that local day, in UTC; None when the schedule has none that day. A local
        hour that does not exist (the spring-forward gap) is read with the offset before it, so
        it runs an hour later on the clock; an hour that comes twice runs at its first one."""
        if self.frequency == "weekly" and day.weekday() != self.weekday:
            return None
        local = dt.datetime.combine(day, dt.time(self.hour), tzinfo=ZoneInfo(self.timezone))
        return local.astimezone(dt.UTC)

    def latest(self, now: dt.datetime) -> dt.datetime:
        """The most recent run time at or before `now` (UTC)."""
        today = now.astimezone(ZoneInfo(self.timezone)).date()
        for back in range(9):
            slot = self._slot_on(today - dt.timedelta(days=back))
            if slot is not None and slot <= now:
                return slot
        raise AssertionError("a schedule runs at least once a week")

    def next(self, now: dt.datetime) -> dt.datetime:
        """The first run time after `now` (UTC)."""
        today = now.astimezone(ZoneInfo(self.timezone)).date()
        for ahead in range(9):
            slot = self._slot_on(today + dt.timedelta(days=ahead))
            if slot is not None and slot > now:
                return slot
        raise AssertionError("a schedule runs at least once a week")

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class Due:
    """What to do for a subscription at `now`: run the slot, skip it (missed by more than the
    grace period), or nothing (`slot` None: already handled or not yet due)."""

    slot: dt.datetime | None
    missed: bool = False


def due(
    schedule: Schedule, now: dt.datetime, handled_through: dt.datetime, grace: dt.timedelta = GRACE
) -> Due:
    """The slot to handle now, given that every slot up to `handled_through` was handled (run,
    skipped or paused). Only the latest slot counts: after a long outage one report, not one per
    day."""
    slot = schedule.latest(now)
    if slot <= handled_through:
        return Due(None)
    return Due(slot, missed=now - slot > grace)


@dataclass(frozen=True)
class Subscription:
    id: int
    chat_id: int  # the Telegram chat
    thread_id: int | None  # a forum topic; None for the General topic and outside forums
    subscriber_user_id: int  # the administrator who set it up: previews and reports go to them
    topics: tuple[str, ...]  # skills, keywords or a saved search; empty: everything
    language: str  # fr, en or both
    schedule: Schedule
    auto_approve: bool
    created_at: dt.datetime
    handled_through: dt.datetime  # every slot up to this one was run, skipped or paused
    collected_through: dt.datetime  # what changed up to this moment has been collected
    pause_reported: bool = False

    @property
    def locales(self) -> tuple[str, ...]:
        return ("fr", "en") if self.language == "both" else (self.language,)


@dataclass(frozen=True)
class DigestItem:
    credential_id: int
    external_id: str
    fingerprint: str
    updated: bool  # True: a credential the chat may know, materially changed since


@dataclass(frozen=True)
class DigestRun:
    id: int
    subscription_id: int
    slot: dt.datetime
    status: str  # draft, posted, discarded, empty, missed, paused
    items: tuple[DigestItem, ...] = field(default=())
