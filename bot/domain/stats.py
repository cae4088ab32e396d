"""What the statistics count, as plain data: per chat, per day, never a learner's id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DaySearches:
    day: dt.date
    searches: int
    without_results: int


@dataclass(frozen=True)
class QueryCount:
    """A query and how often it was sent; `learners` distinct learners sent it."""

    query: str
    searches: int
    learners: int


@dataclass(frozen=True)
class SubjectCount:
    subject_en: str
    subject_fr: str
    earned: int


@dataclass(frozen=True)
class OpenCount:
    credential_id: int
    opens: int
