"""Baked badge images through the real Telegram adapter: a PNG sent as a file lands in the wallet,
a hosted-only SVG and a damaged PNG are refused with their reason, a photo gets the advice to send
the file instead; in English and French."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from tests._baked import baked_png, baked_svg
from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import RunningBot, bot_on_copy
from tests.formats.test_baking import HOSTED, ob3


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def test_baked_images_in_english_and_french(bot: RunningBot) -> None:
    server = bot.server
    english = await server.user(8401, first_name="Ada", language_code="en")
    french = await server.user(8402, first_name="Aimé", language_code="fr")
    for user, added, hosted, damaged, photo in (
        (english, "Added to your wallet", "holds only the address", "can't read this image", "send it as a file"),
        (french, "Ajout à vos acquis", "contient seulement l’adresse", "ne peux pas lire cette image", "en tant que fichier"),
    ):
        await server.send_document(user, "badge.png", baked_png(ob3()), "image/png")
        await server.wait_idle()
        assert added in server.bot_messages(user)[-1].plain
        await server.send_document(user, "hosted.svg", baked_svg(verify=HOSTED), "image/svg+xml")
        await server.wait_idle()
        last = server.bot_messages(user)[-1].plain
        assert hosted in last and HOSTED in last
        await server.send_document(user, "broken.png", baked_png(ob3())[:60], "image/png")
        await server.wait_idle()
        assert damaged in server.bot_messages(user)[-1].plain
        await server.send_photo(user, baked_png(ob3()))
        await server.wait_idle()
        assert photo in server.bot_messages(user)[-1].plain
        (wallet,) = await bot.say(user, "/earned")
        assert "Safe lifting" in wallet.plain or "Levage sécuritaire" in wallet.plain
    assert server.rejected == []
