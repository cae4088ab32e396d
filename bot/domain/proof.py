"""An administrator action asked by an anonymous administrator, waiting for someone to prove
they hold the right it needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PendingAction:
    token: str
    chat_id: int
    thread_id: int | None  # the forum topic it was asked in (None: General, or no forum)
    kind: str  # "command" (`name` and its `args`) or "text" (free text, in `args`)
    name: str
    args: str
    right: str  # the value of the bot.community.rights.Right it needs
    created_at: dt.datetime
    used: bool
