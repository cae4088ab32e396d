"""A message the bot pushes to a chat on its own, as the outbox keeps it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

QUEUED = "queued"
# Taken by a worker, its request not yet made: back in the queue if that worker stops.
CLAIMED = "claimed"
# Its request is being made: if the worker stops now, it may be in the chat (unsure).
SENDING = "sending"
SENT = "sent"
# The request went out and no answer came back: it may be in the chat. Never sent again on its
# own (a duplicate in a channel is worse than a gap); the chat's managers are told.
UNSURE = "unsure"
# Telegram refused the bot in that chat (removed, no right to post): kept until it may post again.
PAUSED = "paused"
FAILED = "failed"  # Telegram refused this message itself (kept, with the error, for the managers)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    key: str
    chat_id: int
    thread_id: int | None
    payload: dict[str, Any]
    action: str  # send | edit (a correction to a message already sent)
    state: str
    message_id: int | None
    attempts: int
    error: str | None = None
