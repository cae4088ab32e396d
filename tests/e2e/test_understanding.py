"""What learners actually type, through Telegram (the real Application against the local Bot API
test server): thanks, paging in words, a result's number, edits in words, account questions, a
whole sentence with limits, a bare language name, saved bundles, a very long message."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e.botapi_server import BotApiServer, Message
from tests.e2e.harness import RunningBot, bot_on_copy, labels

pytestmark = pytest.mark.asyncio

MOTHER = (
    "Bonjour, je suis une mère de famille et je cherche une formation en comptabilité à distance, "
    "pas trop chère."
)


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


def numbered(message: Message) -> list[str]:
    """The titles of a list, in order ("1. Title")."""
    return re.findall(r"^\d+\. (.+)$", message.plain, flags=re.MULTILINE)


async def test_english_chat_words_are_understood(bot: RunningBot) -> None:
    learner = await bot.server.user(7101, first_name="Ada", language_code="en")
    thanks = (await bot.say(learner, "thanks!"))[0].plain
    assert "You're welcome" in thanks and "Did you mean" not in thanks

    results = (await bot.say(learner, "cybersecurity"))[0]
    assert "Page 1 of" in results.plain
    second = numbered(results)[1]
    page_two = (await bot.say(learner, "next"))[0]
    assert "Page 2 of" in page_two.plain and page_two.message_id != results.message_id
    back = (await bot.say(learner, "previous"))[0]
    assert "Page 1 of" in back.plain
    card = (await bot.say(learner, "2"))[0]
    assert card.plain.splitlines()[0] == second, "typing 2 opens the second result"
    assert "I earned it" in " ".join(labels(card))

    privacy = (await bot.say(learner, "what do you store about me?"))[0].plain
    assert "every bundle you ask for, saved or not" in privacy and "Online Store" not in privacy
    assert "under your Telegram user number" in privacy

    bundles = (await bot.say(learner, "my bundles"))[0].plain
    assert "You have no saved bundles yet." in bundles and "Did you mean" not in bundles

    bundle = (await bot.say(learner, "bundle for data analyst"))[0]
    items = numbered(bundle)
    assert len(items) >= 2
    dropped = (await bot.say(learner, "drop the first one"))[0]
    # The bundle is planned again without it: the rest is kept or bettered, never the first.
    assert items[0] not in numbered(dropped), "the first item left the bundle"
    await bot.say(learner, "save it")
    listed = (await bot.say(learner, "my bundles"))[0]
    assert "1 saved bundle" in listed.plain and "data analyst" in listed.plain
    assert any("Open 1" in label for label in labels(listed))

    chat = (await bot.say(learner, "french"))[0]
    assert "Do you want courses taught in French" in chat.plain
    assert [label.split(" ", 1)[1] for label in labels(chat)] == ["Courses in French", "Interface in French"]
    still_english = (await bot.say(learner, "thanks"))[0].plain
    assert "You're welcome" in still_english


async def test_french_chat_words_are_understood(bot: RunningBot) -> None:
    learner = await bot.server.user(7202, first_name="Élise", language_code="fr-CA")
    thanks = (await bot.say(learner, "merci!"))[0].plain
    assert "Avec plaisir" in thanks and "Vouliez-vous dire" not in thanks

    sentence = (await bot.say(learner, MOTHER))[0].plain
    assert "résultats pour «\u00a0comptabilité à distance pas trop chère\u00a0»" in sentence
    assert "Limites comprises\u00a0: en ligne et ceux à 300\u00a0$ ou moins d’abord" in sentence
    assert "Rien ne respecte" not in sentence and "mère" not in sentence
    assert "Comptabilité" in sentence

    results = (await bot.say(learner, "sécurité informatique"))[0]
    assert "Page 1 sur" in results.plain
    following = (await bot.say(learner, "suivant"))[0]
    assert "Page 2 sur" in following.plain
    second = numbered(following)[1]  # page 2 holds two since safety courses are no cybersecurity
    card = (await bot.say(learner, "le deuxième"))[0]
    assert card.plain.splitlines()[0] == second

    forget = (await bot.say(learner, "oublier mes données"))[0]
    assert "Supprimer toutes vos données?" in forget.plain
    assert "Oui, tout supprimer" in " ".join(labels(forget))

    bundles = (await bot.say(learner, "mes parcours"))[0].plain
    assert "Vous n’avez encore aucun parcours enregistré." in bundles

    english = (await bot.say(learner, "anglais"))[0]
    assert "Voulez-vous des formations données en anglais" in english.plain
    courses = (await bot.tap(learner, english, "Formations en anglais"))[0]
    assert "résultats pour" in courses.plain and "anglais" in courses.plain
    assert "Limites comprises\u00a0: enseignement en anglais" in courses.plain or "en anglais" in courses.plain
    interface = (await bot.say(learner, "anglais"))[0]
    switched = (await bot.tap(learner, interface, "Interface en anglais"))[0]
    assert "I will speak English with you." in switched.plain


async def test_a_long_message_is_answered_by_what_was_understood(bot: RunningBot) -> None:
    learner = await bot.server.user(7303, first_name="Lou", language_code="en")
    long = "I would like to learn bookkeeping and payroll. " + "Some context about me. " * 130
    assert len(long) > 3000
    replies = await bot.say(learner, long)
    assert len(replies) == 1
    shown = replies[0].plain
    assert len(shown) < 1500 and "Some context about me. Some context" not in shown
    assert "Your message is long" in shown


async def test_a_long_message_of_one_word_or_a_long_goal_is_quoted_cut(bot: RunningBot) -> None:
    learner = await bot.server.user(7304, first_name="Max", language_code="fr-CA")
    word = "x" * 3000
    replies = await bot.say(learner, word)
    assert len(replies) == 1 and len(replies[0].plain) < 600
    assert "«\u00a0xxxxxxxx" in replies[0].plain and "…" in replies[0].plain
    goal = await bot.say(learner, "/parcours " + "je veux devenir commis comptable " * 60)
    assert len(goal) == 1 and len(goal[0].plain) < 3000
    assert ("commis comptable " * 4) not in goal[0].plain
