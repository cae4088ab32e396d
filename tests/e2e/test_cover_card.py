"""The mixtape cover through the real Telegram adapter: /card and « /carte » send the wallet's
card with sendPhoto (a multipart upload the test server checks as Telegram does), 1080 px wide,
with a caption in the learner's language; the wallet's 🖼 button sends it too."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from PIL import Image

from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import RunningBot, bot_on_copy


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def test_the_card_is_sent_as_a_photo_in_english_and_french(bot: RunningBot) -> None:
    server = bot.server
    english = await server.user(8501, first_name="Ada", language_code="en")
    french = await server.user(8502, first_name="Aimé", language_code="fr")
    for user, earn, card, caption in (
        (english, "/earn 1", "/card", "My wallet"),
        (french, "/obtenu 1", "/carte", "Mes acquis"),
    ):
        await bot.say(user, earn)
        await bot.say(user, card)
        (photo,) = server.photos_sent(user)
        assert photo.content is not None and photo.caption is not None and photo.caption.startswith(caption)
        picture = Image.open(io.BytesIO(photo.content))
        assert (picture.format, picture.width) == ("PNG", 1080)
        (call,) = [c for c in server.calls_to("sendPhoto") if str(c.params.get("chat_id")) == str(user.id)]
        assert call.content_type == "multipart/form-data"
    (wallet,) = await bot.say(english, "/earned")
    await bot.tap(english, wallet, "Card")
    assert len(server.photos_sent(english)) == 2
    assert server.rejected == []
