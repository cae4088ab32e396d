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


@dataclass(frozen=True)
class ChatLanguage:
    """What decides a group's language, most decisive first: the administrators' choice, then the
    language of the administrator who added the bot (their saved choice, else their Telegram
    language), then a guess from the group's name or first messages."""

    chosen: str | None = None
    adder_choice: str | None = None
    adder_language_code: str | None = None
    guessed: str | None = None
    adder_user_id: int | None = None  # who added the bot (whose Telegram language is above)

    def candidates(self) -> tuple[str | None, ...]:
        return (self.chosen, self.adder_choice, self.adder_language_code, self.guessed)
