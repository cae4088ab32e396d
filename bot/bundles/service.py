"""Bundles as a learner keeps them: planned for a goal, saved under share codes, shared, edited
by drop and swap, marked earned. `Bundles` runs each use case in its own transaction and keeps
the solver over the current catalogue."""

from __future__ import annotations

import math
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.bundles.plan import BundlePlan
from bot.bundles.planner import load_solver, plan_for_learner
from bot.bundles.solver import BundleSolver, item_passes, skill_keys
from bot.domain.credential import CredentialRecord
from bot.domain.learner import StoredBundle
from bot.domain.limits import Limits
from bot.store.catalogue_repo import Fingerprint
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet import service as wallet


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


def _view(uow: UnitOfWork, stored: StoredBundle, ref: str | None, solver: BundleSolver | None) -> SavedBundle:
    items: list[CredentialRecord] = []
    missing: list[str] = []
    for external_id in stored.items:
        record = solver.resolve(external_id) if solver else uow.catalogue.by_external_id(external_id)
        if record is None:
            missing.append(external_id)
        else:
            items.append(record)
    return SavedBundle(
        stored.share_code,
        stored.goal,
        list(stored.skills),
        Limits.from_dict(stored.limits),
        items,
        missing,
        stored.saved,
        read_only=ref is None or stored.owner != ref,
    )


def _create(
    uow: UnitOfWork,
    owner: str | None,
    goal: str | None,
    skills: list[str],
    constraints: Limits,
    item_ids: list[str],
    saved: bool,
) -> StoredBundle:
    code = new_share_code()
    while uow.bundles.code_taken(code):
        code = new_share_code()
    return uow.bundles.create(
        code, owner, goal=goal, skills=skills, limits=constraints.to_dict(), items=item_ids, saved=saved
    )


def save_bundle(
    uow: UnitOfWork, ref: str, plan: BundlePlan, *, goal: str | None = None, saved: bool = True
) -> SavedBundle:
    """Stores the plan's items for the learner under a new share code."""
    items = plan.items or (plan.closest.items if plan.closest else [])
    ids = [item.credential.external_id for item in items]
    stored = _create(uow, ref, goal, list(plan.requested), plan.constraints, ids, saved)
    return _view(uow, stored, ref, None)


def _found(uow: UnitOfWork, code: str) -> StoredBundle:
    stored = uow.bundles.find(code)
    if stored is None:
        raise BundleError("not_found", code)
    return stored


def _owned(uow: UnitOfWork, ref: str, code: str) -> StoredBundle:
    stored = _found(uow, code)
    if stored.owner != ref:
        raise BundleError("not_owner", code)
    return stored


def load_shared_bundle(uow: UnitOfWork, code: str, ref: str | None = None) -> SavedBundle:
    """Anyone with the code may read a bundle; it is read-only unless `ref` owns it."""
    return _view(uow, _found(uow, code), ref, None)


def copy_shared_bundle(uow: UnitOfWork, code: str, ref: str) -> SavedBundle:
    """The recipient's own copy of a shared bundle, under a new share code."""
    original = _found(uow, code)
    limits = Limits.from_dict(original.limits)
    copy = _create(uow, ref, original.goal, list(original.skills), limits, list(original.items), True)
    return _view(uow, copy, ref, None)


def list_bundles(uow: UnitOfWork, ref: str) -> list[SavedBundle]:
    return [_view(uow, stored, ref, None) for stored in uow.bundles.owned_by(ref)]


def drop_item(uow: UnitOfWork, ref: str, code: str, external_id: str) -> SavedBundle:
    stored = _owned(uow, ref, code)
    if external_id not in stored.items:
        raise BundleError("not_in_bundle", external_id)
    remaining = [item for item in stored.items if item != external_id]
    return _view(uow, uow.bundles.set_items(stored.share_code, remaining), ref, None)


def swap_alternatives(
    uow: UnitOfWork, code: str, external_id: str, *, solver: BundleSolver | None = None, limit: int = 10
) -> list[CredentialRecord]:
    """Other credentials that cover every requested skill this item covers, within the bundle's
    per-credential filters and not already in it: cheapest first, then fewest hours."""
    stored = _found(uow, code)
    if external_id not in stored.items:
        raise BundleError("not_in_bundle", external_id)
    solver = solver or load_solver(uow)
    current = solver.resolve(external_id)
    if current is None:
        raise BundleError("unknown_credential", external_id)
    requested = set(stored.skills)
    needs = {key for key in skill_keys(current) if key in requested} or set(skill_keys(current))
    constraints = Limits.from_dict(stored.limits)
    currency = constraints.currency or current.price_currency or "CAD"
    pool: set[int] | None = None
    for key in needs:
        indices = set(solver.by_skill.get(key, ()))
        pool = indices if pool is None else pool & indices
    found = [
        record
        for record in (solver.credentials[index] for index in sorted(pool or ()))
        if record.external_id not in stored.items and item_passes(record, constraints, currency)
    ]
    found.sort(
        key=lambda r: (
            r.cost is None or r.price_currency != currency,
            r.cost if r.cost is not None else Decimal(0),
            r.hours if r.hours is not None else math.inf,
            r.external_id,
        )
    )
    return found[:limit]


def swap_item(
    uow: UnitOfWork, ref: str, code: str, old_id: str, new_id: str, *, solver: BundleSolver | None = None
) -> SavedBundle:
    stored = _owned(uow, ref, code)
    alternatives = swap_alternatives(uow, code, old_id, solver=solver, limit=10_000)
    if new_id not in {record.external_id for record in alternatives}:
        raise BundleError("not_a_candidate", new_id)
    items = [new_id if item == old_id else item for item in stored.items]
    return _view(uow, uow.bundles.set_items(stored.share_code, items), ref, solver)


def mark_bundle_earned(
    uow: UnitOfWork, ref: str, code: str, external_ids: Sequence[str] | None = None
) -> list[str]:
    """Marks the bundle's items (all, or those listed) as earned in the learner's wallet; returns
    the external ids newly added."""
    wanted = list(_owned(uow, ref, code).items)
    if external_ids is not None:
        unknown = [eid for eid in external_ids if eid not in wanted]
        if unknown:
            raise BundleError("not_in_bundle", ", ".join(unknown))
        wanted = [eid for eid in wanted if eid in external_ids]
    return [external_id for external_id in wanted if wallet.earn(uow, ref, external_id).created]


def add_to_latest_bundle(uow: UnitOfWork, ref: str, external_id: str) -> SavedBundle:
    """Adds a credential to the learner's most recent bundle, or starts a new one with it."""
    latest = uow.bundles.latest(ref)
    if latest is None:
        latest = _create(uow, ref, None, [], Limits(), [external_id], False)
    elif external_id not in latest.items:
        latest = uow.bundles.set_items(latest.share_code, [*latest.items, external_id])
    return _view(uow, latest, ref, None)


def mark_saved(uow: UnitOfWork, ref: str, code: str) -> SavedBundle:
    stored = _owned(uow, ref, code)
    return _view(uow, uow.bundles.mark_saved(stored.share_code), ref, None)


def latest_bundle_code(uow: UnitOfWork, ref: str) -> str | None:
    """The share code of the learner's most recent bundle, if any."""
    latest = uow.bundles.latest(ref)
    return latest.share_code if latest else None


class Bundles:
    """The bundle use cases over one store, and the solver over its current catalogue."""

    def __init__(self, store: Database) -> None:
        self.store = store
        self._solver: BundleSolver | None = None
        self._fingerprint: Fingerprint | None = None
        self._lock = threading.Lock()

    def solver(self) -> BundleSolver:
        """The solver over the current catalogue, rebuilt when the catalogue changed."""
        with self._lock, self.store.unit_of_work() as uow:
            fingerprint = uow.catalogue.fingerprint()
            if self._solver is None or fingerprint != self._fingerprint:
                self._solver = load_solver(uow)
                self._fingerprint = fingerprint
            return self._solver

    def catalogue_changed(self) -> None:
        self._solver = None

    def plan(
        self, ref: str, *, goal: str | None = None, occupation: str | None = None
    ) -> tuple[BundlePlan, str | None]:
        """The best bundle for a goal in words or an occupation, skipping the learner's wallet,
        kept as a draft (not saved) under a share code so its buttons work: (plan, code)."""
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            plan = plan_for_learner(uow, ref, goal=goal, occupation=occupation, solver=solver)
            shown = plan if plan.feasible or plan.closest is None else plan.closest
            if shown is None or not shown.items:
                return plan, None
            return plan, save_bundle(uow, ref, plan, goal=goal or occupation, saved=False).share_code

    def shared(self, code: str, ref: str | None) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return load_shared_bundle(uow, code, ref)

    def copy(self, code: str, ref: str) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return copy_shared_bundle(uow, code, ref)

    def save(self, ref: str, code: str) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return mark_saved(uow, ref, code)

    def mark_earned(self, ref: str, code: str) -> list[str]:
        with self.store.unit_of_work() as uow:
            return mark_bundle_earned(uow, ref, code)

    def drop(self, ref: str, code: str, external_id: str) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return drop_item(uow, ref, code, external_id)

    def alternatives(self, code: str, external_id: str, limit: int = 5) -> list[CredentialRecord]:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return swap_alternatives(uow, code, external_id, solver=solver, limit=limit)

    def swap(self, ref: str, code: str, old_id: str, new_id: str) -> SavedBundle:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return swap_item(uow, ref, code, old_id, new_id, solver=solver)

    def add(self, ref: str, external_id: str) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return add_to_latest_bundle(uow, ref, external_id)

    def latest_code(self, ref: str) -> str | None:
        with self.store.unit_of_work() as uow:
            return latest_bundle_code(uow, ref)
