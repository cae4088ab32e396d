"""Which failed Bot API calls may be made again: only those that certainly did not go out, or
that are harmless to repeat."""

from __future__ import annotations

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

from bot.frontends.telegram.delivery import went_out


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
