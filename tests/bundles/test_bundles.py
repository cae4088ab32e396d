"""Bundles: optimality against brute force, infeasibility reports, matching, storage."""

from __future__ import annotations

import argparse
import itertools
import json
import random
from decimal import Decimal
from typing import Any

import pytest

from bot.bundles import highs
from bot.bundles.planner import load_solver, plan_bundle, plan_for_learner
from bot.bundles.service import (
    SHARE_ALPHABET,
    BundleError,
    copy_shared_bundle,
    drop_item,
    load_shared_bundle,
    mark_bundle_earned,
    save_bundle,
    swap_alternatives,
    swap_item,
)
from bot.bundles.solver import BundleSolver, greedy_bundle
from bot.bundles.views import plan_to_dict
from bot.domain.credential import CredentialRecord, SkillRef
from bot.domain.limits import Limits
from bot.frontends.bundle_cli import add_bundle_parser
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet.service import earn, list_wallet
from tests._bundle_support import populate


@pytest.fixture
def db(db: Database) -> Database:
    """The shared migrated store (tests/conftest.py) with the small bilingual catalogue."""
    populate(db)
    return db


@pytest.fixture
def solver(db: Database) -> BundleSolver:
    with db.session() as session:
        return load_solver(UnitOfWork(session))


def record(
    external_id: str, skills: list[str], hours: float | None, cost: str | None, **extra: object
) -> CredentialRecord:
    return CredentialRecord(
        external_id=external_id,
        name={"en": external_id},
        skills=[SkillRef({"en": key}, key) for key in skills],
        hours=hours,
        cost=Decimal(cost) if cost is not None else None,
        **extra,  # type: ignore[arg-type]
    )


# -- optimality ---------------------------------------------------------------------------------


def _random_instance(
    rng: random.Random,
) -> tuple[list[CredentialRecord], list[str], Limits]:
    skills = [f"s{i}" for i in range(rng.randint(1, 6))]
    credentials = []
    for i in range(rng.randint(1, 11)):
        covered = rng.sample(skills, rng.randint(1, min(3, len(skills))))
        credentials.append(
            record(
                f"c{i}",
                covered,
                rng.choice([0.5, 1, 1.25, 2, 3, 3.3, 5, 8, 13]),
                rng.choice(["0", "9.99", "10", "25", "49.5", "100"]),
                languages=rng.sample(["en", "fr"], rng.randint(1, 2)),
                delivery=rng.choice(["online", "in_person", "blended"]),
            )
        )
    requested = rng.sample(skills, rng.randint(1, len(skills)))
    constraints = Limits(
        max_hours=rng.choice([None, None, 4.0, 6.5, 10.0]),
        max_cost=rng.choice([None, None, Decimal("20"), Decimal("60")]),
        taught_in=rng.choice([None, None, "en", "fr"]),
        online=rng.random() < 0.25,
    )
    return credentials, requested, constraints


def _brute_force(
    credentials: list[CredentialRecord], requested: list[str], constraints: Limits
) -> tuple[tuple[int, Decimal] | None, tuple[int, int, Decimal]]:
    """(best full cover (centi-hours, cost) or None, best partial (-covered, centi-hours, cost))."""
    allowed = [
        c
        for c in credentials
        if (not constraints.taught_in or constraints.taught_in in c.languages)
        and (not constraints.online or c.delivery == "online")
    ]
    best_full = None
    best_partial = (0, 0, Decimal(0))
    for size in range(len(allowed) + 1):
        for combo in itertools.combinations(allowed, size):
            hours = sum(round((c.hours or 0) * 100) for c in combo)
            cost = sum((c.cost or Decimal(0) for c in combo), Decimal(0))
            if constraints.max_hours is not None and hours > round(constraints.max_hours * 100):
                continue
            if constraints.max_cost is not None and cost > constraints.max_cost:
                continue
            covered = {ref.key for c in combo for ref in c.skills} & set(requested)
            best_partial = min(best_partial, (-len(covered), hours, cost))
            if len(covered) == len(set(requested)):
                key = (hours, cost)
                best_full = key if best_full is None or key < best_full else best_full
    return best_full, best_partial


def test_exact_solver_matches_brute_force_on_random_instances() -> None:
    rng = random.Random(20261128)
    feasible = infeasible = 0
    for _ in range(400):
        credentials, requested, constraints = _random_instance(rng)
        plan = BundleSolver(credentials).solve(requested, constraints)
        best_full, best_partial = _brute_force(credentials, requested, constraints)
        assert plan.optimal
        if best_full is None:
            infeasible += 1
            assert not plan.feasible
            assert plan.closest is not None
            closest = plan.closest
            got = (-len(closest.covered), round(closest.total_hours * 100), closest.total_cost)
            assert got == best_partial
        else:
            feasible += 1
            assert plan.feasible
            assert (round(plan.total_hours * 100), plan.total_cost) == best_full
            covered = {key for item in plan.items for key in item.covers}
            assert covered == set(requested)
            assert plan.total_hours <= (constraints.max_hours or float("inf")) + 1e-9
    assert feasible > 100 and infeasible > 50  # both branches really exercised


def _brute_feasible(credentials: list[CredentialRecord], requested: list[str], constraints: Limits) -> bool:
    return _brute_force(credentials, requested, constraints)[0] is not None


def _expected_blocking(
    credentials: list[CredentialRecord], requested: list[str], constraints: Limits
) -> list[str]:
    active = constraints.active()
    blocking = [name for name in active if _brute_feasible(credentials, requested, constraints.without(name))]
    if not blocking and active and _brute_feasible(credentials, requested, Limits()):
        blocking = active
    return blocking


def test_blocking_constraints_match_brute_force_on_random_instances() -> None:
    rng = random.Random(5150)
    checked = 0
    for _ in range(300):
        credentials, requested, constraints = _random_instance(rng)
        plan = BundleSolver(credentials).solve(requested, constraints)
        if plan.feasible:
            continue
        checked += 1
        assert plan.optimal
        if plan.not_offered:
            assert plan.blocking_constraints == []
        else:
            assert plan.blocking_constraints == _expected_blocking(credentials, requested, constraints)
    assert checked > 50


def _count_mip_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each MIP solve (True for a first-solution feasibility test)."""
    calls: list[bool] = []
    real = highs.lexicographic_solve

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(bool(kwargs.get("first_solution")))
        return real(*args, **kwargs)

    monkeypatch.setattr(highs, "lexicographic_solve", counting)
    return calls


def test_lower_bound_proves_infeasibility_without_the_mip(monkeypatch: pytest.MonkeyPatch) -> None:
    # Four skills, every credential 3 hours for at most two of them: at least 6 hours.
    credentials = [
        record("ab", ["a", "b"], 3, "10"),
        record("cd", ["c", "d"], 3, "10"),
        record("bc", ["b", "c"], 3, "10"),
        record("a", ["a"], 3, "0"),
    ]
    calls = _count_mip_calls(monkeypatch)
    plan = BundleSolver(credentials).solve(["a", "b", "c", "d"], Limits(max_hours=5), explain=False)
    assert not plan.feasible and plan.optimal and plan.missing == []
    assert calls == []
    explained = BundleSolver(credentials).solve(["a", "b", "c", "d"], Limits(max_hours=5))
    # Relaxing the only limit needs no solve either; the closest bundle: two skills in 3 hours.
    assert explained.blocking_constraints == ["max_hours"]
    assert calls == [False]
    assert explained.closest is not None
    assert len(explained.closest.covered) == 2 and explained.closest.total_hours == 3


def test_sum_of_cheapest_per_skill_is_not_taken_for_a_proof() -> None:
    # Each skill's shortest credential takes 3 hours (6 > 4 in all), yet one 4-hour credential
    # teaches both: the per-skill prices are 4/2 = 2 each, which proves nothing.
    credentials = [
        record("a", ["a"], 3, "0"),
        record("b", ["b"], 3, "0"),
        record("ab", ["a", "b"], 4, "50"),
    ]
    plan = BundleSolver(credentials).solve(["a", "b"], Limits(max_hours=4))
    assert plan.feasible and [item.credential.external_id for item in plan.items] == ["ab"]


def test_greedy_bundle_settles_a_relaxation(monkeypatch: pytest.MonkeyPatch) -> None:
    # French and online: nothing. Relaxing the language: a 2-hour online course fits the limits.
    credentials = [
        record("fr", ["a"], 2, "10", languages=["fr"], delivery="in_person"),
        record("en", ["a"], 2, "10", languages=["en"], delivery="online"),
    ]
    calls = _count_mip_calls(monkeypatch)
    constraints = Limits(max_hours=5, max_cost=Decimal(20), taught_in="fr", online=True)
    plan = BundleSolver(credentials).solve(["a"], constraints)
    assert not plan.feasible and plan.missing == ["a"]
    assert plan.blocking_constraints == ["taught_in", "online"]
    assert True not in calls  # no feasibility MIP: missing skills and greedy bundles decided


def _greedy_misses_the_relaxation() -> tuple[list[CredentialRecord], Limits]:
    # Within 50 CAD only "abc" + "cd" (4.7 hours > 4) cover everything. Without the cost limit
    # "ab" + "cd" (4 hours) fits, but every greedy bundle starts with "abc" (0.9 h per skill)
    # and ends at 4.7 hours: only the MIP finds it.
    credentials = [
        record("abc", ["a", "b", "c"], 2.7, "0"),
        record("cd", ["c", "d"], 2, "0"),
        record("ab", ["a", "b"], 2, "100"),
    ]
    return credentials, Limits(max_hours=4, max_cost=Decimal(50))


def test_feasibility_mip_decides_what_the_greedy_bundles_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    credentials, constraints = _greedy_misses_the_relaxation()
    calls = _count_mip_calls(monkeypatch)
    plan = BundleSolver(credentials).solve(["a", "b", "c", "d"], constraints)
    assert not plan.feasible and plan.optimal
    assert plan.blocking_constraints == ["max_hours", "max_cost"]
    assert calls.count(True) == 1  # the cost relaxation; the hours one fell to a greedy bundle


def test_unproven_explanation_is_not_optimal(monkeypatch: pytest.MonkeyPatch) -> None:
    real = highs.lexicographic_solve

    def timing_out(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("first_solution"):
            return None, False  # as if the time limit stopped the search without a solution
        return real(*args, **kwargs)

    monkeypatch.setattr(highs, "lexicographic_solve", timing_out)
    credentials, constraints = _greedy_misses_the_relaxation()
    plan = BundleSolver(credentials).solve(["a", "b", "c", "d"], constraints)
    assert not plan.feasible
    assert not plan.optimal  # the max_cost answer is not proven
    assert plan.blocking_constraints == ["max_hours"]


def test_warm_started_solves_agree_with_cold_solves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Greedy bundles and stage optima are handed to HiGHS as starting points; the answers must
    equal solves without them (HiGHS's defaults, presolve on, where starts are not used)."""
    from benchmarks.synthetic import TOPICS, synthetic_catalogue

    credentials, vocabulary = synthetic_catalogue(20_000)
    solver = BundleSolver(credentials, vocabulary)
    keys = [topic[0] for topic in TOPICS]
    rng = random.Random(9)
    requests = []
    for number in range(40):
        limited = number % 2 == 1
        constraints = Limits(
            max_hours=rng.choice([15.0, 30.0, 60.0]) if limited else None,
            max_cost=Decimal(rng.choice([0, 100, 400])) if limited else None,
            taught_in="fr" if number % 4 >= 2 else None,
        )
        requests.append((rng.sample(keys, 10), constraints))

    def summary(plan: Any) -> tuple[Any, ...]:
        closest = plan.closest
        return (
            plan.feasible,
            plan.optimal,
            plan.total_hours,
            plan.total_cost,
            plan.blocking_constraints,
            None if closest is None else (len(closest.covered), closest.total_hours, closest.total_cost),
        )

    warm = [summary(solver.solve(goal, constraints)) for goal, constraints in requests]
    cold_options = {k: v for k, v in highs.OPTIONS.items() if k in ("output_flag", "threads")}
    cold_options.update({"mip_rel_gap": 0.0, "mip_abs_gap": 0.5})
    monkeypatch.setattr(highs, "OPTIONS", cold_options)
    assert not highs.warm_starts_allowed()
    cold = [summary(solver.solve(goal, constraints)) for goal, constraints in requests]
    assert warm == cold


def test_cost_breaks_ties_in_hours() -> None:
    credentials = [
        record("dear", ["a"], 5, "100"),
        record("cheap", ["a"], 5, "10"),
        record("long", ["a"], 6, "0"),
    ]
    plan = BundleSolver(credentials).solve(["a"])
    assert [item.credential.external_id for item in plan.items] == ["cheap"]
    assert plan.total_cost == Decimal("10")


def test_fractional_hours_are_compared_exactly() -> None:
    # 0.1 + 0.2 != 0.3 in floating point; scaled to hundredths they tie and cost decides.
    credentials = [
        record("x", ["a"], 0.1, "50"),
        record("y", ["b"], 0.2, "50"),
        record("xy", ["a", "b"], 0.3, "10"),
    ]
    plan = BundleSolver(credentials).solve(["a", "b"], Limits(max_hours=0.3))
    assert plan.feasible
    assert [item.credential.external_id for item in plan.items] == ["xy"]


def test_dominated_candidates_are_pruned() -> None:
    credentials = [
        record("big", ["a", "b"], 3, "10"),
        record("small-worse", ["a"], 4, "10"),  # subset coverage, more hours: dominated
        record("small-cheaper", ["a"], 4, "5"),  # cheaper: kept
        record("same", ["a", "b"], 3, "10"),  # identical: one of the two kept
    ]
    plan = BundleSolver(credentials).solve(["a", "b"])
    assert plan.candidates == 2
    assert plan.total_hours == 3


def test_greedy_baseline_is_never_better_than_exact() -> None:
    rng = random.Random(7)
    for _ in range(100):
        credentials, requested, _constraints = _random_instance(rng)
        solver = BundleSolver(credentials)
        plan = solver.solve(requested)
        chosen, hours, _cost = greedy_bundle(solver, requested)
        if plan.feasible:
            assert hours >= plan.total_hours - 1e-9
            assert {ref.key for c in chosen for ref in c.skills} >= set(requested)


def test_one_currency_is_summed() -> None:
    credentials = [
        record("cad", ["a"], 5, "100", currency="CAD"),
        record("usd", ["b"], 5, "10", currency="USD"),
        record("cad-b", ["b"], 9, "30", currency="CAD"),
    ]
    solver = BundleSolver(credentials)
    plan = solver.solve(["a", "b"])
    assert plan.currency == "CAD"
    assert {item.credential.external_id for item in plan.items} == {"cad", "usd"}
    assert plan.total_cost == Decimal("100")  # the USD price is not added to CAD
    assert not plan.cost_complete
    limited = solver.solve(["a", "b"], Limits(max_cost=Decimal(500)))
    assert {item.credential.external_id for item in limited.items} == {"cad", "cad-b"}
    assert limited.cost_complete and limited.total_cost == Decimal("130")


def test_a_price_without_a_currency_counts_as_cad_and_no_price_has_no_currency() -> None:
    credentials = [
        record("unnamed", ["a"], 5, "40", currency=None),
        record("cad", ["b"], 5, "60", currency="CAD"),
        record("unpriced", ["c"], 2, None),
    ]
    assert credentials[2].currency is None and credentials[2].price_currency is None
    plan = BundleSolver(credentials).solve(["a", "b", "c"], Limits(max_hours=20))
    assert plan.feasible and plan.currency == "CAD"
    assert plan.total_cost == Decimal("100")
    assert not plan.cost_complete  # the unpriced item's cost is unknown


# -- infeasibility ------------------------------------------------------------------------------


def test_missing_skill_is_reported_with_closest_bundle(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, skills=["python", "blockchain", "machine learning"])
    assert not plan.feasible
    # A skill named explicitly is a name: unknown, it is "not understood", not a stray word.
    assert plan.not_understood == ["blockchain"] and plan.unknown_words == []
    assert plan.not_offered == ["machine-learning"] and plan.missing == ["machine-learning"]
    assert plan.blocking_constraints == []
    assert plan.closest is not None
    assert [item.credential.external_id for item in plan.closest.items] == ["cred:py-basics"]
    assert plan.closest.covered == ["python"] and plan.closest.uncovered == ["machine-learning"]


def test_blocking_constraint_is_named(solver: BundleSolver) -> None:
    plan = plan_bundle(
        solver,
        skills=["data visualisation"],
        constraints=Limits(online=True, max_hours=20),
    )
    assert not plan.feasible
    assert plan.missing == ["data-visualisation"] and plan.not_offered == []
    # Online only the 40-hour certificate teaches it: relaxing either limit alone is enough.
    assert plan.blocking_constraints == ["max_hours", "online"]
    budget = plan_bundle(solver, goal="data analyst", constraints=Limits(max_cost=Decimal(300)))
    assert not budget.feasible and budget.blocking_constraints == ["max_cost"]
    assert budget.closest is not None
    assert budget.closest.total_cost <= 300 and len(budget.closest.covered) == 3


def test_jointly_blocking_constraints_are_all_listed() -> None:
    credentials = [
        record("a", ["a"], 10, "100", languages=["fr"], delivery="in_person"),
        record("b", ["a"], 10, "100", languages=["en"], delivery="online"),
    ]
    plan = BundleSolver(credentials).solve(["a"], Limits(taught_in="fr", online=True))
    assert not plan.feasible
    assert plan.blocking_constraints == ["taught_in", "online"]


# -- wallet and held skills -----------------------------------------------------------------------


def test_already_held_skills_are_skipped(db: Database) -> None:
    with db.session() as session:
        earn(UnitOfWork(session), "telegram:1", "cred:viz")
        plan = plan_for_learner(UnitOfWork(session), "telegram:1", goal="I want to become a data analyst")
    assert plan.feasible
    assert plan.already_held == ["data-visualisation", "statistics"]
    assert {item.credential.external_id for item in plan.items} == {"cred:py-basics", "cred:sql-fr"}
    assert plan.covered == ["python", "sql"]


def test_everything_held_is_an_empty_feasible_bundle(solver: BundleSolver) -> None:
    plan = solver.solve(["python"], held_skills={"python"})
    assert plan.feasible and plan.items == [] and plan.already_held == ["python"]


# -- matching -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "how"),
    [
        ("Visualisation des données", "data-visualisation", "label"),
        ("VISUALISATION DES DONNEES", "data-visualisation", "label"),
        ("statistiques", "statistics", "label"),
        ("Gestion de projet", "project-management", "label"),
        ("data visualization", "data-visualisation", "synonym"),
        ("langage sql", "sql", "synonym"),
        ("ML", "machine-learning", "abbreviation"),
        ("wcag", "accessibility", "abbreviation"),
        ("pyhton", "python", "fuzzy"),
        ("statistcs", "statistics", "fuzzy"),
        ("visualisation de donnee", "data-visualisation", "fuzzy"),
        ("accessibilite du web", "accessibility", "label"),
    ],
)
def test_skill_matching(solver: BundleSolver, text: str, key: str, how: str) -> None:
    request = solver.matcher.match(text)
    assert request.skills == [key]
    assert [(m.key, m.how) for m in request.matches] == [(key, how)]
    assert request.unknown_words == []


def test_short_abbreviation_needs_capitals(solver: BundleSolver) -> None:
    # "ml" in lower case is not taken for machine learning (two letters collide with words).
    assert solver.matcher.match("ml").skills == []
    assert solver.matcher.match("ML").skills == ["machine-learning"]


@pytest.mark.parametrize(
    "goal",
    [
        "je veux devenir analyste de données",
        "I want to become a data analyst",
        "Analyste des donnees",
    ],
)
def test_goal_in_words_expands_the_occupation(solver: BundleSolver, goal: str) -> None:
    plan = plan_bundle(solver, goal=goal)
    assert plan.requested == ["python", "sql", "data-visualisation", "statistics"]
    assert {m.occupation for m in plan.matches} == {"data-analyst"}
    assert plan.unknown_words == []
    assert plan.feasible


def test_occupation_by_key(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, occupation="data-analyst")
    assert plan.requested == ["python", "sql", "data-visualisation", "statistics"]


def test_unknown_words_are_reported(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="python, quantum basket weaving")
    assert plan.requested == ["python"]
    assert plan.unknown_words == ["quantum", "basket", "weaving"]


def test_a_named_skill_that_matches_nothing_is_not_understood_and_the_bundle_not_complete(
    solver: BundleSolver,
) -> None:
    plan = plan_bundle(solver, skills=["python", "quantum basket weaving"])
    assert plan.requested == ["python"] and plan.items
    assert plan.not_understood == ["quantum basket weaving"]
    assert not plan.feasible
    data = plan_to_dict(plan)
    assert data["feasible"] is False and data["not_understood"] == ["quantum basket weaving"]


# -- constraints from words -----------------------------------------------------------------------


def test_constraints_and_skills_in_one_sentence(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="SQL et statistiques, en français, moins de 20 heures et moins de 100 $")
    assert plan.requested == ["sql", "statistics"]
    assert plan.constraints == Limits(max_hours=20, max_cost=Decimal(100), taught_in="fr")
    assert plan.unknown_words == []
    # Statistics in French exists only in the 12-hour, $200 course: over budget. Without the budget,
    # or in English (the $20 refresher), it fits.
    assert not plan.feasible and plan.blocking_constraints == ["max_cost", "taught_in"]


def test_explicit_constraints_win_over_words(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="python under 5 hours", constraints=Limits(max_hours=50))
    assert plan.constraints.max_hours == 50 and plan.feasible


# -- saved bundles --------------------------------------------------------------------------------


def test_save_share_copy_drop_swap_and_earn(db: Database, solver: BundleSolver) -> None:
    with db.session() as session:
        plan = plan_bundle(solver, goal="data analyst")
        saved = save_bundle(UnitOfWork(session), "telegram:1", plan, goal="data analyst")
        code = saved.share_code
        assert len(code) == 10 and set(code) <= set(SHARE_ALPHABET)
        assert [r.external_id for r in saved.items] == [item.credential.external_id for item in plan.items]
    with db.session() as session:
        shared = load_shared_bundle(UnitOfWork(session), code.lower(), "telegram:2")
        assert shared.read_only and shared.skills == plan.requested
        assert not load_shared_bundle(UnitOfWork(session), code, "telegram:1").read_only
        with pytest.raises(BundleError) as refused:
            drop_item(UnitOfWork(session), "telegram:2", code, "cred:sql-fr")
        assert refused.value.reason == "not_owner"
        mine = copy_shared_bundle(UnitOfWork(session), code, "telegram:2")
        assert mine.share_code != code and not mine.read_only
        assert [r.external_id for r in mine.items] == [r.external_id for r in shared.items]
    with db.session() as session:
        alternatives = swap_alternatives(UnitOfWork(session), code, "cred:py-basics", solver=solver)
        # Credentials bringing python, not already in the bundle, cheapest first.
        assert [r.external_id for r in alternatives] == ["cred:analyst"]
        with pytest.raises(BundleError):
            swap_item(UnitOfWork(session), "telegram:1", code, "cred:viz", "cred:pm", solver=solver)
        # Dropping the only SQL course re-plans: the certificate covers everything alone.
        after = drop_item(UnitOfWork(session), "telegram:1", code, "cred:sql-fr", solver=solver).after
        assert [r.external_id for r in after.items] == ["cred:analyst"]
        added, earned = mark_bundle_earned(UnitOfWork(session), "telegram:1", code, solver=solver)
        assert added == ["cred:analyst"] and earned.after.items == []
        assert earned.after.held == plan.requested
        assert mark_bundle_earned(UnitOfWork(session), "telegram:1", code, solver=solver)[0] == []
        assert list_wallet(UnitOfWork(session), "telegram:1").count == 1
    with db.session() as session, pytest.raises(BundleError) as missing:
        load_shared_bundle(UnitOfWork(session), "AAAAAAAAAA")
    assert missing.value.reason == "not_found"


# -- CLI ------------------------------------------------------------------------------------------


def _run_cli(db: Database, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    add_bundle_parser(subparsers)
    args = parser.parse_args(argv)
    code = args.run(args, db)
    return code, capsys.readouterr().out


def test_cli_json_shape(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run_cli(
        db,
        [
            "bundle",
            "--skill",
            "python",
            "--skill",
            "SQL",
            "--skill",
            "visualisation des données",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    data = json.loads(out)
    for key in (
        "feasible",
        "optimal",
        "items",
        "total_hours",
        "total_cost",
        "covered",
        "uncovered",
    ):
        assert key in data
    assert data["feasible"] is True and data["optimal"] is True
    assert data["total_hours"] == 27 and data["total_cost"] == 350
    assert set(data["items"][0]) >= {"id", "title", "hours", "cost", "skills"}
    assert sorted(data["covered"]) == ["data-visualisation", "python", "sql"]


def test_cli_infeasible_exits_zero_with_earned(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run_cli(
        db,
        ["bundle", "--goal", "data analyst", "--earned", "cred:viz", "--max-hours", "10", "--json"],
        capsys,
    )
    data = json.loads(out)
    assert code == 0 and data["feasible"] is False
    assert data["already_held"] == ["data-visualisation", "statistics"]
    assert data["blocking_constraints"] == ["max_hours"]
    code, out = _run_cli(db, ["bundle", "--goal", "data analyst", "--max-hours", "10"], capsys)
    assert code == 0 and "the closest bundle within your limits" in out


def test_an_occupations_core_skill_weighs_most_in_the_closest_bundle() -> None:
    """Project manager under $500: covering project management itself beats covering three
    side skills (the closest bundle used to count every skill the same)."""
    credentials = [
        record("core", ["project-management"], 35, "450"),
        record("side-1", ["budgeting", "scrum"], 10, "300"),
        record("side-2", ["leadership"], 10, "150"),
    ]
    solver = BundleSolver(credentials)
    required = ["project-management", "budgeting", "scrum", "leadership"]
    limits = Limits(max_cost=Decimal(500))
    flat = solver.solve(required, limits)
    assert flat.closest is not None
    assert {item.credential.external_id for item in flat.closest.items} == {"side-1", "side-2"}
    weighted = solver.solve(required, limits, lead_skills=["project-management"])
    assert weighted.closest is not None
    assert [item.credential.external_id for item in weighted.closest.items] == ["core"]


def test_a_dropped_credential_does_not_hold_its_skills_nor_hide_the_next_best() -> None:
    """Excluded (dropped) credentials are never proposed, their skills are still needed, and the
    credentials their same-skills front had pruned come back."""
    credentials = [
        record("best", ["python"], 10, "100"),
        record("next", ["python"], 12, "120"),  # dominated by "best": pruned from the front
    ]
    solver = BundleSolver(credentials)
    assert [item.credential.external_id for item in solver.solve(["python"]).items] == ["best"]
    plan = solver.solve(["python"], exclude_ids=["best"])
    assert plan.feasible and [item.credential.external_id for item in plan.items] == ["next"]


def test_the_solver_checks_the_catalogue_every_few_seconds_not_at_every_bundle(db: Database) -> None:
    """The catalogue check counts every credential and skill link (tens of ms on 100,000
    credentials, under the solver's lock): made at most every `check_interval` seconds, and at
    once after an import in this process."""
    from sqlalchemy import event

    from bot.bundles.service import Bundles

    now = [100.0]
    bundles = Bundles(db, check_interval=5.0, clock=lambda: now[0])
    checks: list[str] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: checks.append(statement) if "count(" in statement.lower() else None,
    )
    first = bundles.solver()
    made = len(checks)
    assert made > 0
    now[0] += 4.9
    assert bundles.solver() is first and len(checks) == made  # within the interval: no query
    now[0] += 0.2
    assert bundles.solver() is first and len(checks) == 2 * made  # checked again, unchanged
    bundles.catalogue_changed()  # an import here: rebuilt at once
    assert bundles.solver() is not first
