"""Bundle goals of the held-out sets: is credbot's bundle the optimum computed independently?

Each held-out set with `bundles.json` and `bundles_optimum.json` (goals and optima written by a
helper session with its own ILP over the JSON-LD, never run through credbot) is imported into a
fresh store; each goal is asked as `credbot bundle --skill … --earned …` would ask it (the skills
by their names in the goal's language, the held credentials by id, the limits). A goal is met
when credbot's answer agrees on feasibility and, on the skills that can be covered, has the
optimal total hours and then cost.

    python -m benchmarks.bundle_goals [--verbose]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.relevance import HELD_OUT, held_out_store
from bot.bundles.planner import load_solver, plan_for_learner
from bot.domain.limits import Limits


def goal_sets() -> list[Path]:
    return sorted(p for p in HELD_OUT.glob("*") if (p / "bundles_optimum.json").is_file())


def _limits(limits: dict[str, Any]) -> Limits:
    return Limits(
        max_hours=limits.get("max_hours"),
        max_cost=None if limits.get("max_cost") is None else Decimal(str(limits["max_cost"])),
        currency="CAD" if limits.get("max_cost") is not None else None,
        taught_in=limits.get("taught_in"),
        online=bool(limits.get("online")),
    )


def check(directory: Path, verbose: bool) -> tuple[int, int]:
    goals = json.loads((directory / "bundles.json").read_text("utf-8"))
    optima = json.loads((directory / "bundles_optimum.json").read_text("utf-8"))
    met = 0
    with held_out_store(directory) as db, db.unit_of_work() as uow:
        solver = load_solver(uow)
        for goal in goals:
            best = optima[goal["id"]]
            plan = plan_for_learner(
                uow,
                None,
                skills=goal["skill_names"],
                constraints=_limits(goal.get("limits") or {}),
                extra_held=[ctid.lower() for ctid in goal.get("held", [])],
                solver=solver,
            )
            chosen = plan if plan.feasible or plan.closest is None else plan.closest
            hours, cost = float(chosen.total_hours), float(chosen.total_cost)
            same_verdict = plan.feasible == bool(best["feasible"])
            optimal = (
                same_verdict
                and abs(hours - float(best["optimal_hours"])) < 0.01
                and abs(cost - float(best["optimal_cost"])) < 0.01
            )
            met += optimal
            if verbose or not optimal:
                ids = sorted(item.credential.external_id for item in chosen.items)
                print(
                    f"{'ok ' if optimal else 'NO '} {goal['id']} [{goal['lang']}] {goal['goal']!r}: "
                    f"feasible {plan.feasible} (expected {best['feasible']}), "
                    f"{hours:g} h / {cost:g} $ (optimum {best['optimal_hours']} h / {best['optimal_cost']} $)"
                )
                if not optimal:
                    print(f"      ours {ids}; optimal sets {best['optimal_sets'][:2]}")
                    print(f"      uncovered {list(plan.uncovered)} not offered {list(plan.not_offered)}"
                          f" unknown {list(plan.unknown_words)} not understood {list(getattr(plan, 'not_understood', []))}")
    return met, len(goals)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bundle_goals")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    for directory in goal_sets():
        met, total = check(directory, args.verbose)
        print(f"== bundle goals: {directory.name}: {met} of {total} optimal (goal: all) ==")


if __name__ == "__main__":
    main()
