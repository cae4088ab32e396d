"""The candidate credentials of one bundle request and the two MIPs over them.

Hours are scaled to integer hundredths of an hour and costs to integer cents, so both objectives
are integers and "optimal" means exactly optimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bot.bundles import highs
from bot.bundles.highs import INFINITY
from bot.domain.credential import CredentialRecord
from bot.domain.limits import Limits

HOUR_UNITS = 100  # hours are optimised in hundredths of an hour
COST_UNITS = 100  # costs in cents
SUBSET_UPDATE_LIMIT = 12  # dominance pruning enumerates subsets of coverages up to this size


@dataclass
class Candidate:
    record: CredentialRecord
    mask: int
    hours: int  # hundredths of an hour (pessimistic when unknown)
    cost: int  # cents (pessimistic when unknown or in another currency)
    hours_known: bool
    cost_known: bool


def prune_dominated(candidates: list[Candidate]) -> list[Candidate]:
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
    kept: list[Candidate] = []
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
    candidates: list[Candidate], constraints: Limits
) -> list[tuple[list[int], list[float], float, float]]:
    rows: list[tuple[list[int], list[float], float, float]] = []
    inf = INFINITY
    everyone = list(range(len(candidates)))
    hours_limit = _hours_limit(constraints)
    if hours_limit is not None:
        rows.append((everyone, [float(c.hours) for c in candidates], -inf, float(hours_limit)))
    cost_limit = _cost_limit(constraints)
    if cost_limit is not None:
        rows.append((everyone, [float(c.cost) for c in candidates], -inf, float(cost_limit)))
    return rows


def _cover_rows(candidates: list[Candidate], skills: int) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in range(skills)]
    for index, candidate in enumerate(candidates):
        mask = candidate.mask
        while mask:
            low = mask & -mask
            rows[low.bit_length() - 1].append(index)
            mask ^= low
    return rows


class Pool:
    """The candidates for one set of constraints, with the bounds and greedy bundles that let
    the solver skip the MIP when they already decide the question.

    Lower bounds: give each skill the price min over candidates i covering it of w_i / k_i (w_i
    the hours or cost, k_i the number of needed skills i covers). Any bundle then weighs at least
    the sum of the prices of the skills it covers (each chosen credential pays for its k_i skills
    exactly), so a full bundle weighs at least the sum of all prices, and a bundle within a limit
    covers at most as many skills as the cheapest prices that fit under it. These are a feasible
    dual of the LP relaxation, computed in exact rational arithmetic."""

    def __init__(self, candidates: list[Candidate], skills: int, constraints: Limits) -> None:
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
        inf = INFINITY
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


def _hours_limit(constraints: Limits) -> int | None:
    if constraints.max_hours is None:
        return None
    return math.floor(constraints.max_hours * HOUR_UNITS + 1e-6)


def _cost_limit(constraints: Limits) -> int | None:
    if constraints.max_cost is None:
        return None
    return int((constraints.max_cost * COST_UNITS).to_integral_value(rounding="ROUND_FLOOR"))


def cover_mip(pool: Pool, deadline: float) -> tuple[list[int] | None, bool]:
    candidates = pool.candidates
    start = None
    chosen = pool.heuristic_cover()  # without bundle-wide limits, always found
    if chosen is not None:
        start = [0.0] * len(candidates)
        for index in chosen:
            start[index] = 1.0
    values, optimal = highs.lexicographic_solve(
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


def closest_mip(
    pool: Pool, deadline: float, priorities: Sequence[int] | None = None
) -> tuple[list[int] | None, bool]:
    """Columns: x_0..x_{n-1} (credentials) then y_0..y_{k-1} (skill covered), y_s ≤ Σ x_i.
    Most skills covered (weighted by `priorities` when some skill weighs more: the most weight
    covered), then fewest hours, then lowest cost. When a greedy bundle within the
    limits already covers as many skills as the coverage bound allows, the first stage is proven
    and skipped (coverage pinned at the bound); otherwise the bound is added as a valid cut. The
    greedy bundle is the first incumbent either way."""
    candidates = pool.candidates
    n = len(candidates)
    skills = pool.skills
    inf = INFINITY
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
    weights = [float(weight) for weight in priorities] if priorities else [1.0] * skills
    if any(weight != 1.0 for weight in weights):
        rows.append((y_cols, [1.0] * skills, -inf, bound + 0.5))  # still a valid cut
        objectives.insert(0, ([0.0] * n + weights, True))
    elif covered.bit_count() >= bound:
        rows.append((y_cols, [1.0] * skills, bound - 0.5, inf))
    else:
        rows.append((y_cols, [1.0] * skills, -inf, bound + 0.5))
        objectives.insert(0, ([0.0] * n + [1.0] * skills, True))
    values, optimal = highs.lexicographic_solve(n + skills, rows, objectives, deadline, start=start)
    if values is None:
        return None, optimal
    return [i for i in range(n) if values[i] > 0.5], optimal
