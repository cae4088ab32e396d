"""Forum supergroups, through the real Application and the local Bot API test server (which
refuses message_thread_id=1 and any topic that does not exist): a question in a topic is answered
in that topic and one in General without a thread id, in French and in English; a digest
subscribed from a topic is posted there; when that topic is deleted, the digest goes to General
and the managers are told in private what happened and what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.domain.digest import Subscription
from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.outbox_sender import OutboxSender
from tests.e2e.botapi_server import BOT_USERNAME, BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy, cyber_credentials, fixture_store

pytestmark = pytest.mark.asyncio

CYBER_COUNT = 5


@pytest.fixture(scope="session")
def forum_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = cyber_credentials("forum", CYBER_COUNT, "Cybersecurity basics", "Cybersécurité de base")
    return fixture_store(tmp_path_factory, "forum", extra)


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, forum_catalogue: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, forum_catalogue, tmp_path) as running:
        yield running


async def forum_with_bot(server: BotApiServer, title: str, admin: User, *members: User) -> Chat:
    """A forum supergroup that `admin` (its creator) added the bot to."""
    forum = await server.group(title, members=members, forum=True, creator=admin, with_bot=False)
    await server.set_admin(forum, admin)
    await server.add_bot(forum, admin)
    await server.wait_idle()
    return forum


async def topic(server: BotApiServer, forum: Chat, name: str, by: User) -> int:
    thread_id = await server.create_topic(forum, name, by=by)
    await server.wait_idle()
    return thread_id


def start_payload(url: str | None) -> str:
    prefix = f"https://t.me/{BOT_USERNAME}?start="
    assert url is not None and url.startswith(prefix), url
    return url[len(prefix) :]


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("language", "search", "help_command", "found", "general_help", "more"),
    [
        (
            "en",
            "/search cyber",
            "/help",
            "results for “cyber”",
            "credbot in this group",
            "Continue in private",
        ),
        (
            "fr-CA",
            "/chercher cyber",
            "/aide",
            "résultats pour «\u00a0cyber\u00a0»",
            "credbot dans ce groupe",
            "Continuer en privé",
        ),
    ],
)
async def test_a_question_in_a_topic_is_answered_in_that_topic_and_one_in_general_without_thread(
    bot: RunningBot,
    language: str,
    search: str,
    help_command: str,
    found: str,
    general_help: str,
    more: str,
) -> None:
    server = bot.server
    admin = await server.user(3001, "Odile", language)
    member = await server.user(3002, "Max", language)
    forum = await forum_with_bot(server, "Réseau" if language != "en" else "Network", admin, member)
    courses = await topic(server, forum, "Courses", admin)
    chatter = await topic(server, forum, "Chatter", admin)

    (compact,) = await bot.say(member, search, forum, topic=courses)
    assert compact.thread_id == courses and found in compact.plain, compact.plain
    assert len(compact.plain.split("\n")) <= 5
    ((label, url),) = [button for row in compact.buttons for button in row]
    assert more in label
    # the deep link opens the same search in private
    (private,) = await bot.say(member, f"/start {start_payload(url)}")
    assert found in private.plain and private.thread_id is None

    # a reply to the bot's message in the topic (a pick from the list) stays in the topic
    before = len(server.bot_messages(forum))
    await server.send_text(member, "2", forum, reply_to=compact)
    await server.wait_idle()
    (card,) = server.bot_messages(forum)[before:]
    assert card.thread_id == courses and card.plain.startswith("Cyber"), card.plain

    # a mention in another topic is answered there; chatter there (which Telegram sends as a
    # reply to the topic's first message) is not for the bot
    (mentioned,) = await bot.say(member, f"@{BOT_USERNAME} cyber", forum, topic=chatter)
    assert mentioned.thread_id == chatter and found in mentioned.plain
    assert await bot.say(member, "cyber, anyone?", forum, topic=chatter) == []

    # General: no message_thread_id at all (the server refuses 1)
    (helped,) = await bot.say(member, help_command, forum)
    assert helped.thread_id is None and general_help in helped.plain, helped.plain
    sent = [call for call in server.calls_to("sendMessage") if call.params["chat_id"] == forum.id]
    # the first: the greeting when the bot was added, in General too
    assert [call.params.get("message_thread_id") for call in sent] == [None, courses, courses, chatter, None]
    assert [m.plain for m in server.topic_messages(forum, courses) if m.from_bot] == [
        compact.plain,
        card.plain,
    ]


# --------------------------------------------------------------------------- digests in a topic


class Clock:
    """The time the digest job and the outbox sender read: moved by the test."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def add_cyber(bot: RunningBot, tag: str, count: int) -> None:
    with bot.database.session() as session:
        session.add_all(cyber_credentials(tag, count, "Cyber defence", "Cyberdéfense"))


def subscriptions(bot: RunningBot, chat: Chat) -> list[Subscription]:
    digests = bot.conversation.services.digests
    assert digests is not None
    return digests.for_chat(chat.id)


async def next_run(bot: RunningBot, sender: OutboxSender, clock: Clock, chat: Chat, where: int | None) -> list[str]:
    """The clock reaches the chat's next digest run; the outbox is drained a second at a time
    until nothing more comes; the heads of the bot's new messages in topic `where`."""
    [subscription] = subscriptions(bot, chat)
    clock.now = subscription.schedule.next(clock.now)
    before = {m.message_id for m in bot.server.topic_messages(chat, where) if m.from_bot}
    await sender.tick()
    for _second in range(30):
        clock.now += dt.timedelta(seconds=1)
        await sender.drain()
    await bot.server.wait_idle()
    return [
        m.plain.splitlines()[0]
        for m in bot.server.topic_messages(chat, where)
        if m.from_bot and m.message_id not in before
    ]


@pytest.mark.parametrize(
    ("language", "subscribe", "described", "heads", "notice", "moved", "steps", "audit", "label"),
    [
        (
            "en",
            "/digest daily 9h en cyber auto",
            "Digest on cyber, in English, every day at 9:00 (America/Toronto), posted without preview.",
            ["New credentials (1/2)", "New credentials (2/2)"],
            # the bot saw the topic created: it names it
            "The forum topic “News” of “Network”, where I post, was deleted: I posted its message in General instead.",
            "Its digest posts in General from now on: Digest on cyber, in English, every day at 9:00",
            "To have it in another topic: send /digest daily 9h en auto cyber in that topic, "
            "then /digest stop in General.",
            "/audit",
            "Digest moved to General: its forum topic was deleted",
        ),
        (
            "fr-CA",
            "/bulletin quotidien 9h fr cyber auto",
            "Bulletin sur cyber, en français, chaque jour à 9 h (America/Toronto), publié sans aperçu.",
            ["Nouveaux titres de compétences (1/2)", "Nouveaux titres de compétences (2/2)"],
            "Le sujet de forum «\u00a0News\u00a0» de «\u00a0Réseau\u00a0», où je publie, a été supprimé\u00a0: "
            "j’ai plutôt publié le message dans Général.",
            "Son bulletin est publié dans Général désormais\u00a0: Bulletin sur cyber, en français, chaque jour à 9 h",
            "Pour le publier dans un autre sujet\u00a0: envoyez /bulletin quotidien 9h fr auto cyber dans ce "
            "sujet, puis /bulletin arrêt dans Général.",
            "/journal",
            "Bulletin déplacé dans Général\u00a0: son sujet de forum a été supprimé",
        ),
    ],
)
async def test_a_digest_subscribed_in_a_topic_goes_there_then_to_general_when_the_topic_is_deleted(
    bot: RunningBot,
    language: str,
    subscribe: str,
    described: str,
    heads: list[str],
    notice: str,
    moved: str,
    steps: str,
    audit: str,
    label: str,
) -> None:
    server = bot.server
    clock = Clock()
    bot.conversation.services.outbox.clock = clock
    sender: OutboxSender = bot.app.bot_data[OUTBOX_SENDER_KEY]
    admin = await server.user(3101, "Odile", language)
    forum = await forum_with_bot(server, "Réseau" if language != "en" else "Network", admin)
    news = await topic(server, forum, "News", admin)

    # subscribed from inside the topic: the topic is the digest's target
    (answer,) = await bot.say(admin, subscribe, forum, topic=news)
    assert answer.thread_id == news and answer.plain.startswith(described), answer.plain
    assert [s.thread_id for s in subscriptions(bot, forum)] == [news]

    add_cyber(bot, "topic-1", 20)  # two parts
    assert await next_run(bot, sender, clock, forum, news) == heads
    assert await next_run(bot, sender, clock, forum, None) == []  # nothing new, nothing posted

    # the topic is deleted (Telegram tells bots nothing); the next run's first part is refused
    await server.delete_topic(forum, news)
    add_cyber(bot, "topic-2", 20)
    assert await next_run(bot, sender, clock, forum, None) == heads  # in General, each once
    refused = bot.expect_rejected(lambda call: "message thread not found" in str(call.response))
    assert len(refused) == 1 and refused[0].params.get("message_thread_id") == news
    assert [s.thread_id for s in subscriptions(bot, forum)] == [None]
    # the manager is told once, in private, in their language, with the steps
    notices = [m.plain for m in server.bot_messages(admin) if m.plain.startswith(notice)]
    assert len(notices) == 1, [m.plain for m in server.bot_messages(admin)]
    assert moved in notices[0] and notices[0].endswith(steps), notices[0]

    # later runs post in General at once: no refusal, no second notice
    add_cyber(bot, "topic-3", 3)
    assert await next_run(bot, sender, clock, forum, None) == [heads[0].split(" (")[0]]
    assert [m.plain for m in server.bot_messages(admin) if m.plain.startswith(notice)] == notices
    assert all(
        call.params.get("message_thread_id") in (None, news) for call in server.calls_to("sendMessage")
    ), "never message_thread_id=1"

    # the audit log: the bot moved the digest, from the topic to General
    (log,) = await bot.say(admin, audit, forum)
    assert log.thread_id is None and label in log.plain, log.plain
    (entry,) = [block for block in log.plain.split("\n\n") if label in block]
    assert ("credbot (automatic)" if language == "en" else "credbot (automatiquement)") in entry, entry
    assert f"{news} → {'General' if language == 'en' else 'Général'}" in entry, entry
