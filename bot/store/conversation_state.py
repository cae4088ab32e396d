"""Conversation state that a restart or a second worker needs: the updates already taken, the
searches behind result pages, what each learner was shown last."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.shown import Shown
from bot.store import models


def _insert(session: Session) -> Any:
    """The dialect's INSERT (ON CONFLICT DO NOTHING: SQLite and PostgreSQL both have it)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back (stored as UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


class ProcessedUpdateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, bot_id: int, update_id: int, now: dt.datetime, lease: dt.timedelta) -> bool:
        """True when this update is ours to handle: never taken, or taken by a worker that did
        not finish it within `lease` (it died). False when it was handled or is being handled."""
        try:
            with self._session.begin_nested():
                self._session.add(
                    models.ProcessedUpdate(bot_id=bot_id, update_id=update_id, claimed_at=now, done_at=None)
                )
            return True
        except IntegrityError:
            pass
        row = self._session.get(models.ProcessedUpdate, (bot_id, update_id))
        if row is None:
            return False
        return self._take_over(bot_id, update_id, row.claimed_at, row.done_at, now, lease)

    def claim_in_transaction(
        self, bot_id: int, update_id: int, now: dt.datetime, lease: dt.timedelta
    ) -> bool:
        """As `claim`, at the end of a transaction that holds the update's effects (no
        savepoint: on SQLite, pysqlite's SAVEPOINT as a first statement would commit early): both
        commit together, or neither. A worker that claims the same update at once waits for the
        first (its primary key) and finds it taken."""
        inserted = self._session.execute(
            _insert(self._session)(models.ProcessedUpdate)
            .values(bot_id=bot_id, update_id=update_id, claimed_at=now, done_at=None)
            .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
            .returning(models.ProcessedUpdate.update_id)  # a row back: inserted (rowcount is -1 on psycopg)
        ).first()
        if inserted is not None:
            return True
        row = self._session.execute(
            select(models.ProcessedUpdate.claimed_at, models.ProcessedUpdate.done_at).where(
                models.ProcessedUpdate.bot_id == bot_id, models.ProcessedUpdate.update_id == update_id
            )
        ).one_or_none()
        if row is None:
            return False
        return self._take_over(bot_id, update_id, row.claimed_at, row.done_at, now, lease)

    def _take_over(
        self,
        bot_id: int,
        update_id: int,
        claimed_at: dt.datetime,
        done_at: dt.datetime | None,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> bool:
        """An update claimed before: taken over when it was abandoned (not done, its lease over),
        unless another worker took it over first."""
        if done_at is not None or _aware(claimed_at) > now - lease:
            return False
        taken = self._session.execute(
            update(models.ProcessedUpdate)
            .where(
                models.ProcessedUpdate.bot_id == bot_id,
                models.ProcessedUpdate.update_id == update_id,
                models.ProcessedUpdate.claimed_at == claimed_at,
                models.ProcessedUpdate.done_at.is_(None),
            )
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]

    def taken(self, bot_id: int, update_id: int, now: dt.datetime, lease: dt.timedelta) -> bool:
        """Whether this update was handled, or is being handled (claimed within `lease`): a
        read, no write."""
        row = self._session.execute(
            select(models.ProcessedUpdate.claimed_at, models.ProcessedUpdate.done_at).where(
                models.ProcessedUpdate.bot_id == bot_id, models.ProcessedUpdate.update_id == update_id
            )
        ).one_or_none()
        return row is not None and (row.done_at is not None or _aware(row.claimed_at) > now - lease)

    def done_unclaimed(self, bot_id: int, update_id: int, now: dt.datetime) -> None:
        """An update that nothing acted on (no claim was needed): recorded as handled, unless a
        worker claimed it meanwhile (its row is left as it is)."""
        self._session.execute(
            _insert(self._session)(models.ProcessedUpdate)
            .values(bot_id=bot_id, update_id=update_id, claimed_at=now, done_at=now)
            .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
        )

    def finish(self, bot_id: int, update_id: int, now: dt.datetime) -> None:
        self._session.execute(
            update(models.ProcessedUpdate)
            .where(models.ProcessedUpdate.bot_id == bot_id, models.ProcessedUpdate.update_id == update_id)
            .values(done_at=now)
            .execution_options(synchronize_session=False)
        )

    def release_unfinished(self, bot_id: int) -> int:
        """Claims never finished, given up (the only poller starts: whoever held them is gone)."""
        result = self._session.execute(
            delete(models.ProcessedUpdate).where(
                models.ProcessedUpdate.bot_id == bot_id, models.ProcessedUpdate.done_at.is_(None)
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def forget_older_than(self, cutoff: dt.datetime) -> None:
        self._session.execute(
            delete(models.ProcessedUpdate).where(models.ProcessedUpdate.claimed_at < cutoff)
        )


class PolledUpdateRepository:
    """The poller's updates, kept from their fetch until they were handled."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _prune_handled(self, bot_id: int) -> None:
        handled = select(models.ProcessedUpdate.update_id).where(
            models.ProcessedUpdate.bot_id == bot_id, models.ProcessedUpdate.done_at.is_not(None)
        )
        self._session.execute(
            delete(models.PolledUpdate).where(
                models.PolledUpdate.bot_id == bot_id, models.PolledUpdate.update_id.in_(handled)
            )
        )

    def keep(self, bot_id: int, updates: list[tuple[int, dict[str, Any]]], now: dt.datetime) -> None:
        """Keep a batch (those kept already stay as they are); forget those handled since."""
        self._prune_handled(bot_id)
        ids = [update_id for update_id, _payload in updates]
        kept = set(
            self._session.scalars(
                select(models.PolledUpdate.update_id).where(
                    models.PolledUpdate.bot_id == bot_id, models.PolledUpdate.update_id.in_(ids)
                )
            )
        )
        for update_id, payload in updates:
            if update_id not in kept:
                kept.add(update_id)
                self._session.add(
                    models.PolledUpdate(bot_id=bot_id, update_id=update_id, payload=payload, received_at=now)
                )

    def unhandled(self, bot_id: int) -> list[dict[str, Any]]:
        """The updates kept and not handled, oldest first (those handled are forgotten)."""
        self._prune_handled(bot_id)
        rows = self._session.scalars(
            select(models.PolledUpdate)
            .where(models.PolledUpdate.bot_id == bot_id)
            .order_by(models.PolledUpdate.update_id)
        )
        return [row.payload for row in rows]


class ResultPageRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, learner_ref: str, query: str, now: dt.datetime) -> str:
        """A new key (8 URL-safe characters) for this learner's search."""
        key = secrets.token_urlsafe(6)
        self._session.add(models.ResultPages(key=key, learner_ref=learner_ref, query=query, created_at=now))
        return key

    def find(self, learner_ref: str, key: str, since: dt.datetime) -> str | None:
        """The search behind `key` if it is this learner's and was made after `since`."""
        row = self._session.get(models.ResultPages, key)
        if row is None or row.learner_ref != learner_ref or _aware(row.created_at) < since:
            return None
        return row.query

    def forget_older_than(self, cutoff: dt.datetime) -> None:
        self._session.execute(delete(models.ResultPages).where(models.ResultPages.created_at < cutoff))

    def of_learner(self, learner_ref: str) -> list[tuple[str, dt.datetime]]:
        """This learner's searches behind result pages, oldest first, with when each was made."""
        rows = self._session.scalars(
            select(models.ResultPages)
            .where(models.ResultPages.learner_ref == learner_ref)
            .order_by(models.ResultPages.created_at, models.ResultPages.key)
        )
        return [(row.query, _aware(row.created_at)) for row in rows]

    def forget_learner(self, learner_ref: str) -> None:
        self._session.execute(delete(models.ResultPages).where(models.ResultPages.learner_ref == learner_ref))


class LearnerContextRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, learner_ref: str, now: dt.datetime) -> models.LearnerContext:
        row = self._session.get(models.LearnerContext, learner_ref, with_for_update=True)
        if row is not None:
            return row
        try:  # the first time; another worker may insert the same learner's row at once
            with self._session.begin_nested():
                row = models.LearnerContext(learner_ref=learner_ref, shown_ids=[], updated_at=now)
                self._session.add(row)
            return row
        except IntegrityError:
            found = self._session.get(models.LearnerContext, learner_ref, with_for_update=True)
            assert found is not None
            return found

    def last_query(self, learner_ref: str, since: dt.datetime) -> str | None:
        row = self._session.get(models.LearnerContext, learner_ref)
        if row is None or _aware(row.updated_at) < since:
            return None
        return row.last_query

    def shown(self, learner_ref: str, since: dt.datetime) -> Shown | None:
        row = self._session.get(models.LearnerContext, learner_ref)
        if row is None or row.shown_kind is None or _aware(row.updated_at) < since:
            return None
        return Shown(
            row.shown_kind,
            tuple(int(i) for i in row.shown_ids),
            row.shown_query,
            row.shown_key,
            row.shown_page,
            row.shown_first,
            row.shown_pages,
        )

    def set_last_query(self, learner_ref: str, query: str, now: dt.datetime) -> None:
        row = self._row(learner_ref, now)
        row.last_query = query
        row.updated_at = now

    def set_shown(self, learner_ref: str, shown: Shown, now: dt.datetime) -> None:
        row = self._row(learner_ref, now)
        row.shown_kind = shown.kind
        row.shown_ids = list(shown.ids)
        row.shown_query = shown.query
        row.shown_key = shown.key
        row.shown_page = shown.page
        row.shown_first = shown.first
        row.shown_pages = shown.pages
        row.updated_at = now

    def forget(self, learner_ref: str) -> None:
        self._session.execute(
            delete(models.LearnerContext).where(models.LearnerContext.learner_ref == learner_ref)
        )

    def forget_older_than(self, cutoff: dt.datetime) -> None:
        self._session.execute(delete(models.LearnerContext).where(models.LearnerContext.updated_at < cutoff))
