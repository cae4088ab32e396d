"""A group or channel the bot knows, as the store keeps it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatMembership:
    telegram_chat_id: int
    kind: str  # group, supergroup, channel
    title: str | None
    locale: str | None
    active: bool  # the bot is in the chat now
    bot_can_post: bool  # the bot may post there (channels: can_post_messages)
    added_by_user_id: int | None
