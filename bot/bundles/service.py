"""Saved and shared bundles: a learner's bundles under share codes, edited by drop and swap."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.bundles.plan import BundlePlan
from bot.bundles.planner import load_solver
from bot.bundles.solver import BundleSolver, item_passes, skill_keys
from bot.domain.credential import CredentialRecord
from bot.domain.limits import Limits
from bot.store import models
from bot.store.learners import find_learner, get_or_create_learner


class BundleError(Exception):
    """A bundle operation refused; `reason` is a stable code the front end translates:
    not_found | not_owner | not_in_bundle | not_a_candidate | unknown_credential."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


SHARE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
SHARE_CODE_LENGTH = 10  # 50 random bits


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


@dataclass
class SavedBundle:
    share_code: str
    goal: str | None
    skills: list[str]
    constraints: Limits
    items: list[CredentialRecord]
    missing_items: list[str]  # external ids no longer in the catalogue
    saved: bool
    read_only: bool  # True when loaded by someone who does not own it


def _load_row(session: Session, code: str) -> models.Bundle | None:
    return session.scalars(
        select(models.Bundle).where(models.Bundle.share_code == code.strip().upper())
    ).first()


def _view(session: Session, row: models.Bundle, read_only: bool, solver: BundleSolver | None) -> SavedBundle:
    from bot.store.catalogue_repo import get_by_external_id

    items: list[CredentialRecord] = []
    missing: list[str] = []
    for item in row.items:
        record = solver.resolve(item.external_id) if solver else get_by_external_id(session, item.external_id)
        if record is None:
            missing.append(item.external_id)
        else:
            items.append(record)
    return SavedBundle(
        row.share_code,
        row.goal,
        list(row.skills or []),
        Limits.from_dict(row.constraints),
        items,
        missing,
        row.saved,
        read_only,
    )


def _new_row(
    session: Session,
    learner_id: int | None,
    goal: str | None,
    skills: list[str],
    constraints: Limits,
    item_ids: list[str],
    saved: bool,
) -> models.Bundle:
    code = new_share_code()
    while _load_row(session, code) is not None:
        code = new_share_code()
    row = models.Bundle(
        learner_id=learner_id,
        share_code=code,
        goal=goal,
        skills=skills,
        constraints=constraints.to_dict(),
        saved=saved,
    )
    row.items = [
        models.BundleItem(external_id=external_id, position=position)
        for position, external_id in enumerate(dict.fromkeys(item_ids))
    ]
    session.add(row)
    session.flush()
    return row


def save_bundle(
    session: Session, ref: str, plan: BundlePlan, *, goal: str | None = None, saved: bool = True
) -> SavedBundle:
    """Stores the plan's items for the learner under a new share code."""
    learner = get_or_create_learner(session, ref)
    items = plan.items or (plan.closest.items if plan.closest else [])
    row = _new_row(
        session,
        learner.id,
        goal,
        list(plan.requested),
        plan.constraints,
        [item.credential.external_id for item in items],
        saved,
    )
    return _view(session, row, False, None)


def load_shared_bundle(session: Session, code: str, ref: str | None = None) -> SavedBundle:
    """Anyone with the code may read a bundle; it is read-only unless `ref` owns it."""
    row = _load_row(session, code)
    if row is None:
        raise BundleError("not_found", code)
    owner = find_learner(session, ref) if ref else None
    return _view(session, row, not (owner is not None and row.learner_id == owner.id), None)


def copy_shared_bundle(session: Session, code: str, ref: str) -> SavedBundle:
    """The recipient's own copy of a shared bundle, under a new share code."""
    row = _load_row(session, code)
    if row is None:
        raise BundleError("not_found", code)
    learner = get_or_create_learner(session, ref)
    copy = _new_row(
        session,
        learner.id,
        row.goal,
        list(row.skills or []),
        Limits.from_dict(row.constraints),
        [item.external_id for item in row.items],
        True,
    )
    return _view(session, copy, False, None)


def list_bundles(session: Session, ref: str) -> list[SavedBundle]:
    learner = find_learner(session, ref)
    if learner is None:
        return []
    rows = session.scalars(
        select(models.Bundle).where(models.Bundle.learner_id == learner.id).order_by(models.Bundle.id)
    )
    return [_view(session, row, False, None) for row in rows]


def _owned(session: Session, ref: str, code: str) -> models.Bundle:
    row = _load_row(session, code)
    if row is None:
        raise BundleError("not_found", code)
    learner = find_learner(session, ref)
    if learner is None or row.learner_id != learner.id:
        raise BundleError("not_owner", code)
    return row


def drop_item(session: Session, ref: str, code: str, external_id: str) -> SavedBundle:
    row = _owned(session, ref, code)
    remaining = [item for item in row.items if item.external_id != external_id]
    if len(remaining) == len(row.items):
        raise BundleError("not_in_bundle", external_id)
    row.items = remaining
    for position, item in enumerate(row.items):
        item.position = position
    session.flush()
    return _view(session, row, False, None)


def swap_alternatives(
    session: Session,
    code: str,
    external_id: str,
    *,
    solver: BundleSolver | None = None,
    limit: int = 10,
) -> list[CredentialRecord]:
    """Other credentials that cover every requested skill this item covers, within the bundle's
    per-credential filters and not already in it: cheapest first, then fewest hours."""
    row = _load_row(session, code)
    if row is None:
        raise BundleError("not_found", code)
    if external_id not in [item.external_id for item in row.items]:
        raise BundleError("not_in_bundle", external_id)
    solver = solver or load_solver(session)
    current = solver.resolve(external_id)
    if current is None:
        raise BundleError("unknown_credential", external_id)
    requested = set(row.skills or [])
    needs = {key for key in skill_keys(current) if key in requested} or set(skill_keys(current))
    constraints = Limits.from_dict(row.constraints)
    currency = constraints.currency or current.currency
    in_bundle = {item.external_id for item in row.items}
    pool: set[int] | None = None
    for key in needs:
        indices = set(solver.by_skill.get(key, ()))
        pool = indices if pool is None else pool & indices
    found = []
    for index in sorted(pool or ()):
        record = solver.credentials[index]
        if record.external_id in in_bundle or not item_passes(record, constraints, currency):
            continue
        found.append(record)
    found.sort(
        key=lambda r: (
            r.cost is None or r.currency != currency,
            r.cost if r.cost is not None else Decimal(0),
            r.hours if r.hours is not None else math.inf,
            r.external_id,
        )
    )
    return found[:limit]


def swap_item(
    session: Session,
    ref: str,
    code: str,
    old_id: str,
    new_id: str,
    *,
    solver: BundleSolver | None = None,
) -> SavedBundle:
    row = _owned(session, ref, code)
    alternatives = swap_alternatives(session, code, old_id, solver=solver, limit=10_000)
    if new_id not in {record.external_id for record in alternatives}:
        raise BundleError("not_a_candidate", new_id)
    for item in row.items:
        if item.external_id == old_id:
            item.external_id = new_id
    session.flush()
    return _view(session, row, False, solver)


def mark_bundle_earned(
    session: Session, ref: str, code: str, external_ids: Sequence[str] | None = None
) -> list[str]:
    """Marks the bundle's items (all, or those listed) as earned in the learner's wallet; returns
    the external ids newly added."""
    from bot.wallet.service import earn

    row = _owned(session, ref, code)
    wanted = [item.external_id for item in row.items]
    if external_ids is not None:
        unknown = [eid for eid in external_ids if eid not in wanted]
        if unknown:
            raise BundleError("not_in_bundle", ", ".join(unknown))
        wanted = [eid for eid in wanted if eid in external_ids]
    added = []
    for external_id in wanted:
        entry = earn(session, ref, external_id)
        if entry.created:
            added.append(external_id)
    return added


def add_to_latest_bundle(session: Session, ref: str, external_id: str) -> SavedBundle:
    """Adds a credential to the learner's most recent bundle, or starts a new one with it."""
    learner = get_or_create_learner(session, ref)
    row = session.scalars(
        select(models.Bundle)
        .where(models.Bundle.learner_id == learner.id)
        .order_by(models.Bundle.id.desc())
        .limit(1)
    ).first()
    if row is None:
        row = _new_row(session, learner.id, None, [], Limits(), [external_id], False)
    elif external_id not in [item.external_id for item in row.items]:
        row.items.append(models.BundleItem(external_id=external_id, position=len(row.items)))
        session.flush()
    return _view(session, row, False, None)


def mark_saved(session: Session, ref: str, code: str) -> SavedBundle:
    row = _owned(session, ref, code)
    row.saved = True
    session.flush()
    return _view(session, row, False, None)


def latest_bundle_code(session: Session, ref: str) -> str | None:
    """The share code of the learner's most recent bundle, if any."""
    learner = find_learner(session, ref)
    if learner is None:
        return None
    return session.scalar(
        select(models.Bundle.share_code)
        .where(models.Bundle.learner_id == learner.id)
        .order_by(models.Bundle.id.desc())
        .limit(1)
    )
