"""What is stored about a learner, as plain data: their profile, earned credentials, bundles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.domain.credential import SkillRef


@dataclass(frozen=True)
class LearnerProfile:
    ref: str  # a front end's reference: `telegram:42`, `console:ana`
    telegram_user_id: int | None
    locale: str | None
    created_at: dt.datetime | None


@dataclass
class EarnedRecord:
    """A credential in a learner's wallet. `skills` are `{"label": {lang: text}, "key": str|None}`;
    `evidence` keeps what an imported badge said (format, ids, name, alignments…)."""

    external_id: str
    credential_id: int | None = None
    title: str | None = None
    issuer: str | None = None
    skills: list[dict[str, Any]] = field(default_factory=list)
    source: str = "catalogue"  # catalogue | openbadges
    earned_on: dt.date | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    original: str | None = None  # an imported badge as given (its proof in it)
    verification: dict[str, Any] | None = None  # `bot.verification.result.Verification.stored()`
    verified_at: dt.datetime | None = None

    def skill_refs(self) -> list[SkillRef]:
        refs = []
        for item in self.skills:
            if isinstance(item, dict):
                label = item.get("label")
                refs.append(SkillRef(dict(label) if isinstance(label, dict) else {}, item.get("key")))
        return refs


@dataclass
class StoredBundle:
    """A bundle saved under its share code; `owner` is the learner's ref (None: nobody's)."""

    share_code: str
    owner: str | None
    goal: str | None
    skills: list[str]
    limits: dict[str, Any]
    items: list[str]  # external ids, in order
    saved: bool
    created_at: dt.datetime | None = None
    # The learner's own choices, kept when the bundle is planned again: credentials they added
    # or swapped in (kept), and those they dropped or swapped out (never proposed again).
    pinned: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
