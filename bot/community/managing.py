"""`/manage`: the chats a member administers right now, asked of Telegram live for each chat the
bot is in, and what a management card shows of one. Fail closed: a chat whose check could not be
made is never listed as administered; it is reported as not checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.community.rights import Rights
from bot.domain.chat import ChatMembership
from bot.i18n import normalise_locale
from bot.store.db import Database

MAX_CHECKED = 200  # chats asked about in one listing; the member's known chats first


@dataclass(frozen=True)
class Administered:
    """What one listing found, each list by title."""

    chats: list[ChatMembership] = field(default_factory=list)  # administrator now, checked live
    # Could not be checked: the chats the bot knows the member manages (named to them), and how
    # many others (only counted: naming them would tell a stranger where the bot is).
    unverified: list[ChatMembership] = field(default_factory=list)
    unverified_others: int = 0
    unchecked: int = 0  # chats past MAX_CHECKED, not asked about

    @property
    def complete(self) -> bool:
        return not self.unverified and not self.unverified_others


@dataclass(frozen=True)
class ChatLanguageState:
    chosen: str | None  # an administrator's choice
    effective: str | None  # what the chat is answered in now (None: nothing tells it yet)


class Management:
    def __init__(self, db: Database, *, limit: int = MAX_CHECKED) -> None:
        self._db = db
        self._limit = limit

    def administered(self, rights: Rights, user_id: int) -> Administered:
        """The chats where `user_id` is an administrator (or the owner) now, asked of Telegram
        for each chat the bot is in (remembered at most 10 minutes, as every rights check)."""
        with self._db.unit_of_work() as uow:
            present = uow.chats.present()
            known = {chat.telegram_chat_id for chat in uow.chats.managed_by(user_id)}
        ordered = sorted(present, key=lambda chat: chat.telegram_chat_id not in known)  # stable
        asked, unchecked = ordered[: self._limit], max(0, len(ordered) - self._limit)
        found = rights.members([chat.telegram_chat_id for chat in asked], user_id)
        chats, unverified, others = [], [], 0
        for chat in asked:
            standing = found.get(chat.telegram_chat_id)
            if standing is None:
                if chat.telegram_chat_id in known:
                    unverified.append(chat)
                else:
                    others += 1
            elif standing.is_admin:
                chats.append(chat)
        return Administered(_by_title(chats), _by_title(unverified), others, unchecked)

    def chat(self, chat_id: int) -> ChatMembership | None:
        with self._db.unit_of_work() as uow:
            return uow.chats.membership(chat_id)

    def language(self, chat_id: int) -> ChatLanguageState:
        with self._db.unit_of_work() as uow:
            facts = uow.chats.language(chat_id)
        effective = next((locale for locale in map(normalise_locale, facts.candidates()) if locale), None)
        return ChatLanguageState(normalise_locale(facts.chosen), effective)

    def enrol(self, chat_id: int, user_id: int) -> None:
        """An administrator whose right was just checked becomes one of the chat's known
        managers: a catalogue they send in private goes to its network, and they are told in
        private when something there needs them."""
        with self._db.unit_of_work() as uow:
            chat = uow.chats.membership(chat_id)
            if chat is not None:
                uow.chats.add_manager(chat_id, user_id, kind=chat.kind, title=chat.title)


def _by_title(chats: list[ChatMembership]) -> list[ChatMembership]:
    return sorted(chats, key=lambda chat: ((chat.title or "").casefold(), chat.telegram_chat_id))
