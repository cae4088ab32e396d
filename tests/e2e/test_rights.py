"""Rights in groups, through the real Application and the local Bot API test server: each
settings change needs the caller's can_change_info, asked of Telegram live; a refusal comes in
the group's language and changes nothing; a demotion counts at once (chat_member); when
Telegram cannot be asked the action is refused with "try again"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, None, tmp_path) as running:
        yield running


def chat_locale(database: Database, chat: Chat) -> str | None:
    with database.unit_of_work() as uow:
        return uow.chats.locale(chat.id)


async def group_with_admin(server: BotApiServer, title: str, admin: User, *members: User) -> Chat:
    group = await server.group(title, members=members, supergroup=True, creator=admin, with_bot=False)
    await server.add_bot(group, admin)
    await server.wait_idle()
    return group


@pytest.mark.parametrize(
    ("adder_language", "refusal", "help_title"),
    [
        ("fr", "Seuls les administrateurs", "credbot dans ce groupe"),
        ("en", "Only administrators who may change this chat's info", "credbot in this group"),
    ],
)
async def test_a_member_is_refused_in_the_group_s_language_and_nothing_changes(
    bot: RunningBot, adder_language: str, refusal: str, help_title: str
) -> None:
    server = bot.server
    owner = await server.user(3001, "Odile", adder_language)
    member = await server.user(3002, "Max", "en" if adder_language == "fr" else "fr")
    group = await group_with_admin(server, "Study group", owner, member)
    (refused,) = await bot.say(member, "/language en" if adder_language == "fr" else "/langue fr", group)
    assert refusal in refused.plain, refused.plain
    assert chat_locale(bot.database, group) is None
    (answer,) = await bot.say(member, "/help", group)
    assert help_title in answer.plain


async def test_an_administrator_without_can_change_info_is_refused(bot: RunningBot) -> None:
    server = bot.server
    owner = await server.user(3011, "Olivia", "en")
    moderator = await server.user(3012, "Mo", "en")
    group = await group_with_admin(server, "Study group", owner, moderator)
    await server.set_admin(group, moderator, rights={"can_change_info": False})
    (refused,) = await bot.say(moderator, "/language fr", group)
    assert "Only administrators who may change this chat's info" in refused.plain
    assert chat_locale(bot.database, group) is None
    (done,) = await bot.say(owner, "/language fr", group)
    assert "français" in done.plain
    assert chat_locale(bot.database, group) == "fr"


async def test_a_demoted_administrator_loses_the_right_at_once(bot: RunningBot) -> None:
    server = bot.server
    owner = await server.user(3021, "Olivia", "en")
    editor = await server.user(3022, "Eve", "en")
    group = await group_with_admin(server, "Study group", owner, editor)
    await server.set_admin(group, editor)
    (done,) = await bot.say(editor, "/language fr", group)
    assert "français" in done.plain  # her rights are remembered now
    await server.change_member(group, editor, admin=False, by=owner)
    await server.wait_idle()
    (refused,) = await bot.say(editor, "/language en", group)
    assert "Seuls les administrateurs" in refused.plain, refused.plain
    assert chat_locale(bot.database, group) == "fr"
    # promoted again: the right is back at once too
    await server.change_member(group, editor, admin=True, by=owner)
    await server.wait_idle()
    (done,) = await bot.say(editor, "/language en", group)
    assert "English" in done.plain


@pytest.mark.parametrize(
    ("language", "try_again"),
    [("fr", "Veuillez réessayer"), ("en", "Please try again")],
)
async def test_the_check_fails_closed_when_telegram_cannot_be_asked(
    bot: RunningBot, language: str, try_again: str
) -> None:
    server = bot.server
    owner = await server.user(3031, "Olivia", language)
    group = await group_with_admin(server, "Study group", owner)
    server.fail_next("getChatMember", error_code=500, times=2)  # a 500, and again on the retry
    (refused,) = await bot.say(owner, "/language en" if language == "fr" else "/langue fr", group)
    assert try_again in refused.plain, refused.plain
    assert chat_locale(bot.database, group) is None
    # the failure was not remembered: asked again, Telegram answers
    (done,) = await bot.say(owner, "/language en" if language == "fr" else "/langue fr", group)
    assert chat_locale(bot.database, group) == ("en" if language == "fr" else "fr")
    assert done.plain
