"""The one way the Application's Bot API calls go out (getUpdates aside): Telegram's rates, and
retries that never do a thing twice.

PTB's AIORateLimiter (used before) retried only a 429, and held *every* chat while one chat
waited out its retry_after; a 502, a refused connection or a timeout reached the handler and the
reply was lost. Here, as a PTB rate limiter, so that no handler has code of its own:

- a 429 delays that chat only (its later calls wait too), then the call is made again;
- a 5xx answer, a connection refused, a connect or pool timeout (the request never went out) are
  retried with a doubling backoff;
- a timeout *after* the request went out (read or write timeout, the connection dropped while
  waiting): only calls that are harmless to repeat are made again (edits, answers, settings,
  reads). A sendMessage or sendDocument is never re-sent then: it has most likely arrived, and a
  second copy is worse than a reply one cannot be sure of -- at most the one copy Telegram got;
- getMe, deleteWebhook and setWebhook (start-up) are retried until they work; a 401 or 404
  (a wrong token or API URL) is never retried.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]

# Calls that change nothing when made twice (or whose second time Telegram refuses harmlessly,
# "message is not modified", "query is too old").
REPEATABLE = frozenset(
    {
        "getMe",
        "getChat",
        "getChatMember",
        "getChatAdministrators",
        "getFile",
        "getWebhookInfo",
        "getMyCommands",
        "getMyDescription",
        "getMyShortDescription",
        "setMyCommands",
        "deleteMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
        "setChatMenuButton",
        "deleteWebhook",
        "setWebhook",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "deleteMessage",
        "answerCallbackQuery",
        "answerInlineQuery",
        "sendChatAction",
    }
)
# The calls that may carry allow_paid_broadcast (the ones that send a message).
PAID_BROADCAST_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
        "sendMediaGroup",
    }
)
# A community action waits for these (rights, checked live): one retry, then "try again".
FEW_ATTEMPTS = {"getChatMember": 2, "getChatAdministrators": 2}
# Start-up cannot go on without these: retried until they work (a wrong token is not retried).
UNTIL_THEY_WORK = frozenset({"getMe", "deleteWebhook", "setWebhook"})


def went_out(error: TelegramError) -> bool | None:
    """Whether a failed request may have reached Telegram: False when it certainly did not (a
    connect or pool timeout, a refused connection) or Telegram answered with a 5xx; True when it
    may have (a read or write timeout, a connection lost while waiting); None when the error is
    Telegram's final word on the call (400, 403, 401, 409, a migrated chat): never retried."""
    if isinstance(error, RetryAfter | BadRequest | Forbidden | InvalidToken | Conflict | ChatMigrated):
        return None
    cause = error.__cause__
    if isinstance(error, TimedOut):
        return not isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout)
    if isinstance(error, NetworkError):
        if cause is None:  # Telegram (or a proxy in front of it) answered 5xx: not done
            return False
        return not isinstance(cause, httpx.ConnectError)
    return None


def is_reply(endpoint: str) -> bool:
    """A call that answers someone: a message sent or edited, a press or an inline query answered."""
    return endpoint.startswith(("send", "edit", "answer")) and endpoint != "sendChatAction"


def unchanged(error: TelegramError) -> bool:
    """Telegram's "message is not modified": the message already shows the reply (no failure)."""
    return isinstance(error, BadRequest) and "not modified" in str(error).lower()


def _seconds(retry_after: int | dt.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else float(retry_after)


class Delivery(BaseRateLimiter[int]):
    """Telegram's rates (30 messages a second overall, 20 a minute per group, as PTB's
    AIORateLimiter) and the retries described in the module docstring. With `paid_broadcast`
    (messages a second, CREDBOT_PAID_BROADCAST) the overall limit is that rate instead and every
    message sent carries `allow_paid_broadcast` (Telegram then takes Stars from the bot's
    balance); the limits of each chat and group stay."""

    def __init__(
        self,
        *,
        overall_per_second: float = FloodLimit.MESSAGES_PER_SECOND,
        group_per_minute: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP,
        attempts: int = 5,
        first_backoff: float = 0.5,
        max_backoff: float = 8.0,
        start_up_max_backoff: float = 30.0,
        max_rate_limited: int = 5,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        paid_broadcast: float = 0.0,
    ) -> None:
        self.paid_broadcast = paid_broadcast > 0
        if self.paid_broadcast and overall_per_second:
            overall_per_second = paid_broadcast
        self.overall_per_second = overall_per_second
        self._overall = AsyncLimiter(overall_per_second, 1) if overall_per_second else None
        self._whole_rate = overall_per_second
        self.workers = 1  # processes sharing the bot's overall rate (set_workers)
        self._group_per_minute = group_per_minute
        self._groups: dict[int | str, AsyncLimiter] = {}
        self.attempts = attempts
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.start_up_max_backoff = start_up_max_backoff
        self.max_rate_limited = max_rate_limited
        self.enabled = enabled  # off: no retry at all (the benchmark's baseline)
        self._clock = clock
        self._blocked_until: dict[int | str, float] = {}  # chat -> when its retry_after ends
        self.retried = 0  # calls made again (after a 5xx, a network error, a 429)
        self.rate_limited = 0  # 429s received
        self.replies_failed = 0  # replies (sends, edits, answers) that failed for good

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def set_workers(self, count: int) -> None:
        """`count` processes answer for this bot (several webhook workers on one PostgreSQL):
        Telegram's overall limit is the bot's, so each paces at its share of it."""
        count = max(1, count)
        if count == self.workers or not self._whole_rate:
            return
        self.workers = count
        self.overall_per_second = self._whole_rate / count
        self._overall = AsyncLimiter(self.overall_per_second, 1)
        log.info("%d processes share the bot: %.1f messages a second here", count, self.overall_per_second)

    async def overall_turn(self) -> None:
        """Wait for a place under the overall rate, taken (the outbox's posts share it with the
        replies: together they stay under the bot's limit)."""
        if self._overall is not None:
            await self._overall.acquire()

    def _group(self, chat: int | str) -> AsyncLimiter | None:
        if not self._group_per_minute or (isinstance(chat, int) and chat > 0):
            return None  # private chats: only the overall limit
        limiter = self._groups.get(chat)
        if limiter is None:
            if len(self._groups) > 10_000:
                self._groups.clear()
            limiter = self._groups[chat] = AsyncLimiter(self._group_per_minute, 60)
        return limiter

    async def _chat_turn(self, chat: int | str | None) -> None:
        """Wait while this chat is under a retry_after (other chats do not wait)."""
        if chat is None:
            return
        while (until := self._blocked_until.get(chat)) is not None:
            left = until - self._clock()
            if left <= 0:
                self._blocked_until.pop(chat, None)
                return
            await asyncio.sleep(left)

    async def _once(
        self,
        chat: int | str | None,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> bool | JSONDict | list[JSONDict]:
        await self._chat_turn(chat)
        async with AsyncExitStack() as limits:
            if chat is not None:
                group = self._group(chat)
                if group is not None:
                    await limits.enter_async_context(group)
                if self._overall is not None:
                    await limits.enter_async_context(self._overall)
            return await callback(*args, **kwargs)

    def backoff(self, endpoint: str, failures: int) -> float:
        ceiling = self.start_up_max_backoff if endpoint in UNTIL_THEY_WORK else self.max_backoff
        return float(min(ceiling, self.first_backoff * 2 ** (failures - 1)))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        try:
            return await self._deliver(callback, args, kwargs, endpoint, data)
        except TelegramError as error:
            if is_reply(endpoint) and not unchanged(error):
                self.replies_failed += 1
            raise

    async def _deliver(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
    ) -> bool | JSONDict | list[JSONDict]:
        chat: int | str | None = data.get("chat_id")
        if self.paid_broadcast and endpoint in PAID_BROADCAST_METHODS:
            data["allow_paid_broadcast"] = True  # the very dict the call is made with (args)
        if isinstance(chat, str):
            chat = int(chat) if chat.lstrip("-").isdigit() else chat
        failures = 0
        limited = 0
        while True:
            try:
                return await self._once(chat, callback, args, kwargs)
            except RetryAfter as error:
                self.rate_limited += 1
                limited += 1
                if not self.enabled or limited > self.max_rate_limited:
                    raise
                seconds = _seconds(error._retry_after) + 0.1  # a timedelta, not the deprecated int
                log.info("%s: Telegram asks to wait %.1f s in chat %s", endpoint, seconds, chat)
                if chat is None:
                    await asyncio.sleep(seconds)
                else:
                    until = self._clock() + seconds
                    self._blocked_until[chat] = max(until, self._blocked_until.get(chat, 0.0))
            except TelegramError as error:
                sent = went_out(error)
                if not self.enabled or sent is None or (sent and endpoint not in REPEATABLE):
                    raise
                failures += 1
                if failures >= FEW_ATTEMPTS.get(endpoint, self.attempts) and endpoint not in UNTIL_THEY_WORK:
                    raise
                delay = self.backoff(endpoint, failures)
                log.warning("%s failed (%s); trying again in %.1f s", endpoint, error, delay)
                await asyncio.sleep(delay)
            self.retried += 1
