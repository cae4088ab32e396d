"""The poller's updates kept in the store until handled (bot.account.state), on SQLite and
PostgreSQL: what a killed poller fetched is handled at the next start."""

from __future__ import annotations

import datetime as dt

from bot.account.state import ConversationState
from bot.store.db import Database

BOT = 2**40  # a bot id beyond 32 bits


def _now() -> dt.datetime:
    return dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def test_polled_updates_are_kept_until_handled_for_the_next_start(db: Database) -> None:
    state = ConversationState(db, _now)
    first = {"update_id": 11, "message": {"text": "cybersécurité « avancée »"}}
    second = {"update_id": 12, "message": {"text": "2"}}
    state.keep_polled(BOT, [(11, first), (12, second)])
    state.keep_polled(
        BOT, [(12, {"update_id": 12, "changed": True}), (13, {"update_id": 13})]
    )  # 12 kept as it was
    state.keep_polled(BOT + 1, [(11, {"update_id": 11, "other bot": True})])
    assert state.claim_update(BOT, 12)
    state.finish_update(BOT, 12)
    assert state.claim_update(BOT, 11)  # being handled when the poller was killed: not finished
    # The poller was killed; its successor releases the claims and handles what is left, in order.
    again = ConversationState(db, _now)
    assert again.release_unfinished(BOT) == 1
    assert again.polled_unhandled(BOT) == [first, {"update_id": 13}]
    assert again.claim_update(BOT, 11) and again.claim_update(BOT, 13)
    again.finish_update(BOT, 11)
    again.finish_update(BOT, 13)
    assert again.polled_unhandled(BOT) == []  # handled: forgotten
    assert again.polled_unhandled(BOT + 1) == [{"update_id": 11, "other bot": True}]
