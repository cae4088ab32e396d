"""Bundles: the provably best set of credentials for a goal, skipping what the learner holds.

The optimisation is an exact set-cover MIP solved with HiGHS:

    minimise   Σ hours_i · x_i          then, with total hours fixed at that optimum,
    minimise   Σ cost_i  · x_i
    subject to Σ_{i covers s} x_i ≥ 1   for every requested skill s not already held
               Σ hours_i · x_i ≤ H,  Σ cost_i · x_i ≤ C,  x_i ∈ {0, 1}

Hours are scaled to integer hundredths of an hour and costs to integer cents, so both objectives are
integers and "optimal" means exactly optimal (mip_rel_gap = 0, absolute gap below one unit), and
the second solve can pin the first objective without any floating-point slack.

Decisions a reader should know about:
* Only one currency is summed: the constraint's currency if given, else the currency most candidate
  credentials use (CAD on a tie). A credential priced in another currency, or without a price, is
  treated as "price unknown": it is excluded when a cost limit is set, and otherwise costs as much
  as the dearest known candidate in the optimisation (pessimistic) and is left out of `total_cost`
  (`cost_complete` is then False).
* A credential without hours is handled the same way for hours (`hours_complete`).
* Only credentials with status "active" are proposed.
"""

from __future__ import annotations

import math
import secrets
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import highspy
import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.credential import CredentialRecord, LocalText, Vocabulary, pick
from bot.language.skills import (
    BundleConstraints,
    SkillMatch,
    SkillMatcher,
    parse_request,
)
from bot.store import models
from bot.store.catalogue_repo import load_credentials, load_vocabulary
from bot.store.learners import find_learner, get_or_create_learner

__all__ = [
    "BundleConstraints",
    "BundleError",
    "BundleItem",
    "BundlePlan",
    "BundleSolver",
    "SavedBundle",
    "SkillMatch",
    "copy_shared_bundle",
    "drop_item",
    "greedy_bundle",
    "list_bundles",
    "load_shared_bundle",
    "mark_bundle_earned",
    "plan_bundle",
    "plan_for_learner",
    "save_bundle",
    "swap_alternatives",
    "swap_item",
]

HOUR_UNITS = 100  # hours are optimised in hundredths of an hour
COST_UNITS = 100  # costs in cents
SUBSET_UPDATE_LIMIT = 12  # dominance pruning enumerates subsets of coverages up to this size
DEFAULT_TIME_LIMIT = 10.0
# The bare solver class: `highspy.Highs` prints a banner on stdout at first use (it would corrupt
# `--json` output) and adds callback overhead we do not need.
_HIGHS: Any = getattr(highspy, "_Highs", highspy.Highs)


@dataclass(frozen=True)
class BundleItem:
    credential: CredentialRecord
    covers: list[str]  # requested skill keys this credential brings (not already held)


@dataclass
class BundlePlan:
    feasible: bool
    optimal: bool
    items: list[BundleItem] = field(default_factory=list)
    total_hours: float = 0.0
    total_cost: Decimal = Decimal(0)
    currency: str = "CAD"
    covered: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    already_held: list[str] = field(default_factory=list)
    matches: list[SkillMatch] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)
    # Constraint names (max_hours, max_cost, taught_in, online): relaxing any one of them alone
    # makes the request feasible; when no single one does but relaxing all does, all are listed.
    blocking_constraints: list[str] = field(default_factory=list)
    # Best partial bundle when infeasible: most skills covered within the constraints, then fewest
    # hours, then lowest cost.
    closest: BundlePlan | None = None
    requested: list[str] = field(default_factory=list)
    # Requested skills no credential teaches under the per-credential filters; `not_offered`: none
    # in the whole catalogue (no relaxation helps).
    missing: list[str] = field(default_factory=list)
    not_offered: list[str] = field(default_factory=list)
    constraints: BundleConstraints = field(default_factory=BundleConstraints)
    labels: dict[str, LocalText] = field(default_factory=dict)
    cost_complete: bool = True
    hours_complete: bool = True
    solve_seconds: float = 0.0
    candidates: int = 0  # credentials left after filtering and dominance pruning

    def label(self, key: str, locale: str) -> str:
        return pick(self.labels.get(key, {}), locale) or key


class BundleError(Exception):
    """A bundle operation refused; `reason` is a stable code the front end translates:
    not_found | not_owner | not_in_bundle | not_a_candidate | unknown_credential."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# -- the solver ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    record: CredentialRecord
    mask: int
    hours: int  # hundredths of an hour (pessimistic when unknown)
    cost: int  # cents (pessimistic when unknown or in another currency)
    hours_known: bool
    cost_known: bool


def _is_active(record: CredentialRecord) -> bool:
    return (record.status or "active") == "active"


def _skill_keys(record: CredentialRecord) -> list[str]:
    return [ref.key for ref in record.skills if ref.key]


def item_passes(record: CredentialRecord, constraints: BundleConstraints, currency: str) -> bool:
    """The per-credential filters: active, language, online, and fitting the limits on its own."""
    if not _is_active(record):
        return False
    if constraints.taught_in and constraints.taught_in not in record.languages:
        return False
    if constraints.online and record.delivery != "online":
        return False
    if constraints.max_hours is not None and (record.hours is None or record.hours > constraints.max_hours):
        return False
    return not (
        constraints.max_cost is not None
        and (record.cost is None or record.currency != currency or record.cost > constraints.max_cost)
    )


# HiGHS settings for these small 0/1 set-cover models. Measured on the synthetic catalogue
# (benchmarks/BUNDLES.md): the feasibility-jump heuristic costs about 3 ms per run whatever the
# model size, and presolve most of the solve time at 20 skills, while nearly every model is solved
# at the root node. Neither changes what is optimal, only the time; presolve off is also what makes
# warm starts safe (`_warm_starts_allowed`). An option an older HiGHS does not know is skipped.
_HIGHS_OPTIONS: dict[str, Any] = {
    "output_flag": False,
    "mip_rel_gap": 0.0,
    "mip_abs_gap": 0.5,
    "threads": 1,
    "mip_heuristic_run_feasibility_jump": False,
    "presolve": "off",
}


def _warm_starts_allowed() -> bool:
    """HiGHS 1.16 with presolve on and a user solution (`setSolution`) was seen to report a
    suboptimal point as optimal (11 of 120 ten-skill goals on the synthetic catalogue, e.g. 18
    hours where 15 is optimal); without presolve no such case was found, so starts are only
    handed over when presolve is off (tests/test_bundles.py compares against cold solves)."""
    return _HIGHS_OPTIONS.get("presolve") == "off"


def _new_highs() -> Any:
    solver = _HIGHS()
    for name, value in _HIGHS_OPTIONS.items():
        solver.setOptionValue(name, value)
    return solver


def _lexicographic_solve(
    num_cols: int,
    rows: list[tuple[list[int], list[float], float, float]],
    objectives: list[tuple[list[float], bool]],
    deadline: float,
    integer_cols: int | None = None,
    start: Sequence[float] | None = None,
    first_solution: bool = False,
) -> tuple[list[float] | None, bool]:
    """Solves a 0/1 MIP for several objectives in order (minimise, or maximise when the flag is
    True), pinning each optimum before the next. Objective coefficients must be integers.
    `start` is a feasible point handed to HiGHS as its first incumbent; each stage's optimum is
    handed on to the next. With `first_solution`, the single objective only guides the search and
    the solve stops at the first feasible point (a feasibility test).
    Returns (column values or None when infeasible, proven: optimal, or proven infeasible; False
    when `deadline` (a `time.perf_counter()` value) stopped the search)."""
    solver = _new_highs()
    if first_solution:
        solver.setOptionValue("mip_max_improving_sols", 1)
    inf = highspy.kHighsInf
    n = num_cols
    lower = np.zeros(n)
    upper = np.ones(n)
    solver.addCols(
        n,
        np.zeros(n),
        lower,
        upper,
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([], dtype=np.float64),
    )
    integer = n if integer_cols is None else integer_cols
    if integer:
        solver.changeColsIntegrality(
            integer,
            np.arange(integer, dtype=np.int32),
            np.full(integer, int(highspy.HighsVarType.kInteger), dtype=np.uint8),
        )
    for indices, values, low, high in rows:
        solver.addRow(low, high, len(indices), np.array(indices, dtype=np.int32), np.array(values))
    optimal = True
    values_out: list[float] | None = None
    all_cols = np.arange(n, dtype=np.int32)
    incumbent = list(start) if start is not None else None
    warm = _warm_starts_allowed()
    for number, (coefficients, maximise) in enumerate(objectives):
        solver.changeColsCost(n, all_cols, np.array(coefficients, dtype=np.float64))
        solver.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        solver.setOptionValue("time_limit", max(0.05, deadline - time.perf_counter()))
        if incumbent is not None and warm:
            solver.setSolution(n, all_cols, np.array(incumbent, dtype=np.float64))
        solver.run()
        status = solver.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return (None, True) if number == 0 else (values_out, optimal)
        solution = solver.getSolution()
        if not solution.value_valid:
            return (values_out, False) if values_out is not None else (None, False)
        values_out = list(solution.col_value)
        if first_solution and status == highspy.HighsModelStatus.kSolutionLimit:
            return values_out, True
        if status != highspy.HighsModelStatus.kOptimal:
            return values_out, False
        incumbent = values_out
        best = round(sum(c * v for c, v in zip(coefficients, values_out, strict=False)))
        nonzero = [i for i, c in enumerate(coefficients) if c]
        if number < len(objectives) - 1:
            coeffs = [coefficients[i] for i in nonzero]
            if maximise:
                solver.addRow(
                    best - 0.5,
                    inf,
                    len(nonzero),
                    np.array(nonzero, dtype=np.int32),
                    np.array(coeffs),
                )
            else:
                solver.addRow(
                    -inf,
                    best + 0.5,
                    len(nonzero),
                    np.array(nonzero, dtype=np.int32),
                    np.array(coeffs),
                )
    return values_out, optimal


class BundleSolver:
    """A catalogue indexed by skill, ready to answer many bundle requests quickly.

    Per combination of per-credential filters (online or not, language), credentials with the
    same skills and currency are reduced to their (hours, cost) Pareto front once, lazily: a
    credential with the same skills, no fewer hours and no lower cost than another is never needed
    (the per-bundle dominance pruning then handles coverage subsets, which depend on the goal).
    Credentials without hours or price are never pre-pruned."""

    def __init__(self, credentials: Sequence[CredentialRecord], vocabulary: Vocabulary | None = None) -> None:
        self.credentials = list(credentials)
        self.vocabulary = vocabulary or Vocabulary()
        self.matcher = SkillMatcher(self.vocabulary)
        self.by_skill: dict[str, list[int]] = {}
        self.by_external_id: dict[str, CredentialRecord] = {}
        self.by_id: dict[int, CredentialRecord] = {}
        self._currencies: dict[str, Counter[str]] = {}
        self._fronts: dict[tuple[bool, str | None], dict[str, list[int]]] = {}
        for index, record in enumerate(self.credentials):
            self.by_external_id[record.external_id] = record
            if record.id is not None:
                self.by_id[record.id] = record
            for key in dict.fromkeys(_skill_keys(record)):
                self.by_skill.setdefault(key, []).append(index)
                if record.cost is not None:
                    self._currencies.setdefault(key, Counter())[record.currency] += 1
        # Hours in hundredths and costs in cents, computed once (None when unknown).
        self._hours_units: list[int | None] = [
            round(float(r.hours) * HOUR_UNITS) if r.hours is not None else None for r in self.credentials
        ]
        self._cost_units: list[int | None] = [
            int(r.cost * COST_UNITS) if r.cost is not None else None for r in self.credentials
        ]

    def resolve(self, ref: str | int) -> CredentialRecord | None:
        """A credential by external id, or by catalogue row id."""
        if isinstance(ref, int):
            return self.by_id.get(ref)
        found = self.by_external_id.get(ref)
        if found is None and ref.isdigit():
            found = self.by_id.get(int(ref))
        return found

    def labels_for(self, keys: Iterable[str]) -> dict[str, LocalText]:
        return {key: self.matcher.label(key) for key in keys}

    # -- candidate set --

    def _plan_currency(self, keys: Iterable[str], constraints: BundleConstraints) -> str:
        if constraints.currency:
            return constraints.currency
        counts: Counter[str] = Counter()
        for key in keys:
            counts.update(self._currencies.get(key, {}))
        if not counts:
            return "CAD"
        best = max(counts.values())
        winners = sorted(currency for currency, count in counts.items() if count == best)
        return "CAD" if "CAD" in winners else winners[0]

    def _front(self, online: bool, taught_in: str | None) -> dict[str, list[int]]:
        """Per skill, the credentials passing these filters that survive the same-skills Pareto
        reduction (built on first use for each filter combination)."""
        cached = self._fronts.get((online, taught_in))
        if cached is not None:
            return cached
        groups: dict[tuple[tuple[str, ...], str], list[int]] = {}
        kept: list[int] = []
        for index, record in enumerate(self.credentials):
            if not _is_active(record):
                continue
            if online and record.delivery != "online":
                continue
            if taught_in and taught_in not in record.languages:
                continue
            keys = tuple(sorted(set(_skill_keys(record))))
            if not keys:
                continue
            if record.hours is None or record.cost is None:
                kept.append(index)
            else:
                groups.setdefault((keys, record.currency), []).append(index)
        for members in groups.values():
            members.sort(
                key=lambda i: (
                    self.credentials[i].hours,
                    self.credentials[i].cost,
                    self.credentials[i].external_id,
                )
            )
            lowest: Decimal | None = None
            for index in members:
                cost = self.credentials[index].cost
                if lowest is None or (cost is not None and cost < lowest):
                    kept.append(index)
                    lowest = cost
        front: dict[str, list[int]] = {}
        for index in sorted(kept):
            for key in dict.fromkeys(_skill_keys(self.credentials[index])):
                front.setdefault(key, []).append(index)
        self._fronts[(online, taught_in)] = front
        return front

    def candidates(
        self,
        required: Sequence[str],
        constraints: BundleConstraints,
        exclude: set[str],
        currency: str,
        prune: bool = True,
    ) -> list[_Candidate]:
        bit = {key: 1 << position for position, key in enumerate(required)}
        front = self._front(constraints.online, constraints.taught_in)
        indices: dict[int, int] = {}
        for key in required:
            for index in front.get(key, ()):
                indices[index] = indices.get(index, 0) | bit[key]
        max_hours = constraints.max_hours
        max_cost = constraints.max_cost
        chosen: list[tuple[int, int]] = []
        for index, mask in indices.items():
            record = self.credentials[index]
            if record.external_id in exclude:
                continue
            if max_hours is not None and (record.hours is None or record.hours > max_hours):
                continue
            if max_cost is not None and (
                record.cost is None or record.currency != currency or record.cost > max_cost
            ):
                continue
            chosen.append((index, mask))
        hours_units = self._hours_units
        cost_units = self._cost_units
        credentials = self.credentials
        # The pessimistic stand-ins: the dearest known candidate (scaling and rounding are
        # monotone, so the largest scaled value is the scaled largest value).
        worst_hours = max((h for i, _ in chosen if (h := hours_units[i]) is not None), default=0)
        worst_cost = max(
            (
                c
                for i, _ in chosen
                if (c := cost_units[i]) is not None and credentials[i].currency == currency
            ),
            default=0,
        )
        result = []
        for index, mask in chosen:
            record = credentials[index]
            hours = hours_units[index]
            cost = cost_units[index]
            cost_known = cost is not None and record.currency == currency
            result.append(
                _Candidate(
                    record,
                    mask,
                    hours if hours is not None else worst_hours,
                    cost if cost is not None and cost_known else worst_cost,
                    hours is not None,
                    cost_known,
                )
            )
        return prune_dominated(result) if prune else result

    # -- solving --

    def solve(
        self,
        required: Sequence[str],
        constraints: BundleConstraints = BundleConstraints(),  # noqa: B008
        *,
        held_skills: Iterable[str] = (),
        held_ids: Iterable[str] = (),
        time_limit: float = DEFAULT_TIME_LIMIT,
        explain: bool = True,
    ) -> BundlePlan:
        """The optimal bundle for skill keys `required` (already resolved), skipping skills in
        `held_skills` and credentials in `held_ids`. `time_limit` (seconds) bounds the whole
        request, explanation included: when it stops a search before a proof, the plan (or its
        `closest`) says `optimal` False."""
        started = time.perf_counter()
        requested = list(dict.fromkeys(required))
        held = set(held_skills)
        held_ids = set(held_ids)
        # A held credential's skills are held: this also keeps the same-skills pre-pruning exact.
        for external_id in held_ids:
            record = self.by_external_id.get(external_id)
            if record is not None:
                held.update(_skill_keys(record))
        already_held = [key for key in requested if key in held]
        needed = [key for key in requested if key not in held]
        exclude = set(held_ids)
        currency = self._plan_currency(needed, constraints)
        request = _Request(self, needed, exclude, currency, started + time_limit)
        plan = self._solve_cover(request, constraints)
        plan.requested = requested
        plan.already_held = already_held
        plan.constraints = constraints
        plan.labels = self.labels_for(requested)
        if not plan.feasible and explain:
            self._explain(plan, request, constraints)
        plan.solve_seconds = time.perf_counter() - started
        return plan

    def _solve_cover(self, request: _Request, constraints: BundleConstraints) -> BundlePlan:
        needed = request.needed
        if not needed:
            return BundlePlan(feasible=True, optimal=True, currency=request.currency)
        pool = request.pool(constraints)
        plan = BundlePlan(
            feasible=False, optimal=True, currency=request.currency, candidates=len(pool.candidates)
        )
        plan.missing = [needed[position] for position in pool.missing]
        if not plan.missing and not pool.over_budget():
            chosen, optimal = _cover_mip(pool, request.deadline)
            if chosen is not None:
                self._fill(plan, [pool.candidates[i] for i in chosen], needed)
                plan.feasible = True
                plan.optimal = optimal
                return plan
            plan.optimal = optimal
        plan.uncovered = list(needed)
        return plan

    def _feasible(self, request: _Request, constraints: BundleConstraints) -> bool | None:
        """Whether some bundle meets `constraints` (None: the time limit stopped the search).
        Cheap answers first: a skill without candidates, no bundle-wide limit, a lower bound over
        a limit, a greedy bundle within the limits; the MIP (stopping at its first feasible
        point) only when none of them decides."""
        if not request.needed:
            return True
        pool = request.pool(constraints)
        if pool.missing:
            return False
        if pool.hours_limit is None and pool.cost_limit is None:
            return True
        if pool.over_budget():
            return False
        if pool.heuristic_cover() is not None:
            return True
        values, proven = _lexicographic_solve(
            len(pool.candidates),
            pool.model_rows(),
            [(pool.weights(), False)],
            request.deadline,
            first_solution=True,
        )
        if values is not None:
            return True
        return False if proven else None

    def _fill(self, plan: BundlePlan, chosen: list[_Candidate], needed: list[str]) -> None:
        chosen = sorted(
            chosen, key=lambda c: (-bin(c.mask).count("1"), c.hours, c.cost, c.record.external_id)
        )
        covered_mask = 0
        for candidate in chosen:
            covers = [key for position, key in enumerate(needed) if candidate.mask >> position & 1]
            plan.items.append(BundleItem(candidate.record, covers))
            covered_mask |= candidate.mask
        plan.total_hours = round(sum(c.record.hours or 0.0 for c in chosen if c.hours_known), 2)
        plan.total_cost = sum((c.record.cost or Decimal(0) for c in chosen if c.cost_known), start=Decimal(0))
        plan.hours_complete = all(c.hours_known for c in chosen)
        plan.cost_complete = all(c.cost_known for c in chosen)
        plan.covered = [key for position, key in enumerate(needed) if covered_mask >> position & 1]
        plan.uncovered = [key for key in needed if key not in plan.covered]

    def _offered(self, request: _Request) -> list[bool]:
        """Per needed skill: does any active credential outside the held ones teach it (no
        filter, no limit)? The unfiltered front keeps at least one credential of every group."""
        front = self._front(False, None)
        exclude = request.exclude
        return [
            any(self.credentials[index].external_id not in exclude for index in front.get(key, ()))
            for key in request.needed
        ]

    def _explain(self, plan: BundlePlan, request: _Request, constraints: BundleConstraints) -> None:
        needed = request.needed
        offered = self._offered(request)
        plan.not_offered = [key for key, ok in zip(needed, offered, strict=True) if not ok]
        if not plan.not_offered:
            active = constraints.active()
            blocking = []
            for name in active:
                feasible = self._feasible(request, constraints.without(name))
                if feasible is None:
                    plan.optimal = False  # this answer is not proven
                elif feasible:
                    blocking.append(name)
            # Relaxing every constraint leaves a plain cover of offered skills: always feasible.
            if not blocking and active:
                blocking = active
            plan.blocking_constraints = blocking
        # The closest bundle: most skills, then fewest hours, then lowest cost, within the limits.
        pool = request.pool(constraints)
        closest = BundlePlan(
            feasible=False, optimal=True, currency=request.currency, candidates=len(pool.candidates)
        )
        if pool.candidates:
            chosen, optimal = _closest_mip(pool, request.deadline)
            closest.optimal = optimal
            if chosen:
                self._fill(closest, [pool.candidates[i] for i in chosen], needed)
        if not closest.items:
            closest.uncovered = list(needed)
        closest.requested = plan.requested
        closest.constraints = constraints
        closest.labels = self.labels_for(needed)
        plan.closest = closest


def prune_dominated(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drops every candidate for which another covers the same skills or more with no more hours
    and no more cost (ties: the first in (hours, cost, more skills, external id) order stays).

    Processing in increasing hours, `best[m]` is the lowest cost seen so far among candidates whose
    coverage contains m; a candidate is dominated when best[its mask] ≤ its cost. Updating `best`
    enumerates the subsets of each kept coverage (skipped above SUBSET_UPDATE_LIMIT skills, which
    only makes pruning less thorough, never wrong)."""
    ordered = sorted(
        candidates, key=lambda c: (c.hours, c.cost, -bin(c.mask).count("1"), c.record.external_id)
    )
    best: dict[int, int] = {}
    kept: list[_Candidate] = []
    for candidate in ordered:
        seen = best.get(candidate.mask)
        if seen is not None and seen <= candidate.cost:
            continue
        kept.append(candidate)
        mask = candidate.mask
        if bin(mask).count("1") > SUBSET_UPDATE_LIMIT:
            best[mask] = min(best.get(mask, candidate.cost), candidate.cost)
            continue
        sub = mask
        while sub:
            if best.get(sub, math.inf) > candidate.cost:
                best[sub] = candidate.cost
            sub = (sub - 1) & mask
    return kept


def _budget_rows(
    candidates: list[_Candidate], constraints: BundleConstraints
) -> list[tuple[list[int], list[float], float, float]]:
    rows: list[tuple[list[int], list[float], float, float]] = []
    inf = highspy.kHighsInf
    everyone = list(range(len(candidates)))
    hours_limit = _hours_limit(constraints)
    if hours_limit is not None:
        rows.append((everyone, [float(c.hours) for c in candidates], -inf, float(hours_limit)))
    cost_limit = _cost_limit(constraints)
    if cost_limit is not None:
        rows.append((everyone, [float(c.cost) for c in candidates], -inf, float(cost_limit)))
    return rows


def _cover_rows(candidates: list[_Candidate], skills: int) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in range(skills)]
    for index, candidate in enumerate(candidates):
        mask = candidate.mask
        while mask:
            low = mask & -mask
            rows[low.bit_length() - 1].append(index)
            mask ^= low
    return rows


class _Request:
    """One request's skills, exclusions, currency and deadline, with its candidate pools
    memoised per set of constraints (the explanation asks for several)."""

    def __init__(
        self, solver: BundleSolver, needed: list[str], exclude: set[str], currency: str, deadline: float
    ) -> None:
        self.solver = solver
        self.needed = needed
        self.exclude = exclude
        self.currency = currency
        self.deadline = deadline
        self._pools: dict[tuple[Any, ...], _Pool] = {}

    def pool(self, constraints: BundleConstraints) -> _Pool:
        key = (constraints.max_hours, constraints.max_cost, constraints.taught_in, constraints.online)
        found = self._pools.get(key)
        if found is None:
            candidates = self.solver.candidates(self.needed, constraints, self.exclude, self.currency)
            found = self._pools[key] = _Pool(candidates, len(self.needed), constraints)
        return found


class _Pool:
    """The candidates for one set of constraints, with the bounds and greedy bundles that let
    the solver skip the MIP when they already decide the question.

    Lower bounds: give each skill the price min over candidates i covering it of w_i / k_i (w_i
    the hours or cost, k_i the number of needed skills i covers). Any bundle then weighs at least
    the sum of the prices of the skills it covers (each chosen credential pays for its k_i skills
    exactly), so a full bundle weighs at least the sum of all prices, and a bundle within a limit
    covers at most as many skills as the cheapest prices that fit under it. These are a feasible
    dual of the LP relaxation, computed in exact rational arithmetic."""

    def __init__(self, candidates: list[_Candidate], skills: int, constraints: BundleConstraints) -> None:
        self.candidates = candidates
        self.skills = skills
        self.rows = _cover_rows(candidates, skills)
        self.missing = [position for position, row in enumerate(self.rows) if not row]
        self.budget_rows = _budget_rows(candidates, constraints)
        self.hours_limit = _hours_limit(constraints)
        self.cost_limit = _cost_limit(constraints)
        self.hours = np.array([c.hours for c in candidates], dtype=np.float64)
        self.costs = np.array([c.cost for c in candidates], dtype=np.float64)
        self._matrix: np.ndarray[Any, np.dtype[np.float64]] | None = None
        self._heuristic_cover: list[int] | None = None
        self._heuristic_done = False

    def model_rows(self) -> list[tuple[list[int], list[float], float, float]]:
        inf = highspy.kHighsInf
        return [(row, [1.0] * len(row), 1.0, inf) for row in self.rows] + self.budget_rows

    def weights(self) -> list[float]:
        """A guiding objective for feasibility tests: the limited quantity (hours first)."""
        if self.hours_limit is not None:
            return [float(c.hours) for c in self.candidates]
        return [float(c.cost) for c in self.candidates]

    def matrix(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Candidate × skill coverage, 0/1."""
        if self._matrix is None:
            matrix = np.zeros((len(self.candidates), self.skills))
            for position, row in enumerate(self.rows):
                matrix[row, position] = 1.0
            self._matrix = matrix
        return self._matrix

    def prices(self, weight: str) -> list[Fraction]:
        """Per coverable skill, the price min w_i / k_i described above (`weight`: hours|cost)."""
        best: list[tuple[int, int] | None] = [None] * self.skills
        for candidate in self.candidates:
            value = candidate.hours if weight == "hours" else candidate.cost
            mask = candidate.mask
            count = mask.bit_count()
            while mask:
                low = mask & -mask
                position = low.bit_length() - 1
                mask ^= low
                seen = best[position]
                if seen is None or value * seen[1] < seen[0] * count:
                    best[position] = (value, count)
        return [Fraction(value, count) for value, count in (b for b in best if b is not None)]

    def over_budget(self) -> bool:
        """True when a lower bound proves that no full bundle fits the limits (call only when
        every skill has a candidate)."""
        if self.hours_limit is not None and sum(self.prices("hours")) > self.hours_limit:
            return True
        return self.cost_limit is not None and sum(self.prices("cost")) > self.cost_limit

    def coverage_bound(self) -> int:
        """At most this many skills can be covered within the limits."""
        bound = self.skills - len(self.missing)
        for weight, limit in (("hours", self.hours_limit), ("cost", self.cost_limit)):
            if limit is None:
                continue
            total = Fraction(0)
            fitting = 0
            for price in sorted(self.prices(weight)):
                total += price
                if total > limit:
                    break
                fitting += 1
            bound = min(bound, fitting)
        return bound

    def _scores(self) -> list[np.ndarray[Any, np.dtype[np.float64]]]:
        """Weightings for the greedy bundles: hours, cost, and both relative to their limits."""
        hours_scale = max(self.hours_limit or 0, 1)
        cost_scale = max(self.cost_limit or 0, 1)
        return [self.hours, self.costs, self.hours / hours_scale + self.costs / cost_scale]

    def fits(self, chosen: Sequence[int]) -> bool:
        hours = sum(self.candidates[i].hours for i in chosen)
        cost = sum(self.candidates[i].cost for i in chosen)
        return (self.hours_limit is None or hours <= self.hours_limit) and (
            self.cost_limit is None or cost <= self.cost_limit
        )

    def heuristic_cover(self) -> list[int] | None:
        """A full bundle within the limits found greedily (fewest weight per newly covered skill,
        then redundant credentials dropped), or None when the greedy bundles do not fit."""
        if self._heuristic_done:
            return self._heuristic_cover
        matrix = self.matrix()
        found: list[int] | None = None
        for score in self._scores():
            uncovered = np.ones(self.skills)
            chosen: list[int] = []
            while uncovered.any():
                gain = matrix @ uncovered
                ratio = np.where(gain > 0, score / np.maximum(gain, 1.0), np.inf)
                best = int(np.argmin(ratio))
                if not np.isfinite(ratio[best]):
                    break
                chosen.append(best)
                uncovered[matrix[best] > 0] = 0.0
            if uncovered.any():
                continue
            counts = matrix[chosen].sum(axis=0)
            for index in sorted(chosen, key=lambda i: -score[i]):
                row = matrix[index]
                if np.all(counts - row >= 1.0):
                    counts -= row
                    chosen.remove(index)
            if self.fits(chosen):
                found = chosen
                break
        self._heuristic_cover = found
        self._heuristic_done = True
        return found

    def heuristic_partial(self) -> list[int]:
        """A bundle within the limits covering many skills (greedy: fewest weight per newly
        covered skill among credentials that still fit), the best of the weightings by (most
        skills, fewest hours, lowest cost)."""
        matrix = self.matrix()
        best_key: tuple[float, float, float] | None = None
        best: list[int] = []
        for score in self._scores():
            hours_left = math.inf if self.hours_limit is None else float(self.hours_limit)
            cost_left = math.inf if self.cost_limit is None else float(self.cost_limit)
            uncovered = np.ones(self.skills)
            available = np.ones(len(self.candidates), dtype=bool)
            chosen: list[int] = []
            while True:
                gain = matrix @ uncovered
                usable = available & (gain > 0) & (self.hours <= hours_left) & (self.costs <= cost_left)
                if not usable.any():
                    break
                ratio = np.where(usable, score / np.maximum(gain, 1.0), np.inf)
                pick = int(np.argmin(ratio))
                chosen.append(pick)
                available[pick] = False
                hours_left -= self.hours[pick]
                cost_left -= self.costs[pick]
                uncovered[matrix[pick] > 0] = 0.0
            key = (
                float(uncovered.sum()),
                float(self.hours[chosen].sum()),
                float(self.costs[chosen].sum()),
            )
            if best_key is None or key < best_key:
                best_key, best = key, chosen
        return best


def _hours_limit(constraints: BundleConstraints) -> int | None:
    if constraints.max_hours is None:
        return None
    return math.floor(constraints.max_hours * HOUR_UNITS + 1e-6)


def _cost_limit(constraints: BundleConstraints) -> int | None:
    if constraints.max_cost is None:
        return None
    return int((constraints.max_cost * COST_UNITS).to_integral_value(rounding="ROUND_FLOOR"))


def _cover_mip(pool: _Pool, deadline: float) -> tuple[list[int] | None, bool]:
    candidates = pool.candidates
    start = None
    chosen = pool.heuristic_cover()  # without bundle-wide limits, always found
    if chosen is not None:
        start = [0.0] * len(candidates)
        for index in chosen:
            start[index] = 1.0
    values, optimal = _lexicographic_solve(
        len(candidates),
        pool.model_rows(),
        [
            ([float(c.hours) for c in candidates], False),
            ([float(c.cost) for c in candidates], False),
        ],
        deadline,
        start=start,
    )
    if values is None:
        return None, optimal
    return [i for i, value in enumerate(values) if value > 0.5], optimal


def _closest_mip(pool: _Pool, deadline: float) -> tuple[list[int] | None, bool]:
    """Columns: x_0..x_{n-1} (credentials) then y_0..y_{k-1} (skill covered), y_s ≤ Σ x_i.
    Most skills covered, then fewest hours, then lowest cost. When a greedy bundle within the
    limits already covers as many skills as the coverage bound allows, the first stage is proven
    and skipped (coverage pinned at the bound); otherwise the bound is added as a valid cut. The
    greedy bundle is the first incumbent either way."""
    candidates = pool.candidates
    n = len(candidates)
    skills = pool.skills
    inf = highspy.kHighsInf
    rows = []
    for skill, row in enumerate(pool.rows):
        rows.append(([*row, n + skill], [*([1.0] * len(row)), -1.0], 0.0, inf))
    rows += pool.budget_rows
    bound = pool.coverage_bound()
    chosen = pool.heuristic_partial()
    start = [0.0] * (n + skills)
    covered = 0
    for index in chosen:
        start[index] = 1.0
        covered |= candidates[index].mask
    for skill in range(skills):
        start[n + skill] = float(covered >> skill & 1)
    y_cols = list(range(n, n + skills))
    zeros_y = [0.0] * skills
    hours = [float(c.hours) for c in candidates] + zeros_y
    costs = [float(c.cost) for c in candidates] + zeros_y
    objectives: list[tuple[list[float], bool]] = [(hours, False), (costs, False)]
    if covered.bit_count() >= bound:
        rows.append((y_cols, [1.0] * skills, bound - 0.5, inf))
    else:
        rows.append((y_cols, [1.0] * skills, -inf, bound + 0.5))
        objectives.insert(0, ([0.0] * n + [1.0] * skills, True))
    values, optimal = _lexicographic_solve(n + skills, rows, objectives, deadline, start=start)
    if values is None:
        return None, optimal
    return [i for i in range(n) if values[i] > 0.5], optimal


def greedy_bundle(
    solver: BundleSolver,
    required: Sequence[str],
    constraints: BundleConstraints = BundleConstraints(),  # noqa: B008
) -> tuple[list[CredentialRecord], float, Decimal]:
    """The classic cost-effectiveness heuristic (baseline for the benchmark): repeatedly take the
    credential with the fewest hours per newly covered skill (cost breaks ties), ignoring the
    bundle-wide limits. Returns (credentials, total hours, total cost); may leave skills
    uncovered."""
    needed = list(dict.fromkeys(required))
    currency = solver._plan_currency(needed, constraints)
    candidates = solver.candidates(needed, constraints, set(), currency, prune=False)
    uncovered = (1 << len(needed)) - 1
    chosen: list[_Candidate] = []
    while uncovered:
        best: _Candidate | None = None
        best_key: tuple[float, int] = (math.inf, 0)
        for candidate in candidates:
            gain = bin(candidate.mask & uncovered).count("1")
            if gain:
                key = (candidate.hours / gain, candidate.cost)
                if key < best_key:
                    best, best_key = candidate, key
        if best is None:
            break
        chosen.append(best)
        uncovered &= ~best.mask
    return (
        [c.record for c in chosen],
        sum(c.hours for c in chosen) / HOUR_UNITS,
        Decimal(sum(c.cost for c in chosen)) / COST_UNITS,
    )


# -- requests in words --------------------------------------------------------------------------


def plan_bundle(
    solver: BundleSolver,
    *,
    skills: Sequence[str] = (),
    goal: str | None = None,
    occupation: str | None = None,
    constraints: BundleConstraints | None = None,
    held_skills: Iterable[str] = (),
    held_ids: Iterable[str] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> BundlePlan:
    """A bundle for skills in words (`--skill` values), a goal sentence and/or an occupation key,
    in English or French. Constraints written in the words are parsed; `constraints` given
    explicitly win over them."""
    texts = [*skills, *([goal] if goal else [])]
    request, parsed = parse_request(solver.matcher, texts)
    keys = list(request.skills)
    matches = list(request.matches)
    if occupation:
        found = solver.matcher.occupations.get(occupation)
        if found is None:
            request.unknown_words.append(occupation)
        else:
            for key in found.skills:
                matches.append(
                    SkillMatch(occupation, key, solver.matcher.label(key), "occupation", 100.0, occupation)
                )
                keys.append(key)
    final = parsed.merged(constraints) if constraints else parsed
    plan = solver.solve(keys, final, held_skills=held_skills, held_ids=held_ids, time_limit=time_limit)
    plan.matches = matches
    plan.unknown_words = request.unknown_words
    return plan


def held_by_learner(session: Session, ref: str, solver: BundleSolver) -> tuple[set[str], set[str]]:
    """(skill keys, external ids) the learner's wallet already covers."""
    learner = find_learner(session, ref)
    if learner is None:
        return set(), set()
    skills: set[str] = set()
    ids: set[str] = set()
    for earned in learner.earned:
        ids.add(earned.external_id)
        record = solver.resolve(earned.external_id)
        if record is not None:
            skills.update(_skill_keys(record))
        for skill in earned.skills or []:
            if isinstance(skill, dict) and skill.get("key"):
                skills.add(str(skill["key"]))
    return skills, ids


def load_solver(session: Session) -> BundleSolver:
    return BundleSolver(load_credentials(session), load_vocabulary(session))


def plan_for_learner(
    session: Session,
    ref: str | None,
    *,
    skills: Sequence[str] = (),
    goal: str | None = None,
    occupation: str | None = None,
    constraints: BundleConstraints | None = None,
    extra_held: Iterable[str] = (),
    solver: BundleSolver | None = None,
) -> BundlePlan:
    """`plan_bundle` with the learner's wallet (plus `extra_held` credential ids) skipped."""
    solver = solver or load_solver(session)
    held_skills, held_ids = held_by_learner(session, ref, solver) if ref else (set(), set())
    for extra in extra_held:
        record = solver.resolve(extra)
        if record is not None:
            held_ids.add(record.external_id)
            held_skills.update(_skill_keys(record))
    return plan_bundle(
        solver,
        skills=skills,
        goal=goal,
        occupation=occupation,
        constraints=constraints,
        held_skills=held_skills,
        held_ids=held_ids,
    )


# -- saved and shared bundles -------------------------------------------------------------------

SHARE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
SHARE_CODE_LENGTH = 10  # 50 random bits


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


@dataclass
class SavedBundle:
    share_code: str
    goal: str | None
    skills: list[str]
    constraints: BundleConstraints
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
        BundleConstraints.from_dict(row.constraints),
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
    constraints: BundleConstraints,
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
        BundleConstraints.from_dict(row.constraints),
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
    needs = {key for key in _skill_keys(current) if key in requested} or set(_skill_keys(current))
    constraints = BundleConstraints.from_dict(row.constraints)
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


def plan_to_dict(plan: BundlePlan, locale: str = "en") -> dict[str, Any]:
    """The `--json` form: plain JSON types only, skill keys in lists, titles in `locale`."""

    def number(value: float | Decimal) -> int | float:
        as_float = float(value)
        return int(as_float) if as_float.is_integer() else round(as_float, 2)

    def items(source: BundlePlan) -> list[dict[str, Any]]:
        return [
            {
                "id": item.credential.external_id,
                "title": item.credential.title(locale),
                "hours": number(item.credential.hours) if item.credential.hours is not None else None,
                "cost": number(item.credential.cost) if item.credential.cost is not None else None,
                "currency": item.credential.currency,
                "skills": list(item.covers),
            }
            for item in source.items
        ]

    result: dict[str, Any] = {
        "feasible": plan.feasible,
        "optimal": plan.optimal,
        "items": items(plan),
        "total_hours": number(plan.total_hours),
        "total_cost": number(plan.total_cost),
        "covered": list(plan.covered),
        "uncovered": list(plan.uncovered),
        "currency": plan.currency,
        "already_held": list(plan.already_held),
        "missing": list(plan.missing),
        "not_offered": list(plan.not_offered),
        "blocking_constraints": list(plan.blocking_constraints),
        "matches": [
            {
                "query": m.query,
                "key": m.key,
                "label": pick(m.label, locale),
                "how": m.how,
                **({"occupation": m.occupation} if m.occupation else {}),
            }
            for m in plan.matches
        ],
        "unknown_words": list(plan.unknown_words),
        "constraints": plan.constraints.to_dict(),
    }
    if not plan.cost_complete:
        result["cost_complete"] = False
    if not plan.hours_complete:
        result["hours_complete"] = False
    if plan.closest is not None:
        closest = plan.closest
        result["closest"] = {
            "items": items(closest),
            "total_hours": number(closest.total_hours),
            "total_cost": number(closest.total_cost),
            "covered": list(closest.covered),
            "uncovered": list(closest.uncovered),
            "optimal": closest.optimal,
        }
    return result


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
        row = _new_row(session, learner.id, None, [], BundleConstraints(), [external_id], False)
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
