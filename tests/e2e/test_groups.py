"""The bot in groups and supergroups, through the real Application and the local Bot API test
server: the group's language governs every reply there, the bot answers commands, mentions and
replies to its own messages (never the members' chatter), results are compact with a deep link
that opens the same search in private, personal actions move to the private chat, and forum
topics get their replies in the right topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e.botapi_server import BOT_USERNAME, BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy, cyber_credentials, fixture_store

pytestmark = pytest.mark.asyncio

CYBER_COUNT = 8
EN_HELP, FR_HELP = "credbot in this group", "credbot dans ce groupe"


@pytest.fixture(scope="session")
def group_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture catalogue plus a few cyber credentials, seeded once."""
    extra = cyber_credentials("groups", CYBER_COUNT, "Cybersecurity basics", "Cybersécurité de base")
    return fixture_store(tmp_path_factory, "groups", extra)


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, group_catalogue: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, group_catalogue, tmp_path) as running:
        yield running


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
        assert FR_HELP in answer.plain, answer.plain
    for command in ("/aide", "/help"):
        (answer,) = await bot.say(lucie, command, english)
        assert EN_HELP in answer.plain, answer.plain

    # a member's own choice is theirs in private, and changes nothing in the group
    (private,) = await bot.say(lucie, "/langue fr")
    assert "français" in private.plain
    (answer,) = await bot.say(lucie, "/help", english)
    assert EN_HELP in answer.plain
    (answer,) = await bot.say(lucie, "/aide")
    assert "Comment utiliser credbot" in answer.plain


async def test_an_administrator_s_choice_governs_the_group(bot: RunningBot) -> None:
    server = bot.server
    owner = await server.user(2011, "Olivia", "en")
    member = await server.user(2012, "Marc", "fr")
    group = await server.group("Study group", members=[member], supergroup=True)
    await add_bot(server, group, owner)
    (answer,) = await bot.say(member, "/aide", group)
    assert EN_HELP in answer.plain
    (refused,) = await bot.say(member, "/langue fr", group)
    assert "administrators" in refused.plain
    (done,) = await bot.say(owner, "/language fr", group)
    assert "français" in done.plain
    (answer,) = await bot.say(owner, "/help", group)
    assert FR_HELP in answer.plain


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


# --------------------------------------------------------------------------- compact results


def _start_payload(url: str | None) -> str:
    prefix = f"https://t.me/{BOT_USERNAME}?start="
    assert url is not None and url.startswith(prefix), url
    return url[len(prefix) :]


async def test_group_results_are_compact_and_the_link_opens_the_same_search_in_private(
    bot: RunningBot,
) -> None:
    server = bot.server
    ada = await server.user(2031, "Ada", "en")
    lucie = await server.user(2032, "Lucie", "fr-CA")
    english = await server.group("Study group", members=[ada, lucie], supergroup=True)
    french = await server.group("Groupe d'étude", members=[ada, lucie], supergroup=True)
    await add_bot(server, english, ada)
    await add_bot(server, french, lucie)

    (compact,) = await bot.say(lucie, "/search cyber", english)
    lines = compact.plain.split("\n")
    assert len(lines) <= 5, compact.plain
    assert lines[0] == f"{CYBER_COUNT} results for “cyber”"
    assert lines[1].startswith("1. Cybersecurity basics")
    assert lines[-1] == f"…and {CYBER_COUNT - 3} more in private."
    ((label, url),) = [button for row in compact.buttons for button in row]
    assert label == "💬 Continue in private"
    payload = _start_payload(url)
    assert payload.startswith("s_") and "cyber" not in payload and len(payload) <= 64

    # the link opens the same search in private, in the learner's own language, with its pages
    (private,) = await bot.say(lucie, f"/start {payload}")
    assert private.plain.startswith(f"{CYBER_COUNT} résultats pour «\u00a0cyber\u00a0»"), private.plain
    assert "Page 1 sur 2" in private.plain
    assert any("Suivant" in label for row in private.buttons for label, _data in row)

    (french_compact,) = await bot.say(ada, "/search cyber", french)
    assert len(french_compact.plain.split("\n")) <= 5
    assert french_compact.plain.startswith(f"{CYBER_COUNT} résultats pour «\u00a0cyber\u00a0»")
    assert french_compact.plain.endswith(f"…et {CYBER_COUNT - 3} autres en privé.")
    assert french_compact.buttons[0][0][0] == "💬 Continuer en privé"

    # a result picked by replying to the list: a short card, its details in private
    before = len(server.bot_messages(english))
    await server.send_text(ada, "2", english, reply_to=compact)
    await server.wait_idle()
    (card,) = server.bot_messages(english)[before:]
    assert card.plain.startswith("Cybersecurity basics") and len(card.plain.split("\n")) <= 5
    assert _start_payload(card.buttons[0][0][1]).startswith("c_")


async def test_wallet_bundle_and_account_actions_in_a_group_continue_in_private(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(2041, "Ada", "en")
    group = await server.group("Study group", members=[ada], supergroup=True)
    await add_bot(server, group, ada)
    (found,) = await bot.say(ada, "/open 1")  # a credential id that exists, opened in private
    await bot.tap(ada, found, "I earned it")
    assert "You have earned" in server.bot_messages(ada)[-1].plain

    expected = {
        "/earned": "wallet",
        "/earn 3": "c_3",
        "/remove 1": "wallet",
        "/bundles": "bundles",
        "/export": "privacy",
        "/forget": "privacy",
        "/privacy": "privacy",
        f"@{BOT_USERNAME} show my wallet": "wallet",
    }
    for said, payload in expected.items():
        (answer,) = await bot.say(ada, said, group)
        assert answer.plain == "That is between you and me: let's continue in private.", (said, answer.plain)
        assert _start_payload(answer.buttons[0][0][1]) == payload, said
    assert server.documents_sent(group) == []
    assert "You have earned" in server.bot_messages(ada)[-1].plain, "nothing was removed or forgotten"

    # a bundle goal asked in the group is planned in private, behind a key
    (answer,) = await bot.say(ada, "/bundle data analyst", group)
    payload = _start_payload(answer.buttons[0][0][1])
    assert payload.startswith("g_") and "data" not in payload
    (planned,) = await bot.say(ada, f"/start {payload}")
    assert "data analyst" in planned.plain.lower(), planned.plain
    # the links open what they name
    (wallet,) = await bot.say(ada, "/start wallet")
    assert wallet.plain.startswith("Your wallet: 1 credential")
    (expired,) = await bot.say(ada, "/start s_unknown1")
    assert "That link has expired" in expired.plain
