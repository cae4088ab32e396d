"""Per-learner flood limits: one sender sending faster than the bot answers them (200 messages or
button presses in a burst) slows only themselves.

What is limited is sending *ahead*: an update that arrives while the same sender has others
still being handled (queued or in progress). A token bucket per sender pays for those: `burst`
at once, then `per_second`. Once it is empty, every update of that sender is dropped until it
refills, before it reaches the store or the core (no claim, no transaction, no reply taking a
share of the 30 messages a second all chats share, or of a group's 20 a minute); the sender is
told once (`slow_down`), at most once every `notice_every` seconds. So a burst puts at most
`burst` + 1 updates of work ahead of the others' (then about one a second).

A learner, a test or a benchmark that waits for each answer before the next message is never
ahead, so never limited, whatever their pace: one learner's updates are handled one at a time
anyway, a fair share. A plain rate would cut them off after its burst; a plain cap on what is
waiting would let a flood that trickles in (a webhook posts updates one by one) through at the
bot's own speed. Dropped rather than coalesced: what a flood sends is repeats (the same press,
the same words), and the notice says to send again what mattered.

The counts are in memory, per process: they count what this process is handling, which is what
its other learners wait behind. A sender is forgotten once nothing of theirs waits and their
bucket is full again (and their notice over), so memory stays bounded.
"""

from __future__ import annotations

import enum
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.conversation.reply import Reply
from bot.i18n import _

BURST = 10
PER_SECOND = 1.0
NOTICE_EVERY = 60.0


class Verdict(enum.Enum):
    GO = "go"  # within the limit: handled as usual (call `done` when it is)
    NOTICE = "notice"  # over it: dropped, and the sender is told so
    DROP = "drop"  # over it again: dropped quietly


@dataclass
class _Sender:
    tokens: float
    at: float  # when `tokens` was counted
    waiting: int = 0  # updates let through and not done
    noticed: float | None = None  # when last told to slow down


class FloodLimits:
    def __init__(
        self,
        *,
        burst: int = BURST,
        per_second: float = PER_SECOND,
        notice_every: float = NOTICE_EVERY,
        capacity: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.notice_every = notice_every
        self._capacity = capacity
        self.clock = clock
        self._senders: OrderedDict[str, _Sender] = OrderedDict()  # the least recently seen first
        self.dropped = 0  # updates dropped since the start (for /metrics)

    def take(self, sender: str) -> Verdict:
        """One update from `sender` (a learner's reference; an anonymous administrator's group)."""
        now = self.clock()
        state = self._senders.pop(sender, None) or _Sender(tokens=float(self.burst), at=now)
        state.tokens = min(float(self.burst), state.tokens + (now - state.at) * self.per_second)
        state.at = now
        self._senders[sender] = state
        self._forget(now)
        if state.tokens >= 1.0:
            if state.waiting:  # sent ahead: paid for
                state.tokens -= 1.0
            state.waiting += 1
            return Verdict.GO
        self.dropped += 1
        if state.noticed is not None and now - state.noticed < self.notice_every:
            return Verdict.DROP
        state.noticed = now
        return Verdict.NOTICE

    def done(self, sender: str) -> None:
        """An update `take` let through is handled (or failed)."""
        state = self._senders.get(sender)
        if state is not None and state.waiting:
            state.waiting -= 1

    def waiting(self, sender: str) -> int:
        state = self._senders.get(sender)
        return state.waiting if state else 0

    def _forget(self, now: float) -> None:
        """Senders with nothing waiting, a full bucket and no notice running need no memory."""
        refill = self.burst / self.per_second if self.per_second > 0 else float("inf")
        quiet = max(refill, self.notice_every)
        while len(self._senders) > 1:
            sender, oldest = next(iter(self._senders.items()))
            if now - oldest.at < quiet and len(self._senders) <= self._capacity:
                return
            if oldest.waiting and len(self._senders) <= self._capacity:
                return
            del self._senders[sender]


def slow_down() -> Reply:
    """Said to a sender whose updates are being dropped (in their locale)."""
    text = _(
        "You are sending messages faster than I can answer, so I skipped the last ones. "
        "Wait a few seconds, then send again what you need."
    )
    reply = Reply().add(text)
    reply.notice = _("Too fast: wait a few seconds, then try again.")
    return reply
