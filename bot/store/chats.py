"""Groups and channels that use the bot, with the settings their administrators chose."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.chat import ChatLanguage, ChatMembership
from bot.store import models

TOPIC_NAMES = "topic_names"
MAX_TOPIC_NAME = 128  # Telegram's limit on a topic's name


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

    def name_topic(self, telegram_chat_id: int, thread_id: int, name: str) -> None:
        """A forum topic's name as Telegram last told it (created or renamed), in the chat's
        settings; nothing for a chat the bot has no record of."""
        chat = self._find(telegram_chat_id)
        if chat is None:
            return
        names = dict((chat.settings or {}).get(TOPIC_NAMES) or {})
        names[str(thread_id)] = name[:MAX_TOPIC_NAME]
        chat.settings = {**(chat.settings or {}), TOPIC_NAMES: names}

    def topic_name(self, telegram_chat_id: int, thread_id: int) -> str | None:
        chat = self._find(telegram_chat_id)
        names = (chat.settings or {}).get(TOPIC_NAMES) or {} if chat is not None else {}
        name = names.get(str(thread_id))
        return name if isinstance(name, str) else None

    def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings follow it."""
        chat = self._find(old_id)
        if chat is not None and self._find(new_id) is None:
            chat.telegram_chat_id = new_id
            chat.kind = "supergroup"

    def language(self, telegram_chat_id: int) -> ChatLanguage:
        chat = self._find(telegram_chat_id)
        if chat is None:
            return ChatLanguage()
        adder_choice = None
        if chat.added_by_user_id is not None:
            adder_choice = self._session.scalar(
                select(models.Learner.locale)
                .where(models.Learner.telegram_user_id == chat.added_by_user_id)
                .where(models.Learner.locale.is_not(None))
                .limit(1)
            )
        return ChatLanguage(
            chat.locale, adder_choice, chat.added_by_language_code, chat.guessed_locale, chat.added_by_user_id
        )

    def seen(
        self,
        telegram_chat_id: int,
        *,
        kind: str,
        title: str | None,
        user_id: int | None,
        language_code: str | None,
        adding: bool = False,
    ) -> ChatLanguage:
        """A message (or the bot's addition, `adding`) from `user_id` in the chat: the chat is
        known from now on, and the Telegram language of whoever added the bot is remembered."""
        chat = self._ensure(telegram_chat_id, kind, title)
        if adding and user_id is not None and chat.added_by_user_id is None:
            chat.added_by_user_id = user_id
        if language_code and user_id is not None and user_id == chat.added_by_user_id:
            chat.added_by_language_code = language_code[:16]
        return self.language(telegram_chat_id)

    def guess_locale(self, telegram_chat_id: int, locale: str) -> None:
        chat = self._find(telegram_chat_id)
        if chat is not None and chat.guessed_locale is None:
            chat.guessed_locale = locale

    def _ensure(self, telegram_chat_id: int, kind: str, title: str | None) -> models.Chat:
        chat = self._find(telegram_chat_id)
        if chat is None:
            chat = models.Chat(telegram_chat_id=telegram_chat_id, kind=kind, title=title, settings={})
            self._session.add(chat)
            self._session.flush()
        elif title:
            chat.title = title
        return chat

    def membership(self, telegram_chat_id: int) -> ChatMembership | None:
        chat = self._find(telegram_chat_id)
        return None if chat is None else self._membership(chat)

    def set_membership(
        self,
        telegram_chat_id: int,
        *,
        kind: str,
        title: str | None,
        active: bool,
        bot_can_post: bool,
        added_by_user_id: int | None = None,
    ) -> ChatMembership:
        """The bot was added, promoted, demoted or removed: the chat's settings are kept."""
        chat = self._ensure(telegram_chat_id, kind, title)
        chat.kind = kind
        chat.active = active
        chat.bot_can_post = bot_can_post
        if added_by_user_id is not None:
            chat.added_by_user_id = added_by_user_id
        membership = self.membership(telegram_chat_id)
        assert membership is not None
        return membership

    def add_manager(
        self, telegram_chat_id: int, telegram_user_id: int, *, kind: str = "group", title: str | None = None
    ) -> None:
        chat = self._ensure(telegram_chat_id, kind, title)
        exists = self._session.get(models.ChatManager, (chat.id, telegram_user_id))
        if exists is None:
            self._session.add(models.ChatManager(chat_id=chat.id, telegram_user_id=telegram_user_id))

    def managers(self, telegram_chat_id: int) -> list[int]:
        """Telegram user ids of the chat's known managers, oldest first."""
        return list(
            self._session.scalars(
                select(models.ChatManager.telegram_user_id)
                .join(models.Chat, models.Chat.id == models.ChatManager.chat_id)
                .where(models.Chat.telegram_chat_id == telegram_chat_id)
                .order_by(models.ChatManager.since, models.ChatManager.telegram_user_id)
            )
        )

    def present(self) -> list[ChatMembership]:
        """The groups, supergroups and channels the bot is in now, by title (ids for those with
        none): whom to ask about, never a list to show as it is."""
        chats = self._session.scalars(
            select(models.Chat)
            .where(models.Chat.active.is_(True), models.Chat.kind.in_(("group", "supergroup", "channel")))
            .order_by(models.Chat.title, models.Chat.id)
        )
        return [self._membership(chat) for chat in chats]

    def _membership(self, chat: models.Chat) -> ChatMembership:
        return ChatMembership(
            telegram_chat_id=chat.telegram_chat_id,
            kind=chat.kind,
            title=chat.title,
            locale=chat.locale,
            active=chat.active,
            bot_can_post=chat.bot_can_post,
            added_by_user_id=chat.added_by_user_id,
        )

    def managed_by(self, telegram_user_id: int) -> list[ChatMembership]:
        """The chats where this user is a known manager (their rights are checked live after)."""
        chats = self._session.scalars(
            select(models.Chat)
            .join(models.ChatManager, models.Chat.id == models.ChatManager.chat_id)
            .where(models.ChatManager.telegram_user_id == telegram_user_id)
            .order_by(models.Chat.title)
        )
        found = [self.membership(chat.telegram_chat_id) for chat in chats]
        return [each for each in found if each is not None]
