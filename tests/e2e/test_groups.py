"""The bot in groups and supergroups, through the real Application and the local Bot API test
server: the group's language governs every reply there, the bot answers commands, mentions and
replies to its own messages (never the members' chatter), results are compact with a deep link
that opens the same search in private, personal actions move to the private chat, and forum
topics get their replies in the right topic."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
import pytest_asyncio

from bot.catalogue.importer import ensure_seeded
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BOT_USERNAME, BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, start_bot

pytestmark = pytest.mark.asyncio

FIXTURES = Path(__file__).parents[1] / "catalogue" / "fixtures"
CYBER_COUNT = 8


@pytest.fixture(scope="session")
def group_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture catalogue plus a few cyber credentials, seeded once."""
    source = tmp_path_factory.mktemp("groups-catalogue")
    for name in ("catalogue.ctdl.json", "skills.json"):
        shutil.copy(FIXTURES / name, source / name)
    path = tmp_path_factory.mktemp("groups-db") / "credbot.sqlite3"
    db = Database(f"sqlite:///{path}")
    ensure_seeded(db, source)
    with db.session() as session:
        for number in range(1, CYBER_COUNT + 1):
            session.add(
                models.Credential(
                    external_id=f"groups-cyber-{number}",
                    name_en=f"Cybersecurity basics {number}",
                    name_fr=f"Cybersécurité de base {number}",
                    description_en="Protect systems.",
                    description_fr="Protéger les systèmes.",
                    languages=["en", "fr"],
                    hours=10.0 + number,
                    cost=Decimal("100"),
                    currency="CAD",
                    delivery="online",
                    keywords={"en": ["cyber"], "fr": ["cyber"]},
                )
            )
    db.dispose()
    return path


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, group_catalogue: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    database = tmp_path / "credbot.sqlite3"
    shutil.copy(group_catalogue, database)
    running = await start_bot(botapi, f"sqlite:///{database}")
    try:
        yield running
    finally:
        await running.stop()
    assert botapi.rejected == [], "the test server refused some of the bot's requests"


async def add_bot(server: BotApiServer, chat: Chat, by: User) -> None:
    """`by` adds the bot to `chat`: the my_chat_member update Telegram sends."""
    await server.set_admin(chat, by)
    bot_user = server.bot_user.to_api()
    await server.send_raw_update(
        {
            "my_chat_member": {
                "chat": chat.to_api(),
                "from": by.to_api(),
                "date": 1_780_000_000,
                "old_chat_member": {"status": "left", "user": bot_user},
                "new_chat_member": {"status": "member", "user": bot_user},
            }
        }
    )
    await server.wait_idle()


# --------------------------------------------------------------------------- the group's language


async def test_each_group_answers_everyone_in_its_own_language(bot: RunningBot) -> None:
    server = bot.server
    claire = await server.user(2001, "Claire", "fr-CA")  # adds the bot to the French group
    dana = await server.user(2002, "Dana", "en")  # adds the bot to the English group
    sam = await server.user(2003, "Sam", "en-GB")  # an English-speaking member of both
    lucie = await server.user(2004, "Lucie", "fr")  # a French-speaking member of both
    french = await server.group("Réseau des apprenants", members=[sam, lucie], supergroup=True)
    english = await server.group("Learners network", members=[sam, lucie], supergroup=True)
    await add_bot(server, french, claire)
    await add_bot(server, english, dana)

    for command in ("/aide", "/help"):
        (answer,) = await bot.say(sam, command, french)
        assert "Comment utiliser credbot" in answer.plain, answer.plain
    for command in ("/aide", "/help"):
        (answer,) = await bot.say(lucie, command, english)
        assert "How to use credbot" in answer.plain, answer.plain

    # a member's own choice is theirs in private, and changes nothing in the group
    (private,) = await bot.say(lucie, "/langue fr")
    assert "français" in private.plain
    (answer,) = await bot.say(lucie, "/help", english)
    assert "How to use credbot" in answer.plain
    (answer,) = await bot.say(lucie, "/aide")
    assert "Comment utiliser credbot" in answer.plain


async def test_an_administrator_s_choice_governs_the_group(bot: RunningBot) -> None:
    server = bot.server
    owner = await server.user(2011, "Olivia", "en")
    member = await server.user(2012, "Marc", "fr")
    group = await server.group("Study group", members=[member], supergroup=True)
    await add_bot(server, group, owner)
    (answer,) = await bot.say(member, "/aide", group)
    assert "How to use credbot" in answer.plain
    (refused,) = await bot.say(member, "/langue fr", group)
    assert "administrators" in refused.plain
    (done,) = await bot.say(owner, "/language fr", group)
    assert "français" in done.plain
    (answer,) = await bot.say(owner, "/help", group)
    assert "Comment utiliser credbot" in answer.plain


# --------------------------------------------------------------------------- what the bot answers


async def test_mentions_and_replies_are_answered_and_chatter_is_ignored(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(2021, "Ada", "en")
    bea = await server.user(2022, "Bea", "en")
    group = await server.group("Study group", members=[ada, bea], supergroup=True)
    await add_bot(server, group, ada)

    assert await bot.say(ada, "cyber", group) == []
    assert await bot.say(bea, "hello everyone, any good course on cyber?", group) == []
    assert await bot.say(bea, "/whatever", group) == []  # maybe another bot's command

    (answer,) = await bot.say(ada, f"@{BOT_USERNAME} cyber", group)
    assert "results for “cyber”" in answer.plain, answer.plain

    # a mention without a username (text_mention), in the middle of the text
    text = "hey Credbot cyber"
    mention = {"type": "text_mention", "offset": 4, "length": 7, "user": server.bot_user.to_api()}
    before = len(server.bot_messages(group))
    await server.send_text(bea, text, group, entities=[mention])
    await server.wait_idle()
    (answer,) = server.bot_messages(group)[before:]
    assert "results for “cyber”" in answer.plain, answer.plain

    # a reply to the bot's message is for the bot; a reply to a member's message is not
    before = len(server.bot_messages(group))
    await server.send_text(bea, "cloud security", group, reply_to=answer)
    await server.wait_idle()
    (second,) = server.bot_messages(group)[before:]
    assert "“cloud security”" in second.plain, second.plain
    chatter = server.transcript(group)[-2]
    assert not chatter.from_bot
    before = len(server.bot_messages(group))
    await server.send_text(ada, "agreed, cloud security is great", group, reply_to=chatter)
    await server.wait_idle()
    assert server.bot_messages(group)[before:] == []
    # a mention alone: the bot asks what to look for
    (asked,) = await bot.say(ada, f"@{BOT_USERNAME}", group)
    assert "What would you like to learn?" in asked.plain
