"""A read-only link to a learner's wallet or to one of their bundles (`/share`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WALLET = "wallet"
BUNDLE = "bundle"
PAYLOAD_PREFIX = "w_"  # the /start payload: w_<code>


@dataclass(frozen=True)
class ShareLink:
    code: str  # random, unguessable; the deep link's payload is `w_<code>`
    kind: str  # WALLET | BUNDLE
    created_at: dt.datetime
    bundle_code: str | None = None  # the bundle's share code, for a BUNDLE link
    expires_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None

    @property
    def payload(self) -> str:
        return PAYLOAD_PREFIX + self.code

    def state(self, now: dt.datetime) -> str:
        """"active", "revoked" or "expired" at `now`."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and _aware(self.expires_at) <= now:
            return "expired"
        return "active"


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes (stored in UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
