"""The conversation state kept in the store (bot.account.state), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from bot.account.state import CONTEXT_KEPT_FOR, PAGES_KEPT_FOR, UPDATE_LEASE, ConversationState
from bot.domain.shown import Shown
from bot.store.db import Database

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
BOT = 2**40  # a bot id beyond 32 bits


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


def test_an_update_is_claimed_once_even_by_another_worker(db: Database) -> None:
    clock = Clock()
    one, other = ConversationState(db, clock), ConversationState(db, clock)
    assert one.claim_update(BOT, 2**62) is True
    assert other.claim_update(BOT, 2**62) is False  # being handled by the first
    assert one.claim_update(BOT + 1, 2**62) is True  # another bot's update of that id
    one.finish_update(BOT, 2**62)
    clock.now += UPDATE_LEASE * 10
    assert other.claim_update(BOT, 2**62) is False  # handled: for good


def test_an_abandoned_claim_is_taken_again_after_the_lease_and_only_once(db: Database) -> None:
    clock = Clock()
    state = ConversationState(db, clock)
    assert state.claim_update(BOT, 7)
    clock.now += UPDATE_LEASE / 2
    assert not state.claim_update(BOT, 7)
    clock.now += UPDATE_LEASE
    assert state.claim_update(BOT, 7)  # the first worker died without finishing
    assert not state.claim_update(BOT, 7)


def test_the_only_poller_releases_unfinished_claims_at_start(db: Database) -> None:
    state = ConversationState(db, Clock())
    state.claim_update(BOT, 1)
    state.claim_update(BOT, 2)
    state.finish_update(BOT, 2)
    assert state.release_unfinished(BOT) == 1
    assert state.claim_update(BOT, 1)
    assert not state.claim_update(BOT, 2)


def test_result_pages_belong_to_the_learner_who_searched_and_expire(db: Database) -> None:
    clock = Clock()
    state = ConversationState(db, clock)
    key = state.remember_search("telegram:1", "cybersécurité « avancée »")
    assert len(key) <= 16
    assert ConversationState(db, clock).recall_search("telegram:1", key) == "cybersécurité « avancée »"
    assert state.recall_search("telegram:2", key) is None  # someone else's: nothing
    assert state.recall_search("telegram:1", "nokey") is None
    clock.now += PAGES_KEPT_FOR + dt.timedelta(seconds=1)
    assert state.recall_search("telegram:1", key) is None


def test_what_a_learner_was_shown_outlives_the_process_for_a_day(db: Database) -> None:
    clock = Clock()
    state = ConversationState(db, clock)
    assert state.shown("telegram:1") is None and state.last_query("telegram:1") is None
    state.set_last_query("telegram:1", "bookkeeping")
    shown = Shown("results", (3, 1, 2**31 + 5), "bookkeeping", "abc", 1, 6, 3)
    state.set_shown("telegram:1", shown)
    again = ConversationState(db, clock)  # a restart, or another worker
    assert again.shown("telegram:1") == shown
    assert again.last_query("telegram:1") == "bookkeeping"
    assert again.shown("telegram:2") is None
    again.set_shown("telegram:1", Shown("wallet", (9,)))
    assert state.shown("telegram:1") == Shown("wallet", (9,))
    assert state.last_query("telegram:1") == "bookkeeping"
    clock.now += CONTEXT_KEPT_FOR + dt.timedelta(seconds=1)
    assert state.shown("telegram:1") is None and state.last_query("telegram:1") is None


def test_forgetting_a_learner_forgets_their_pages_and_context(db: Database) -> None:
    state = ConversationState(db, Clock())
    key = state.remember_search("telegram:1", "welding")
    other = state.remember_search("telegram:2", "nursing")
    state.set_shown("telegram:1", Shown("bundle"))
    state.forget("telegram:1")
    assert state.recall_search("telegram:1", key) is None
    assert state.shown("telegram:1") is None
    assert state.recall_search("telegram:2", other) == "nursing"


def _commits(db: Database) -> list[object]:
    """Every transaction committed on this store from now on."""
    made: list[object] = []
    event.listen(db.engine, "commit", lambda connection: made.append(connection))
    return made


def test_an_updates_effects_and_its_claim_are_one_transaction_kept_once(db: Database) -> None:
    clock = Clock()
    state = ConversationState(db, clock)
    ref = "telegram:1"
    keys: list[str] = []

    def search(query: str) -> str:
        state.set_last_query(ref, query)
        keys.append(state.remember_search(ref, query))
        state.set_shown(ref, Shown("results", (1, 2), query, keys[-1], 0, 1, 1))
        return keys[-1]

    commits = _commits(db)
    once = state.handle_once(BOT, 10, lambda: search("cyber"))
    assert once is not None and len(commits) == 1  # three writes and the claim: one commit
    assert state.recall_search(ref, once.result) == "cyber"
    assert not ConversationState(db, clock).claim_update(BOT, 10)  # taken, by another worker too
    # Delivered again (or to a second worker at once): its work is done but nothing is kept.
    assert ConversationState(db, clock).handle_once(BOT, 10, lambda: search("réseaux")) is None
    assert state.last_query(ref) == "cyber" and state.recall_search(ref, keys[-1]) is None
    state.finish_update(BOT, 10)
    clock.now += UPDATE_LEASE * 2
    assert state.handle_once(BOT, 10, lambda: search("réseaux")) is None  # handled: for good
    # Claimed and never finished (its worker died): taken over after the lease, with its work.
    assert state.claim_update(BOT, 11)
    clock.now += UPDATE_LEASE * 2
    taken = state.handle_once(BOT, 11, lambda: search("soins"))
    assert taken is not None and state.last_query(ref) == "soins"


def test_a_failure_keeps_nothing_and_a_failure_caught_inside_does_the_work_again(db: Database) -> None:
    state = ConversationState(db, Clock())
    ref = "telegram:2"

    def failing() -> None:
        state.set_last_query(ref, "lost")
        raise RuntimeError("the core failed")

    with pytest.raises(RuntimeError):
        state.handle_once(BOT, 20, failing)
    assert state.last_query(ref) is None  # rolled back, claim included
    assert state.claim_update(BOT, 20)

    runs: list[str] = []

    def caught() -> str:
        runs.append("run")
        state.set_last_query(ref, "kept")
        try:
            with db.unit_of_work() as uow:
                uow.result_pages.add(ref, "half", NOW)
                raise ValueError("a unit of work failed")
        except ValueError:
            pass
        return "done"

    once = state.handle_once(BOT, 21, caught)
    # The shared transaction was spoiled: rolled back, then the update claimed alone and the
    # work done again, one transaction per unit of work.
    assert once is not None and once.result == "done" and runs == ["run", "run"]
    assert state.last_query(ref) == "kept"
    assert not state.claim_update(BOT, 21)
