"""The audit log: one row per change to a chat's settings, catalogue or digests, written in the
transaction of the change itself, so that a change and its record exist together or not at all."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.audit import Actor, AuditEntry, Values
from bot.store import models

NAME_LENGTH = 200


def _entry(row: models.AuditLog) -> AuditEntry:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return AuditEntry(
        id=row.id,
        chat_id=row.chat_id,
        at=at,
        actor=Actor(row.actor_user_id, row.actor_name),
        action=row.action,
        before=row.before,
        after=row.after,
    )


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        chat_id: int,
        actor: Actor,
        action: str,
        *,
        before: Values | None = None,
        after: Values | None = None,
        at: dt.datetime | None = None,
    ) -> None:
        self._session.add(
            models.AuditLog(
                chat_id=chat_id,
                at=at or dt.datetime.now(dt.UTC),
                actor_user_id=actor.user_id,
                actor_name=actor.name[:NAME_LENGTH] if actor.name else None,
                action=action,
                before=before,
                after=after,
            )
        )

    def recent(self, chat_id: int, *, before_id: int | None = None, limit: int = 10) -> list[AuditEntry]:
        """The chat's newest entries first; only those older than entry `before_id` when given."""
        query = select(models.AuditLog).where(models.AuditLog.chat_id == chat_id)
        if before_id is not None:
            query = query.where(models.AuditLog.id < before_id)
        rows = self._session.scalars(query.order_by(models.AuditLog.id.desc()).limit(limit))
        return [_entry(row) for row in rows]

    def chat_moved(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its history follows it."""
        self._session.execute(
            update(models.AuditLog).where(models.AuditLog.chat_id == old_id).values(chat_id=new_id)
        )
