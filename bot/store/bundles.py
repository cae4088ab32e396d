"""Saved bundles under their share codes, read and written as plain `StoredBundle`s."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.learner import StoredBundle
from bot.store import models
from bot.store.learners import find_learner, get_or_create_learner

# The learner's choices (pinned and excluded credentials) are kept beside the limits in the
# `constraints` JSON column, under these keys: no migration for two lists.
CHOICE_KEYS = ("pinned", "excluded")


def _stored(row: models.Bundle) -> StoredBundle:
    constraints = dict(row.constraints or {})
    choices = {key: [str(item) for item in constraints.pop(key, None) or []] for key in CHOICE_KEYS}
    return StoredBundle(
        share_code=row.share_code,
        owner=row.learner.ref if row.learner is not None else None,
        goal=row.goal,
        skills=list(row.skills or []),
        limits=constraints,
        items=[item.external_id for item in row.items],
        saved=row.saved,
        created_at=row.created_at,
        pinned=choices["pinned"],
        excluded=choices["excluded"],
    )


def _constraints(limits: dict[str, Any], pinned: Sequence[str], excluded: Sequence[str]) -> dict[str, Any]:
    data = {key: value for key, value in limits.items() if key not in CHOICE_KEYS}
    if pinned:
        data["pinned"] = list(dict.fromkeys(pinned))
    if excluded:
        data["excluded"] = list(dict.fromkeys(excluded))
    return data


class BundleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, code: str) -> models.Bundle | None:
        return self._session.scalars(
            select(models.Bundle).where(models.Bundle.share_code == code.strip().upper())
        ).first()

    def find(self, code: str) -> StoredBundle | None:
        row = self._row(code)
        return _stored(row) if row is not None else None

    def code_taken(self, code: str) -> bool:
        return self._row(code) is not None

    def create(
        self,
        code: str,
        owner: str | None,
        *,
        goal: str | None,
        skills: Sequence[str],
        limits: dict[str, Any],
        items: Sequence[str],
        saved: bool,
        pinned: Sequence[str] = (),
        excluded: Sequence[str] = (),
    ) -> StoredBundle:
        learner = get_or_create_learner(self._session, owner) if owner else None
        row = models.Bundle(
            learner_id=learner.id if learner else None,
            share_code=code,
            goal=goal,
            skills=list(skills),
            constraints=_constraints(limits, pinned, excluded),
            saved=saved,
        )
        row.items = [
            models.BundleItem(external_id=external_id, position=position)
            for position, external_id in enumerate(dict.fromkeys(items))
        ]
        self._session.add(row)
        self._session.flush()
        return _stored(row)

    def set_items(
        self,
        code: str,
        items: Sequence[str],
        *,
        pinned: Sequence[str] | None = None,
        excluded: Sequence[str] | None = None,
    ) -> StoredBundle:
        """The bundle's items, in order; its pinned and excluded credentials too when given."""
        row = self._row(code)
        assert row is not None, code
        if pinned is not None or excluded is not None:
            current = _stored(row)
            row.constraints = _constraints(
                current.limits,
                current.pinned if pinned is None else pinned,
                current.excluded if excluded is None else excluded,
            )
        wanted = list(dict.fromkeys(items))
        kept = {item.external_id: item for item in row.items if item.external_id in wanted}
        row.items = [
            kept.get(external_id) or models.BundleItem(external_id=external_id) for external_id in wanted
        ]
        for position, item in enumerate(row.items):
            item.position = position
        self._session.flush()
        return _stored(row)

    def set_limits(self, code: str, limits: dict[str, Any]) -> StoredBundle:
        row = self._row(code)
        assert row is not None, code
        current = _stored(row)
        row.constraints = _constraints(limits, current.pinned, current.excluded)
        self._session.flush()
        return _stored(row)

    def mark_saved(self, code: str) -> StoredBundle:
        row = self._row(code)
        assert row is not None, code
        row.saved = True
        self._session.flush()
        return _stored(row)

    def delete(self, code: str) -> bool:
        row = self._row(code)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True

    def _owned_rows(self, ref: str) -> Any:
        learner = find_learner(self._session, ref)
        if learner is None:
            return None
        return select(models.Bundle).where(models.Bundle.learner_id == learner.id)

    def latest(self, ref: str) -> StoredBundle | None:
        query = self._owned_rows(ref)
        if query is None:
            return None
        row = self._session.scalars(query.order_by(models.Bundle.id.desc()).limit(1)).first()
        return _stored(row) if row is not None else None

    def owned_by(self, ref: str) -> list[StoredBundle]:
        query = self._owned_rows(ref)
        if query is None:
            return []
        return [_stored(row) for row in self._session.scalars(query.order_by(models.Bundle.id))]
