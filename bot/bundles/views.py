"""Bundle plans as plain JSON (the `credbot bundle --json` contract)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.bundles.plan import BundlePlan
from bot.domain.credential import pick


def _number(value: float | Decimal) -> int | float:
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else round(as_float, 2)


def _items(source: BundlePlan, locale: str) -> list[dict[str, Any]]:
    return [
        {
            "id": item.credential.external_id,
            "title": item.credential.title(locale),
            "hours": _number(item.credential.hours) if item.credential.hours is not None else None,
            "cost": _number(item.credential.cost) if item.credential.cost is not None else None,
            "currency": item.credential.price_currency,
            "skills": list(item.covers),
        }
        for item in source.items
    ]


def _matches(plan: BundlePlan, locale: str) -> list[dict[str, Any]]:
    return [
        {
            "query": m.query,
            "key": m.key,
            "label": pick(m.label, locale),
            "how": m.how,
            **({"occupation": m.occupation} if m.occupation else {}),
        }
        for m in plan.matches
    ]


def plan_to_dict(plan: BundlePlan, locale: str = "en") -> dict[str, Any]:
    """The `--json` form: plain JSON types only, skill keys in lists, titles in `locale`."""
    result: dict[str, Any] = {
        "feasible": plan.feasible,
        "optimal": plan.optimal,
        "items": _items(plan, locale),
        "total_hours": _number(plan.total_hours),
        "total_cost": _number(plan.total_cost),
        "covered": list(plan.covered),
        "uncovered": list(plan.uncovered),
        "currency": plan.currency,
        "already_held": list(plan.already_held),
        "missing": list(plan.missing),
        "not_offered": list(plan.not_offered),
        "blocking_constraints": list(plan.blocking_constraints),
        "matches": _matches(plan, locale),
        "unknown_words": list(plan.unknown_words),
        "not_understood": list(plan.not_understood),
        "suggestions": list(plan.suggestions),
        "goal_words": list(plan.goal_words),
        "constraints": plan.constraints.to_dict(),
    }
    if not plan.cost_complete:
        result["cost_complete"] = False
    if not plan.hours_complete:
        result["hours_complete"] = False
    if plan.closest is not None:
        closest = plan.closest
        result["closest"] = {
            "items": _items(closest, locale),
            "total_hours": _number(closest.total_hours),
            "total_cost": _number(closest.total_cost),
            "covered": list(closest.covered),
            "uncovered": list(closest.uncovered),
            "optimal": closest.optimal,
        }
    return result
