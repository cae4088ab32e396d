"""Digest subscriptions, their claimed slots, what each chat was sent, and the credential marks
that tell a new or materially changed credential from an edited description."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.digest import DigestItem, DigestRun, Schedule, Subscription
from bot.store import models

MARKS_STAMP = "digest_marks_through"  # the latest credentials.updated_at the marks have read


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: every time in these tables is UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def fingerprint(row: models.Credential) -> str:
    """What a digest calls a material change: the titles, the length, the cost, the web page."""
    material = [row.name_en, row.name_fr, row.hours, row.durations, str(row.cost), row.currency, row.url]
    return hashlib.sha1(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def _subscription(row: models.DigestSubscription) -> Subscription:
    return Subscription(
        id=row.id,
        chat_id=row.chat_id,
        thread_id=row.thread_id or None,
        subscriber_user_id=row.subscriber_user_id,
        topics=tuple(row.topics),
        language=row.language,
        schedule=Schedule(row.frequency, row.hour, row.weekday, row.timezone),
        auto_approve=row.auto_approve,
        created_at=_utc(row.created_at),
        handled_through=_utc(row.handled_through),
        collected_through=_utc(row.collected_through),
        pause_reported=row.pause_reported,
    )


def _run(row: models.DigestRun) -> DigestRun:
    items = tuple(DigestItem(**item) for item in row.items)
    return DigestRun(row.id, row.subscription_id, _utc(row.slot_at), row.status, items)


class DigestRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # ---- subscriptions ----

    def subscribe(
        self,
        chat_id: int,
        thread_id: int | None,
        *,
        subscriber_user_id: int,
        topics: Sequence[str],
        language: str,
        schedule: Schedule,
        auto_approve: bool,
        now: dt.datetime,
    ) -> tuple[Subscription | None, Subscription]:
        """Creates or replaces the chat's (topic's) subscription; (before, after). A replaced
        one keeps its marks in time: nothing is collected twice."""
        row = self._session.scalars(
            select(models.DigestSubscription)
            .where(models.DigestSubscription.chat_id == chat_id)
            .where(models.DigestSubscription.thread_id == (thread_id or 0))
        ).first()
        before = _subscription(row) if row is not None else None
        if row is None:
            row = models.DigestSubscription(
                chat_id=chat_id,
                thread_id=thread_id or 0,
                created_at=now,
                handled_through=now,
                collected_through=now,
                pause_reported=False,
            )
            self._session.add(row)
        row.subscriber_user_id = subscriber_user_id
        row.topics = list(topics)
        row.language = language
        row.frequency, row.hour, row.weekday = schedule.frequency, schedule.hour, schedule.weekday
        row.timezone = schedule.timezone
        row.auto_approve = auto_approve
        self._session.flush()
        return before, _subscription(row)

    def unsubscribe(self, chat_id: int, thread_id: int | None) -> Subscription | None:
        row = self._session.scalars(
            select(models.DigestSubscription)
            .where(models.DigestSubscription.chat_id == chat_id)
            .where(models.DigestSubscription.thread_id == (thread_id or 0))
        ).first()
        if row is None:
            return None
        gone = _subscription(row)
        self._session.delete(row)
        return gone

    def topic_gone(self, chat_id: int, thread_id: int) -> tuple[Subscription, Subscription | None] | None:
        """The forum topic `thread_id` of the chat was deleted: its subscription now posts in
        General, keeping its settings and marks; (before, after). When the chat already has a
        subscription in General, the topic's one is removed (after None): the chat keeps one
        digest in General. None when no subscription posted in that topic."""
        rows = {
            row.thread_id: row
            for row in self._session.scalars(
                select(models.DigestSubscription)
                .where(models.DigestSubscription.chat_id == chat_id)
                .where(models.DigestSubscription.thread_id.in_((thread_id, 0)))
            )
        }
        row = rows.get(thread_id) if thread_id else None
        if row is None:
            return None
        before = _subscription(row)
        if 0 in rows:
            self._session.delete(row)
            self._session.flush()
            return before, None
        row.thread_id = 0
        self._session.flush()
        return before, _subscription(row)

    def subscription(self, subscription_id: int) -> Subscription | None:
        row = self._session.get(models.DigestSubscription, subscription_id)
        return _subscription(row) if row is not None else None

    def for_chat(self, chat_id: int) -> list[Subscription]:
        rows = self._session.scalars(
            select(models.DigestSubscription)
            .where(models.DigestSubscription.chat_id == chat_id)
            .order_by(models.DigestSubscription.thread_id)
        )
        return [_subscription(row) for row in rows]

    def all(self) -> list[Subscription]:
        rows = self._session.scalars(select(models.DigestSubscription).order_by(models.DigestSubscription.id))
        return [_subscription(row) for row in rows]

    def mark(
        self,
        subscription_id: int,
        *,
        handled_through: dt.datetime | None = None,
        collected_through: dt.datetime | None = None,
        pause_reported: bool | None = None,
    ) -> None:
        row = self._session.get(models.DigestSubscription, subscription_id)
        if row is None:
            return
        if handled_through is not None:
            row.handled_through = handled_through
        if collected_through is not None:
            row.collected_through = collected_through
        if pause_reported is not None:
            row.pause_reported = pause_reported

    # ---- runs ----

    def claim(self, subscription_id: int, slot: dt.datetime, status: str) -> int | None:
        """The slot's run row, made once: None when another worker (or an earlier start) has
        claimed this slot already."""
        try:
            with self._session.begin_nested():
                row = models.DigestRun(subscription_id=subscription_id, slot_at=slot, status=status, items=[])
                self._session.add(row)
                self._session.flush()
        except IntegrityError:
            return None
        return row.id

    def set_run(self, run_id: int, status: str, items: Sequence[DigestItem] | None = None) -> None:
        row = self._session.get(models.DigestRun, run_id)
        if row is None:
            return
        row.status = status
        if items is not None:
            row.items = [item.__dict__ for item in items]

    def run(self, run_id: int) -> DigestRun | None:
        row = self._session.get(models.DigestRun, run_id)
        return _run(row) if row is not None else None

    def drafts(self, subscription_id: int) -> list[DigestRun]:
        rows = self._session.scalars(
            select(models.DigestRun)
            .where(models.DigestRun.subscription_id == subscription_id)
            .where(models.DigestRun.status == "draft")
        )
        return [_run(row) for row in rows]

    # ---- what was posted where ----

    def posted(self, chat_id: int, external_ids: Sequence[str]) -> dict[str, str]:
        """Fingerprint of what the chat was sent, by external id."""
        if not external_ids:
            return {}
        rows = self._session.execute(
            select(models.DigestPosted.external_id, models.DigestPosted.fingerprint)
            .where(models.DigestPosted.chat_id == chat_id)
            .where(models.DigestPosted.external_id.in_(list(external_ids)))
        )
        return {external_id: print_ for external_id, print_ in rows}

    def record_posted(self, chat_id: int, run_id: int, items: Sequence[DigestItem]) -> None:
        ids = [item.external_id for item in items]
        if ids:
            self._session.execute(
                delete(models.DigestPosted)
                .where(models.DigestPosted.chat_id == chat_id)
                .where(models.DigestPosted.external_id.in_(ids))
            )
        for item in items:
            self._session.add(
                models.DigestPosted(
                    chat_id=chat_id, external_id=item.external_id, fingerprint=item.fingerprint, run_id=run_id
                )
            )

    def chat_moved(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its subscriptions and what it was sent follow it."""
        for row in self._session.scalars(
            select(models.DigestSubscription).where(models.DigestSubscription.chat_id == old_id)
        ):
            row.chat_id = new_id
        for posted in self._session.scalars(
            select(models.DigestPosted).where(models.DigestPosted.chat_id == old_id)
        ):
            posted.chat_id = new_id

    # ---- marks ----

    def refresh_marks(self, now: dt.datetime) -> None:
        """Reads the credentials written since the last refresh: a new one is marked first seen
        now, a material change marked changed now. The first refresh ever marks the catalogue
        as it is, seen and unchanged since the beginning: a first digest announces nothing old.
        Two workers refreshing at once (their first clock ticks) mark the same credentials: the
        one that loses the race keeps the other's marks, which say the same."""
        try:
            with self._session.begin_nested():
                self._refresh_marks(now)
        except IntegrityError:
            return

    def _refresh_marks(self, now: dt.datetime) -> None:
        stamp = self._session.get(models.StoreStamp, MARKS_STAMP)
        first_fill = stamp is None
        query = select(models.Credential)
        if stamp is not None:
            # A second earlier: SQLite's CURRENT_TIMESTAMP has whole seconds, compared as text.
            since = dt.datetime.fromisoformat(stamp.value) - dt.timedelta(seconds=1)
            query = query.where(models.Credential.updated_at >= since)
        origin = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        latest = origin
        for row in self._session.scalars(query):
            latest = max(latest, _utc(row.updated_at))
            print_ = fingerprint(row)
            mark = None if first_fill else self._session.get(models.CredentialMark, row.external_id)
            if mark is None:
                when = origin if first_fill else now
                self._session.add(
                    models.CredentialMark(
                        external_id=row.external_id, fingerprint=print_, first_seen=when, changed_at=when
                    )
                )
            elif mark.fingerprint != print_:
                mark.fingerprint, mark.changed_at = print_, now
        if stamp is None:
            self._session.add(models.StoreStamp(name=MARKS_STAMP, value=latest.isoformat()))
        elif latest.isoformat() > stamp.value:
            stamp.value = latest.isoformat()
        self._session.flush()

    def changed_between(self, after: dt.datetime, until: dt.datetime) -> list[tuple[int, str, str, bool]]:
        """(credential id, external id, fingerprint, seen before `after`) of what was new or
        materially changed in (after, until]."""
        rows = self._session.execute(
            select(
                models.Credential.id,
                models.CredentialMark.external_id,
                models.CredentialMark.fingerprint,
                models.CredentialMark.first_seen,
            )
            .join(models.Credential, models.Credential.external_id == models.CredentialMark.external_id)
            .where(models.CredentialMark.changed_at > after)
            .where(models.CredentialMark.changed_at <= until)
            .order_by(models.CredentialMark.changed_at, models.Credential.id)
        )
        found: list[tuple[int, str, str, bool]] = []
        for credential_id, external_id, print_, first_seen in rows:
            found.append((credential_id, external_id, print_, _utc(first_seen) <= after))
        return found
