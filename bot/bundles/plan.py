"""What a bundle request produces: the chosen credentials, what they cover, and why not more."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.credential import CredentialRecord, LocalText, pick
from bot.domain.limits import Limits
from bot.language.skills import SkillMatch


@dataclass(frozen=True)
class BundleItem:
    credential: CredentialRecord
    covers: list[str]  # requested skill keys this credential brings (not already held)


@dataclass
class BundlePlan:
    feasible: bool
    optimal: bool
    items: list[BundleItem] = field(default_factory=list)
    total_hours: float = 0.0
    total_cost: Decimal = Decimal(0)
    currency: str = "CAD"
    covered: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    already_held: list[str] = field(default_factory=list)
    matches: list[SkillMatch] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)
    # Skill names asked for explicitly that match no known skill: the plan is then not feasible.
    not_understood: list[str] = field(default_factory=list)
    # The closest goals (occupation keys) when the words named a goal only in part, and the
    # words (a job, a field) that pointed to them (`SkillRequest`).
    suggestions: list[str] = field(default_factory=list)
    goal_words: list[str] = field(default_factory=list)
    # Constraint names (max_hours, max_cost, taught_in, online): relaxing any one of them alone
    # makes the request feasible; when no single one does but relaxing all does, all are listed.
    blocking_constraints: list[str] = field(default_factory=list)
    # Best partial bundle when infeasible: most skills covered within the constraints, then fewest
    # hours, then lowest cost.
    closest: BundlePlan | None = None
    requested: list[str] = field(default_factory=list)
    # Requested skills no credential teaches under the per-credential filters; `not_offered`: none
    # in the whole catalogue (no relaxation helps).
    missing: list[str] = field(default_factory=list)
    not_offered: list[str] = field(default_factory=list)
    constraints: Limits = field(default_factory=Limits)
    labels: dict[str, LocalText] = field(default_factory=dict)
    cost_complete: bool = True
    hours_complete: bool = True
    # Limits the learner did not state that were applied by default (taught_in: their language),
    # and those dropped again because they alone ruled out a complete bundle.
    default_limits: list[str] = field(default_factory=list)
    widened: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0
    candidates: int = 0  # credentials left after filtering and dominance pruning

    def label(self, key: str, locale: str) -> str:
        return pick(self.labels.get(key, {}), locale) or key
