"""Conversation state that outlives a restart and is shared by workers (all in the store):

- the Telegram updates already taken: a re-delivered update (a retried webhook, a restart
  mid-poll, the same update sent to two workers) is acted on once;
- the searches behind result pages, per learner: a ◀ ▶ or number button carries a short key,
  never the learner's words, and only the learner who searched can use it (for 30 days);
- each learner's last search and what they were shown last, so that "2", "next", "only online
  ones" or /page 2 are understood (for a day: after that they are asked to search again)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.domain.shown import Shown
from bot.store.db import Database, TransactionSpoiled

T = TypeVar("T")

PAGES_KEPT_FOR = dt.timedelta(days=30)
CONTEXT_KEPT_FOR = dt.timedelta(days=1)
UPDATES_KEPT_FOR = dt.timedelta(days=1)
# An update taken and not finished within this time was abandoned (its worker died): a
# re-delivery of it is handled again.
UPDATE_LEASE = dt.timedelta(seconds=60)
PRUNE_ONE_IN = 200  # old rows are deleted by one write in this many (no DELETE on every update)


class _Taken(Exception):
    """The update was claimed already: the transaction with its effects is rolled back."""


@dataclass(frozen=True)
class Once(Generic[T]):
    """What an update's work gave, the first (and only) time it was done."""

    result: T


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ConversationState:
    def __init__(self, store: Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self._store = store
        self._clock = clock

    def _prune_now(self) -> bool:
        return random.randrange(PRUNE_ONE_IN) == 0

    # ---- updates ----

    def claim_update(self, bot_id: int, update_id: int) -> bool:
        """True the first time this update is seen (by any worker, before or after a restart)."""
        with self._store.unit_of_work() as uow:
            now = self._clock()
            if self._prune_now():
                uow.processed.forget_older_than(now - UPDATES_KEPT_FOR)
            return uow.processed.claim(bot_id, update_id, now, UPDATE_LEASE)

    def handle_once(self, bot_id: int, update_id: int, work: Callable[[], T]) -> Once[T] | None:
        """`work()` (the update's effects) and the update's claim in one transaction: both are
        kept, or neither (None: the update was handled, or is being handled, by this worker or
        another; nothing of `work` was kept). A search's query, counts, result page and what was
        shown, and the claim, are one write instead of five. Should a unit of work fail inside
        `work` and be caught there, the update is claimed alone and `work` done again, one
        transaction per unit of work."""
        try:
            with self._store.one_transaction() as uow:
                result = work()
                now = self._clock()
                if self._prune_now():
                    uow.processed.forget_older_than(now - UPDATES_KEPT_FOR)
                if not uow.processed.claim_in_transaction(bot_id, update_id, now, UPDATE_LEASE):
                    raise _Taken
        except _Taken:
            return None
        except TransactionSpoiled:
            if not self.claim_update(bot_id, update_id):
                return None
            result = work()
        return Once(result)

    def update_taken(self, bot_id: int, update_id: int) -> bool:
        """Whether this update was handled, or is being handled (a read: no claim is made)."""
        with self._store.unit_of_work() as uow:
            return uow.processed.taken(bot_id, update_id, self._clock(), UPDATE_LEASE)

    def finish_unclaimed_update(self, bot_id: int, update_id: int) -> None:
        """An update that needed no claim (nothing acted on it): a re-delivery is ignored too."""
        with self._store.unit_of_work() as uow:
            uow.processed.done_unclaimed(bot_id, update_id, self._clock())

    def finish_update(self, bot_id: int, update_id: int) -> None:
        with self._store.unit_of_work() as uow:
            uow.processed.finish(bot_id, update_id, self._clock())

    def release_unfinished(self, bot_id: int) -> int:
        """At the start of the only poller: updates taken and never finished (the process was
        killed) are handled again when Telegram delivers them again."""
        with self._store.unit_of_work() as uow:
            return uow.processed.release_unfinished(bot_id)

    def keep_polled(self, bot_id: int, updates: list[tuple[int, dict[str, object]]]) -> None:
        """A batch the poller fetched, kept (one transaction) before Telegram is told it was
        received, so that no update is lost when the poller is killed before handling it."""
        with self._store.unit_of_work() as uow:
            uow.polled.keep(bot_id, updates, self._clock())

    def polled_unhandled(self, bot_id: int) -> list[dict[str, object]]:
        """At the start of the only poller: the updates its killed predecessor fetched and did
        not finish handling, oldest first, to be handled now."""
        with self._store.unit_of_work() as uow:
            return uow.polled.unhandled(bot_id)

    # ---- result pages ----

    def remember_search(self, ref: str, query: str) -> str:
        """A key for the pages of this learner's search."""
        with self._store.unit_of_work() as uow:
            now = self._clock()
            if self._prune_now():
                uow.result_pages.forget_older_than(now - PAGES_KEPT_FOR)
                uow.contexts.forget_older_than(now - CONTEXT_KEPT_FOR)
            return uow.result_pages.add(ref, query, now)

    def recall_search(self, ref: str, key: str) -> str | None:
        """The search behind `key`: None when it is unknown, expired or another learner's."""
        with self._store.unit_of_work() as uow:
            return uow.result_pages.find(ref, key, self._clock() - PAGES_KEPT_FOR)

    # ---- what the learner was shown ----

    def last_query(self, ref: str) -> str | None:
        with self._store.unit_of_work() as uow:
            return uow.contexts.last_query(ref, self._clock() - CONTEXT_KEPT_FOR)

    def set_last_query(self, ref: str, query: str) -> None:
        with self._store.unit_of_work() as uow:
            uow.contexts.set_last_query(ref, query, self._clock())

    def shown(self, ref: str) -> Shown | None:
        with self._store.unit_of_work() as uow:
            return uow.contexts.shown(ref, self._clock() - CONTEXT_KEPT_FOR)

    def set_shown(self, ref: str, shown: Shown) -> None:
        with self._store.unit_of_work() as uow:
            uow.contexts.set_shown(ref, shown, self._clock())

    def forget(self, ref: str) -> None:
        """Everything kept of this learner's conversation (their account is forgotten)."""
        with self._store.unit_of_work() as uow:
            uow.contexts.forget(ref)
            uow.result_pages.forget_learner(ref)
