"""Actions anonymous administrators asked for, held until an administrator proves themselves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.domain.proof import PendingAction
from bot.store import models


def _plain(row: models.PendingAction) -> PendingAction:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return PendingAction(
        token=row.token,
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        kind=row.kind,
        name=row.name,
        args=row.args,
        right=row.right,
        created_at=created,
        used=row.used_at is not None,
    )


class PendingActionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def hold(self, action: PendingAction) -> None:
        self._session.add(
            models.PendingAction(
                token=action.token,
                chat_id=action.chat_id,
                thread_id=action.thread_id,
                kind=action.kind,
                name=action.name,
                args=action.args,
                right=action.right,
                created_at=action.created_at,
            )
        )

    def get(self, token: str) -> PendingAction | None:
        row = self._session.get(models.PendingAction, token)
        return _plain(row) if row is not None else None

    def use(self, token: str, *, now: dt.datetime, since: dt.datetime) -> bool:
        """Marks the action used, once, when held after `since`: one UPDATE, so that two
        administrators pressing at once (on two workers) cannot both run it."""
        done = self._session.execute(
            update(models.PendingAction)
            .where(models.PendingAction.token == token)
            .where(models.PendingAction.used_at.is_(None))
            .where(models.PendingAction.created_at >= since)
            .values(used_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    def prune(self, before: dt.datetime) -> None:
        self._session.execute(delete(models.PendingAction).where(models.PendingAction.created_at < before))
