"""Learners and their settings. A learner is found by a front-end reference such as `telegram:42`."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.learner import LearnerProfile
from bot.store import models

TELEGRAM_PREFIX = "telegram:"


def telegram_id_in(ref: str) -> int | None:
    """The Telegram user id in a `telegram:<user id>` reference (None for another front end)."""
    if not ref.startswith(TELEGRAM_PREFIX):
        return None
    number = ref[len(TELEGRAM_PREFIX) :]
    return int(number) if number.isdigit() else None


def find_learner(session: Session, ref: str) -> models.Learner | None:
    return session.scalars(select(models.Learner).where(models.Learner.ref == ref)).first()


def get_or_create_learner(session: Session, ref: str, telegram_user_id: int | None = None) -> models.Learner:
    learner = find_learner(session, ref)
    if telegram_user_id is None:
        telegram_user_id = telegram_id_in(ref)
    if learner is not None:
        if learner.telegram_user_id is None and telegram_user_id is not None:
            learner.telegram_user_id = telegram_user_id  # rows written before it was recorded
        return learner
    try:
        # Two updates of one new learner may race (several processes on one PostgreSQL store):
        # the loser of the race finds the winner's row.
        with session.begin_nested():
            learner = models.Learner(ref=ref, telegram_user_id=telegram_user_id)
            session.add(learner)
    except IntegrityError:
        learner = find_learner(session, ref)
        if learner is None:
            raise
    return learner


class LearnerRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def profile(self, ref: str) -> LearnerProfile | None:
        learner = find_learner(self._session, ref)
        if learner is None:
            return None
        user_id = learner.telegram_user_id
        if user_id is None:
            user_id = telegram_id_in(learner.ref)
        return LearnerProfile(learner.ref, user_id, learner.locale, learner.created_at)

    def locale(self, ref: str) -> str | None:
        return self._session.scalar(select(models.Learner.locale).where(models.Learner.ref == ref))

    def set_locale(self, ref: str, locale: str) -> None:
        get_or_create_learner(self._session, ref).locale = locale

    def emails(self, ref: str) -> list[str]:
        learner = find_learner(self._session, ref)
        return list(learner.emails or []) if learner is not None else []

    def set_emails(self, ref: str, emails: list[str]) -> None:
        get_or_create_learner(self._session, ref).emails = list(emails)

    def forget(self, ref: str) -> bool:
        """Deletes the learner and everything stored about them; True if there was anything."""
        learner = find_learner(self._session, ref)
        if learner is None:
            return False
        bundles = select(models.Bundle.id).where(models.Bundle.learner_id == learner.id)
        execute = self._session.execute
        execute(delete(models.BundleItem).where(models.BundleItem.bundle_id.in_(bundles)))
        execute(delete(models.Bundle).where(models.Bundle.learner_id == learner.id))
        execute(delete(models.EarnedCredential).where(models.EarnedCredential.learner_id == learner.id))
        execute(delete(models.ShareLink).where(models.ShareLink.learner_id == learner.id))
        execute(delete(models.Learner).where(models.Learner.id == learner.id))
        return True
