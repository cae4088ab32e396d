"""The outbox table: each message pushed to a chat once, under its unique key.

Claiming locks the due rows (SELECT … FOR UPDATE SKIP LOCKED) and marks them in the same
transaction (UPDATE … RETURNING): two workers on PostgreSQL never claim the same message; SQLite
has a single writer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.outbox import CLAIMED, PAUSED, QUEUED, SENDING, SENT, OutboxItem
from bot.store.models import OutboxMessage

_ERROR_MAX = 300


def _item(row: OutboxMessage) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        key=row.key,
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        payload=dict(row.payload),
        action=row.action,
        state=row.state,
        message_id=row.message_id,
        attempts=row.attempts,
        error=row.error,
    )


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _find(self, key: str) -> OutboxMessage | None:
        return self._session.scalars(select(OutboxMessage).where(OutboxMessage.key == key)).first()

    def _get(self, item_id: int) -> OutboxMessage:
        row = self._session.get(OutboxMessage, item_id)
        assert row is not None, item_id
        return row

    def add(
        self, key: str, chat_id: int, payload: dict[str, Any], thread_id: int | None, now: dt.datetime
    ) -> bool:
        """Queue the message; False when its key was already queued or sent (by anyone)."""
        if self._find(key) is not None:
            return False
        paused = self._session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state == PAUSED)
        )
        row = OutboxMessage(
            key=key,
            chat_id=chat_id,
            thread_id=thread_id,
            payload=payload,
            action="send",
            state=PAUSED if paused else QUEUED,
            attempts=0,
            due_at=now,
            created_at=now,
            updated_at=now,
        )
        try:
            with self._session.begin_nested():  # another worker may queue the same key meanwhile
                self._session.add(row)
                self._session.flush()
        except IntegrityError:
            return False
        return True

    def counts(self) -> dict[str, int]:
        """How many messages are in each state (what an operator watches: the queue's depth)."""
        rows = self._session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        ).all()
        return {str(state): int(count) for state, count in rows}

    def find(self, key: str) -> OutboxItem | None:
        row = self._find(key)
        return _item(row) if row else None

    def correct(self, key: str, payload: dict[str, Any], now: dt.datetime) -> bool:
        """A queued message is replaced; a sent one is queued again as an edit of the sent
        message; one being sent is edited once it is. False for an unknown key."""
        row = self._find(key)
        if row is None:
            return False
        if row.state == SENT:
            row.payload, row.action, row.state, row.due_at = payload, "edit", QUEUED, now
        elif row.state in (CLAIMED, SENDING):
            row.correction = payload
        else:  # queued, paused, unsure, failed: what is sent later (if ever) is the new text
            row.payload = payload
        row.updated_at = now
        return True

    def claim(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        # Two statements: PostgreSQL may run an IN (… LIMIT … SKIP LOCKED) subquery again for
        # each row and so update more than `limit` rows. The rows selected stay locked by this
        # transaction; the UPDATE still requires 'queued' (SQLite ignores FOR UPDATE).
        due = list(
            self._session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.state == QUEUED, OutboxMessage.due_at <= now)
                .order_by(OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not due:
            return []
        claimed = self._session.scalars(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(due), OutboxMessage.state == QUEUED)
            .values(state=CLAIMED, attempts=OutboxMessage.attempts + 1, updated_at=now)
            .returning(OutboxMessage)
            .execution_options(synchronize_session=False)
        ).all()
        return sorted((_item(row) for row in claimed), key=lambda item: item.id)

    def sending(self, item_id: int, now: dt.datetime) -> None:
        row = self._get(item_id)
        row.state, row.updated_at = SENDING, now

    def sent(self, item_id: int, message_id: int | None, now: dt.datetime) -> None:
        row = self._get(item_id)
        row.state, row.error, row.updated_at = SENT, None, now
        if message_id is not None:
            row.message_id = message_id
        if row.correction is not None:  # corrected while it was being sent: edit it now
            row.payload, row.correction, row.action, row.state = row.correction, None, "edit", QUEUED
            row.due_at = now

    def later(
        self, item_id: int, due_at: dt.datetime, error: str | None, now: dt.datetime, *, attempt: bool
    ) -> None:
        """Back to the queue until `due_at` (a retry after an error, or waiting for the rates,
        which is no attempt)."""
        row = self._get(item_id)
        row.state, row.due_at, row.updated_at = QUEUED, due_at, now
        if error is not None:
            row.error = error[:_ERROR_MAX]
        if not attempt:
            row.attempts = max(0, row.attempts - 1)

    def settle(self, item_id: int, state: str, error: str, now: dt.datetime) -> OutboxItem:
        """unsure or failed, with what Telegram said (or did not)."""
        row = self._get(item_id)
        row.state, row.error, row.updated_at = state, error[:_ERROR_MAX], now
        return _item(row)

    def pause_chat(self, chat_id: int, error: str, now: dt.datetime) -> None:
        """The bot may not post in the chat: its queued and in-flight messages wait."""
        self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state.in_((QUEUED, CLAIMED, SENDING)))
            .values(state=PAUSED, error=error[:_ERROR_MAX], updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: what waits for it follows."""
        self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == old_id)
            .values(chat_id=new_id)
            .execution_options(synchronize_session=False)
        )

    def to_general(self, item_id: int, now: dt.datetime) -> int:
        """The forum topic of message `item_id` is gone: it and every message still waiting for
        that topic (queued, claimed, paused) go to the chat's General topic instead, the message
        itself queued again at once; its key (and theirs) stays. How many moved."""
        row = self._get(item_id)
        chat_id, thread_id = row.chat_id, row.thread_id
        result = self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.thread_id == thread_id,
                OutboxMessage.state.in_((QUEUED, CLAIMED, PAUSED)),
                OutboxMessage.id != item_id,
            )
            .values(thread_id=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        row.thread_id = None
        row.state, row.due_at, row.updated_at = QUEUED, now, now
        row.attempts = max(0, row.attempts - 1)  # refused before it was posted: no attempt
        return 1 + int(getattr(result, "rowcount", 0) or 0)

    def paused_chats(self) -> list[int]:
        return list(
            self._session.scalars(
                select(OutboxMessage.chat_id).where(OutboxMessage.state == PAUSED).distinct()
            )
        )

    def resume_chat(self, chat_id: int, now: dt.datetime) -> int:
        result = self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state == PAUSED)
            .values(state=QUEUED, due_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def stale(self, before: dt.datetime) -> list[OutboxItem]:
        """Messages claimed or being sent since before `before` and never settled (their worker
        stopped)."""
        rows = self._session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.state.in_((CLAIMED, SENDING)), OutboxMessage.updated_at < before
            )
        ).all()
        return [_item(row) for row in rows]

    def requeue(self, item_id: int, now: dt.datetime) -> None:
        """A claimed message whose request was never made: anyone may send it."""
        row = self._get(item_id)
        row.state, row.due_at, row.updated_at = QUEUED, now, now
        row.attempts = max(0, row.attempts - 1)

    def in_state(self, chat_id: int, state: str) -> list[OutboxItem]:
        rows = self._session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state == state)
            .order_by(OutboxMessage.id)
        ).all()
        return [_item(row) for row in rows]
