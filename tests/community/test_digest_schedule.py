"""The digest schedule: slots in the network's time zone across DST, the grace period after a
restart, and one report for a long outage."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.digest import Schedule, due

UTC = dt.UTC


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def test_a_daily_run_is_at_the_hour_in_toronto_in_winter_and_in_summer() -> None:
    daily = Schedule("daily", 9, None)
    assert daily.latest(at(2027, 1, 15, 15)) == at(2027, 1, 15, 14)  # EST, UTC-5
    assert daily.latest(at(2027, 7, 15, 15)) == at(2027, 7, 15, 13)  # EDT, UTC-4
    assert daily.latest(at(2027, 7, 15, 12, 59)) == at(2027, 7, 14, 13)
    assert daily.next(at(2027, 7, 15, 13)) == at(2027, 7, 16, 13)


def test_the_day_of_a_dst_change_keeps_the_local_hour() -> None:
    daily = Schedule("daily", 9, None)
    # 2027-03-14: clocks spring forward at 2:00 in Toronto; 2027-11-07: they fall back
    assert daily.next(at(2027, 3, 13, 15)) == at(2027, 3, 14, 13)
    assert daily.next(at(2027, 11, 6, 14)) == at(2027, 11, 7, 14)
    gap = Schedule("daily", 2, None)  # 2:00 does not exist on 2027-03-14: runs at 3:00 EDT
    assert gap.next(at(2027, 3, 14, 0)) == at(2027, 3, 14, 7)
    twice = Schedule("daily", 1, None)  # 1:00 comes twice on 2027-11-07: the first one
    assert twice.next(at(2027, 11, 7, 0)) == at(2027, 11, 7, 5)


def test_a_weekly_run_is_on_its_weekday_and_other_zones_work() -> None:
    monday = Schedule("weekly", 8, 0)
    assert monday.latest(at(2027, 1, 20, 12)) == at(2027, 1, 18, 13)  # Wednesday → last Monday
    assert monday.next(at(2027, 1, 18, 13)) == at(2027, 1, 25, 13)
    paris = Schedule("weekly", 8, 4, "Europe/Paris")
    assert paris.latest(at(2027, 1, 22, 7)) == at(2027, 1, 22, 7)
    assert paris.local(at(2027, 1, 22, 7)).hour == 8


def test_nonsense_schedules_are_refused() -> None:
    for bad in (("hourly", 9, None), ("daily", 24, None), ("weekly", 9, None), ("weekly", 9, 7)):
        with pytest.raises(ValueError):
            Schedule(*bad)
    with pytest.raises(Exception):  # noqa: B017 - zoneinfo's own error
        Schedule("daily", 9, None, "Mars/Olympus")


def test_a_slot_runs_once_within_the_grace_period_and_is_skipped_after_it() -> None:
    daily = Schedule("daily", 9, None)
    handled = at(2027, 1, 14, 14)  # yesterday's run
    assert due(daily, at(2027, 1, 15, 13, 59), handled).slot is None  # not yet
    on_time = due(daily, at(2027, 1, 15, 14), handled)
    assert (on_time.slot, on_time.missed) == (at(2027, 1, 15, 14), False)
    late = due(daily, at(2027, 1, 15, 14, 59), handled)  # back after a 59-minute outage
    assert (late.slot, late.missed) == (at(2027, 1, 15, 14), False)
    too_late = due(daily, at(2027, 1, 15, 15, 1), handled)
    assert (too_late.slot, too_late.missed) == (at(2027, 1, 15, 14), True)
    # handled: nothing more until tomorrow
    assert due(daily, at(2027, 1, 15, 16), at(2027, 1, 15, 14)).slot is None


def test_a_long_outage_gives_one_missed_slot_not_one_a_day() -> None:
    daily = Schedule("daily", 9, None)
    outcome = due(daily, at(2027, 1, 20, 20), at(2027, 1, 14, 14))
    assert (outcome.slot, outcome.missed) == (at(2027, 1, 20, 14), True)
