"""Placeholder wallet (replaced by the wallet issue's implementation)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import models
from bot.store.learners import find_learner, get_or_create_learner


def is_earned(session: Session, ref: str, external_id: str) -> bool:
    learner = find_learner(session, ref)
    return learner is not None and any(e.external_id == external_id for e in learner.earned)


def mark_earned(session: Session, ref: str, external_id: str, telegram_user_id: int | None = None) -> bool:
    learner = get_or_create_learner(session, ref, telegram_user_id)
    if any(e.external_id == external_id for e in learner.earned):
        return False
    credential = session.scalars(
        select(models.Credential).where(models.Credential.external_id == external_id)
    ).first()
    learner.earned.append(models.EarnedCredential(external_id=external_id, credential=credential))
    return True


def remove_earned(session: Session, ref: str, external_id: str) -> bool:
    learner = find_learner(session, ref)
    if learner is None:
        return False
    for entry in learner.earned:
        if entry.external_id == external_id:
            session.delete(entry)
            return True
    return False


def list_wallet(session: Session, ref: str) -> list[str]:
    learner = find_learner(session, ref)
    if learner is None:
        return []
    return [
        (e.credential.name_en or e.credential.name_fr or "") if e.credential else (e.title or e.external_id)
        for e in learner.earned
    ]


def export_learner(session: Session, ref: str) -> dict[str, Any]:
    learner = find_learner(session, ref)
    if learner is None:
        return {"learner": None}
    return {
        "learner": {"ref": learner.ref, "locale": learner.locale},
        "wallet": [e.external_id for e in learner.earned],
    }
