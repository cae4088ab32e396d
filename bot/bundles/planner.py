"""Bundle requests in words: which skills and limits a goal names, and the learner's wallet skipped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.bundles.plan import BundlePlan
from bot.bundles.solver import DEFAULT_TIME_LIMIT, BundleSolver, skill_keys
from bot.domain.limits import Limits
from bot.language.skills import SkillMatch, parse_request
from bot.store.unit_of_work import UnitOfWork
from bot.wallet import service as wallet


def plan_bundle(
    solver: BundleSolver,
    *,
    skills: Sequence[str] = (),
    goal: str | None = None,
    occupation: str | None = None,
    constraints: Limits | None = None,
    held_skills: Iterable[str] = (),
    held_ids: Iterable[str] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
    default_taught_in: str | None = None,
) -> BundlePlan:
    """A bundle for skill names (`--skill` values, matched as names: `SkillMatcher.match_names`),
    a goal sentence and/or an occupation key, in English or French. Limits are read from the
    goal only; `constraints` given explicitly win over them. A skill name that matches nothing is
    in `not_understood`, and the plan is then not feasible.

    `default_taught_in` (the learner's language) applies when no language of instruction is
    given; when it alone rules out a complete bundle, it is dropped again (`plan.widened`). The
    first skill of each occupation named (its core, as the vocabulary lists it) weighs most in
    the closest bundle when no complete one fits."""
    named = solver.matcher.match_names(skills)
    request, parsed = parse_request(solver.matcher, [goal] if goal else [])
    keys = list(dict.fromkeys([*named.skills, *request.skills]))
    matches = [*named.matches, *request.matches]
    leads = [
        found.skills[0]
        for key in request.occupations
        if (found := solver.matcher.occupations.get(key)) is not None and found.skills
    ]
    if occupation:
        found = solver.matcher.occupations.get(occupation)
        if found is None:
            request.unknown_words.append(occupation)
        else:
            leads.extend(found.skills[:1])
            for key in found.skills:
                matches.append(
                    SkillMatch(occupation, key, solver.matcher.label(key), "occupation", 100.0, occupation)
                )
                keys.append(key)
    # Skills no credential is tagged with, bridged to the catalogue's competencies that name them.
    matches = [replace(match, key=solver.bridged(match.key)) for match in matches]
    keys = list(dict.fromkeys(solver.bridged(key) for key in keys))
    # "free" in words is a budget of 0, which explicit limits (a --max-cost) override.
    final = parsed.for_bundle().merged(constraints.for_bundle()) if constraints else parsed.for_bundle()
    defaults = []
    if default_taught_in and final.taught_in is None:
        final, defaults = replace(final, taught_in=default_taught_in), ["taught_in"]
    held_skills, held_ids = set(held_skills), set(held_ids)

    def solve(limits: Limits) -> BundlePlan:
        return solver.solve(
            keys, limits, held_skills=held_skills, held_ids=held_ids, time_limit=time_limit, lead_skills=leads
        )

    plan = solve(final)
    plan.default_limits = defaults
    if defaults and not plan.feasible:
        wider = solve(final.without("taught_in"))
        if wider.feasible or _uncovered(wider) < _uncovered(plan):
            plan, plan.widened = wider, defaults
    plan.matches = matches
    plan.unknown_words = request.unknown_words
    plan.suggestions = request.suggestions
    plan.goal_words = request.goal_words
    plan.not_understood = named.not_understood
    if named.not_understood:
        # A skill asked for by name never vanishes: the bundle is not complete without it.
        plan.feasible = False
    return plan


def _uncovered(plan: BundlePlan) -> int:
    """How many requested skills the plan (or its closest bundle) leaves uncovered."""
    shown = plan if plan.feasible or plan.closest is None else plan.closest
    return len(shown.uncovered) + len(plan.not_understood)


def load_solver(uow: UnitOfWork) -> BundleSolver:
    return BundleSolver(uow.catalogue.credentials(), uow.catalogue.vocabulary())


def plan_for_learner(
    uow: UnitOfWork,
    ref: str | None,
    *,
    skills: Sequence[str] = (),
    goal: str | None = None,
    occupation: str | None = None,
    constraints: Limits | None = None,
    extra_held: Iterable[str] = (),
    solver: BundleSolver | None = None,
    default_taught_in: str | None = None,
) -> BundlePlan:
    """`plan_bundle` with the learner's wallet (plus `extra_held` credential ids) skipped."""
    solver = solver or load_solver(uow)
    held_skills, held_ids = wallet.held(uow, ref) if ref else (set(), set())
    for extra in extra_held:
        record = solver.resolve(extra)
        if record is not None:
            held_ids.add(record.external_id)
            held_skills.update(skill_keys(record))
    return plan_bundle(
        solver,
        skills=skills,
        goal=goal,
        occupation=occupation,
        constraints=constraints,
        held_skills=held_skills,
        held_ids=held_ids,
        default_taught_in=default_taught_in,
    )
