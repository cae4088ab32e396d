"""Bundles as a learner keeps them: planned for a goal, saved under share codes, shared, edited
by drop and swap, marked earned. `Bundles` runs each use case in its own transaction and keeps
the solver over the current catalogue."""

from __future__ import annotations

import datetime as dt
import math
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bot.bundles.plan import BundlePlan
from bot.bundles.planner import load_solver, plan_for_learner
from bot.bundles.solver import BundleSolver, item_passes, skill_keys
from bot.domain.credential import CredentialRecord, pick
from bot.domain.learner import StoredBundle
from bot.domain.limits import Limits
from bot.store.catalogue_repo import Fingerprint
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet import service as wallet


class BundleError(Exception):
    """A bundle operation refused; `reason` is a stable code the front end translates:
    not_found | not_owner | not_in_bundle | not_a_candidate | unknown_credential | no_cheaper."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


SHARE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
SHARE_CODE_LENGTH = 10  # 50 random bits


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


@dataclass(frozen=True)
class Totals:
    """A bundle's size: credentials, hours, and the cost in its most common currency."""

    count: int
    hours: float
    cost: Decimal
    currency: str


def totals(records: Iterable[CredentialRecord]) -> Totals:
    """Hours, and the cost in the most common currency (others are left out, as in the solver)."""
    chosen = list(records)
    currencies = [record.price_currency or "CAD" for record in chosen if record.cost is not None]
    currency = max(sorted(set(currencies)), key=currencies.count) if currencies else "CAD"
    hours = sum(record.hours or 0.0 for record in chosen)
    cost = sum(
        (
            record.cost
            for record in chosen
            if record.cost is not None and (record.price_currency or "CAD") == currency
        ),
        Decimal(0),
    )
    return Totals(len(chosen), round(hours, 2), cost, currency)


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
    # Per item (external id), the requested skills it brings that neither the wallet nor an
    # earlier item covers; the requested skills the reader's wallet holds; those nothing covers.
    covers: dict[str, list[str]] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    pinned: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    created_at: dt.datetime | None = None

    @property
    def totals(self) -> Totals:
        return totals(self.items)


@dataclass
class Edit:
    """What an edit did: the bundle before and after, and the best bundle for the same goal and
    limits (None when the bundle has no goal), to compare with."""

    before: SavedBundle
    after: SavedBundle
    best: Totals | None = None
    best_uncovered: int = 0

    @property
    def added(self) -> list[CredentialRecord]:
        old = {record.external_id for record in self.before.items}
        return [record for record in self.after.items if record.external_id not in old]

    @property
    def removed(self) -> list[CredentialRecord]:
        new = {record.external_id for record in self.after.items}
        return [record for record in self.before.items if record.external_id not in new]

    @property
    def worse(self) -> bool:
        """True when the learner's choices make the bundle worse than the best one: it covers
        fewer skills, or takes more hours, or the same hours for more money."""
        if self.best is None:
            return False
        uncovered = len(self.after.uncovered)
        if uncovered != self.best_uncovered:
            return uncovered > self.best_uncovered
        mine = self.after.totals
        return (mine.hours, mine.cost) > (self.best.hours, self.best.cost)


def _view(uow: UnitOfWork, stored: StoredBundle, ref: str | None, solver: BundleSolver | None) -> SavedBundle:
    items: list[CredentialRecord] = []
    missing: list[str] = []
    for external_id in stored.items:
        record = solver.resolve(external_id) if solver else uow.catalogue.by_external_id(external_id)
        if record is None:
            missing.append(external_id)
        else:
            items.append(record)
    held_skills = wallet.held(uow, ref)[0] if ref else set()
    requested = list(stored.skills)
    held = [key for key in requested if key in held_skills]
    covered = set(held)
    covers: dict[str, list[str]] = {}
    for record in items:
        keys = skill_keys(record)
        covers[record.external_id] = [key for key in requested if key in keys and key not in covered]
        covered.update(keys)
    return SavedBundle(
        stored.share_code,
        stored.goal,
        requested,
        Limits.from_dict(stored.limits),
        items,
        missing,
        stored.saved,
        read_only=ref is None or stored.owner != ref,
        covers=covers,
        held=held,
        uncovered=[key for key in requested if key not in covered],
        pinned=list(stored.pinned),
        excluded=list(stored.excluded),
        created_at=stored.created_at,
    )


def _create(
    uow: UnitOfWork,
    owner: str | None,
    goal: str | None,
    skills: list[str],
    constraints: Limits,
    item_ids: list[str],
    saved: bool,
    pinned: Sequence[str] = (),
    excluded: Sequence[str] = (),
) -> StoredBundle:
    code = new_share_code()
    while uow.bundles.code_taken(code):
        code = new_share_code()
    return uow.bundles.create(
        code,
        owner,
        goal=goal,
        skills=skills,
        limits=constraints.to_dict(),
        items=item_ids,
        saved=saved,
        pinned=pinned,
        excluded=excluded,
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
    copy = _create(
        uow,
        ref,
        original.goal,
        list(original.skills),
        limits,
        list(original.items),
        True,
        original.pinned,
        original.excluded,
    )
    return _view(uow, copy, ref, None)


def list_bundles(uow: UnitOfWork, ref: str) -> list[SavedBundle]:
    return [_view(uow, stored, ref, None) for stored in uow.bundles.owned_by(ref)]


def saved_bundles(uow: UnitOfWork, ref: str) -> list[SavedBundle]:
    """The bundles the learner saved, the most recent first."""
    return [bundle for bundle in reversed(list_bundles(uow, ref)) if bundle.saved]


def delete_bundle(uow: UnitOfWork, ref: str, code: str) -> SavedBundle:
    """Deletes one of the learner's bundles; returns it as it was."""
    stored = _owned(uow, ref, code)
    gone = _view(uow, stored, ref, None)
    uow.bundles.delete(stored.share_code)
    return gone


def _left_after(limits: Limits, kept: Sequence[CredentialRecord], currency: str) -> Limits:
    """The limits left for the rest of a bundle once the kept credentials are counted."""
    hours = sum(record.hours or 0.0 for record in kept)
    cost = sum(
        (record.cost for record in kept if record.cost is not None and record.price_currency == currency),
        Decimal(0),
    )
    if limits.max_hours is not None:
        limits = replace(limits, max_hours=max(limits.max_hours - hours, 0.0))
    if limits.max_cost is not None:
        limits = replace(limits, max_cost=max(limits.max_cost - cost, Decimal(0)))
    return limits


def _chosen(plan: BundlePlan) -> list[str]:
    shown = plan if plan.feasible or plan.closest is None else plan.closest
    return [item.credential.external_id for item in shown.items]


def _planned_items(
    uow: UnitOfWork,
    ref: str,
    stored: StoredBundle,
    solver: BundleSolver,
    *,
    pinned: Sequence[str],
    excluded: Sequence[str],
) -> tuple[list[str], list[str], list[str]]:
    """(items, pinned, excluded): the bundle planned again under its goal and limits, keeping
    the learner's choices: the pinned credentials stay in (unless the wallet has them), the
    excluded ones are never proposed, what the wallet holds is skipped, and the rest is the
    solver's best. Nothing is written."""
    held_skills, held_ids = wallet.held(uow, ref)
    excluded = [eid for eid in dict.fromkeys(excluded) if eid not in pinned]
    kept = [
        record
        for eid in dict.fromkeys(pinned)
        if eid not in held_ids and (record := solver.resolve(eid)) is not None
    ]
    pinned = [record.external_id for record in kept]
    if not stored.skills:  # no goal: the learner's own list
        items = [eid for eid in stored.items if eid not in excluded and eid not in held_ids]
        return list(dict.fromkeys([*items, *pinned])), pinned, excluded
    limits = Limits.from_dict(stored.limits)
    currency = limits.currency or solver.plan_currency(stored.skills, limits)
    covered = set(held_skills).union(*(skill_keys(record) for record in kept))
    plan = solver.solve(
        stored.skills,
        _left_after(limits, kept, currency),
        held_skills=covered,
        held_ids={*held_ids, *pinned},
        exclude_ids=excluded,
    )
    wanted = [*pinned, *_chosen(plan)]
    items = [eid for eid in stored.items if eid in wanted]
    items += [eid for eid in wanted if eid not in items]
    return items, pinned, excluded


def _replan(
    uow: UnitOfWork,
    ref: str,
    stored: StoredBundle,
    solver: BundleSolver,
    *,
    pinned: Sequence[str],
    excluded: Sequence[str],
) -> StoredBundle:
    """The bundle planned again (`_planned_items`), and stored."""
    items, pinned, excluded = _planned_items(uow, ref, stored, solver, pinned=pinned, excluded=excluded)
    return uow.bundles.set_items(stored.share_code, items, pinned=pinned, excluded=excluded)


@dataclass(frozen=True)
class SwapOption:
    """A credential that can replace an item, and the bundle it would give."""

    credential: CredentialRecord
    totals: Totals
    uncovered: int  # requested skills the bundle would leave uncovered


def swap_options(
    uow: UnitOfWork, ref: str, code: str, external_id: str, solver: BundleSolver, limit: int = 5
) -> list[SwapOption]:
    """The alternatives for an item, each with the bundle it would give once the rest is
    planned again around it: the best bundles first (most skills covered, fewest hours, lowest
    cost)."""
    stored = _owned(uow, ref, code)
    options = []
    for record in swap_alternatives(uow, code, external_id, solver=solver, limit=max(limit, 10), ref=ref):
        pinned = [eid for eid in stored.pinned if eid != external_id] + [record.external_id]
        excluded = [*stored.excluded, external_id]
        items, _pinned, _excluded = _planned_items(uow, ref, stored, solver, pinned=pinned, excluded=excluded)
        chosen = [found for eid in items if (found := solver.resolve(eid)) is not None]
        view = _view(uow, replace(stored, items=items), ref, solver)
        options.append(SwapOption(record, totals(chosen), len(view.uncovered)))
    options.sort(key=lambda option: (option.uncovered, option.totals.hours, option.totals.cost))
    return options[:limit]


def _best(uow: UnitOfWork, ref: str, stored: StoredBundle, solver: BundleSolver) -> tuple[Totals | None, int]:
    """The best bundle for the bundle's goal and limits, with the wallet skipped: its totals and
    how many skills it leaves uncovered."""
    if not stored.skills:
        return None, 0
    held_skills, held_ids = wallet.held(uow, ref)
    plan = solver.solve(
        stored.skills, Limits.from_dict(stored.limits), held_skills=held_skills, held_ids=held_ids
    )
    shown = plan if plan.feasible or plan.closest is None else plan.closest
    chosen = [item.credential for item in shown.items]
    return totals(chosen), len(shown.uncovered)


def edit_bundle(
    uow: UnitOfWork,
    ref: str,
    code: str,
    solver: BundleSolver,
    *,
    pin: Sequence[str] = (),
    exclude: Sequence[str] = (),
    reset: bool = False,
    limits: Limits | None = None,
) -> Edit:
    """One edit of a learner's bundle (pin: add or swap in; exclude: drop or swap out; reset:
    forget every choice; limits: new limits), planned again under its goal and limits."""
    stored = _owned(uow, ref, code)
    before = _view(uow, stored, ref, solver)
    if limits is not None:
        stored = uow.bundles.set_limits(stored.share_code, limits.for_bundle().to_dict())
    pinned = [] if reset else [eid for eid in stored.pinned if eid not in exclude]
    excluded = [] if reset else [eid for eid in stored.excluded if eid not in pin]
    after = _replan(uow, ref, stored, solver, pinned=[*pinned, *pin], excluded=[*excluded, *exclude])
    best, best_uncovered = _best(uow, ref, stored, solver)
    return Edit(before, _view(uow, after, ref, solver), best, best_uncovered)


def drop_item(
    uow: UnitOfWork, ref: str, code: str, external_id: str, *, solver: BundleSolver | None = None
) -> Edit:
    stored = _owned(uow, ref, code)
    if external_id not in stored.items:
        raise BundleError("not_in_bundle", external_id)
    return edit_bundle(uow, ref, code, solver or load_solver(uow), exclude=[external_id])


def swap_alternatives(
    uow: UnitOfWork,
    code: str,
    external_id: str,
    *,
    solver: BundleSolver | None = None,
    limit: int = 10,
    ref: str | None = None,
) -> list[CredentialRecord]:
    """Other credentials that bring some of the requested skills this item brings (those that
    bring them all first), within the bundle's per-credential filters, not in it, not dropped
    and not in the reader's wallet: cheapest first, then fewest hours. The rest of the bundle is
    planned again around the one chosen."""
    stored = _found(uow, code)
    if external_id not in stored.items:
        raise BundleError("not_in_bundle", external_id)
    solver = solver or load_solver(uow)
    current = solver.resolve(external_id)
    if current is None:
        raise BundleError("unknown_credential", external_id)
    held_skills, held_ids = wallet.held(uow, ref) if ref else (set(), set())
    requested = set(stored.skills)
    needs = {key for key in skill_keys(current) if key in requested and key not in held_skills}
    needs = needs or set(skill_keys(current))
    constraints = Limits.from_dict(stored.limits)
    currency = constraints.currency or current.price_currency or "CAD"
    pool: set[int] = set()
    for key in needs:
        pool.update(solver.by_skill.get(key, ()))
    unwanted = {*stored.items, *stored.excluded, *held_ids}
    found = [
        record
        for record in (solver.credentials[index] for index in sorted(pool))
        if record.external_id not in unwanted and item_passes(record, constraints, currency)
    ]
    found.sort(
        key=lambda r: (
            -len(needs.intersection(skill_keys(r))),
            r.cost is None or r.price_currency != currency,
            r.cost if r.cost is not None else Decimal(0),
            r.hours if r.hours is not None else math.inf,
            r.external_id,
        )
    )
    return found[:limit]


def swap_item(
    uow: UnitOfWork, ref: str, code: str, old_id: str, new_id: str, *, solver: BundleSolver | None = None
) -> Edit:
    _owned(uow, ref, code)
    solver = solver or load_solver(uow)
    alternatives = swap_alternatives(uow, code, old_id, solver=solver, limit=10_000, ref=ref)
    if new_id not in {record.external_id for record in alternatives}:
        raise BundleError("not_a_candidate", new_id)
    return edit_bundle(uow, ref, code, solver, pin=[new_id], exclude=[old_id])


def mark_bundle_earned(
    uow: UnitOfWork,
    ref: str,
    code: str,
    external_ids: Sequence[str] | None = None,
    *,
    solver: BundleSolver | None = None,
) -> tuple[list[str], Edit]:
    """Marks the bundle's items (all, or those listed) as earned in the learner's wallet, then
    plans the bundle again: what was earned leaves it. Returns the external ids newly added."""
    wanted = list(_owned(uow, ref, code).items)
    if external_ids is not None:
        unknown = [eid for eid in external_ids if eid not in wanted]
        if unknown:
            raise BundleError("not_in_bundle", ", ".join(unknown))
        wanted = [eid for eid in wanted if eid in external_ids]
    added = [external_id for external_id in wanted if wallet.earn(uow, ref, external_id).created]
    return added, edit_bundle(uow, ref, code, solver or load_solver(uow))


def add_to_latest_bundle(
    uow: UnitOfWork, ref: str, external_id: str, *, solver: BundleSolver | None = None
) -> Edit:
    """Adds a credential to the learner's most recent bundle (kept there when it is planned
    again), or starts a new one with it."""
    latest = uow.bundles.latest(ref)
    if latest is None:
        latest = _create(uow, ref, None, [], Limits(), [], False)
    return edit_bundle(uow, ref, latest.share_code, solver or load_solver(uow), pin=[external_id])


def relax_limit(uow: UnitOfWork, ref: str, code: str, name: str, solver: BundleSolver) -> Edit:
    """The bundle planned again without one of its limits (`taught_in`: any language)."""
    stored = _owned(uow, ref, code)
    return edit_bundle(uow, ref, code, solver, limits=Limits.from_dict(stored.limits).without(name))


def online_only(uow: UnitOfWork, ref: str, code: str, solver: BundleSolver) -> Edit:
    """The bundle planned again with online credentials only (the learner's choices that are not
    online are dropped with the limit)."""
    return narrow_bundle(uow, ref, code, Limits(online=True), solver)


def narrow_bundle(uow: UnitOfWork, ref: str, code: str, stated: Limits, solver: BundleSolver) -> Edit:
    """The bundle planned again with the limits the learner just stated added to its own ("only
    online ones", « en moins de 40 heures »); "cheaper" with no amount (`cheap`) asks for a lower
    total than now. The learner's choices that break a new limit are let go with it (not those an earlier
    limit already allowed)."""
    stored = _owned(uow, ref, code)
    limits = Limits.from_dict(stored.limits).merged(replace(stated, cheap=False, max_cost=None))
    if stated.cheap:
        now = _view(uow, stored, ref, solver).totals
        limits = replace(limits, max_cost=max(now.cost - Decimal("0.01"), Decimal(0)), currency=now.currency)
    elif stated.max_cost is not None:
        limits = replace(limits, max_cost=stated.max_cost, currency=stated.currency)
    limits = limits.for_bundle()
    currency = limits.currency or solver.plan_currency(stored.skills, limits)
    new_only = replace(stated, cheap=False, max_cost=limits.max_cost if stated.cheap else stated.max_cost)
    kept = [
        eid
        for eid in stored.pinned
        if (record := solver.resolve(eid)) is not None and item_passes(record, new_only, currency)
    ]
    if kept != stored.pinned:
        uow.bundles.set_items(stored.share_code, stored.items, pinned=kept)
    edit = edit_bundle(uow, ref, code, solver, limits=limits)
    if stated.cheap and len(edit.after.uncovered) > len(edit.before.uncovered):
        # "cheaper" is a wish, not a limit: never bought with a skill (the unit of work rolls back)
        raise BundleError("no_cheaper")
    return edit


def mark_saved(uow: UnitOfWork, ref: str, code: str) -> SavedBundle:
    stored = _owned(uow, ref, code)
    return _view(uow, uow.bundles.mark_saved(stored.share_code), ref, None)


def latest_bundle_code(uow: UnitOfWork, ref: str) -> str | None:
    """The share code of the learner's most recent bundle, if any."""
    latest = uow.bundles.latest(ref)
    return latest.share_code if latest else None


class Bundles:
    """The bundle use cases over one store, and the solver over its current catalogue."""

    def __init__(
        self, store: Database, *, check_interval: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self._solver: BundleSolver | None = None
        self._fingerprint: Fingerprint | None = None
        self._lock = threading.Lock()
        self._check_interval = check_interval
        self._clock = clock
        self._checked_at = float("-inf")

    def solver(self) -> BundleSolver:
        """The solver over the current catalogue, rebuilt when the catalogue changed: checked at
        most every `check_interval` seconds (the check counts every credential and skill link,
        ~30 ms on 100,000 credentials, and was made under the lock by every bundle), at once after
        an import in this process (`catalogue_changed`), as the search index is."""
        solver = self._solver
        if solver is not None and self._clock() - self._checked_at < self._check_interval:
            return solver
        with self._lock:
            now = self._clock()
            if self._solver is not None and now - self._checked_at < self._check_interval:
                return self._solver
            with self.store.unit_of_work() as uow:
                fingerprint = uow.catalogue.fingerprint()
                if self._solver is None or fingerprint != self._fingerprint:
                    self._solver = load_solver(uow)
                    self._fingerprint = fingerprint
            self._checked_at = now
            return self._solver

    def catalogue_changed(self) -> None:
        self._solver = None
        self._checked_at = float("-inf")

    def plan(
        self,
        ref: str,
        *,
        goal: str | None = None,
        occupation: str | None = None,
        language: str | None = None,
    ) -> tuple[BundlePlan, str | None]:
        """The best bundle for a goal in words or an occupation, skipping the learner's wallet,
        taught in `language` unless the goal names one (or that alone rules out a complete
        bundle), kept as a draft (not saved) under a share code so its buttons work."""
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            plan = plan_for_learner(
                uow, ref, goal=goal, occupation=occupation, solver=solver, default_taught_in=language
            )
            shown = plan if plan.feasible or plan.closest is None else plan.closest
            if shown is None or not shown.items:
                return plan, None
            if not goal and occupation in solver.matcher.occupations:
                # Stored to be shown: the occupation's name in the learner's language, not its key.
                goal = pick(solver.matcher.occupations[occupation].label, language or "en")
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

    def saved_bundles(self, ref: str) -> list[SavedBundle]:
        with self.store.unit_of_work() as uow:
            return saved_bundles(uow, ref)

    def delete(self, ref: str, code: str) -> SavedBundle:
        with self.store.unit_of_work() as uow:
            return delete_bundle(uow, ref, code)

    def mark_earned(self, ref: str, code: str) -> tuple[list[str], Edit]:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return mark_bundle_earned(uow, ref, code, solver=solver)

    def drop(self, ref: str, code: str, external_id: str) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return drop_item(uow, ref, code, external_id, solver=solver)

    def alternatives(
        self, code: str, external_id: str, limit: int = 5, ref: str | None = None
    ) -> list[CredentialRecord]:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return swap_alternatives(uow, code, external_id, solver=solver, limit=limit, ref=ref)

    def swap_options(self, ref: str, code: str, external_id: str, limit: int = 5) -> list[SwapOption]:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return swap_options(uow, ref, code, external_id, solver, limit)

    def swap(self, ref: str, code: str, old_id: str, new_id: str) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return swap_item(uow, ref, code, old_id, new_id, solver=solver)

    def add(self, ref: str, external_id: str) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return add_to_latest_bundle(uow, ref, external_id, solver=solver)

    def relax(self, ref: str, code: str, name: str) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return relax_limit(uow, ref, code, name, solver)

    def online(self, ref: str, code: str) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return online_only(uow, ref, code, solver)

    def narrow(self, ref: str, code: str, stated: Limits) -> Edit:
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return narrow_bundle(uow, ref, code, stated, solver)

    def reset(self, ref: str, code: str) -> Edit:
        """Back to the best bundle for the goal: the learner's choices forgotten."""
        solver = self.solver()
        with self.store.unit_of_work() as uow:
            return edit_bundle(uow, ref, code, solver, reset=True)

    def latest_code(self, ref: str) -> str | None:
        with self.store.unit_of_work() as uow:
            return latest_bundle_code(uow, ref)
