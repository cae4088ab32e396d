"""Read-only links to a learner's wallet or to one of their saved bundles (`/share`): made with a
random, unguessable code, optionally for a while, stopped by the learner; opening one tells
whether it works and whose wallet it shows (the conversation shows the credentials only).
`Shares` runs each use case in its own transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.share import BUNDLE, PAYLOAD_PREFIX, WALLET, ShareLink
from bot.store.db import Database

CODE_BYTES = 12  # 96 random bits, 16 URL-safe characters: a /start payload allows [A-Za-z0-9_-]
MAX_DAYS = 5 * 366  # the longest a link may be given to last


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Opened:
    """What a link leads to: `state` is active | revoked | expired | unknown; `owner` is the
    learner ref whose wallet (or bundle) an active link shows."""

    state: str
    link: ShareLink | None = None
    owner: str | None = None


def code_of(payload: str) -> str:
    return payload.removeprefix(PAYLOAD_PREFIX)


class Shares:
    def __init__(self, store: Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self._store = store
        self.clock = clock

    def share(self, ref: str, *, bundle_code: str | None = None, days: int | None = None) -> ShareLink:
        """A link to the wallet (or to the bundle `bundle_code`), for `days` days or until stopped.
        Without `days`, the learner's active link to the same thing is given again."""
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise ValueError(f"days out of range: {days}")
        now = self.clock()
        kind = BUNDLE if bundle_code else WALLET
        with self._store.unit_of_work() as uow:
            if days is None:
                for link in uow.shares.of_learner(ref):
                    same = link.kind == kind and link.bundle_code == bundle_code
                    if same and link.expires_at is None and link.state(now) == "active":
                        return link
            code = secrets.token_urlsafe(CODE_BYTES)
            while uow.shares.code_taken(code):
                code = secrets.token_urlsafe(CODE_BYTES)
            expires = now + dt.timedelta(days=days) if days is not None else None
            return uow.shares.add(ref, ShareLink(code, kind, now, bundle_code, expires))

    def active(self, ref: str) -> list[ShareLink]:
        now = self.clock()
        with self._store.unit_of_work() as uow:
            return [link for link in uow.shares.of_learner(ref) if link.state(now) == "active"]

    def stop(self, ref: str, code: str | None = None) -> list[ShareLink]:
        """Stops one of the learner's links (all of them when `code` is None); those stopped."""
        with self._store.unit_of_work() as uow:
            return uow.shares.revoke(ref, self.clock(), code)

    def open(self, code: str) -> Opened:
        with self._store.unit_of_work() as uow:
            found = uow.shares.find(code)
        if found is None:
            return Opened("unknown")
        owner, link = found
        state = link.state(self.clock())
        return Opened(state, link, owner if state == "active" else None)
