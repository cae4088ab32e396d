"""Limits a learner sets on what they are offered: for a search (filters) and for a bundle (its
constraints). One type for both; each side reads the fields it knows.

Search treats `free` as its own filter (credentials that cost nothing) and may name a
`provider`. Bundles have no provider and treat `free` as a budget of 0 (`for_bundle()`), so the
limits a bundle plan holds, saves and prints are max_hours, max_cost, taught_in, online and
currency only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

# The limits in use, in the order `active()` lists them: the bundle limits first, in the order
# the bundle solver always reported them, then the search-only ones. `currency` is not a limit
# of its own: it says what `max_cost` is counted in.
# "cheap", "pas trop cher", "abordable" without an amount: at most this much (in the catalogue's
# currency). About the cheapest third of the sample catalogue (its median price is 390 $).
CHEAP_MAX_COST = Decimal(300)

LIMIT_NAMES = ("max_hours", "max_cost", "taught_in", "online", "free", "provider")
BUNDLE_LIMIT_NAMES = LIMIT_NAMES[:4]


@dataclass(frozen=True)
class Limits:
    online: bool = False
    taught_in: str | None = None  # a language code: en, fr
    free: bool = False
    max_hours: float | None = None
    max_cost: Decimal | None = None
    currency: str | None = None  # of max_cost; None: the catalogue's own
    provider: str | None = None
    # `max_cost` is CHEAP_MAX_COST because the learner asked for something cheap, named no amount.
    cheap: bool = False

    def active(self) -> list[str]:
        """Names of the limits in use, in a stable order (`LIMIT_NAMES`). A limit of 0 hours or
        0 dollars is in use (`is not`: 0 == False in Python, and "free" must be named when it is
        what rules a bundle out)."""
        return [
            name for name in LIMIT_NAMES if (value := getattr(self, name)) is not None and value is not False
        ]

    def without(self, name: str) -> Limits:
        """These limits with `name` back to its default (not in use)."""
        if name not in _DEFAULTS:
            raise ValueError(name)
        changes = {name: _DEFAULTS[name]}
        if name == "max_cost":
            changes["cheap"] = False
        return replace(self, **changes)

    def merged(self, other: Limits) -> Limits:
        """These limits with `other`'s settings where it has any (explicit options over the
        limits understood in words)."""
        changes: dict[str, Any] = {
            item.name: getattr(other, item.name)
            for item in fields(self)
            if getattr(other, item.name) is not None and getattr(other, item.name) is not False
        }
        return replace(self, **changes)

    def for_bundle(self) -> Limits:
        """The limits a bundle applies: `free` is a budget of 0, and a bundle has no provider."""
        if not self.free and self.provider is None:
            return self
        return replace(
            self,
            free=False,
            max_cost=Decimal(0) if self.free else self.max_cost,
            provider=None,
        )

    def to_dict(self) -> dict[str, Any]:
        """Always these five keys (saved bundles and `credbot bundle --json` carry exactly them);
        `free` and `provider` only when set (a bundle's limits never have them)."""
        data: dict[str, Any] = {
            "max_hours": self.max_hours,
            "max_cost": str(self.max_cost) if self.max_cost is not None else None,
            "taught_in": self.taught_in,
            "online": self.online,
            "currency": self.currency,
        }
        if self.free:
            data["free"] = True
        if self.provider is not None:
            data["provider"] = self.provider
        if self.cheap:
            data["cheap"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Limits:
        """Limits from `to_dict` (saved bundles store them as JSON; unknown keys are ignored)."""
        data = data or {}
        cost = data.get("max_cost")
        hours = data.get("max_hours")
        return cls(
            online=bool(data.get("online")),
            taught_in=data.get("taught_in"),
            free=bool(data.get("free")),
            max_hours=float(hours) if hours is not None else None,
            max_cost=Decimal(str(cost)) if cost is not None else None,
            currency=data.get("currency"),
            provider=data.get("provider"),
            cheap=bool(data.get("cheap")),
        )


_DEFAULTS: dict[str, Any] = {item.name: item.default for item in fields(Limits)}

__all__ = ["BUNDLE_LIMIT_NAMES", "CHEAP_MAX_COST", "LIMIT_NAMES", "Limits"]
