"""A learner's account: their language, what is stored about them (export), and forgetting it.
A group's language is its administrators' choice, kept with the chat."""

from __future__ import annotations

from typing import Any

from bot.account.export import export_learner
from bot.store.db import Database


class Account:
    def __init__(self, store: Database) -> None:
        self._store = store

    def locales(self, ref: str, chat_id: int | None = None) -> tuple[str | None, str | None]:
        """(the learner's saved language, the chat's language), either None when not chosen."""
        with self._store.unit_of_work() as uow:
            chat = uow.chats.locale(chat_id) if chat_id is not None else None
            return uow.learners.locale(ref), chat

    def set_language(self, ref: str, locale: str) -> None:
        with self._store.unit_of_work() as uow:
            uow.learners.set_locale(ref, locale)

    def set_chat_language(self, chat_id: int, locale: str, title: str | None = None) -> None:
        with self._store.unit_of_work() as uow:
            uow.chats.set_locale(chat_id, locale, title=title)

    def chat_migrated(self, old_id: int, new_id: int) -> None:
        with self._store.unit_of_work() as uow:
            uow.chats.migrate(old_id, new_id)

    def export(self, ref: str) -> dict[str, Any]:
        with self._store.unit_of_work() as uow:
            return export_learner(uow, ref)

    def forget(self, ref: str) -> bool:
        """Deletes the learner and everything stored about them; True if there was anything."""
        with self._store.unit_of_work() as uow:
            return uow.learners.forget(ref)
