"""A catalogue file a network's manager sent, awaiting their Confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PendingUpload:
    token: str
    telegram_user_id: int
    telegram_chat_id: int | None
    sha256: str
    filename: str
    content: bytes
    created_at: dt.datetime
    used: bool
    # The manager chose every chat they manage, as one network.
    all_chats: bool = False
