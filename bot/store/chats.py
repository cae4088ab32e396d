"""Groups and channels that use the bot, with the settings their administrators chose."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import models


class ChatRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _find(self, telegram_chat_id: int) -> models.Chat | None:
        return self._session.scalars(
            select(models.Chat).where(models.Chat.telegram_chat_id == telegram_chat_id)
        ).first()

    def locale(self, telegram_chat_id: int) -> str | None:
        chat = self._find(telegram_chat_id)
        return chat.locale if chat else None

    def set_locale(
        self, telegram_chat_id: int, locale: str, *, kind: str = "group", title: str | None = None
    ) -> None:
        chat = self._find(telegram_chat_id)
        if chat is None:
            chat = models.Chat(telegram_chat_id=telegram_chat_id, kind=kind, title=title)
            self._session.add(chat)
        chat.locale = locale
        if title:
            chat.title = title

    def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings follow it."""
        chat = self._find(old_id)
        if chat is not None and self._find(new_id) is None:
            chat.telegram_chat_id = new_id
            chat.kind = "supergroup"
