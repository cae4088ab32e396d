"""Statistics count searches per chat, show a query only once 5 distinct learners sent it, hash
learners with a secret key, and forget rows after 13 months."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.community.statistics import (
    Statistics,
    digest_payload,
    months_before,
    normalise_query,
    parse_digest_payload,
)
from bot.store import models
from bot.store.db import Database

GROUP = -1001234567890
NOON = dt.datetime(2026, 12, 4, 17, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _search(
    stats: Statistics, learners: range, query: str, *, found: bool = False, locale: str = "fr"
) -> None:
    for learner in learners:
        stats.record_search(f"telegram:{learner}", GROUP, query, locale, found)


def test_a_query_is_shown_from_five_distinct_learners_not_four(db: Database) -> None:
    stats = Statistics(db, key="k", clock=Clock())
    _search(stats, range(1, 6), "Chimie verte")
    _search(stats, range(1, 5), "soudure sous-marine")
    _search(stats, range(1, 5), "soudure sous-marine")  # the same four again: still four people
    report = stats.report(GROUP)
    assert [(q.query, q.searches, q.learners) for q in report.missed] == [("chimie verte", 5, 5)]
    assert [q.query for q in report.top] == ["chimie verte"]
    assert report.searches == 13
    assert report.weeks[0].without_results == 13


def test_rows_are_deleted_after_thirteen_months(db: Database) -> None:
    clock = Clock()
    stats = Statistics(db, key="k", clock=clock)
    _search(stats, range(1, 6), "paie")
    clock.now = NOON + dt.timedelta(days=1)
    _search(stats, range(1, 6), "paie")
    thirteen_months_later = dt.datetime(2028, 1, 4, 17, 0, tzinfo=dt.UTC)
    assert stats.prune(thirteen_months_later) == 0  # exactly 13 months old: kept
    assert stats.prune(thirteen_months_later + dt.timedelta(days=1)) == 5
    clock.now = thirteen_months_later + dt.timedelta(days=1)
    assert stats.report(GROUP).searches == 5
    assert stats.prune(thirteen_months_later + dt.timedelta(days=2)) == 5
    assert stats.report(GROUP).searches == 0


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(dt.date(2027, 3, 31), 13) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2027, 1, 15), 13) == dt.date(2025, 12, 15)


def test_learners_are_stored_as_a_keyed_hash_never_their_id(db: Database) -> None:
    stats = Statistics(db, key="secret one", clock=Clock())
    stats.record_search("telegram:424242", GROUP, "paie", "fr", True)
    with db.session() as session:
        stored = session.scalars(select(models.StatSearch.learner)).one()
    assert "424242" not in stored
    assert stored == stats.learner_hash("telegram:424242")
    assert stored != Statistics(db, key="secret two").learner_hash("telegram:424242")
    # Without the key, hashing every candidate id finds nothing.
    import hashlib

    assert stored not in {
        hashlib.sha256(f"telegram:{n}".encode()).hexdigest()[:32] for n in range(424240, 424245)
    }


def test_without_a_configured_key_one_is_generated_once_and_kept(db: Database) -> None:
    first = Statistics(db).learner_hash("telegram:7")
    assert Statistics(db).learner_hash("telegram:7") == first
    with db.session() as session:
        key = session.scalars(select(models.StatKey.value)).one()
    assert len(key) >= 32


def test_the_french_english_split_counts_each_search_once(db: Database) -> None:
    stats = Statistics(db, key="k", clock=Clock())
    _search(stats, range(1, 4), "soins palliatifs", found=True, locale="fr")
    _search(stats, range(4, 5), "first aid", found=True, locale="en")
    assert stats.report(GROUP).locales == {"fr": 3, "en": 1}


def test_private_searches_count_for_a_chat_only_after_its_deep_link(db: Database) -> None:
    stats = Statistics(db, key="k", clock=Clock())
    stats.record_search("telegram:9", None, "paie", "fr", True)
    assert stats.report(GROUP).searches == 0  # came from no chat: not stored at all
    with db.session() as session:
        assert session.scalars(select(models.StatSearch)).all() == []
    stats.opened_digest_item("telegram:9", GROUP, 12)
    stats.record_search("telegram:9", None, "paie", "fr", True)
    stats.record_earned("telegram:9", None, [("Health", "Santé")])
    report = stats.report(GROUP)
    assert report.searches == 1
    assert [(o.credential_id, o.opens) for o in report.opens] == [(12, 1)]
    assert [(s.subject_fr, s.earned) for s in report.subjects] == [("Santé", 1)]


def test_the_demand_gap_slot_is_claimed_once_a_week(db: Database) -> None:
    clock = Clock()
    stats = Statistics(db, key="k", clock=clock)
    assert stats.claim_demand_gap(GROUP)
    assert not Statistics(db, key="k", clock=clock).claim_demand_gap(GROUP)  # another worker
    clock.now += dt.timedelta(days=7)
    assert stats.claim_demand_gap(GROUP)


def test_queries_are_counted_in_one_form() -> None:
    assert normalise_query("  « Chimie   Verte ? »") == "chimie verte"
    assert normalise_query("Santé!") == "santé"
    assert len(normalise_query("x" * 500)) == 200


def test_digest_payloads_fit_telegram_and_read_back() -> None:
    payload = digest_payload(-1001234567890, 4242)
    assert len(payload) <= 64
    assert all(c.isalnum() or c in "_-" for c in payload)
    assert parse_digest_payload(payload) == (-1001234567890, 4242)
    assert parse_digest_payload("c_12") is None
    assert parse_digest_payload("d_x_12") is None
