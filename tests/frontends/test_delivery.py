"""Which failed Bot API calls may be made again: only those that certainly did not go out, or
that are harmless to repeat."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.frontends.telegram.delivery import Delivery, went_out


def caused(error: TelegramError, cause: BaseException) -> TelegramError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (caused(TimedOut(), httpx.ConnectTimeout("connect")), False),
        (caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), False),
        (caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), False),
        (NetworkError("Bad Gateway"), False),  # Telegram answered 502
        (caused(TimedOut(), httpx.ReadTimeout("read")), True),
        (caused(TimedOut(), httpx.WriteTimeout("write")), True),
        (caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("gone")), True),
        (BadRequest("Message is not modified"), None),
        (Forbidden("bot was blocked by the user"), None),
        (InvalidToken("Unauthorized"), None),
        (RetryAfter(3), None),
    ],
)
def test_went_out(error: TelegramError, expected: bool | None) -> None:
    assert went_out(error) is expected


async def _made_with(delivery: Delivery, endpoint: str) -> dict[str, Any]:
    data: dict[str, Any] = {"chat_id": 42, "text": "hi"}
    made: dict[str, Any] = {}

    async def call(method: str, params: dict[str, Any]) -> bool:
        made.update(params)
        return True

    await delivery.process_request(call, (endpoint, data), {}, endpoint, data, None)
    return made


@pytest.mark.asyncio
async def test_paid_broadcasts_raise_the_overall_limit_and_mark_every_message_sent() -> None:
    free, paid = Delivery(), Delivery(paid_broadcast=300)
    assert free.overall_per_second == 30 and paid.overall_per_second == 300
    assert "allow_paid_broadcast" not in await _made_with(free, "sendMessage")
    assert (await _made_with(paid, "sendMessage"))["allow_paid_broadcast"] is True
    assert (await _made_with(paid, "sendDocument"))["allow_paid_broadcast"] is True
    # Edits and answers are no broadcast (and Telegram knows no such parameter for them).
    assert "allow_paid_broadcast" not in await _made_with(paid, "editMessageText")
    assert "allow_paid_broadcast" not in await _made_with(paid, "answerCallbackQuery")
    # The benchmark's "limits off" stays off.
    assert Delivery(overall_per_second=0, paid_broadcast=300).overall_per_second == 0


@pytest.mark.asyncio
async def test_processes_sharing_the_bot_each_take_their_share_of_its_overall_rate() -> None:
    delivery = Delivery()
    delivery.set_workers(2)
    assert delivery.overall_per_second == 15
    delivery.set_workers(3)
    assert delivery.overall_per_second == 10
    delivery.set_workers(1)
    assert delivery.overall_per_second == 30
    off = Delivery(overall_per_second=0)  # the benchmark's limits off stay off
    off.set_workers(4)
    assert off.overall_per_second == 0
    # The outbox's posts take their turn in the same overall rate as the replies.
    small = Delivery(overall_per_second=2)
    await small.overall_turn()
    await small.overall_turn()
    assert small._overall is not None and not small._overall.has_capacity()


def test_the_outbox_pace_is_shared_too() -> None:
    from types import SimpleNamespace

    from bot.frontends.telegram.outbox_sender import OutboxSender

    conversation: Any = SimpleNamespace(services=SimpleNamespace(outbox=None))
    sender = OutboxSender(conversation, bot=None)  # type: ignore[arg-type]
    sender.shared = Delivery()
    sender.set_workers(2)
    assert sender.pacer.rates.overall_per_second == 12 and sender.shared.overall_per_second == 15
    sender.set_workers(1)
    assert sender.pacer.rates.overall_per_second == 25 and sender.shared.overall_per_second == 30
