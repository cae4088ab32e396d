"""Learners' earned credentials, read and written as plain `EarnedRecord`s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.learner import EarnedRecord
from bot.store import models
from bot.store.learners import find_learner, get_or_create_learner


def _record(row: models.EarnedCredential) -> EarnedRecord:
    return EarnedRecord(
        external_id=row.external_id,
        credential_id=row.credential_id,
        title=row.title,
        issuer=row.issuer,
        skills=list(row.skills or []),
        source=row.source,
        earned_on=row.earned_on,
        evidence=dict(row.evidence or {}),
        created_at=row.created_at,
        original=row.original,
        verification=dict(row.verification) if row.verification else None,
        verified_at=row.verified_at,
    )


class WalletRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, ref: str, external_id: str) -> models.EarnedCredential | None:
        return self._session.scalars(
            select(models.EarnedCredential)
            .join(models.Learner, models.EarnedCredential.learner_id == models.Learner.id)
            .where(models.Learner.ref == ref, models.EarnedCredential.external_id == external_id)
        ).first()

    def find(self, ref: str, external_id: str) -> EarnedRecord | None:
        row = self._row(ref, external_id)
        return _record(row) if row is not None else None

    def entries(self, ref: str) -> list[EarnedRecord]:
        """The learner's wallet in the order it was filled."""
        learner = find_learner(self._session, ref)
        if learner is None:
            return []
        rows = self._session.scalars(
            select(models.EarnedCredential)
            .where(models.EarnedCredential.learner_id == learner.id)
            .order_by(models.EarnedCredential.id)
        )
        return [_record(row) for row in rows]

    def add(self, ref: str, earned: EarnedRecord) -> EarnedRecord:
        """Stores a new entry (the learner is created if new) and returns it as stored."""
        learner = get_or_create_learner(self._session, ref)
        row = models.EarnedCredential(
            learner_id=learner.id,
            external_id=earned.external_id,
            credential_id=earned.credential_id,
            title=earned.title,
            issuer=earned.issuer,
            skills=list(earned.skills),
            source=earned.source,
            earned_on=earned.earned_on,
            evidence=dict(earned.evidence),
            original=earned.original,
            verification=dict(earned.verification) if earned.verification else None,
            verified_at=earned.verified_at,
        )
        self._session.add(row)
        self._session.flush()
        return _record(row)

    def set_verification(
        self, ref: str, external_id: str, verification: dict[str, Any], at: dt.datetime, original: str | None
    ) -> None:
        """A badge checked again: its new verdict and time; its original kept if it had none."""
        row = self._row(ref, external_id)
        if row is None:
            return
        row.verification = dict(verification)
        row.verified_at = at
        if row.original is None and original is not None:
            row.original = original
        self._session.flush()

    def remove(self, ref: str, external_id: str) -> bool:
        row = self._row(ref, external_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True
