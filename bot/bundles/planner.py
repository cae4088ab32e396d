"""Bundle requests in words: which skills and limits a goal names, and the learner's wallet skipped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from bot.bundles.plan import BundlePlan
from bot.bundles.solver import DEFAULT_TIME_LIMIT, BundleSolver, skill_keys
from bot.domain.limits import Limits
from bot.language.skills import SkillMatch, parse_request
from bot.store.catalogue_repo import load_credentials, load_vocabulary
from bot.store.learners import find_learner


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
    # "free" in words is a budget of 0, which explicit limits (a --max-cost) override.
    final = parsed.for_bundle().merged(constraints.for_bundle()) if constraints else parsed.for_bundle()
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
            skills.update(skill_keys(record))
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
    constraints: Limits | None = None,
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
