"""Bad input through the real Telegram adapter: a file over 2 MB is refused before it is fetched
(no getFile), a malformed one is refused and stores nothing; out-of-range numbers and unknown
languages get a clear answer the test server accepts; in the learner's language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import RunningBot, bot_on_copy


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def test_a_large_upload_is_refused_before_download(bot: RunningBot) -> None:
    server = bot.server
    english = await server.user(8301, first_name="Ada", language_code="en")
    french = await server.user(8302, first_name="Aimé", language_code="fr")
    big = b"{" + b" " * (3 * 1024 * 1024) + b"}"
    await server.send_document(english, "badge.json", big, "application/json")
    await server.send_document(french, "badge.json", big, "application/json")
    await server.wait_idle()
    assert "larger than 2 MB" in server.bot_messages(english)[-1].plain
    assert "dépasse 2\u00a0Mo" in server.bot_messages(french)[-1].plain
    assert server.calls_to("getFile") == []


async def test_a_json_bomb_is_refused_and_the_wallet_stays_empty(bot: RunningBot) -> None:
    server = bot.server
    learner = await server.user(8303, first_name="Bo", language_code="en")
    await server.send_document(learner, "badge.json", b"[" * 200_000 + b"]" * 200_000, "application/json")
    await server.wait_idle()
    assert "I can't read this file" in server.bot_messages(learner)[-1].plain
    (wallet,) = await bot.say(learner, "/earned")
    assert "empty" in wallet.plain


async def test_out_of_range_numbers_and_unknown_languages_through_telegram(bot: RunningBot) -> None:
    """Typed commands and a deep link with ids ≥ 2^63, "²", an unknown language: a clear answer
    the test server accepts, in English and in French."""
    server = bot.server
    english = await server.user(8304, first_name="Ada", language_code="en")
    french = await server.user(8305, first_name="Aimé", language_code="fr")
    huge = str(2**63)
    for user, open_, earn, language, not_valid, only in (
        (english, "/open", "/earn", "/language", "That number is not valid", "I only speak these languages"),
        (
            french,
            "/ouvrir",
            "/obtenu",
            "/langue",
            "Ce numéro n’est pas valide",
            "Je parle seulement ces langues",
        ),
    ):
        for text in (f"{open_} {huge}", f"{earn} {2**31}", f"/start c_{huge}", f"/page {huge}"):
            replies = await bot.say(user, text)
            assert replies and not_valid in replies[-1].plain, text
        (refused,) = await bot.say(user, f"{language} klingon")
        assert only in refused.plain
        (example,) = await bot.say(user, f"{open_} ²")
        assert "/" in example.plain
    assert server.rejected == []
