"""Anonymous administrators: a message a group's administrator sends as the group itself names
no one whose rights can be asked, so the action it asks for is held here (in SQL: any worker
completes it) until someone presses "Prove you are an administrator" within 60 seconds; the
presser's rights are then asked live and the action runs as them, once."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from bot.community.rights import Right
from bot.domain.proof import PendingAction
from bot.store.db import Database

EXPIRY = dt.timedelta(seconds=60)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AdminProofs:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._db = db
        self.clock = clock

    def hold(
        self, chat_id: int, thread_id: int | None, kind: str, name: str, args: str, right: Right
    ) -> PendingAction:
        now = self.clock()
        action = PendingAction(
            token=secrets.token_urlsafe(9),
            chat_id=chat_id,
            thread_id=thread_id,
            kind=kind,
            name=name,
            args=args,
            right=right.value,
            created_at=now,
            used=False,
        )
        with self._db.unit_of_work() as uow:
            uow.pending.prune(now - 10 * EXPIRY)
            uow.pending.hold(action)
        return action

    def held(self, token: str) -> PendingAction | None:
        with self._db.unit_of_work() as uow:
            return uow.pending.get(token)

    def expired(self, action: PendingAction) -> bool:
        return self.clock() - action.created_at > EXPIRY

    def use(self, action: PendingAction) -> bool:
        """True for the one press that may run it (within 60 seconds, not run before)."""
        now = self.clock()
        with self._db.unit_of_work() as uow:
            return uow.pending.use(action.token, now=now, since=now - EXPIRY)
