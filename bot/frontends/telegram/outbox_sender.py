"""The Telegram side of the outbox: the clock loop (periodic jobs, then a drain) and the sender.

Outbox messages go through a Bot of their own without PTB's AIORateLimiter: its retries would
hold a chat's 429 inside one call; here a retry_after delays that chat only, and the Pacer
keeps each chat and the bot under Telegram's rates."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.community.outbox import Pacer, Rates
from bot.conversation.push import payload_reply
from bot.conversation.router import Conversation
from bot.domain.outbox import OutboxItem
from bot.frontends.telegram import render
from bot.frontends.telegram.delivery import Delivery

log = logging.getLogger(__name__)

# What Telegram answers when the bot may not post in a chat at all (not about this message).
_CANNOT_POST = (
    "chat not found",
    "not enough rights",
    "have no rights",
    "need administrator rights",  # a channel's administrator without "Post messages"
    "chat_write_forbidden",
    "was kicked",
)


def _seconds(retry_after: Any) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else float(retry_after)


class OutboxSender:
    def __init__(
        self,
        conversation: Conversation,
        bot: Bot,
        *,
        rates: Rates | None = None,
        interval: float = 30.0,
        batch: int = 50,
        paid_broadcast: float = 0.0,
    ) -> None:
        """`paid_broadcast` (messages a second, 0: off): Telegram's paid broadcasts, the overall
        pace raised to that rate (kept under by a sixth, as the free 30 a second is kept at 25)
        and each message sent with `allow_paid_broadcast`."""
        if paid_broadcast > 0:
            rates = replace(rates or Rates(), overall_per_second=max(1, int(paid_broadcast * 5 / 6)))
        self.paid_broadcast = paid_broadcast > 0
        self.conversation = conversation
        self.outbox = conversation.services.outbox
        self.bot = bot
        self.pacer = Pacer(rates or Rates())
        self._whole_rates = self.pacer.rates
        # The replies' rate limiter, whose overall rate the posts take their turn in.
        self.shared: Delivery | None = None
        self.interval = interval
        self.batch = batch
        self._task: asyncio.Task[None] | None = None

    def set_workers(self, count: int) -> None:
        """Each of `count` processes posts at its share of the overall pace (the limits of each
        chat are Telegram's too, but a chat's posts are claimed by one process at a time)."""
        whole = self._whole_rates
        self.pacer.rates = replace(
            whole, overall_per_second=max(1, whole.overall_per_second // max(1, count))
        )
        if self.shared is not None:
            self.shared.set_workers(count)

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        return self.outbox.clock

    def _now(self) -> float:
        return self.clock().timestamp()

    # ---- the clock ----

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.bot.shutdown()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.tick()
            except Exception:  # the clock never stops on one bad tick
                log.exception("clock tick failed")

    async def tick(self) -> int:
        """Periodic jobs, then what is due in the outbox; how many messages went out."""
        await asyncio.to_thread(self.conversation.tick, self.clock())
        return await self.drain()

    # ---- the sender ----

    async def drain(self) -> int:
        await self.bot.initialize()
        items = await asyncio.to_thread(self.outbox.claim, self.batch)
        by_chat: dict[int, list[OutboxItem]] = {}
        for item in items:
            by_chat.setdefault(item.chat_id, []).append(item)
        counts = await asyncio.gather(*(self._drain_chat(chat, its) for chat, its in by_chat.items()))
        return sum(counts)

    async def _drain_chat(self, chat_id: int, items: list[OutboxItem]) -> int:
        sent = 0
        for index, item in enumerate(items):
            wait = self.pacer.wait(chat_id, self._now())
            if wait > 0:  # this chat's turn comes later: the rest wait, in order
                for rest in items[index:]:
                    await asyncio.to_thread(self.outbox.later, rest, wait)
                return sent
            self.pacer.took(chat_id, self._now())
            if self.shared is not None:
                await self.shared.overall_turn()
            outcome = await self._send(item)
            if outcome == "sent":
                sent += 1
            elif outcome == "stop":
                for rest in items[index + 1 :]:
                    await asyncio.to_thread(
                        self.outbox.later, rest, max(0.0, self.pacer.wait(chat_id, self._now()))
                    )
                return sent
        return sent

    async def _send(self, item: OutboxItem) -> str:
        await asyncio.to_thread(self.outbox.sending, item)
        try:
            message_id = await self._deliver(item)
        except RetryAfter as error:
            seconds = _seconds(error.retry_after)
            self.pacer.block(item.chat_id, self._now() + seconds)
            await asyncio.to_thread(self.outbox.later, item, seconds, str(error))
            return "stop"
        except ChatMigrated as migrated:  # the group became a supergroup: sent there next
            await asyncio.to_thread(self.conversation.chat_migrated, item.chat_id, migrated.new_chat_id)
            await asyncio.to_thread(self.outbox.later, item, 0.0)
            return "stop"
        except TimedOut as error:  # it may have gone out: never again on its own
            await asyncio.to_thread(self.outbox.unsure, item, f"timed out: {error}")
            return "unsure"
        except Forbidden as error:
            await asyncio.to_thread(self.outbox.forbidden, item, str(error))
            return "stop"
        except BadRequest as error:
            text = str(error).lower()
            if "not modified" in text:
                await asyncio.to_thread(self.outbox.sent, item, item.message_id)
                return "sent"
            if "message thread not found" in text and render.topic(item.thread_id) is not None:
                # The forum topic was deleted: this message (and what else waits for the topic)
                # goes to General at the next drain, once; the digest moves there, the managers
                # are told. General itself is never sent a thread id, so this cannot repeat.
                await asyncio.to_thread(self.conversation.topic_gone, item)
                return "stop"
            if any(words in text for words in _CANNOT_POST):
                await asyncio.to_thread(self.outbox.forbidden, item, str(error))
                return "stop"
            await asyncio.to_thread(self.outbox.failed, item, str(error))
            return "failed"
        except (NetworkError, TelegramError) as error:  # 5xx, connection refused: not sent
            await asyncio.to_thread(self.outbox.retry, item, str(error))
            return "stop"
        await asyncio.to_thread(self.outbox.sent, item, message_id)
        return "sent"

    async def _deliver(self, item: OutboxItem) -> int | None:
        reply = payload_reply(item.payload)
        chunks = render.message_chunks(reply)
        markup = render.keyboard(reply)
        if item.action == "edit" and item.message_id is not None:
            await self.bot.edit_message_text(
                chunks[0],
                chat_id=item.chat_id,
                message_id=item.message_id,
                reply_markup=markup if len(chunks) == 1 else None,
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
            )
            return item.message_id
        first: int | None = None
        for position, chunk in enumerate(chunks):
            message = await self.bot.send_message(
                item.chat_id,
                chunk,
                reply_markup=markup if position == len(chunks) - 1 else None,
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
                message_thread_id=render.topic(item.thread_id),
                allow_paid_broadcast=True if self.paid_broadcast else None,
            )
            first = first if first is not None else message.message_id
        return first


def outbox_bot(token: str, api_url: str, request_timeout: float | None) -> Bot:
    timeout = request_timeout if request_timeout is not None else 10.0
    request = HTTPXRequest(
        connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout, pool_timeout=timeout
    )
    return Bot(token, base_url=f"{api_url}/bot", base_file_url=f"{api_url}/file/bot", request=request)
