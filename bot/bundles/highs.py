"""HiGHS behind one adapter: the only module that imports highspy.

The bare solver class is used (`highspy._Highs`): the public `highspy.Highs` prints a banner on
standard output when it is built, which would corrupt `credbot bundle --json`, and adds callback
overhead these small models do not need. tests/bundles/test_highs.py checks that nothing is
printed, so an upgrade that renames the class is caught; the public class is the fallback.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import highspy
import numpy as np

INFINITY: float = highspy.kHighsInf
_HIGHS: Any = getattr(highspy, "_Highs", highspy.Highs)

# A model row: column indices, coefficients, lower bound, upper bound.
Row = tuple[list[int], list[float], float, float]
# An objective: integer coefficients per column, and True to maximise.
Objective = tuple[list[float], bool]

# HiGHS settings for these small 0/1 set-cover models. Measured on the synthetic catalogue
# (benchmarks/BUNDLES.md): the feasibility-jump heuristic costs about 3 ms per run whatever the
# model size, and presolve most of the solve time at 20 skills, while nearly every model is solved
# at the root node. Neither changes what is optimal, only the time; presolve off is also what makes
# warm starts safe (`warm_starts_allowed`).
OPTIONS: dict[str, Any] = {
    "output_flag": False,
    "mip_rel_gap": 0.0,
    "mip_abs_gap": 0.5,
    "threads": 1,
    "mip_heuristic_run_feasibility_jump": False,
    "presolve": "off",
}


def warm_starts_allowed() -> bool:
    """HiGHS 1.16 with presolve on and a user solution (`setSolution`) was seen to report a
    suboptimal point as optimal (11 of 120 ten-skill goals on the synthetic catalogue, e.g. 18
    hours where 15 is optimal); without presolve no such case was found, so starts are only
    handed over when presolve is off (tests/bundles compare against cold solves)."""
    return OPTIONS.get("presolve") == "off"


def new_highs() -> Any:
    solver = _HIGHS()
    for name, value in OPTIONS.items():
        solver.setOptionValue(name, value)
    return solver


def _model(num_cols: int, rows: Sequence[Row], integer_cols: int | None) -> Any:
    solver = new_highs()
    n = num_cols
    empty_int = np.array([], dtype=np.int32)
    solver.addCols(n, np.zeros(n), np.zeros(n), np.ones(n), 0, empty_int, empty_int, np.array([]))
    integer = n if integer_cols is None else integer_cols
    if integer:
        solver.changeColsIntegrality(
            integer,
            np.arange(integer, dtype=np.int32),
            np.full(integer, int(highspy.HighsVarType.kInteger), dtype=np.uint8),
        )
    for indices, values, low, high in rows:
        solver.addRow(low, high, len(indices), np.array(indices, dtype=np.int32), np.array(values))
    return solver


def _pin(solver: Any, coefficients: list[float], best: int, maximise: bool) -> None:
    """Keep the next stages at this stage's optimum (integer objectives: ± 0.5 is exact)."""
    nonzero = [i for i, c in enumerate(coefficients) if c]
    indices = np.array(nonzero, dtype=np.int32)
    values = np.array([coefficients[i] for i in nonzero])
    if maximise:
        solver.addRow(best - 0.5, INFINITY, len(nonzero), indices, values)
    else:
        solver.addRow(-INFINITY, best + 0.5, len(nonzero), indices, values)


def lexicographic_solve(
    num_cols: int,
    rows: Sequence[Row],
    objectives: Sequence[Objective],
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
    solver = _model(num_cols, rows, integer_cols)
    if first_solution:
        solver.setOptionValue("mip_max_improving_sols", 1)
    all_cols = np.arange(num_cols, dtype=np.int32)
    values_out: list[float] | None = None
    incumbent = list(start) if start is not None else None
    warm = warm_starts_allowed()
    status_type = highspy.HighsModelStatus
    for number, (coefficients, maximise) in enumerate(objectives):
        solver.changeColsCost(num_cols, all_cols, np.array(coefficients, dtype=np.float64))
        solver.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        solver.setOptionValue("time_limit", max(0.05, deadline - time.perf_counter()))
        if incumbent is not None and warm:
            solver.setSolution(num_cols, all_cols, np.array(incumbent, dtype=np.float64))
        solver.run()
        status = solver.getModelStatus()
        if status == status_type.kInfeasible:
            return (None, True) if number == 0 else (values_out, True)
        solution = solver.getSolution()
        if not solution.value_valid:
            return values_out, False
        values_out = list(solution.col_value)
        if first_solution and status == status_type.kSolutionLimit:
            return values_out, True
        if status != status_type.kOptimal:
            return values_out, False
        incumbent = values_out
        if number < len(objectives) - 1:
            best = round(sum(c * v for c, v in zip(coefficients, values_out, strict=False)))
            _pin(solver, coefficients, best, maximise)
    return values_out, True
