"""`/manage` (`/gerer`) through the real Application and the local Bot API test server, in English
and in French: a manager of a French group and an English private channel (no username) sees
both, and not a group they only belong to; a member sees none; an administrator demoted after the
listing is refused at the press with nothing changed; a failing getChatMember lists no chat and
asks to try again; the group's language changed from /manage changes the group's replies and is
in the audit log; a channel's statistics and digests open from its card."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.domain import audit as kinds
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, labels
from tests.e2e.test_rights import group_with_admin

pytestmark = pytest.mark.asyncio

WORDS = {
    "en": {
        "manage": "/manage",
        "heading": "Chats you administer",
        "group": "Cercle des apprenants · group",
        "channel": "Network News · channel",
        "nothing": "Nothing to manage",
        "not_admin": "You are not an administrator of any group or channel I am in.",
        "refused": "Only this chat's administrators can do this.",
        "refused_info": "Only administrators who may change this chat's info can do this.",
        "try_again": "🔄 Try again",
        "not_checked": "I couldn't check your rights with Telegram just now",
        "language": "Language",
        "statistics": "Statistics",
        "stats_title": "📊 Statistics",
        "digests": "Digests",
        "digests_of": "Digests of “Network News”",
        "subscribe": "daily 9h en cyber",
        "described": "Digest on cyber, in English, every day at 9:00",
        "group_help": "credbot in this group",
        "in_private": "Manage your groups and channels with me in private",
    },
    "fr": {
        "manage": "/gerer",
        "heading": "Discussions dont vous êtes administrateur",
        "group": "Cercle des apprenants · groupe",
        "channel": "Network News · canal",
        "nothing": "Rien à gérer",
        "not_admin": "Vous n’êtes administrateur d’aucun groupe ni d’aucun canal où je me trouve.",
        "refused": "Seuls les administrateurs de cette discussion",
        "refused_info": "Seuls les administrateurs qui peuvent modifier les infos",
        "try_again": "🔄 Réessayer",
        "not_checked": "Je n’ai pas pu vérifier vos droits auprès de Telegram",
        "language": "Langue",
        "statistics": "Statistiques",
        "stats_title": "📊 Statistiques",
        "digests": "Bulletins",
        "digests_of": "Bulletins de « Network News »",
        "subscribe": "quotidien 9h en cyber",
        "described": "Bulletin sur cyber, en anglais, chaque jour à 9 h",
        "group_help": "credbot dans ce groupe",
        "in_private": "Gérez vos groupes et vos canaux avec moi en privé",
    },
}
LANGUAGES = pytest.mark.parametrize("language", ["en", "fr"])


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, None, tmp_path) as running:
        yield running


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def set_locale(database: Database, chat: Chat, locale: str) -> None:
    with database.unit_of_work() as uow:
        uow.chats.set_locale(chat.id, locale)


def chat_locale(database: Database, chat: Chat) -> str | None:
    with database.unit_of_work() as uow:
        return uow.chats.locale(chat.id)


async def private_channel(server: BotApiServer, title: str, admin: User) -> Chat:
    """A channel without a username, created by `admin`, who then makes the bot an administrator
    (my_chat_member: the bot learns the channel and `admin` becomes a manager)."""
    channel = await server.channel(title)
    assert channel.username is None
    channel.members.discard(server.bot_user.id)
    channel.admins.discard(server.bot_user.id)
    channel.creator = admin.id
    channel.members.add(admin.id)
    await server.add_bot(channel, admin, admin=True)
    await server.wait_idle()
    return channel


async def manager_with_chats(bot: RunningBot, language: str, base: int) -> tuple[User, Chat, Chat]:
    """A manager of a French group and an English private channel; another group where the
    manager is only a member."""
    server = bot.server
    manager = await server.user(base, "Odile", language, last_name="Ouellet")
    group = await group_with_admin(server, "Cercle des apprenants", manager)
    set_locale(bot.database, group, "fr")
    channel = await private_channel(server, "Network News", manager)
    set_locale(bot.database, channel, "en")
    stranger = await server.user(base + 1, "Sam", "en")
    await group_with_admin(server, "Staff room", stranger, manager)
    return manager, group, channel


def last(messages: list[Message]) -> Message:
    assert messages, "the bot said nothing"
    return messages[-1]


@LANGUAGES
async def test_a_manager_sees_their_group_and_private_channel_and_a_member_sees_none(
    bot: RunningBot, language: str
) -> None:
    words = WORDS[language]
    manager, group, _channel = await manager_with_chats(bot, language, 4100 if language == "en" else 4200)
    (listed,) = await bot.say(manager, words["manage"])
    text = plain(listed.plain)
    assert words["heading"] in text, text
    assert labels(listed) == [words["group"], words["channel"]]
    assert "Staff room" not in text and all("Staff" not in label for label in labels(listed))

    member = await bot.server.user(manager.id + 50, "Max", language)
    group.members.add(member.id)
    (nothing,) = await bot.say(member, words["manage"])
    text = plain(nothing.plain)
    assert words["nothing"] in text and words["not_admin"] in text, text
    assert labels(nothing) == []
    assert "Cercle" not in text and "Network" not in text and "Staff" not in text

    # in a group: no list there, a link to the private chat
    (pointed,) = await bot.say(member, words["manage"], group)
    assert WORDS["fr"]["in_private"] in plain(pointed.plain)  # the group's language
    assert "Network" not in pointed.plain
    [[(_label, url)]] = pointed.buttons
    assert url is not None and url.endswith("?start=manage")


@LANGUAGES
async def test_a_demoted_administrator_is_refused_at_the_press_and_nothing_changes(
    bot: RunningBot, language: str
) -> None:
    words = WORDS[language]
    server = bot.server
    owner = await server.user(4300 if language == "en" else 4400, "Olivia", language)
    editor = await server.user(owner.id + 1, "Eve", language)
    group = await group_with_admin(server, "Cercle des apprenants", owner, editor)
    set_locale(bot.database, group, "fr")
    await server.set_admin(group, editor)
    (listed,) = await bot.say(editor, words["manage"])
    assert labels(listed) == [words["group"]]
    card = last(await bot.tap(editor, listed, "Cercle"))
    choices = last(await bot.tap(editor, card, words["language"]))
    assert "English" in labels(choices) and "Français" in labels(choices)

    await server.change_member(group, editor, admin=False, by=owner)
    await server.wait_idle()
    refused = last(await bot.tap(editor, choices, "English"))
    assert words["refused_info"] in plain(refused.plain), refused.plain
    refused_card = last(await bot.press(editor, listed, button_data(listed, "Cercle")))
    assert words["refused"] in plain(refused_card.plain), refused_card.plain
    assert chat_locale(bot.database, group) == "fr"
    with bot.database.unit_of_work() as uow:
        assert uow.audit.recent(group.id, limit=10) == []
    (again,) = await bot.say(editor, words["manage"])
    assert words["nothing"] in plain(again.plain)


@LANGUAGES
async def test_a_failing_get_chat_member_lists_nothing_and_asks_to_try_again(
    bot: RunningBot, language: str
) -> None:
    words = WORDS[language]
    server = bot.server
    manager, _group, _channel = await manager_with_chats(bot, language, 4500 if language == "en" else 4600)
    # three chats asked about, each a 500 and again a 500 on the retry
    server.fail_next("getChatMember", error_code=500, times=6)
    (listed,) = await bot.say(manager, words["manage"])
    text = plain(listed.plain)
    assert words["not_checked"] in text, text
    assert "Cercle des apprenants" in text and "Network News" in text  # the chats they manage, named
    assert "Staff" not in text
    assert labels(listed) == [words["try_again"]]  # no chat listed on a right that was not checked
    again = last(await bot.tap(manager, listed, "🔄"))
    assert again.message_id == listed.message_id  # the list, in place
    assert labels(again) == [words["group"], words["channel"]]


@LANGUAGES
async def test_the_group_s_language_changed_from_manage_changes_its_replies_and_is_audited(
    bot: RunningBot, language: str
) -> None:
    words = WORDS[language]
    manager, group, _channel = await manager_with_chats(bot, language, 4700 if language == "en" else 4800)
    (help_before,) = await bot.say(manager, "/help", group)
    assert WORDS["fr"]["group_help"] in help_before.plain
    (listed,) = await bot.say(manager, words["manage"])
    card = last(await bot.tap(manager, listed, "Cercle"))
    assert card.message_id == listed.message_id  # the card replaces the list
    choices = last(await bot.tap(manager, card, words["language"]))
    done = last(await bot.tap(manager, choices, "English"))
    assert "English" in done.plain or "anglais" in done.plain
    assert chat_locale(bot.database, group) == "en"
    (help_after,) = await bot.say(manager, "/aide", group)
    assert WORDS["en"]["group_help"] in help_after.plain
    with bot.database.unit_of_work() as uow:
        (entry,) = uow.audit.recent(group.id, limit=10)
    assert entry.action == kinds.CHAT_LANGUAGE and entry.actor.user_id == manager.id
    assert (entry.before, entry.after) == ({"language": "fr"}, {"language": "en"})


@LANGUAGES
async def test_a_channel_s_statistics_and_digests_open_from_its_card(bot: RunningBot, language: str) -> None:
    words = WORDS[language]
    manager, _group, channel = await manager_with_chats(bot, language, 4900 if language == "en" else 5000)
    (listed,) = await bot.say(manager, words["manage"])
    card = last(await bot.tap(manager, listed, "Network News"))
    assert str(channel.id) in card.plain

    stats = last(await bot.tap(manager, card, words["statistics"]))
    assert words["stats_title"] in stats.plain

    digests = last(await bot.tap(manager, card, words["digests"]))
    text = plain(digests.plain)
    assert words["digests_of"] in text, text
    digest_command = "/digest" if language == "en" else "/bulletin"
    assert f"{digest_command} {channel.id}" in text
    (subscribed,) = await bot.say(manager, f"{digest_command} {channel.id} {words['subscribe']}")
    assert words["described"] in plain(subscribed.plain), subscribed.plain
    card_again = last(await bot.tap(manager, digests, "Network News"))
    assert words["described"] in plain(card_again.plain), card_again.plain
