"""The Telegram side of `bot.community.rights`: a member's rights asked with getChatMember.

The core runs in worker threads (asyncio.to_thread) while the Bot lives on the event loop: the
lookup hands the call to the loop and waits for it, a bounded time. Any failure (network error,
timeout, an error from Telegram) becomes RightsUnavailable: the action is refused, never allowed."""

from __future__ import annotations

import asyncio
from concurrent.futures import TimeoutError as FutureTimeout

from telegram import Bot, ChatMember, ChatMemberAdministrator
from telegram.constants import ChatMemberStatus

from bot.community.rights import MemberRights, Right, RightsUnavailable

LOOKUP_TIMEOUT = 10.0  # seconds a community action waits for Telegram before "try again"


def member_rights(member: ChatMember) -> MemberRights:
    """Telegram's ChatMember as the rights the core names."""
    status = str(member.status)
    if status == ChatMemberStatus.OWNER:
        return MemberRights("creator")
    if not isinstance(member, ChatMemberAdministrator):
        return MemberRights(status)
    rights: set[Right] = set()
    if member.can_change_info:
        rights.add(Right.CHANGE_INFO)
    # can_post_messages exists in channels only; in a group every administrator may post.
    if member.can_post_messages is None or member.can_post_messages:
        rights.add(Right.POST_MESSAGES)
    return MemberRights(status, frozenset(rights))


class TelegramMemberLookup:
    """A `MemberLookup` that asks Telegram, called from the core's worker threads."""

    def __init__(self, bot: Bot, loop: asyncio.AbstractEventLoop, timeout: float = LOOKUP_TIMEOUT) -> None:
        self._bot = bot
        self._loop = loop
        self._timeout = timeout

    def __call__(self, chat_id: int, user_id: int) -> MemberRights:
        future = asyncio.run_coroutine_threadsafe(self._bot.get_chat_member(chat_id, user_id), self._loop)
        try:
            return member_rights(future.result(timeout=self._timeout))
        except FutureTimeout as error:
            future.cancel()
            raise RightsUnavailable("getChatMember timed out") from error
        except Exception as error:  # every failure refuses: TelegramError, network, a closed loop
            raise RightsUnavailable(str(error)) from error
