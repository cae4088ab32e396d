"""The audit log as the conversation reads it: a chat's changes, newest first, a page at a time.
Changes are recorded by the services that make them, in the change's own transaction (Account,
Digests, NetworkUploads), with the values before and after (`subscription_values` for digests)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.audit import AuditEntry, Values
from bot.domain.chat import ChatMembership
from bot.domain.digest import Subscription
from bot.store.db import Database

PAGE = 10


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    more: bool  # older entries remain (ask for those before `entries[-1].id`)


def subscription_values(subscription: Subscription | None) -> Values | None:
    """A digest's settings as the audit log keeps them (None: no subscription)."""
    if subscription is None:
        return None
    schedule = subscription.schedule
    return {
        "topic": subscription.thread_id,
        "topics": list(subscription.topics),
        "language": subscription.language,
        "frequency": schedule.frequency,
        "weekday": schedule.weekday if schedule.frequency == "weekly" else None,
        "hour": schedule.hour,
        "timezone": schedule.timezone,
        "auto_approve": subscription.auto_approve,
    }


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def page(self, chat_id: int, *, before_id: int | None = None, size: int = PAGE) -> AuditPage:
        with self._db.unit_of_work() as uow:
            found = uow.audit.recent(chat_id, before_id=before_id, limit=size + 1)
        return AuditPage(found[:size], len(found) > size)

    def managed_chats(self, user_id: int) -> list[ChatMembership]:
        with self._db.unit_of_work() as uow:
            return uow.chats.managed_by(user_id)
