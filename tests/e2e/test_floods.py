"""A learner flooding the bot slows only themselves (bot/conversation/flood.py): through the real
Application and the local Bot API test server, Ada sends 200 messages (in a group or in private)
or presses a button 200 times in a burst, and Bob, writing while her flood is being handled,
gets his search results within a bound; Ada is told once, in her language, what was over her
limit is dropped, and once her answers are out she is answered as usual. How many of her 200
are let through depends on how fast the bot answers (BURST ahead of the first, then about one
a second while the flood arrives): the tests bound it, no sleep."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.conversation.flood import BURST
from bot.frontends.telegram.serving import FLOOD_KEY
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, bot_on_copy, button_data

pytestmark = pytest.mark.asyncio

FLOOD = 200
# In a group, without the limits Bob's reply waits behind Ada's 200 under Telegram's 20 messages
# a minute per group (minutes); with them, behind a few of hers and the notice. In private it
# waits for the work her flood makes (about 10 s of it on this machine without them).
BOUND = 5.0  # generous: the machine is shared; without the limits the group case waits minutes
# Of a flood, at most this many are answered (1 + BURST, then about one a second).
ANSWERED = 16
SLOW_DOWN = {
    "en": "You are sending messages faster than I can answer",
    "fr": "Vous envoyez des messages plus vite que je ne peux répondre",
}
TOO_FAST = {
    "en": "Too fast: wait a few seconds, then try again.",
    "fr": "Trop vite\u00a0: attendez quelques secondes, puis réessayez.",
}
SEARCH = {"en": "cybersecurity", "fr": "cybersécurité"}
RESULTS = {"en": "results for", "fr": "résultats pour"}
NEXT = {"en": "Next", "fr": "Suivant"}
HELP = {"en": "/help", "fr": "/aide"}


@pytest_asyncio.fixture(params=[("en", "polling"), ("fr", "webhook")], ids=["en-polling", "fr-webhook"])
async def case(
    request: pytest.FixtureRequest, botapi: BotApiServer, seeded_database: Path, tmp_path: Path
) -> AsyncIterator[tuple[str, RunningBot]]:
    """(the learners' language, the bot): English in polling, French behind the webhook."""
    language, mode = request.param
    async with bot_on_copy(botapi, seeded_database, tmp_path, mode) as running:
        yield language, running


async def bob_waits(bot: RunningBot, bob: User, text: str, chat: Chat | None = None) -> float:
    """Bob searches now (`text`, in `chat` or in private); the seconds until his results come."""
    server = bot.server
    where = chat or bob
    seen = len(server.bot_messages(where))
    loop = asyncio.get_running_loop()
    started = loop.time()
    await server.send_text(bob, text, chat)
    await server.wait_for(
        lambda: [m for m in server.bot_messages(where)[seen:] if RESULTS[text_language(text)] in m.plain],
        timeout=30,
        what="Bob's results",
    )
    return loop.time() - started


def text_language(text: str) -> str:
    return "fr" if "é" in text else "en"


async def add_bot(server: BotApiServer, chat: Chat, by: User) -> None:
    """`by` adds the bot to `chat` (the group's language is theirs)."""
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


def refilled(bot: RunningBot) -> None:
    """The flood limits' clock moved on until the buckets are full again (no sleep)."""
    limits = bot.app.bot_data[FLOOD_KEY]
    later = limits.clock() + BURST / limits.per_second
    limits.clock = lambda: later


def flooded(said: list[Message], language: str) -> int:
    """How many of the flood were answered; exactly one notice among them."""
    notices = [m for m in said if SLOW_DOWN[language] in m.plain]
    assert len(notices) == 1, f"Ada is told once, not {len(notices)} times"
    assert BURST <= len(said) - 1 <= ANSWERED, f"{len(said) - 1} of Ada's {FLOOD} answered"
    return len(said) - 1


async def test_a_flood_in_a_group_slows_only_its_sender(case: tuple[str, RunningBot]) -> None:
    language, bot = case
    server = bot.server
    ada = await server.user(4201, "Ada", language)
    bob = await server.user(4202, "Bob", language)
    group = await server.group("Learners", members=[ada, bob], supergroup=True)
    await add_bot(server, group, ada)
    await bob_waits(bot, bob, f"/search {SEARCH[language]}", group)  # the index is built
    before = len(server.bot_messages(group))
    for _ in range(FLOOD):
        await server.send_text(ada, HELP[language], group)
    waited = await bob_waits(bot, bob, f"/search {SEARCH[language]}", group)
    await server.wait_idle(timeout=60)
    assert waited < BOUND, f"Bob waited {waited:.1f} s behind Ada's flood"
    said = server.bot_messages(group)[before:]
    flooded([m for m in said if RESULTS[language] not in m.plain], language)
    refilled(bot)
    assert len(await bot.say(ada, HELP[language], group)) == 1, "answered as usual again"


async def test_a_flood_in_private_slows_only_its_sender(case: tuple[str, RunningBot]) -> None:
    language, bot = case
    server = bot.server
    ada = await server.user(4203, "Ada", language)
    bob = await server.user(4204, "Bob", language)
    await bob_waits(bot, bob, SEARCH[language])
    for _ in range(FLOOD):
        await server.send_text(ada, SEARCH[language])
    waited = await bob_waits(bot, bob, SEARCH[language])
    await server.wait_idle(timeout=60)
    assert waited < BOUND, f"Bob waited {waited:.1f} s behind Ada's flood"
    answered = flooded(server.bot_messages(ada), language)
    assert bot.app.bot_data[FLOOD_KEY].dropped == FLOOD - answered, "the rest dropped"
    refilled(bot)
    reply = (await bot.say(ada, SEARCH[language]))[0]
    assert RESULTS[language] in reply.plain, "answered as usual again"


async def test_a_flood_of_presses_slows_only_its_sender(case: tuple[str, RunningBot]) -> None:
    language, bot = case
    server = bot.server
    ada = await server.user(4205, "Ada", language)
    bob = await server.user(4206, "Bob", language)
    await bob_waits(bot, bob, SEARCH[language])
    results = (await bot.say(ada, SEARCH[language]))[0]
    data = button_data(results, NEXT[language])
    for _ in range(FLOOD):  # all queued before the bot edits the message
        await server.press_button(ada, results, data)
    waited = await bob_waits(bot, bob, SEARCH[language])
    await server.wait_idle(timeout=60)
    bot.expect_rejected(lambda c: c.method == "editMessageText" and "not modified" in str(c.response))
    assert waited < BOUND, f"Bob waited {waited:.1f} s behind Ada's presses"
    answers = server.callback_answers
    assert len(answers) == FLOOD, "every press is answered, once"
    assert [a.text for a in answers].count(TOO_FAST[language]) == 1, "the notice once, as a toast"
    # The presses let through page (the same page again changes nothing); those dropped edit
    # nothing and send nothing.
    assert BURST <= len(server.calls_to("editMessageText")) <= ANSWERED
    assert len(server.bot_messages(ada)) == 1
