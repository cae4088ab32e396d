"""Who may do what in a group or channel: each community action needs a named Telegram right of
the caller, asked of Telegram live and remembered at most ten minutes. Fail closed: when Telegram
cannot be asked, the action is refused (`RightsUnavailable`), never allowed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Right(Enum):
    """The Telegram right each community action needs."""

    CHANGE_INFO = "can_change_info"  # the chat's settings and its network catalogue
    POST_MESSAGES = "can_post_messages"  # digests posted to a channel
    ADMINISTRATOR = "administrator"  # statistics, the audit log: any administrator


ADMIN_STATUSES = frozenset({"creator", "administrator"})


@dataclass(frozen=True)
class MemberRights:
    """A member's standing in one chat, as Telegram reported it."""

    status: str  # creator, administrator, member, restricted, left, kicked
    rights: frozenset[Right] = frozenset()

    @property
    def is_admin(self) -> bool:
        return self.status in ADMIN_STATUSES

    def has(self, right: Right) -> bool:
        if self.status == "creator":
            return True
        if not self.is_admin:
            return False
        return right is Right.ADMINISTRATOR or right in self.rights


class RightsUnavailable(Exception):
    """Telegram could not be asked (network error, timeout): refuse and ask to try again."""


class NotAllowed(Exception):
    """The caller lacks the right the action needs."""

    def __init__(self, right: Right) -> None:
        super().__init__(right.value)
        self.right = right


class MemberLookup(Protocol):
    """Asks Telegram (getChatMember) for a member's rights; raises RightsUnavailable on failure."""

    def __call__(self, chat_id: int, user_id: int) -> MemberRights: ...


class Rights:
    """Live rights with a short memory, forgotten as soon as Telegram says they changed."""

    TTL = 600.0  # seconds: the "at most 10 minutes"

    def __init__(
        self,
        lookup: MemberLookup | None = None,
        *,
        ttl: float = TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lookup = lookup
        self._ttl = min(ttl, self.TTL)
        self._clock = clock
        self._cache: dict[tuple[int, int], tuple[MemberRights, float]] = {}
        self._lock = threading.Lock()

    def connect(self, lookup: MemberLookup) -> None:
        """The front end that can ask Telegram plugs itself in at start-up."""
        self._lookup = lookup

    def member(self, chat_id: int, user_id: int) -> MemberRights:
        now = self._clock()
        with self._lock:
            cached = self._cache.get((chat_id, user_id))
        if cached is not None and cached[1] > now:
            return cached[0]
        if self._lookup is None:
            raise RightsUnavailable("no way to ask Telegram")
        try:
            found = self._lookup(chat_id, user_id)
        except RightsUnavailable:
            raise
        except Exception as error:  # any failure of the lookup refuses, never allows
            raise RightsUnavailable(str(error)) from error
        with self._lock:
            self._cache[(chat_id, user_id)] = (found, now + self._ttl)
        return found

    def members(
        self, chat_ids: Sequence[int], user_id: int, *, workers: int = 8
    ) -> dict[int, MemberRights | None]:
        """`member` in each chat, asked a few at a time: None where Telegram could not be asked
        (to be treated as no right at all)."""

        def one(chat_id: int) -> MemberRights | None:
            try:
                return self.member(chat_id, user_id)
            except RightsUnavailable:
                return None

        if len(chat_ids) <= 1:
            return {chat_id: one(chat_id) for chat_id in chat_ids}
        with ThreadPoolExecutor(max_workers=min(workers, len(chat_ids))) as pool:
            return dict(zip(chat_ids, pool.map(one, chat_ids), strict=True))

    def has(self, chat_id: int, user_id: int, right: Right) -> bool:
        """Raises RightsUnavailable when Telegram cannot be asked."""
        return self.member(chat_id, user_id).has(right)

    def require(self, chat_id: int, user_id: int, right: Right) -> None:
        """Raises NotAllowed or RightsUnavailable; returns only when the right is held."""
        if not self.has(chat_id, user_id, right):
            raise NotAllowed(right)

    def invalidate(self, chat_id: int, user_id: int | None = None) -> None:
        """A chat_member / my_chat_member update: what we remembered may be wrong now."""
        with self._lock:
            if user_id is not None:
                self._cache.pop((chat_id, user_id), None)
            else:
                for key in [key for key in self._cache if key[0] == chat_id]:
                    del self._cache[key]
