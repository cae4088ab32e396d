"""Bundle solve time on a deterministic 100,000-credential synthetic catalogue, with the greedy
set-cover baseline side by side.

    python -m benchmarks.bundle_speed [--size 100000] [--runs 200] [--seed 5]

The catalogue is `benchmarks.synthetic.synthetic_catalogue` (shared with the search benchmark).
For goals of 5, 10 and 20 skills, each run draws a random goal and a random set of per-credential
filters (none / online / taught in French / both) and times:

* exact: `BundleSolver.solve` (candidate selection, dominance pruning, the two HiGHS solves, and
  the infeasibility analysis when the goal cannot be met);
* greedy: the cost-effectiveness heuristic (`greedy_bundle`) on the same candidates.

Each goal size runs two series: plain requests (filters only) and constrained requests (the same
filters plus bundle-wide limits: max hours 15/30/60 and max cost 0/100/400 in the plan currency),
where many goals are infeasible and the solver also explains why (blocking limits and the closest
bundle).

The optimality gap is the greedy bundle's total hours over the exact optimum, in %, over the runs
where both cover the goal. The greedy baseline ignores bundle-wide limits, so in the constrained
series it is compared only where the exact plan is feasible, and "greedy fits" counts how often its
bundle happens to respect the limits (the gap is over those runs).

Every exact plan is also checked: `optimal` must be True (a run stopped by the time limit is
counted and reported).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from benchmarks.synthetic import TOPICS, synthetic_catalogue
from bot.bundles.solver import BundleSolver, greedy_bundle
from bot.domain.limits import Limits

FILTERS = [
    Limits(),
    Limits(online=True),
    Limits(taught_in="fr"),
    Limits(online=True, taught_in="fr"),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _limits(rng: random.Random, filters: Limits) -> Limits:
    return Limits(
        max_hours=rng.choice([15.0, 30.0, 60.0]),
        max_cost=Decimal(rng.choice([0, 100, 400])),
        taught_in=filters.taught_in,
        online=filters.online,
    )


def _series(
    solver: BundleSolver, keys: list[str], rng: random.Random, goal_size: int, runs: int, limited: bool
) -> str:
    exact_ms: list[float] = []
    greedy_ms: list[float] = []
    gaps: list[float] = []
    candidates: list[float] = []
    feasible = 0
    fits = 0
    not_optimal = 0
    for number in range(runs):
        goal = rng.sample(keys, goal_size)
        filters = FILTERS[number % len(FILTERS)]
        constraints = _limits(rng, filters) if limited else filters
        t0 = time.perf_counter()
        plan = solver.solve(goal, constraints)
        t1 = time.perf_counter()
        chosen, greedy_hours, greedy_cost = greedy_bundle(solver, goal, constraints)
        t2 = time.perf_counter()
        exact_ms.append((t1 - t0) * 1000)
        greedy_ms.append((t2 - t1) * 1000)
        candidates.append(plan.candidates)
        not_optimal += not plan.optimal or (plan.closest is not None and not plan.closest.optimal)
        covered = {ref.key for record in chosen for ref in record.skills}
        if not plan.feasible:
            continue
        feasible += 1
        within = (constraints.max_hours is None or greedy_hours <= constraints.max_hours + 1e-9) and (
            constraints.max_cost is None or greedy_cost <= constraints.max_cost
        )
        if covered >= set(goal) and within:
            fits += 1
            if plan.total_hours > 0:
                gaps.append((greedy_hours - plan.total_hours) / plan.total_hours * 100)
    worse = sum(1 for gap in gaps if gap > 1e-9)
    line = (
        f"{goal_size:>6} {'limits' if limited else 'plain':>7} {runs:>5} {feasible:>8} "
        f"{statistics.median(candidates):>9.0f} | "
        f"{statistics.median(exact_ms):>7.1f}ms {percentile(exact_ms, 95):>6.1f}ms "
        f"{max(exact_ms):>6.1f}ms | {statistics.median(greedy_ms):>8.1f}ms "
        f"{percentile(greedy_ms, 95):>6.1f}ms | {fits:>5}/{feasible:<5} "
        f"{statistics.mean(gaps) if gaps else 0:>7.2f}% {max(gaps) if gaps else 0:>7.2f}% "
        f"{worse:>5}/{len(gaps):<6}"
    )
    if not_optimal:
        line += f"\n       ! {not_optimal} runs stopped before proving optimality"
    return line


def run(size: int, runs: int, seed: int) -> None:
    started = time.perf_counter()
    credentials, vocabulary = synthetic_catalogue(size)
    built = time.perf_counter()
    solver = BundleSolver(credentials, vocabulary)
    indexed = time.perf_counter()
    print(
        f"catalogue: {len(credentials):,} credentials, {len(vocabulary.skills)} skills "
        f"(generated in {built - started:.1f} s, indexed in {indexed - built:.2f} s)"
    )
    keys = [topic[0] for topic in TOPICS]
    rng = random.Random(seed)
    # Warm-up (imports, HiGHS first call) is not measured.
    for filters in FILTERS:  # builds the per-filter Pareto fronts; timed separately
        solver.solve(keys[:3], filters)
    print(f"per-filter fronts built in {time.perf_counter() - indexed:.2f} s")
    header = (
        f"{'skills':>6} {'series':>7} {'runs':>5} {'feasible':>8} {'cands p50':>9} | {'exact p50':>9} "
        f"{'p95':>8} {'max':>8} | {'greedy p50':>10} {'p95':>8} | {'greedy fits':>11} "
        f"{'gap mean':>8} {'gap max':>8} {'greedy worse':>12}"
    )
    print(header)
    print("-" * len(header))
    for goal_size in (5, 10, 20):
        for limited in (False, True):
            print(_series(solver, keys, rng, goal_size, runs, limited), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    run(args.size, args.runs, args.seed)


if __name__ == "__main__":
    main()
