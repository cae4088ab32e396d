"""Learners and their settings. A learner is found by a front-end reference such as `telegram:42`."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store import models


def telegram_ref(user_id: int) -> str:
    return f"telegram:{user_id}"


def find_learner(session: Session, ref: str) -> models.Learner | None:
    return session.scalars(select(models.Learner).where(models.Learner.ref == ref)).first()


def get_or_create_learner(session: Session, ref: str, telegram_user_id: int | None = None) -> models.Learner:
    learner = find_learner(session, ref)
    if learner is not None:
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


def set_locale(session: Session, ref: str, locale: str) -> None:
    get_or_create_learner(session, ref).locale = locale


def forget_learner(session: Session, ref: str) -> bool:
    """Deletes the learner and everything stored about them; True if there was anything."""
    learner = find_learner(session, ref)
    if learner is None:
        return False
    session.execute(
        delete(models.BundleItem).where(
            models.BundleItem.bundle_id.in_(
                select(models.Bundle.id).where(models.Bundle.learner_id == learner.id)
            )
        )
    )
    session.execute(delete(models.Bundle).where(models.Bundle.learner_id == learner.id))
    session.execute(delete(models.EarnedCredential).where(models.EarnedCredential.learner_id == learner.id))
    session.execute(delete(models.Learner).where(models.Learner.id == learner.id))
    return True
