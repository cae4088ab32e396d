"""Forum supergroups, through the real Application and the local Bot API test server (which
refuses message_thread_id=1 and any topic that does not exist): a question in a topic is answered
in that topic and one in General without a thread id, in French and in English; a digest
subscribed from a topic is posted there; when that topic is deleted, the digest goes to General
and the managers are told in private what happened and what to do."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

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
