"""Learners' share links (`/share`), read and written as plain `ShareLink`s."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.share import ShareLink
from bot.store import models
from bot.store.learners import find_learner, get_or_create_learner


def _link(row: models.ShareLink) -> ShareLink:
    return ShareLink(
        code=row.code,
        kind=row.kind,
        created_at=row.created_at,
        bundle_code=row.bundle_code,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


class ShareLinkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, ref: str, link: ShareLink) -> ShareLink:
        learner = get_or_create_learner(self._session, ref)
        row = models.ShareLink(
            learner_id=learner.id,
            code=link.code,
            kind=link.kind,
            bundle_code=link.bundle_code,
            created_at=link.created_at,
            expires_at=link.expires_at,
        )
        self._session.add(row)
        self._session.flush()
        return _link(row)

    def code_taken(self, code: str) -> bool:
        return self._session.scalar(select(models.ShareLink.id).where(models.ShareLink.code == code)) is not None

    def find(self, code: str) -> tuple[str, ShareLink] | None:
        """(the owner's learner ref, the link) behind `code`; None when there is none."""
        found = self._session.execute(
            select(models.Learner.ref, models.ShareLink)
            .join(models.Learner, models.ShareLink.learner_id == models.Learner.id)
            .where(models.ShareLink.code == code)
        ).first()
        return (found[0], _link(found[1])) if found is not None else None

    def of_learner(self, ref: str) -> list[ShareLink]:
        """Every link the learner made, revoked ones too, oldest first."""
        learner = find_learner(self._session, ref)
        if learner is None:
            return []
        rows = self._session.scalars(
            select(models.ShareLink).where(models.ShareLink.learner_id == learner.id).order_by(models.ShareLink.id)
        )
        return [_link(row) for row in rows]

    def revoke(self, ref: str, now: dt.datetime, code: str | None = None) -> list[ShareLink]:
        """Stops the learner's link `code` (every link of theirs when None); the links stopped."""
        learner = find_learner(self._session, ref)
        if learner is None:
            return []
        query = select(models.ShareLink).where(
            models.ShareLink.learner_id == learner.id, models.ShareLink.revoked_at.is_(None)
        )
        if code is not None:
            query = query.where(models.ShareLink.code == code)
        rows = list(self._session.scalars(query))
        for row in rows:
            row.revoked_at = now
        self._session.flush()
        return [_link(row) for row in rows]
