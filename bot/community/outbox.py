"""The bot's one push path: every message it posts on its own (digests, notices to managers)
goes through the outbox, a SQL table with a unique key per message.

- `post(key, …)` queues a message once: the same key again (a retry, a restart, another worker)
  is refused, so nothing is posted twice.
- `correct(key, …)` changes a queued message, or edits the one already sent.
- The sender (the Telegram adapter) claims due messages atomically and settles each one: sent;
  unsure (the request went out, no answer came: never sent again on its own, the managers are
  told); later (an error before it went out, or Telegram's retry_after: backoff); paused (the
  bot may not post in that chat: `on_forbidden(chat_id)`, nothing is dropped, it resumes when
  the chat's membership says the bot may post again); failed (Telegram refused this message).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.outbox import CLAIMED, FAILED, UNSURE, OutboxItem
from bot.store.db import Database

# A message whose worker never settled it stopped: being sent, it may have gone out (unsure);
# only claimed, its request was never made (queued again).
STALE_AFTER = dt.timedelta(minutes=5)
BACKOFF_FIRST = 2.0  # seconds, doubled at each attempt
BACKOFF_MAX = 600.0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def backoff(attempts: int) -> float:
    return float(min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1)))


class Outbox:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self._db = db
        self.clock = clock
        # Set by the composition root: what to do when the bot may not post in a chat, and
        # when a message may or may not have reached its chat (unsure) or was refused (failed).
        self.on_forbidden: Callable[[int], None] = self.pause_membership
        self.on_trouble: Callable[[OutboxItem], None] = lambda item: None

    # ---- the posting side ----

    def post(self, key: str, chat_id: int, payload: dict[str, Any], *, thread_id: int | None = None) -> bool:
        """Queue `payload` for `chat_id` (in forum topic `thread_id`; None for General) under
        `key`; False when that key was already queued or sent."""
        with self._db.unit_of_work() as uow:
            return uow.outbox.add(key, chat_id, payload, thread_id or None, self.clock())

    def correct(self, key: str, payload: dict[str, Any]) -> bool:
        with self._db.unit_of_work() as uow:
            return uow.outbox.correct(key, payload, self.clock())

    def state(self, key: str) -> str | None:
        item = self.find(key)
        return item.state if item else None

    def find(self, key: str) -> OutboxItem | None:
        with self._db.unit_of_work() as uow:
            return uow.outbox.find(key)

    def counts(self) -> dict[str, int]:
        """Messages by state (queued, paused, sent, failed…): the queue's depth, for operators."""
        with self._db.unit_of_work() as uow:
            return uow.outbox.counts()

    # ---- the sending side ----

    def claim(self, limit: int = 50, now: dt.datetime | None = None) -> list[OutboxItem]:
        """Due messages, oldest first, each claimed by this worker only."""
        now = now or self.clock()
        with self._db.unit_of_work() as uow:
            unsure = []
            for item in uow.outbox.stale(now - STALE_AFTER):
                if item.state == CLAIMED:
                    uow.outbox.requeue(item.id, now)
                else:
                    unsure.append(
                        uow.outbox.settle(item.id, UNSURE, "the sender stopped while sending it", now)
                    )
            claimed = uow.outbox.claim(now, limit)
        for item in unsure:
            self.on_trouble(item)
        return claimed

    def sending(self, item: OutboxItem) -> None:
        """The request for `item` is about to be made: from now on it may reach the chat."""
        with self._db.unit_of_work() as uow:
            uow.outbox.sending(item.id, self.clock())

    def sent(self, item: OutboxItem, message_id: int | None) -> None:
        with self._db.unit_of_work() as uow:
            uow.outbox.sent(item.id, message_id, self.clock())

    def unsure(self, item: OutboxItem, error: str) -> None:
        self._settle(item, UNSURE, error)

    def failed(self, item: OutboxItem, error: str) -> None:
        self._settle(item, FAILED, error)

    def _settle(self, item: OutboxItem, state: str, error: str) -> None:
        with self._db.unit_of_work() as uow:
            settled = uow.outbox.settle(item.id, state, error, self.clock())
        self.on_trouble(settled)

    def retry(self, item: OutboxItem, error: str) -> float:
        """An error before the message went out: tried again after a growing delay (seconds)."""
        delay = backoff(item.attempts)
        self.later(item, delay, error, attempt=True)
        return delay

    def later(
        self, item: OutboxItem, seconds: float, error: str | None = None, *, attempt: bool = False
    ) -> None:
        now = self.clock()
        with self._db.unit_of_work() as uow:
            uow.outbox.later(item.id, now + dt.timedelta(seconds=seconds), error, now, attempt=attempt)

    def forbidden(self, item: OutboxItem, error: str) -> None:
        """Telegram refused the bot in that chat: its messages wait, the chat is paused."""
        with self._db.unit_of_work() as uow:
            uow.outbox.pause_chat(item.chat_id, error, self.clock())
        self.on_forbidden(item.chat_id)

    def topic_gone(self, item: OutboxItem) -> int:
        """Telegram said the forum topic of `item` does not exist (it was deleted): the message,
        and every other one waiting for that topic, goes to the chat's General topic, sent again
        at once under its own key (the refused request posted nothing). How many moved."""
        with self._db.unit_of_work() as uow:
            return uow.outbox.to_general(item.id, self.clock())

    def pause_chat(self, chat_id: int, reason: str) -> None:
        """The bot was removed from the chat or may no longer post there (its membership says
        so): what waits for the chat waits on, until `resume_ready` finds it may post again."""
        with self._db.unit_of_work() as uow:
            uow.outbox.pause_chat(chat_id, reason, self.clock())

    def pause_membership(self, chat_id: int) -> None:
        """What the chat's membership says after a refusal: a channel where the bot may not
        post, a group or private chat it is no longer in (digests read it and pause)."""
        with self._db.unit_of_work() as uow:
            known = uow.chats.membership(chat_id)
            if chat_id > 0 and known is None:
                return  # a person who blocked the bot: nothing to record about a chat
            kind = known.kind if known else "group"
            title = known.title if known else None
            if kind == "channel":
                uow.chats.set_membership(
                    chat_id,
                    kind=kind,
                    title=title,
                    active=known.active if known else True,
                    bot_can_post=False,
                )
            else:
                uow.chats.set_membership(chat_id, kind=kind, title=title, active=False, bot_can_post=False)

    def resume_ready(self) -> list[int]:
        """Paused chats where the bot may post again (re-added, promoted): their messages go."""
        now = self.clock()
        resumed: list[int] = []
        with self._db.unit_of_work() as uow:
            for chat_id in uow.outbox.paused_chats():
                membership = uow.chats.membership(chat_id)
                if membership is None or not membership.active:
                    continue
                if membership.kind == "channel" and not membership.bot_can_post:
                    continue
                uow.outbox.resume_chat(chat_id, now)
                resumed.append(chat_id)
        return resumed

    def resume(self, chat_id: int) -> int:
        with self._db.unit_of_work() as uow:
            return uow.outbox.resume_chat(chat_id, self.clock())

    def chat_migrated(self, old_id: int, new_id: int) -> None:
        with self._db.unit_of_work() as uow:
            uow.outbox.move_chat(old_id, new_id)

    def managers(self, chat_id: int) -> list[int]:
        with self._db.unit_of_work() as uow:
            return uow.chats.managers(chat_id)

    def chat_title(self, chat_id: int) -> str | None:
        with self._db.unit_of_work() as uow:
            membership = uow.chats.membership(chat_id)
        return membership.title if membership else None

    def in_state(self, chat_id: int, state: str) -> list[OutboxItem]:
        with self._db.unit_of_work() as uow:
            return uow.outbox.in_state(chat_id, state)


@dataclass(frozen=True)
class Rates:
    """Telegram's limits for bots: about one message a second in a chat, 20 a minute in a group
    or channel, 30 a second overall (kept under, at 25)."""

    per_chat_interval: float = 1.0
    per_group_minute: int = 20
    overall_per_second: int = 25


@dataclass
class Pacer:
    """When each chat may be sent its next message, from what was sent (in this worker) and
    Telegram's retry_after for that chat only."""

    rates: Rates = field(default_factory=Rates)
    _chat_sent: dict[int, deque[float]] = field(default_factory=dict)
    _overall: deque[float] = field(default_factory=deque)
    _blocked_until: dict[int, float] = field(default_factory=dict)

    def wait(self, chat_id: int, now: float) -> float:
        """Seconds before `chat_id` may be sent a message (0: now)."""
        waits = [self._blocked_until.get(chat_id, 0.0) - now]
        sent = self._chat_sent.get(chat_id)
        if sent:
            waits.append(sent[-1] + self.rates.per_chat_interval - now)
            if chat_id < 0:  # groups and channels
                recent = [at for at in sent if at > now - 60.0]
                if len(recent) >= self.rates.per_group_minute:
                    waits.append(recent[-self.rates.per_group_minute] + 60.0 - now)
        recent_overall = [at for at in self._overall if at > now - 1.0]
        if len(recent_overall) >= self.rates.overall_per_second:
            waits.append(recent_overall[-self.rates.overall_per_second] + 1.0 - now)
        return max(0.0, *waits)

    def took(self, chat_id: int, now: float) -> None:
        sent = self._chat_sent.setdefault(chat_id, deque(maxlen=max(1, self.rates.per_group_minute)))
        sent.append(now)
        self._overall.append(now)
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()

    def block(self, chat_id: int, until: float) -> None:
        self._blocked_until[chat_id] = max(until, self._blocked_until.get(chat_id, 0.0))
