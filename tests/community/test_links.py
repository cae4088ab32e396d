"""Deep links from a group keep the search behind a short key, in the database: another worker
or a restarted bot opens them, and they are forgotten after 90 days."""

from __future__ import annotations

import datetime as dt

from bot.community.links import SEARCH, DeepLinks
from bot.store.db import Database


def test_a_link_outlives_the_instance_that_made_it_and_old_ones_are_forgotten(db: Database) -> None:
    now = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)
    key = DeepLinks(db, clock=lambda: now).remember(SEARCH, "cybersécurité en ligne")
    assert len(key) == 8 and key.replace("-", "").replace("_", "").isalnum()
    assert DeepLinks(db).recall(key) == (SEARCH, "cybersécurité en ligne")
    assert DeepLinks(db).recall("unknown") is None
    later = DeepLinks(db, clock=lambda: now + dt.timedelta(days=91))
    fresh = later.remember(SEARCH, "soins palliatifs")
    assert later.recall(key) is None
    assert later.recall(fresh) == (SEARCH, "soins palliatifs")
