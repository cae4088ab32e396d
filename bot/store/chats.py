"""Groups and channels that use the bot, with the settings their administrators chose."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import models


def find_chat(session: Session, telegram_chat_id: int) -> models.Chat | None:
    return session.scalars(
        select(models.Chat).where(models.Chat.telegram_chat_id == telegram_chat_id)
    ).first()


def set_chat_locale(
    session: Session, telegram_chat_id: int, locale: str, *, kind: str = "group", title: str | None = None
) -> models.Chat:
    chat = find_chat(session, telegram_chat_id)
    if chat is None:
        chat = models.Chat(telegram_chat_id=telegram_chat_id, kind=kind, title=title)
        session.add(chat)
    chat.locale = locale
    if title:
        chat.title = title
    return chat


def migrate_chat(session: Session, old_id: int, new_id: int) -> None:
    """A group became a supergroup: its settings follow it."""
    chat = find_chat(session, old_id)
    if chat is not None and find_chat(session, new_id) is None:
        chat.telegram_chat_id = new_id
        chat.kind = "supergroup"
