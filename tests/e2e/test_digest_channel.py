"""A digest to a channel, end to end on the local Bot API server: an administrator subscribes the
channel in private (daily at 9:00, America/Toronto), new credentials arrive, the clock ticks, the
preview reaches the administrator, they approve, and every part is posted once under Telegram's
rates; then the same after a timed-out send, after the bot lost (and got back) the right to
post, and (test_digest_survives_a_kill) after the bot was killed with SIGKILL mid-post.

Time is a fake clock the test moves (the digest job and the sender both read it); the
subscription is made in real time, so the clock starts at the subscription's first run."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from bot.domain.digest import Subscription
from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.outbox_sender import OutboxSender
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, cyber_credentials, start_bot

pytestmark = pytest.mark.asyncio


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@dataclass
class Setup:
    botapi: BotApiServer
    running: RunningBot
    sender: OutboxSender
    clock: Clock
    url: str

    @property
    def database(self) -> Database:
        return self.running.database


async def started(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> Setup:
    path = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded_database, path)
    url = f"sqlite:///{path}"
    clock = Clock()
    running = await start_bot(botapi, url, request_timeout=1.0)
    running.conversation.services.outbox.clock = clock
    sender: OutboxSender = running.app.bot_data[OUTBOX_SENDER_KEY]
    return Setup(botapi, running, sender, clock, url)


async def stopped(setup: Setup) -> None:
    await setup.sender.stop()
    await setup.running.stop()


@pytest_asyncio.fixture
async def setup(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[Setup]:
    running = await started(botapi, seeded_database, tmp_path)
    try:
        yield running
    finally:
        await stopped(running)
    assert botapi.rejected == [], "the test server refused some of the bot's requests"


async def channel_with_admin(setup: Setup, title: str, admin: User) -> Chat:
    """A channel where the bot and `admin` are administrators, known to the bot as such (as the
    bot's membership updates record it) with `admin` among its managers."""
    channel = await setup.botapi.channel(title)
    await setup.botapi.set_admin(channel, admin)
    with setup.database.unit_of_work() as uow:
        uow.chats.set_membership(channel.id, kind="channel", title=title, active=True, bot_can_post=True)
        uow.chats.add_manager(channel.id, admin.id, kind="channel", title=title)
    return channel


def add_credentials(database: Database, tag: str, count: int) -> None:
    with database.session() as session:
        session.add_all(cyber_credentials(tag, count, "Cyber defence", "Cyberdéfense"))


def subscription(setup: Setup, channel: Chat) -> Subscription:
    digests = setup.running.conversation.services.digests
    assert digests is not None
    [found] = digests.for_chat(channel.id)
    return found


def texts(botapi: BotApiServer, chat: Chat | User) -> list[str]:
    return [message.plain for message in botapi.bot_messages(chat)]


async def first_run_preview(setup: Setup, admin: User, channel: Chat) -> tuple[Message, str]:
    """The clock reaches the subscription's first run: the preview goes to the administrator (in
    as many messages as Telegram's length needs; the buttons under the last); that message and
    the whole text."""
    setup.clock.now = subscription(setup, channel).schedule.next(setup.clock.now)
    before = len(setup.botapi.bot_messages(admin))
    await setup.sender.tick()
    await setup.botapi.wait_idle()
    previews = setup.botapi.bot_messages(admin)[before:]
    assert previews and previews[-1].buttons, [m.plain for m in previews]
    return previews[-1], "\n".join(message.plain for message in previews)


async def post_all(setup: Setup, channel: Chat, expected: int, limit: int = 300) -> list[dt.datetime]:
    """Drains the outbox a second of fake time at a time until `expected` messages are in the
    channel; when each went out."""
    sent_at: list[dt.datetime] = []
    for _second in range(limit):
        setup.clock.advance(1)
        await setup.sender.drain()
        count = len(setup.botapi.bot_messages(channel))
        sent_at += [setup.clock.now] * (count - len(sent_at))
        if count >= expected:
            break
    return sent_at


async def test_a_bilingual_digest_is_previewed_approved_and_posted_under_the_rates(setup: Setup) -> None:
    botapi = setup.botapi
    admin = await botapi.user(8101, "Édith", language_code="fr-CA")
    channel = await channel_with_admin(setup, "Réseau cyber", admin)
    [answer] = await setup.running.say(admin, f"/bulletin {channel.id} quotidien 9h bilingue cyber")
    assert answer.plain.startswith(
        "Bulletin sur cyber, en français et en anglais, chaque jour à 9 h (America/Toronto), "
        "avec un aperçu d’abord pour vous."
    )
    # 165 new credentials: 11 messages of 15 per language, 22 in all, more than 20 a minute.
    add_credentials(setup.database, "wave", 165)

    preview, shown = await first_run_preview(setup, admin, channel)
    assert "Aperçu du bulletin pour «\u00a0Réseau cyber\u00a0»\u00a0:" in shown
    assert "Nouveaux titres de compétences (1/11)" in shown and "New credentials (1/11)" in shown
    assert "165 titres en tout, en 11 messages par langue." in shown
    assert texts(botapi, channel) == []  # nothing before the approval

    [approved] = await setup.running.tap(admin, preview, "Approuver")
    assert approved.plain == "Bulletin publié dans «\u00a0Réseau cyber\u00a0» (165)."
    assert approved.buttons == []  # the preview became the answer: no second Approve

    sent_at = await post_all(setup, channel, 22)
    posted = texts(botapi, channel)
    assert len(posted) == 22
    heads = [text.splitlines()[0] for text in posted]
    assert heads == [f"Nouveaux titres de compétences ({n}/11)" for n in range(1, 12)] + [
        f"New credentials ({n}/11)" for n in range(1, 12)
    ]
    body = "\n".join(posted)
    for number in range(1, 166):  # each credential once per language
        assert body.count(f"Cyberdéfense {number}\n") == 1, number
        assert body.count(f"Cyber defence {number}\n") == 1, number
    # The rates: a second apart at least, never more than 20 in a minute, so the 21st waited.
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent_at)]
    assert min(gaps) >= dt.timedelta(seconds=1)
    assert all(sent_at[n + 20] - sent_at[n] >= dt.timedelta(seconds=60) for n in range(len(sent_at) - 20))
    assert sent_at[20] - sent_at[19] > dt.timedelta(seconds=1)

    for _hour in range(3):  # later ticks (and the next day's run, with nothing new) post nothing
        setup.clock.advance(3600 * 8)
        await setup.sender.tick()
    assert len(texts(botapi, channel)) == 22


async def test_a_timed_out_part_is_never_sent_again_and_the_admin_is_told(setup: Setup) -> None:
    botapi = setup.botapi
    admin = await botapi.user(8102, "Eric", language_code="en")
    channel = await channel_with_admin(setup, "Cyber news", admin)
    await setup.running.say(admin, f"/digest {channel.id} daily 9h en cyber")
    add_credentials(setup.database, "late", 20)  # two parts
    preview, _shown = await first_run_preview(setup, admin, channel)
    [approved] = await setup.running.tap(admin, preview, "Approve")
    assert "Digest posted to “Cyber news” (20)." in approved.plain

    # The first part reaches the channel but its answer comes after the bot's 1 s timeout.
    botapi.delay_next("sendMessage", 3)
    setup.clock.advance(1)
    assert await setup.sender.drain() == 0
    botapi.release_held()
    await botapi.wait_idle()
    for _step in range(60):  # an hour of drains: the notice and the second part only
        setup.clock.advance(60)
        await setup.sender.drain()
    posted = texts(botapi, channel)
    assert [text.splitlines()[0] for text in posted] == ["New credentials (1/2)", "New credentials (2/2)"]
    notices = [text for text in texts(botapi, admin) if "may not have been posted" in text]
    assert notices == [
        "A message to “Cyber news” may not have been posted: Telegram did not answer in time.\n"
        "The bot will not post it again on its own, so that it never appears twice. "
        "Look in the chat: if the message is missing, post it again yourself."
    ]


async def credbot_run(botapi: BotApiServer, url: str, home: Path) -> asyncio.subprocess.Process:
    """`credbot run` in a process of its own on the store `url`, its clock ticking every 0.2 s."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": botapi.token,
        "TELEGRAM_API_URL": botapi.root,
        "CREDBOT_HOME": str(home),
        "DATABASE_URL": url,
        "CREDBOT_CLOCK_SECONDS": "0.2",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_digest_survives_a_kill(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> None:
    """Killed with SIGKILL while Telegram holds the answer to its second part, then started again
    on the same store: every part is in the channel once, the one in flight is reported to the
    administrator as unsure and not sent again."""
    setup = await started(botapi, seeded_database, tmp_path)
    admin = await botapi.user(8104, "Josée", language_code="fr-CA")
    channel = await channel_with_admin(setup, "Bulletin REFAD", admin)
    # Chosen, so that notices reach her in French (the store keeps no Telegram language).
    await setup.running.say(admin, "/langue fr")
    await setup.running.say(admin, f"/bulletin {channel.id} quotidien 9h fr cyber")
    add_credentials(setup.database, "kill", 40)  # three parts
    preview, _shown = await first_run_preview(setup, admin, channel)
    # The approval comes in real time: the process that posts reads the real clock.
    setup.running.conversation.services.outbox.clock = lambda: dt.datetime.now(dt.UTC)
    [approved] = await setup.running.tap(admin, preview, "Approuver")
    assert "(40)" in approved.plain
    await stopped(setup)
    assert texts(botapi, channel) == []

    botapi.delay_next("sendMessage", 30, after=1)  # the second part is posted, its answer held
    process = await credbot_run(botapi, setup.url, tmp_path)
    try:
        await botapi.wait_for(lambda: len(botapi.bot_messages(channel)) == 2, timeout=60, what="2 parts")
    finally:
        process.kill()
        await process.wait()
    botapi.release_held()
    assert process.returncode == -signal.SIGKILL
    # The restart comes later than the outbox's 5 minutes for a sender that never came back.
    database = Database(setup.url)
    with database.session() as session:
        for row in session.query(models.OutboxMessage).filter(
            models.OutboxMessage.state.in_(("claimed", "sending"))
        ):
            row.updated_at = row.updated_at - dt.timedelta(minutes=6)
    database.dispose()

    process = await credbot_run(botapi, setup.url, tmp_path)
    try:
        await botapi.wait_for(
            lambda: (
                len(botapi.bot_messages(channel)) >= 3
                and any("n’a peut-être pas été publié" in text for text in texts(botapi, admin))
            ),
            timeout=60,
            what="the third part and the notice",
        )
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, err.decode()[-2000:]
    heads = [text.splitlines()[0] for text in texts(botapi, channel)]
    assert heads == [f"Nouveaux titres de compétences ({n}/3)" for n in (1, 2, 3)]
    notices = [text for text in texts(botapi, admin) if "n’a peut-être pas été publié" in text]
    assert notices == [
        "Un message destiné à «\u00a0Bulletin REFAD\u00a0» n’a peut-être pas été publié\u00a0: "
        "Telegram n’a pas répondu à temps.\n" + notices[0].split("\n", 1)[1]
    ]
    assert botapi.rejected == []
