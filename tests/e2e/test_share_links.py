"""Share links through the real Telegram adapter: Ada's /share gives a t.me deep link; another
learner opening it (`/start w_…`) sees her credentials with their verdicts, in their own
language; the 🚫 button stops it, and the link then says so; « /partager » in French."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import RunningBot, bot_on_copy

LINK = re.compile(r"https://t\.me/\w+\?start=(w_[A-Za-z0-9_-]+)")


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def test_a_shared_wallet_opened_then_stopped(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(8601, first_name="Ada", language_code="en")
    aime = await server.user(8602, first_name="Aimé", language_code="fr")
    bob = await server.user(8603, first_name="Bob", language_code="en")
    await bot.say(ada, "/earn 1")
    (made,) = await bot.say(ada, "/share")
    found = LINK.search(made.plain) or LINK.search(" ".join(str(e.get("url", "")) for e in made.entities))
    assert found is not None, made.plain
    payload = found.group(1)
    (shown,) = await bot.say(bob, f"/start {payload}")
    assert "1 credential shared with you, read-only" in shown.plain and "not checked" in shown.plain
    assert "Ada" not in shown.plain
    (shown_fr,) = await bot.say(aime, f"/start {payload}")
    assert "1 microcertification partagée avec vous" in shown_fr.plain.replace("\u00a0", " ")
    await bot.tap(ada, made, "Stop this link")
    (stopped,) = await bot.say(bob, f"/start {payload}")
    assert "stopped sharing it" in stopped.plain
    (stopped_fr,) = await bot.say(aime, f"/start {payload}")
    assert "a cessé de le partager" in stopped_fr.plain
    await bot.say(aime, "/obtenu 1")
    (made_fr,) = await bot.say(aime, "/partager 30 jours")
    assert "lecture seule" in made_fr.plain and "jusqu’au" in made_fr.plain
    assert server.rejected == []
