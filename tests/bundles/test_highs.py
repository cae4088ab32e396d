"""The HiGHS adapter: exact answers, and nothing printed (a banner would corrupt `--json`)."""

from __future__ import annotations

import time

import pytest

from bot.bundles import highs


def test_solver_prints_nothing_on_standard_output(capfd: pytest.CaptureFixture[str]) -> None:
    # Two columns covering one row; the cheaper (2) must be chosen, then pinned for the second stage.
    rows: list[highs.Row] = [([0, 1], [1.0, 1.0], 1.0, highs.INFINITY)]
    values, proven = highs.lexicographic_solve(
        2, rows, [([3.0, 2.0], False), ([1.0, 5.0], False)], time.perf_counter() + 5
    )
    assert proven and values is not None and [round(v) for v in values] == [0, 1]
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_infeasible_model_is_proven_infeasible() -> None:
    rows: list[highs.Row] = [([0], [1.0], 1.0, highs.INFINITY), ([0], [1.0], -highs.INFINITY, 0.0)]
    assert highs.lexicographic_solve(1, rows, [([1.0], False)], time.perf_counter() + 5) == (None, True)
