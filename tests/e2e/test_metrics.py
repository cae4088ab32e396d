"""What an operator watches, through the real Application and the local Bot API test server:
replies retried and failed for good, 429s, the update queue and updates handled, in /metrics
(metrics_text, as `credbot webhook` serves it) and in `credbot status` (each process publishes
its counters to the store at every clock tick), in English and in French."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.app import main
from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.serving import metrics_text, snapshot
from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import bot_on_copy

pytestmark = pytest.mark.asyncio


def metric(text: str, name: str) -> int:
    (line,) = [line for line in text.splitlines() if line.startswith(f"{name} ")]
    return int(line.split()[1])


async def test_replies_retried_and_failed_are_counted_and_told(
    botapi: BotApiServer, seeded_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with bot_on_copy(botapi, seeded_database, tmp_path, "webhook") as bot:
        server = bot.server
        ada = await server.user(4301, "Ada", "en")
        server.fail_next("sendMessage", error_code=502)  # made again: arrives
        await bot.say(ada, "/help")
        server.fail_next("sendMessage", error_code=400)  # refused: that reply is lost
        await bot.say(ada, "/help")
        server.fail_next("sendMessage", retry_after=1)  # a 429, then it arrives
        await bot.say(ada, "/help")
        said = [m.plain for m in server.bot_messages(ada)]
        assert len(said) == 3 and "Sorry, something went wrong" in said[1], "the lost one apologised for"

        text = metrics_text(bot.app, database_up=True, outbox={})
        assert metric(text, "credbot_updates_total") == 3
        assert metric(text, "credbot_updates_failed_total") == 1
        assert metric(text, "credbot_bot_api_retries_total") == 2  # after the 502 and the 429
        assert metric(text, "credbot_replies_failed_total") == 1
        assert metric(text, "credbot_bot_api_429_total") == 1
        assert metric(text, "credbot_update_queue") == 0
        assert metric(text, "credbot_updates_dropped_total") == 0

        await bot.app.bot_data[OUTBOX_SENDER_KEY].tick()  # the clock publishes the counters
        published = snapshot(bot.app)
        url = bot.database.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    for language, expected in (
        ("en", "updates handled 3, updates failed 1, replies retried 2, replies failed 1, 429s 1"),
        ("fr", "mises à jour traitées 3, mises à jour en erreur 1, réponses refaites 2, réponses perdues 1, 429 (trop de requêtes) 1"),
    ):
        os.environ["CREDBOT_LOCALE"] = language
        try:
            assert main(["--db", url, "status"]) == 0
        finally:
            del os.environ["CREDBOT_LOCALE"]
        output = capsys.readouterr().out
        assert expected in output, output
        heading = {"en": "1 credbot process heard from", "fr": "1 processus credbot entendu"}[language]
        assert heading in output, output
    assert main(["--db", url, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status["total"] == published
    assert [w["counters"] for w in status["workers"]] == [published]
