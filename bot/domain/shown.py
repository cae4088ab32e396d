"""What the bot showed a learner last (kept in the store, so that it outlives a restart)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shown:
    """What the bot showed a learner last, so that "2", "next" or "drop the first one" can be
    understood: `kind` is results, bundle or wallet (the understanding layer's contexts)."""

    kind: str
    ids: tuple[int, ...] = ()  # credential ids in the order shown (results: this page)
    query: str = ""  # results: the search
    key: str = ""  # results: the key of its pages (`bot.account.state`)
    page: int = 0  # results: the page shown (0-based)
    first: int = 1  # results: the number of the first one shown
    pages: int = 1  # results: how many pages there are
