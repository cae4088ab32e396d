"""The outbox sent by the real Application to the local Bot API server: the rates, a 429 that
delays one chat only, a timeout that is never re-sent, a 502 retried, a 403 that pauses, and
nothing sent twice after a restart. Time is a fake clock the test moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.conversation.push import push
from bot.conversation.reply import Reply
from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.outbox_sender import OutboxSender
from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import RunningBot, start_bot


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


async def started(botapi: BotApiServer, url: str, clock: Clock) -> tuple[RunningBot, OutboxSender]:
    running = await start_bot(botapi, url, request_timeout=1.0)
    running.conversation.services.outbox.clock = clock
    sender: OutboxSender = running.app.bot_data[OUTBOX_SENDER_KEY]
    return running, sender


@pytest_asyncio.fixture
async def setup(
    botapi: BotApiServer, tmp_path: Path
) -> AsyncIterator[tuple[RunningBot, OutboxSender, Clock, str]]:
    url = f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
    clock = Clock()
    running, sender = await started(botapi, url, clock)
    try:
        yield running, sender, clock, url
    finally:
        await sender.stop()
        await running.stop()


def texts(botapi: BotApiServer, chat: object) -> list[str]:
    return [message.plain for message in botapi.bot_messages(chat)]  # type: ignore[arg-type]


async def test_a_channel_gets_one_message_a_second_and_nothing_twice_after_a_restart(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'restart.sqlite3'}"
    clock = Clock()
    running, sender = await started(botapi, url, clock)
    channel = await botapi.channel("Digest channel")
    services = running.conversation.services
    for number in range(3):
        assert push(services, f"d{number}", channel.id, Reply().add(f"Digest {number}"))
    assert not push(services, "d0", channel.id, Reply().add("Digest 0 again"))
    assert await sender.tick() == 1
    clock.advance(0.5)
    assert await sender.drain() == 0
    clock.advance(0.5)
    assert await sender.drain() == 1
    await sender.stop()
    await running.stop()
    again, sender_again = await started(botapi, url, clock)
    try:
        clock.advance(1)
        assert await sender_again.drain() == 1
        clock.advance(1)
        assert await sender_again.drain() == 0
        assert not push(again.conversation.services, "d1", channel.id, Reply().add("Digest 1"))
    finally:
        await sender_again.stop()
        await again.stop()
    assert texts(botapi, channel) == ["Digest 0", "Digest 1", "Digest 2"]


async def test_a_429_delays_only_its_chat(
    botapi: BotApiServer, setup: tuple[RunningBot, OutboxSender, Clock, str]
) -> None:
    running, sender, clock, _url = setup
    slow, other = await botapi.channel("Slow"), await botapi.channel("Other")
    services = running.conversation.services
    push(services, "slow", slow.id, Reply().add("slow one"))
    botapi.fail_next("sendMessage", retry_after=5)
    assert await sender.drain() == 0
    push(services, "o1", other.id, Reply().add("other one"))
    push(services, "o2", other.id, Reply().add("other two"))
    assert await sender.drain() == 1
    clock.advance(1)
    assert await sender.drain() == 1
    assert texts(botapi, other) == ["other one", "other two"] and texts(botapi, slow) == []
    clock.advance(4)
    assert await sender.drain() == 1
    assert texts(botapi, slow) == ["slow one"]


async def test_a_timeout_is_unsure_and_never_sent_again_and_managers_are_told(
    botapi: BotApiServer, setup: tuple[RunningBot, OutboxSender, Clock, str]
) -> None:
    running, sender, clock, _url = setup
    channel = await botapi.channel("Timeouts")
    manager = await botapi.user(7001, "Manon", language_code="fr")
    services = running.conversation.services
    with running.database.unit_of_work() as uow:
        uow.chats.add_manager(channel.id, manager.id, kind="channel", title="Timeouts")
    push(services, "t", channel.id, Reply().add("maybe"))
    botapi.delay_next("sendMessage", 3)
    assert await sender.drain() == 0
    assert services.outbox.state("t") == "unsure"
    botapi.release_held()
    clock.advance(3600)
    assert await sender.drain() == 1  # the notice to the manager, not the message again
    assert len(botapi.bot_messages(channel)) == 1
    [notice] = texts(botapi, manager)
    assert "Timeouts" in notice


async def test_a_502_is_retried_and_a_403_pauses_the_chat(
    botapi: BotApiServer, setup: tuple[RunningBot, OutboxSender, Clock, str]
) -> None:
    running, sender, clock, _url = setup
    channel, closed = await botapi.channel("Flaky"), await botapi.channel("Closed")
    services = running.conversation.services
    with running.database.unit_of_work() as uow:
        uow.chats.set_membership(closed.id, kind="channel", title="Closed", active=True, bot_can_post=True)
    push(services, "flaky", channel.id, Reply().add("again"))
    botapi.fail_next("sendMessage", error_code=502)
    assert await sender.drain() == 0
    assert services.outbox.state("flaky") == "queued"
    clock.advance(2)
    assert await sender.drain() == 1
    push(services, "closed", closed.id, Reply().add("no rights"))
    botapi.fail_next(
        "sendMessage", error_code=403, description="Forbidden: bot is not a member of the channel chat"
    )
    assert await sender.drain() == 0
    assert services.outbox.state("closed") == "paused"
    with running.database.unit_of_work() as uow:
        membership = uow.chats.membership(closed.id)
    assert membership is not None and not membership.bot_can_post
    clock.advance(60)
    assert await sender.tick() == 0
    with running.database.unit_of_work() as uow:
        uow.chats.set_membership(closed.id, kind="channel", title="Closed", active=True, bot_can_post=True)
    assert await sender.tick() == 1
    assert texts(botapi, closed) == ["no rights"] and texts(botapi, channel) == ["again"]


async def test_a_group_that_became_a_supergroup_gets_its_message_there(
    botapi: BotApiServer, setup: tuple[RunningBot, OutboxSender, Clock, str]
) -> None:
    running, sender, _clock, _url = setup
    admin = await botapi.user(7002, "Ada")
    group = await botapi.group("Old group", members=[admin])
    supergroup = await botapi.migrate_group(group)
    push(running.conversation.services, "g", group.id, Reply().add("moved"))
    assert await sender.drain() == 0
    assert await sender.drain() == 1
    assert texts(botapi, supergroup) == ["moved"]


async def test_with_paid_broadcasts_replies_and_posts_carry_allow_paid_broadcast(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    """CREDBOT_PAID_BROADCAST: a reply and a post from the outbox are sent with
    allow_paid_broadcast (accepted by the Bot API: the test server checks every parameter), an
    edit is not; the overall limits are raised to the rate given."""
    url = f"sqlite:///{tmp_path / 'paid.sqlite3'}"
    running = await start_bot(botapi, url, request_timeout=1.0, settings_given={"paid_broadcast": 300})
    sender: OutboxSender = running.app.bot_data[OUTBOX_SENDER_KEY]
    try:
        learner = await botapi.user(4242, "Ada", language_code="en")
        welcome = (await running.say(learner, "/start"))[-1]
        await running.tap(learner, welcome, "Search")
        channel = await botapi.channel("Paid news")
        assert push(running.conversation.services, "paid-1", channel.id, Reply().add("Fresh credentials"))
        await sender.drain()
        sends = botapi.calls_to("sendMessage")
        assert sends and all(call.params.get("allow_paid_broadcast") is True for call in sends)
        edits = botapi.calls_to("editMessageText")
        assert edits and all("allow_paid_broadcast" not in call.params for call in edits)
        assert "Fresh credentials" in texts(botapi, channel)
        assert running.app.bot.rate_limiter.overall_per_second == 300
        assert sender.pacer.rates.overall_per_second == 250
    finally:
        await sender.stop()
        await running.stop()
    assert botapi.rejected == []
