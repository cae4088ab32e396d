"""The outbox's state machine, on SQLite and PostgreSQL: each key posted once, corrections edit,
and the sender's outcomes (sent, unsure, retry, paused, failed) never lose nor repeat a message."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.community.outbox import Outbox, Pacer, Rates
from bot.domain.outbox import OutboxItem
from bot.store.db import Database

START = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(db: Database, clock: Clock) -> Outbox:
    return Outbox(db, clock)


def text(words: str) -> dict[str, object]:
    return {"lines": [[words]], "buttons": []}


def test_a_key_is_posted_once_even_from_another_outbox_on_the_same_database(db: Database, outbox: Outbox) -> None:
    assert outbox.post("digest:-100:2026-49", -100, text("Week 49"))
    assert not outbox.post("digest:-100:2026-49", -100, text("Week 49 again"))
    assert not Outbox(db).post("digest:-100:2026-49", -100, text("after a restart"))
    [item] = outbox.claim()
    assert (item.payload, item.state, item.attempts) == (text("Week 49"), "claimed", 1)
    outbox.sent(item, 501)
    assert not outbox.post("digest:-100:2026-49", -100, text("Week 49"))
    assert outbox.state("digest:-100:2026-49") == "sent"
    assert outbox.claim() == []
    assert outbox.state("unknown") is None


def test_a_correction_replaces_a_queued_message_and_edits_a_sent_one(outbox: Outbox) -> None:
    outbox.post("k", -100, text("first"), thread_id=7)
    assert outbox.correct("k", text("second"))
    [item] = outbox.claim()
    assert (item.payload, item.action, item.thread_id) == (text("second"), "send", 7)
    outbox.sent(item, 42)
    assert outbox.correct("k", text("third"))
    [edit] = outbox.claim()
    assert (edit.payload, edit.action, edit.message_id) == (text("third"), "edit", 42)
    outbox.sent(edit, None)
    found = outbox.find("k")
    assert found is not None and (found.state, found.message_id) == ("sent", 42)
    assert not outbox.correct("unknown", text("x"))


def test_a_correction_while_sending_is_an_edit_once_sent(outbox: Outbox) -> None:
    outbox.post("k", -100, text("first"))
    [item] = outbox.claim()
    outbox.correct("k", text("second"))
    outbox.sent(item, 42)
    [edit] = outbox.claim()
    assert (edit.action, edit.payload, edit.message_id) == ("edit", text("second"), 42)


def test_general_topic_is_no_thread(outbox: Outbox) -> None:
    outbox.post("k", -100, text("x"), thread_id=None)
    [item] = outbox.claim()
    assert item.thread_id is None


def test_unsure_is_never_sent_again_and_the_trouble_hook_hears_it(outbox: Outbox, clock: Clock) -> None:
    heard: list[OutboxItem] = []
    outbox.on_trouble = heard.append
    outbox.post("k", -100, text("x"))
    [item] = outbox.claim()
    outbox.unsure(item, "timed out")
    clock.advance(3600)
    assert outbox.claim() == []
    assert outbox.state("k") == "unsure"
    assert [(each.key, each.state, each.error) for each in heard] == [("k", "unsure", "timed out")]


def test_a_retry_waits_longer_each_time(outbox: Outbox, clock: Clock) -> None:
    outbox.post("k", -100, text("x"))
    [item] = outbox.claim()
    assert outbox.retry(item, "502 Bad Gateway") == 2.0
    assert outbox.claim() == []
    clock.advance(2)
    [again] = outbox.claim()
    assert again.attempts == 2
    assert outbox.retry(again, "connection refused") == 4.0
    clock.advance(3.9)
    assert outbox.claim() == []
    clock.advance(0.1)
    assert [each.key for each in outbox.claim()] == ["k"]


def test_waiting_for_the_rates_is_no_attempt(outbox: Outbox, clock: Clock) -> None:
    outbox.post("k", -100, text("x"))
    [item] = outbox.claim()
    outbox.later(item, 5)
    clock.advance(5)
    [again] = outbox.claim()
    assert again.attempts == 1


def test_forbidden_pauses_the_chat_and_keeps_its_messages_until_it_may_post(db: Database, outbox: Outbox) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_membership(-100, kind="channel", title="REFAD", active=True, bot_can_post=True)
    for number in range(3):
        outbox.post(f"k{number}", -100, text(str(number)))
    outbox.post("other", -200, text("other chat"))
    [first] = outbox.claim(limit=1)
    outbox.forbidden(first, "Forbidden: not enough rights")
    with db.unit_of_work() as uow:
        membership = uow.chats.membership(-100)
    assert membership is not None and (membership.active, membership.bot_can_post) == (True, False)
    outbox.post("k3", -100, text("queued while paused"))
    assert [item.key for item in outbox.claim()] == ["other"]
    assert outbox.resume_ready() == []
    with db.unit_of_work() as uow:
        uow.chats.set_membership(-100, kind="channel", title="REFAD", active=True, bot_can_post=True)
    assert outbox.resume_ready() == [-100]
    assert [item.key for item in outbox.claim()] == ["k0", "k1", "k2", "k3"]


def test_a_hook_given_replaces_the_pause(outbox: Outbox) -> None:
    paused: list[int] = []
    outbox.on_forbidden = paused.append
    outbox.post("k", -300, text("x"))
    [item] = outbox.claim()
    outbox.forbidden(item, "Forbidden: bot was kicked")
    assert paused == [-300]
    assert outbox.state("k") == "paused"


def test_a_message_left_sending_by_a_stopped_worker_becomes_unsure_one_only_claimed_goes_again(
    outbox: Outbox, clock: Clock
) -> None:
    heard: list[OutboxItem] = []
    outbox.on_trouble = heard.append
    outbox.post("k", -100, text("x"))
    outbox.post("waiting", -100, text("y"))
    sending, _waiting = outbox.claim()
    outbox.sending(sending)  # its request was being made when the worker stopped; not the other's
    clock.advance(6 * 60)
    [again] = outbox.claim()
    assert again.key == "waiting" and again.attempts == 1
    assert outbox.state("k") == "unsure"
    assert [each.key for each in heard] == ["k"]


def test_failed_is_kept_with_the_error(outbox: Outbox) -> None:
    outbox.post("k", -100, text("x"))
    [item] = outbox.claim()
    outbox.failed(item, "Bad Request: message is too long")
    found = outbox.find("k")
    assert found is not None and (found.state, found.error) == ("failed", "Bad Request: message is too long")


@pytest.mark.postgres
def test_two_claimers_never_claim_the_same_message(db: Database, clock: Clock) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has a single writer")
    outbox = Outbox(db, clock)
    for number in range(200):
        outbox.post(f"k{number}", -100 - number % 7, text(str(number)))
    claimed: list[list[str]] = [[], []]
    start = threading.Barrier(2)

    def claimer(mine: list[str]) -> None:
        worker = Outbox(db, clock)
        start.wait()
        while batch := worker.claim(limit=5):
            mine.extend(item.key for item in batch)

    threads = [threading.Thread(target=claimer, args=(claimed[index],)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = claimed[0] + claimed[1]
    assert len(everything) == 200 and len(set(everything)) == 200
    assert claimed[0] and claimed[1]


def test_the_pacer_keeps_each_chat_under_its_rates() -> None:
    pacer = Pacer(Rates(per_chat_interval=1.0, per_group_minute=3, overall_per_second=4))
    assert pacer.wait(-1, 0.0) == 0.0
    pacer.took(-1, 0.0)
    assert pacer.wait(-1, 0.5) == 0.5
    assert pacer.wait(-2, 0.5) == 0.0
    pacer.took(-1, 1.0)
    pacer.took(-1, 2.0)
    assert pacer.wait(-1, 3.0) == 57.0  # three in the last minute: the first must leave it
    pacer.took(5, 2.1)
    pacer.took(6, 2.2)
    pacer.took(7, 2.3)
    assert pacer.wait(8, 2.4) == pytest.approx(0.6)  # four in the last second overall
    pacer.block(9, 30.0)
    assert pacer.wait(9, 10.0) == 20.0
    assert pacer.wait(10, 10.0) == 0.0


def test_a_message_to_a_deleted_topic_and_those_waiting_for_it_go_to_general_under_their_keys(
    outbox: Outbox, clock: Clock
) -> None:
    assert outbox.post("digest:-100:12:1:0", -100, text("part 1"), thread_id=12)
    assert outbox.post("digest:-100:12:1:0.1", -100, text("part 2"), thread_id=12)
    assert outbox.post("other-topic", -100, text("elsewhere"), thread_id=13)
    first, second, other = outbox.claim()
    outbox.sending(first)
    assert outbox.topic_gone(first) == 2  # refused before it was posted: nothing went out
    outbox.later(second, 1.0)
    outbox.later(other, 1.0)
    clock.advance(1)
    again = outbox.claim()
    assert [(i.key, i.thread_id, i.attempts) for i in again] == [
        ("digest:-100:12:1:0", None, 1),
        ("digest:-100:12:1:0.1", None, 1),
        ("other-topic", 13, 1),
    ]
    assert not outbox.post("digest:-100:12:1:0", -100, text("part 1"), thread_id=12)  # still once
