"""A network's scheduled source: the URL of a CTDL or CSV catalogue the bot fetches itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# What the last fetch did: imported (the catalogue changed), unchanged (fetched, nothing new),
# not_modified (the server answered 304), failed (nothing written; `last_error` says why).
IMPORTED, UNCHANGED, NOT_MODIFIED, FAILED = "imported", "unchanged", "not_modified", "failed"


@dataclass(frozen=True)
class CatalogueSource:
    telegram_chat_id: int
    url: str
    registered_by: int
    registered_at: dt.datetime
    next_fetch_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None  # of the last body imported: a server without validators
    last_fetch_at: dt.datetime | None = None
    last_result: str | None = None
    # The dry run's counts of the last body read (added, updated, unchanged, removed).
    last_counts: dict[str, int] = field(default_factory=dict)
    last_error: str | None = None
    failures: int = 0  # in a row; 0 after any success
    failing_since: dt.datetime | None = None  # the first failure of the current streak
