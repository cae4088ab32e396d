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
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from bot.bundles import highs
from bot.bundles.bridge import SkillBridge, names_of
from bot.bundles.occupations import with_catalogue_occupations
from bot.bundles.plan import BundleItem, BundlePlan
from bot.bundles.pool import COST_UNITS, HOUR_UNITS, Candidate, Pool, closest_mip, cover_mip, prune_dominated
from bot.domain.credential import CredentialRecord, LocalText, Vocabulary
from bot.domain.limits import Limits
from bot.language.skills import SkillMatcher

DEFAULT_TIME_LIMIT = 10.0


def _is_active(record: CredentialRecord) -> bool:
    return (record.status or "active") == "active"


def skill_keys(record: CredentialRecord) -> list[str]:
    return [ref.key for ref in record.skills if ref.key]


def item_passes(record: CredentialRecord, constraints: Limits, currency: str) -> bool:
    """The per-credential filters: active, language, online, and fitting the limits on its own."""
    constraints = constraints.for_bundle()
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
        and (record.cost is None or record.price_currency != currency or record.cost > constraints.max_cost)
    )


class BundleSolver:
    """A catalogue indexed by skill, ready to answer many bundle requests quickly.

    Per combination of per-credential filters (online or not, language), credentials with the
    same skills and currency are reduced to their (hours, cost) Pareto front once, lazily: a
    credential with the same skills, no fewer hours and no lower cost than another is never needed
    (the per-bundle dominance pruning then handles coverage subsets, which depend on the goal).
    Credentials without hours or price are never pre-pruned."""

    def __init__(self, credentials: Sequence[CredentialRecord], vocabulary: Vocabulary | None = None) -> None:
        self.credentials = list(credentials)
        self.vocabulary = with_catalogue_occupations(vocabulary or Vocabulary(), self.credentials)
        self.by_skill: dict[str, list[int]] = {}
        self.by_external_id: dict[str, CredentialRecord] = {}
        self.by_id: dict[int, CredentialRecord] = {}
        self._currencies: dict[str, Counter[str]] = {}
        self._fronts: dict[tuple[bool, str | None, bool], dict[str, list[int]]] = {}
        self._bridge: SkillBridge | None = None
        self._bridged: dict[str, str | None] = {}
        for index, record in enumerate(self.credentials):
            self.by_external_id[record.external_id] = record
            if record.id is not None:
                self.by_id[record.id] = record
            for key in dict.fromkeys(skill_keys(record)):
                self.by_skill.setdefault(key, []).append(index)
                if record.cost is not None:
                    self._currencies.setdefault(key, Counter())[record.price_currency or "CAD"] += 1
        # Every skill and occupation the store knows, those the catalogue teaches first.
        # An occupation's field is said by its vocabulary skills, also where the catalogue's
        # credentials replaced them with their own competencies.
        fields = {occ.key: occ.skills for occ in (vocabulary or Vocabulary()).occupations if occ.skills}
        self.matcher = SkillMatcher(self.vocabulary, offered=self.by_skill.keys(), field_skills=fields)
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

    def bridged(self, key: str) -> str:
        """`key` itself when some credential teaches it, else the taught competency that names
        it (`bot.bundles.bridge`), else `key`."""
        if key in self.by_skill:
            return key
        if key not in self._bridged:
            if self._bridge is None:
                taught: dict[str, list[str]] = {}
                for skill, indices in self.by_skill.items():
                    known = self.matcher.concepts.get(skill)
                    labels = taught.setdefault(
                        skill,
                        names_of(known.label, known.synonyms, known.abbreviations) if known else [],
                    )
                    for index in indices:
                        for ref in self.credentials[index].skills:
                            if ref.key == skill:
                                labels.extend(ref.label.values())
                teachers = {skill: len(indices) for skill, indices in self.by_skill.items()}
                self._bridge = SkillBridge(taught, teachers)
            concept = self.matcher.concepts.get(key)
            names = (
                names_of(concept.label, concept.synonyms, concept.abbreviations)
                if concept
                else [key.replace("-", " ")]
            )
            self._bridged[key] = self._bridge.bridge(names)
        return self._bridged[key] or key

    # -- candidate set --

    def plan_currency(self, keys: Iterable[str], constraints: Limits) -> str:
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

    def _front(self, online: bool, taught_in: str | None, whole: bool = False) -> dict[str, list[int]]:
        """Per skill, the credentials passing these filters that survive the same-skills Pareto
        reduction (built on first use for each filter combination)."""
        cached = self._fronts.get((online, taught_in, whole))
        if cached is not None:
            return cached
        groups: dict[tuple[tuple[str, ...], str | None], list[int]] = {}
        kept: list[int] = []
        for index, record in enumerate(self.credentials):
            if not _is_active(record):
                continue
            if online and record.delivery != "online":
                continue
            if taught_in and taught_in not in record.languages:
                continue
            keys = tuple(sorted(set(skill_keys(record))))
            if not keys:
                continue
            if whole or record.hours is None or record.cost is None:
                kept.append(index)
            else:
                groups.setdefault((keys, record.price_currency), []).append(index)
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
            for key in dict.fromkeys(skill_keys(self.credentials[index])):
                front.setdefault(key, []).append(index)
        self._fronts[(online, taught_in, whole)] = front
        return front

    def candidates(
        self,
        required: Sequence[str],
        constraints: Limits,
        exclude: set[str],
        currency: str,
        prune: bool = True,
        whole: bool = False,
    ) -> list[Candidate]:
        """`whole`: every credential, not only the same-skills Pareto fronts (when credentials
        are excluded that are not held, their front may have hidden the next best ones)."""
        bit = {key: 1 << position for position, key in enumerate(required)}
        front = self._front(constraints.online, constraints.taught_in, whole)
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
                record.cost is None or record.price_currency != currency or record.cost > max_cost
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
                if (c := cost_units[i]) is not None and credentials[i].price_currency == currency
            ),
            default=0,
        )
        result = []
        for index, mask in chosen:
            record = credentials[index]
            hours = hours_units[index]
            cost = cost_units[index]
            cost_known = cost is not None and record.price_currency == currency
            result.append(
                Candidate(
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
        constraints: Limits = Limits(),  # noqa: B008
        *,
        held_skills: Iterable[str] = (),
        held_ids: Iterable[str] = (),
        time_limit: float = DEFAULT_TIME_LIMIT,
        explain: bool = True,
        lead_skills: Iterable[str] = (),
        exclude_ids: Iterable[str] = (),
    ) -> BundlePlan:
        """The optimal bundle for skill keys `required` (already resolved), skipping skills in
        `held_skills` and credentials in `held_ids`. `time_limit` (seconds) bounds the whole
        request, explanation included: when it stops a search before a proof, the plan (or its
        `closest`) says `optimal` False."""
        started = time.perf_counter()
        constraints = constraints.for_bundle()
        requested = list(dict.fromkeys(required))
        held = set(held_skills)
        held_ids = set(held_ids)
        # A held credential's skills are held: this also keeps the same-skills pre-pruning exact.
        for external_id in held_ids:
            record = self.by_external_id.get(external_id)
            if record is not None:
                held.update(skill_keys(record))
        already_held = [key for key in requested if key in held]
        needed = [key for key in requested if key not in held]
        # Excluded credentials (the learner dropped them) are never proposed; their skills are not
        # held for that.
        left_out = set(exclude_ids) - held_ids
        exclude = held_ids | left_out
        currency = self.plan_currency(needed, constraints)
        request = Request(self, needed, exclude, currency, started + time_limit)
        request.whole = bool(left_out)
        leads = set(lead_skills)
        request.priorities = [len(needed) if key in leads else 1 for key in needed]
        plan = self._solve_cover(request, constraints)
        plan.requested = requested
        plan.already_held = already_held
        plan.constraints = constraints
        plan.labels = self.labels_for(requested)
        if not plan.feasible and explain:
            self._explain(plan, request, constraints)
        plan.solve_seconds = time.perf_counter() - started
        return plan

    def _solve_cover(self, request: Request, constraints: Limits) -> BundlePlan:
        needed = request.needed
        if not needed:
            return BundlePlan(feasible=True, optimal=True, currency=request.currency)
        pool = request.pool(constraints)
        plan = BundlePlan(
            feasible=False, optimal=True, currency=request.currency, candidates=len(pool.candidates)
        )
        plan.missing = [needed[position] for position in pool.missing]
        if not plan.missing and not pool.over_budget():
            chosen, optimal = cover_mip(pool, request.deadline)
            if chosen is not None:
                self._fill(plan, [pool.candidates[i] for i in chosen], needed)
                plan.feasible = True
                plan.optimal = optimal
                return plan
            plan.optimal = optimal
        plan.uncovered = list(needed)
        return plan

    def _feasible(self, request: Request, constraints: Limits) -> bool | None:
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
        values, proven = highs.lexicographic_solve(
            len(pool.candidates),
            pool.model_rows(),
            [(pool.weights(), False)],
            request.deadline,
            first_solution=True,
        )
        if values is not None:
            return True
        return False if proven else None

    def _fill(self, plan: BundlePlan, chosen: list[Candidate], needed: list[str]) -> None:
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

    def _offered(self, request: Request) -> list[bool]:
        """Per needed skill: does any active credential outside the held ones teach it (no
        filter, no limit)? The unfiltered front keeps at least one credential of every group."""
        front = self._front(False, None, request.whole)
        exclude = request.exclude
        return [
            any(self.credentials[index].external_id not in exclude for index in front.get(key, ()))
            for key in request.needed
        ]

    def _explain(self, plan: BundlePlan, request: Request, constraints: Limits) -> None:
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
            chosen, optimal = closest_mip(pool, request.deadline, request.priorities)
            closest.optimal = optimal
            if chosen:
                self._fill(closest, [pool.candidates[i] for i in chosen], needed)
        if not closest.items:
            closest.uncovered = list(needed)
        closest.requested = plan.requested
        closest.constraints = constraints
        closest.labels = self.labels_for(needed)
        plan.closest = closest


class Request:
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
        # Per needed skill, its weight in the closest bundle (an occupation's core skill weighs
        # as much as all the others together).
        self.priorities: list[int] = [1] * len(needed)
        self.whole = False  # candidates beyond the same-skills fronts (see `candidates`)
        self._pools: dict[tuple[Any, ...], Pool] = {}

    def pool(self, constraints: Limits) -> Pool:
        key = (constraints.max_hours, constraints.max_cost, constraints.taught_in, constraints.online)
        found = self._pools.get(key)
        if found is None:
            candidates = self.solver.candidates(
                self.needed, constraints, self.exclude, self.currency, whole=self.whole
            )
            found = self._pools[key] = Pool(candidates, len(self.needed), constraints)
        return found


def greedy_bundle(
    solver: BundleSolver,
    required: Sequence[str],
    constraints: Limits = Limits(),  # noqa: B008
) -> tuple[list[CredentialRecord], float, Decimal]:
    """The classic cost-effectiveness heuristic (baseline for the benchmark): repeatedly take the
    credential with the fewest hours per newly covered skill (cost breaks ties), ignoring the
    bundle-wide limits. Returns (credentials, total hours, total cost); may leave skills
    uncovered."""
    needed = list(dict.fromkeys(required))
    currency = solver.plan_currency(needed, constraints)
    candidates = solver.candidates(needed, constraints, set(), currency, prune=False)
    uncovered = (1 << len(needed)) - 1
    chosen: list[Candidate] = []
    while uncovered:
        best: Candidate | None = None
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
