"""Per-learner flood limits (bot/conversation/flood.py): updates sent ahead (while the sender has
others waiting) are paid from a token bucket; a sender who waits for each answer is never
limited; one notice a minute; the others untouched; memory bounded."""

from __future__ import annotations

from bot.conversation.flood import FloodLimits, Verdict, slow_down
from bot.i18n import use_locale


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_goes_then_one_notice_then_quiet_drops() -> None:
    limits = FloodLimits(burst=3, clock=Clock())
    verdicts = [limits.take("telegram:1") for _ in range(7)]
    # the first waits for nothing; three more are paid for; then nothing goes
    assert verdicts == [Verdict.GO] * 4 + [Verdict.NOTICE, Verdict.DROP, Verdict.DROP]
    assert limits.dropped == 3 and limits.waiting("telegram:1") == 4


def test_a_sender_who_waits_for_each_answer_is_never_limited() -> None:
    limits = FloodLimits(burst=1, clock=Clock())  # the clock never moves: no refill
    for _ in range(1000):
        assert limits.take("telegram:1") is Verdict.GO
        limits.done("telegram:1")
    assert limits.dropped == 0 and limits.waiting("telegram:1") == 0


def test_once_the_bucket_is_empty_nothing_goes_until_it_refills() -> None:
    clock = Clock()
    limits = FloodLimits(burst=2, per_second=1.0, clock=clock)
    assert [limits.take("a") for _ in range(4)] == [Verdict.GO] * 3 + [Verdict.NOTICE]
    for _ in range(3):
        limits.done("a")
    assert limits.take("a") is Verdict.DROP, "nothing waits, but the flood is not over"
    clock.now += 1.0
    assert [limits.take("a"), limits.take("a"), limits.take("a")] == [Verdict.GO, Verdict.GO, Verdict.DROP]
    clock.now += 100.0  # never more than the burst, however long one waits (two still wait)
    assert [limits.take("a") for _ in range(4)] == [Verdict.GO] * 2 + [Verdict.NOTICE, Verdict.DROP]


def test_one_sender_over_the_limit_leaves_the_others_alone() -> None:
    limits = FloodLimits(burst=2, clock=Clock())
    for _ in range(50):
        limits.take("telegram:1")
    assert [limits.take("telegram:2") for _ in range(3)] == [Verdict.GO] * 3


def test_the_notice_is_said_at_most_once_a_minute() -> None:
    clock = Clock()
    limits = FloodLimits(burst=1, per_second=0.001, notice_every=60.0, clock=clock)
    limits.take("a")
    limits.take("a")
    said = []
    for _ in range(120):  # one update over the limit a second, for two minutes
        said.append(limits.take("a"))
        clock.now += 1.0
    assert said.count(Verdict.NOTICE) == 2  # at 0 s and at 60 s
    assert said.count(Verdict.GO) == 0


def test_memory_is_bounded() -> None:
    clock = Clock()
    limits = FloodLimits(burst=1, capacity=100, clock=clock)
    for number in range(1000):
        sender = f"telegram:{number}"
        limits.take(sender)
        limits.done(sender)
    assert len(limits._senders) <= 101
    clock.now += 3600.0
    limits.take("late")
    assert list(limits._senders) == ["late"], "senders with nothing left to remember are forgotten"


def test_the_notice_is_translated() -> None:
    with use_locale("en"):
        english = slow_down()
    with use_locale("fr"):
        french = slow_down()
    assert english.plain_text().startswith("You are sending messages faster than I can answer")
    assert french.plain_text().startswith("Vous envoyez des messages plus vite")
    assert english.notice and french.notice and len(french.notice) <= 200
    assert french.notice == "Trop vite\u00a0: attendez quelques secondes, puis réessayez."
