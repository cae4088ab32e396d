"""Statistics rows: searches, credentials earned and digest opens, per chat and day. Learners
appear only as keyed hashes; only bot queries are stored, never other message text."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.stats import DaySearches, OpenCount, QueryCount, SubjectCount
from bot.store import models


class StatisticsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # ---- writing ----

    def add_search(
        self, chat_id: int, day: dt.date, query: str, locale: str, found: bool, learner: str
    ) -> None:
        self._session.add(
            models.StatSearch(
                chat_id=chat_id, day=day, query=query, locale=locale, found=found, learner=learner
            )
        )

    def add_earned(self, chat_id: int, day: dt.date, subjects: list[tuple[str, str]]) -> None:
        for subject_en, subject_fr in subjects:
            self._session.add(
                models.StatEarned(chat_id=chat_id, day=day, subject_en=subject_en, subject_fr=subject_fr)
            )

    def add_digest_open(self, chat_id: int, day: dt.date, credential_id: int, learner: str) -> None:
        self._session.add(
            models.StatDigestOpen(chat_id=chat_id, day=day, credential_id=credential_id, learner=learner)
        )

    def set_origin(self, learner: str, chat_id: int, day: dt.date) -> None:
        origin = self._session.get(models.StatOrigin, learner)
        if origin is None:
            self._session.add(models.StatOrigin(learner=learner, chat_id=chat_id, day=day))
        else:
            origin.chat_id, origin.day = chat_id, day

    def origin(self, learner: str) -> int | None:
        origin = self._session.get(models.StatOrigin, learner)
        return origin.chat_id if origin else None

    def key(self, name: str, generated: str) -> str:
        """The stored key `name`; `generated` is stored first when there is none (two workers
        racing: the loser reads the winner's)."""
        found = self._session.get(models.StatKey, name)
        if found is not None:
            return found.value
        try:
            with self._session.begin_nested():
                self._session.add(models.StatKey(name=name, value=generated))
        except IntegrityError:
            found = self._session.get(models.StatKey, name)
            assert found is not None
            return found.value
        return generated

    def demand_gap_claimed(self, chat_id: int, week: dt.date) -> bool:
        return self._session.get(models.StatDemandGapSent, (chat_id, week)) is not None

    def claim_demand_gap(self, chat_id: int, week: dt.date) -> bool:
        """True once per (chat, week): whoever claims it first sends the message."""
        if self._session.get(models.StatDemandGapSent, (chat_id, week)) is not None:
            return False
        try:
            with self._session.begin_nested():
                self._session.add(models.StatDemandGapSent(chat_id=chat_id, week=week))
        except IntegrityError:
            return False
        return True

    def forget(self, learner: str) -> int:
        """Deletes every row kept under the learner's hash (searches, digest opens, origin); how
        many went. Earned counts carry no hash: they cannot be traced to anyone."""
        removed = 0
        for table in (models.StatSearch, models.StatDigestOpen, models.StatOrigin):
            result = self._session.execute(delete(table).where(table.learner == learner))
            removed += int(getattr(result, "rowcount", 0) or 0)
        return removed

    def prune(self, before: dt.date) -> int:
        """Deletes every row of a day before `before`; how many rows went."""
        removed = 0
        for table in (models.StatSearch, models.StatEarned, models.StatDigestOpen, models.StatOrigin):
            result = self._session.execute(delete(table).where(table.day < before))
            removed += int(getattr(result, "rowcount", 0) or 0)
        gaps = models.StatDemandGapSent
        result = self._session.execute(delete(gaps).where(gaps.week < before))
        return removed + int(getattr(result, "rowcount", 0) or 0)

    # ---- reading (counts only) ----

    def searches_per_day(self, chat_id: int, since: dt.date) -> list[DaySearches]:
        row = models.StatSearch
        missed = func.sum(case((row.found.is_(False), 1), else_=0))
        rows = self._session.execute(
            select(row.day, func.count(), missed)
            .where(row.chat_id == chat_id, row.day >= since)
            .group_by(row.day)
            .order_by(row.day)
        )
        return [DaySearches(day, int(count), int(none or 0)) for day, count, none in rows]

    def queries(
        self, chat_id: int, *, since: dt.date, min_learners: int, found: bool | None = None, limit: int = 10
    ) -> list[QueryCount]:
        """The most sent queries that at least `min_learners` distinct learners sent; `found`
        False: those searches that had no results only."""
        row = models.StatSearch
        learners = func.count(func.distinct(row.learner))
        conditions = [row.chat_id == chat_id, row.day >= since]
        if found is not None:
            conditions.append(row.found == found)
        rows = self._session.execute(
            select(row.query, func.count(), learners)
            .where(*conditions)
            .group_by(row.query)
            .having(learners >= min_learners)
            .order_by(func.count().desc(), row.query)
            .limit(limit)
        )
        return [QueryCount(query, int(count), int(people)) for query, count, people in rows]

    def locales(self, chat_id: int, since: dt.date) -> dict[str, int]:
        row = models.StatSearch
        rows = self._session.execute(
            select(row.locale, func.count())
            .where(row.chat_id == chat_id, row.day >= since)
            .group_by(row.locale)
        )
        return {locale: int(count) for locale, count in rows}

    def earned_per_subject(self, chat_id: int, since: dt.date, limit: int = 10) -> list[SubjectCount]:
        row = models.StatEarned
        rows = self._session.execute(
            select(row.subject_en, row.subject_fr, func.count())
            .where(row.chat_id == chat_id, row.day >= since)
            .group_by(row.subject_en, row.subject_fr)
            .order_by(func.count().desc(), row.subject_en)
            .limit(limit)
        )
        return [SubjectCount(en, fr, int(count)) for en, fr, count in rows]

    def digest_opens(self, chat_id: int, since: dt.date, limit: int = 10) -> list[OpenCount]:
        row = models.StatDigestOpen
        rows = self._session.execute(
            select(row.credential_id, func.count())
            .where(row.chat_id == chat_id, row.day >= since)
            .group_by(row.credential_id)
            .order_by(func.count().desc(), row.credential_id)
            .limit(limit)
        )
        return [OpenCount(int(credential), int(count)) for credential, count in rows]

    def chats_with_searches(self, since: dt.date) -> list[int]:
        row = models.StatSearch
        return list(
            self._session.scalars(
                select(row.chat_id).where(row.day >= since).distinct().order_by(row.chat_id)
            )
        )
