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
) -> BundlePlan:
    """A bundle for skill names (`--skill` values, matched as names: `SkillMatcher.match_names`),
    a goal sentence and/or an occupation key, in English or French. Limits are read from the
    goal only; `constraints` given explicitly win over them. A skill name that matches nothing is
    in `not_understood`, and the plan is then not feasible."""
    named = solver.matcher.match_names(skills)
    request, parsed = parse_request(solver.matcher, [goal] if goal else [])
    keys = list(dict.fromkeys([*named.skills, *request.skills]))
    matches = [*named.matches, *request.matches]
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
    # Skills no credential is tagged with, bridged to the catalogue's competencies that name them.
    matches = [replace(match, key=solver.bridged(match.key)) for match in matches]
    keys = list(dict.fromkeys(solver.bridged(key) for key in keys))
    # "free" in words is a budget of 0, which explicit limits (a --max-cost) override.
    final = parsed.for_bundle().merged(constraints.for_bundle()) if constraints else parsed.for_bundle()
    plan = solver.solve(keys, final, held_skills=held_skills, held_ids=held_ids, time_limit=time_limit)
    plan.matches = matches
    plan.unknown_words = request.unknown_words
    plan.not_understood = named.not_understood
    if named.not_understood:
        # A skill asked for by name never vanishes: the bundle is not complete without it.
        plan.feasible = False
    return plan


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
    )
