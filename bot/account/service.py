"""A learner's account: their language, what is stored about them (export), and forgetting it.
A group's language is its administrators' choice, kept with the chat."""

from __future__ import annotations

from typing import Any

from bot.account.export import export_learner
from bot.domain.audit import CHAT_LANGUAGE, Actor
from bot.domain.chat import ChatMembership
from bot.i18n import normalise_locale
from bot.language.detect import detect_language, detect_name_language
from bot.store.db import Database


class Account:
    def __init__(self, store: Database) -> None:
        self._store = store

    def locales(self, ref: str, chat_id: int | None = None) -> tuple[str | None, str | None]:
        """(the learner's saved language, the chat's language), either None when not chosen."""
        with self._store.unit_of_work() as uow:
            chat = uow.chats.locale(chat_id) if chat_id is not None else None
            return uow.learners.locale(ref), chat

    def manager_locale(self, user_id: int, chat_id: int) -> str | None:
        """The language to tell a chat's manager something in private: their saved choice, else
        (for whoever added the bot) their Telegram language, else the chat's language."""
        with self._store.unit_of_work() as uow:
            saved = uow.learners.locale(f"telegram:{user_id}")
            facts = uow.chats.language(chat_id)
        own = facts.adder_language_code if facts.adder_user_id == user_id else None
        for candidate in (saved, own, *facts.candidates()):
            locale = normalise_locale(candidate)
            if locale:
                return locale
        return None

    def group_locale(
        self,
        chat_id: int,
        *,
        kind: str = "group",
        title: str | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
        text: str = "",
        adding: bool = False,
    ) -> str | None:
        """A group's language (None: nothing tells it yet): the administrators' choice, else the
        language of whoever added the bot, else French when the group's name is French, else the
        first message the bot read there that is clearly in one language. Members' own choices do not count."""
        with self._store.unit_of_work() as uow:
            facts = uow.chats.seen(
                chat_id, kind=kind, title=title, user_id=user_id, language_code=language_code, adding=adding
            )
            for candidate in facts.candidates():
                locale = normalise_locale(candidate)
                if locale:
                    return locale
            # An English name says little (English is the default anyway); the first message
            # clearly in one language decides for good.
            named = detect_name_language(title)
            guess = "fr" if named == "fr" else (detect_language([text]) if text else None)
            if guess:
                uow.chats.guess_locale(chat_id, guess)
            return guess

    def set_language(self, ref: str, locale: str) -> None:
        """ValueError for a language that is not one of ours (nothing saved)."""
        if normalise_locale(locale) != locale:
            raise ValueError(f"unknown language {locale[:20]!r}")
        with self._store.unit_of_work() as uow:
            uow.learners.set_locale(ref, locale)

    def set_chat_language(
        self, chat_id: int, locale: str, title: str | None = None, *, by: Actor | None = None
    ) -> None:
        """The administrators' choice; `by` (who chose) goes in the audit log with the change.
        ValueError for a language that is not one of ours (nothing saved)."""
        if normalise_locale(locale) != locale:
            raise ValueError(f"unknown language {locale[:20]!r}")
        with self._store.unit_of_work() as uow:
            before = uow.chats.locale(chat_id)
            uow.chats.set_locale(chat_id, locale, title=title)
            if by is not None and before != locale:
                uow.audit.record(chat_id, by, CHAT_LANGUAGE, before={"language": before}, after={"language": locale})

    def bot_membership(
        self,
        chat_id: int,
        *,
        kind: str,
        title: str | None,
        present: bool,
        can_post: bool,
        by_user_id: int | None,
        language_code: str | None,
        adding: bool,
    ) -> tuple[ChatMembership | None, ChatMembership]:
        """The bot was added, promoted, demoted or removed by `by_user_id` (Telegram's
        my_chat_member): the chat's membership before and after, in one transaction. Whoever
        adds the bot, or gives it back the right to post, becomes one of the chat's managers
        (told in private when something needs them); nothing of the chat is deleted."""
        with self._store.unit_of_work() as uow:
            before = uow.chats.membership(chat_id)
            if adding:
                uow.chats.seen(
                    chat_id, kind=kind, title=title, user_id=by_user_id, language_code=language_code, adding=True
                )
            after = uow.chats.set_membership(chat_id, kind=kind, title=title, active=present, bot_can_post=can_post)
            if by_user_id is not None and present and (adding or (can_post and not (before and before.bot_can_post))):
                uow.chats.add_manager(chat_id, by_user_id, kind=kind, title=title)
            return before, after

    def name_topic(self, chat_id: int, thread_id: int, name: str) -> None:
        with self._store.unit_of_work() as uow:
            uow.chats.name_topic(chat_id, thread_id, name)

    def topic_name(self, chat_id: int, thread_id: int) -> str | None:
        """The forum topic's name, if the bot saw it created or renamed."""
        with self._store.unit_of_work() as uow:
            return uow.chats.topic_name(chat_id, thread_id)

    def chat_migrated(self, old_id: int, new_id: int) -> None:
        with self._store.unit_of_work() as uow:
            uow.move_chat(old_id, new_id)  # settings, digests, outbox, statistics, audit log...

    def export(self, ref: str) -> dict[str, Any]:
        with self._store.unit_of_work() as uow:
            return export_learner(uow, ref)

    def forget(self, ref: str) -> bool:
        """Deletes the learner and everything stored about them; True if there was anything."""
        with self._store.unit_of_work() as uow:
            uow.contexts.forget(ref)
            uow.result_pages.forget_learner(ref)
            return uow.learners.forget(ref)
