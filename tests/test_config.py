"""Settings from the environment: nothing is fetched from the network unless it is allowed."""

from __future__ import annotations

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.store.db import Database


def test_fetching_from_the_network_is_off_unless_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CREDBOT_ALLOW_NETWORK", "CREDBOT_SOURCE_HOURS", "CREDBOT_SOURCE_PRIVATE"):
        monkeypatch.delenv(name, raising=False)
    default = Settings.from_env(db="sqlite://")
    assert not default.allow_network and default.source_hours == 6 and not default.source_private
    monkeypatch.setenv("CREDBOT_ALLOW_NETWORK", "1")
    monkeypatch.setenv("CREDBOT_SOURCE_HOURS", "12")
    allowed = Settings.from_env(db="sqlite://")
    assert allowed.allow_network and allowed.source_hours == 12 and not allowed.source_private
    monkeypatch.setenv("CREDBOT_ALLOW_NETWORK", "no")
    assert not Settings.from_env(db="sqlite://").allow_network


def test_without_the_setting_no_job_fetches_and_sources_cannot_be_registered(db: Database) -> None:
    off = build_services(Settings(database_url=str(db.engine.url)), db)
    on = build_services(Settings(database_url=str(db.engine.url), allow_network=True), db)
    assert off.sources is not None and not off.sources.enabled
    assert on.sources is not None and on.sources.enabled
    assert len(on.periodic) == len(off.periodic) + 1, "the fetching job runs only when allowed"


def test_paid_broadcasts_are_off_unless_a_rate_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDBOT_PAID_BROADCAST", raising=False)
    assert Settings.from_env(db="sqlite://").paid_broadcast == 0
    for raw, rate in (("300", 300.0), (" 120.5 ", 120.5), ("5000", 1000.0), ("0", 0.0), ("off", 0.0)):
        monkeypatch.setenv("CREDBOT_PAID_BROADCAST", raw)
        assert Settings.from_env(db="sqlite://").paid_broadcast == rate, raw
    for bad in ("fast", "-3", "nan"):
        monkeypatch.setenv("CREDBOT_PAID_BROADCAST", bad)
        with pytest.raises(ValueError, match="CREDBOT_PAID_BROADCAST"):
            Settings.from_env(db="sqlite://")
