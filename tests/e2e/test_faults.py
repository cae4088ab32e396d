"""Telegram failing under the bot: the real Application over HTTP against the local Bot API test
server, with 502s, 429s and late answers injected (server.fail_next / delay_next). No reply is
lost, nothing is done twice, a press is answered once, and start-up survives."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import select
from telegram.error import InvalidToken

from bot.app import build_conversation
from bot.config import Settings
from bot.frontends.telegram.app import build_application, refused_token
from bot.store import models
from bot.store.db import Database
from tests.e2e import harness
from tests.e2e.botapi_server import QUERY_TOO_OLD, BotApiServer, Call
from tests.e2e.harness import RunningBot, StartBot, cyber_credentials, fixture_store

pytestmark = pytest.mark.asyncio

APOLOGY_EN = "Sorry, something went wrong on my side. Please try again."
APOLOGY_FR = "Désolé, un problème est survenu de mon côté. Veuillez réessayer."
EARN = {"en": "I earned it", "fr": "obtenue"}
EARNED = {"en": "You have earned this credential.", "fr": "Vous avez obtenu cette microcertification."}
OPEN = {"en": "/open", "fr": "/ouvrir"}
WALLET_ONE = {"en": "Your wallet: 1 credential", "fr": "Vos acquis\u00a0: 1 microcertification"}
WALLET = {"en": "/earned", "fr": "/acquis"}


@pytest.fixture(scope="session")
def fault_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, ...]]:
    extra = cyber_credentials("faults", 12, "Cybersecurity essentials", "Cybersécurité essentielle")
    path = fixture_store(tmp_path_factory, "faults", extra)
    db = Database(f"sqlite:///{path}")
    with db.session() as session:
        ids = tuple(
            session.scalars(
                select(models.Credential.id).where(models.Credential.external_id.like("faults-cyber-%"))
            )
        )
    db.dispose()
    return path, ids


@pytest_asyncio.fixture
async def start_bot(
    botapi: BotApiServer, fault_store: tuple[Path, tuple[int, ...]], tmp_path: Path
) -> AsyncIterator[StartBot]:
    async with harness.bots_on_copies(botapi, fault_store[0], tmp_path) as start:
        yield start


@pytest_asyncio.fixture(params=["polling", "webhook"])
async def bot(request: pytest.FixtureRequest, start_bot: StartBot) -> RunningBot:
    return await start_bot(request.param)


def too_old(call: Call) -> bool:
    return call.method == "answerCallbackQuery" and QUERY_TOO_OLD.removeprefix("Bad Request: ") in str(
        call.response
    )


# --------------------------------------------------------------------------- button presses


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_502_on_the_answer_still_edits_the_card_and_earns_once(
    bot: RunningBot, fault_store: tuple[Path, tuple[int, ...]], language: str
) -> None:
    server = bot.server
    learner = await server.user(3101, "Lou", language)
    card = (await bot.say(learner, f"{OPEN[language]} {fault_store[1][0]}"))[0]
    server.fail_next("answerCallbackQuery", error_code=502)
    edited = await bot.tap(learner, card, EARN[language])
    assert [m.message_id for m in edited] == [card.message_id], "the card is edited, nothing sent"
    assert EARNED[language] in card.plain, "the reply is there although the answer failed"
    wallet = (await bot.say(learner, WALLET[language]))[0]
    assert wallet.plain.splitlines()[0] == WALLET_ONE[language], "the earn is applied once"
    texts = [answer.text for answer in server.callback_answers]
    assert APOLOGY_EN not in texts and APOLOGY_FR not in texts, "no apology: nothing went wrong"
    assert not [call for call in server.calls if too_old(call)], "the press is never answered twice"


@pytest.mark.parametrize(("language", "apology"), [("en", APOLOGY_EN), ("fr", APOLOGY_FR)])
async def test_a_refused_edit_is_apologised_for_once(
    bot: RunningBot, fault_store: tuple[Path, tuple[int, ...]], language: str, apology: str
) -> None:
    server = bot.server
    learner = await server.user(3102, "Lou", language)
    card = (await bot.say(learner, f"{OPEN[language]} {fault_store[1][1]}"))[0]
    server.fail_next("editMessageText", error_code=400, description="Bad Request: injected failure")
    await bot.tap(learner, card, EARN[language])
    assert [answer.text for answer in server.callback_answers] == [apology], "answered once, with the apology"
    assert not [call for call in server.calls if too_old(call)]


# --------------------------------------------------------------------------- replies


@pytest.mark.parametrize(
    ("language", "command", "heading"), [("en", "/help", "How to use credbot"), ("fr", "/aide", "credbot")]
)
async def test_a_502_on_a_reply_is_retried_and_the_learner_gets_it_once(
    bot: RunningBot, language: str, command: str, heading: str
) -> None:
    server = bot.server
    learner = await server.user(3201, "Lou", language)
    server.fail_next("sendMessage", error_code=502, times=2)
    replies = await bot.say(learner, command)
    assert len(replies) == 1 and heading in replies[0].plain
    assert len(server.bot_messages(learner)) == 1, "exactly one reply"
    assert [c.http_status for c in server.calls_to("sendMessage")] == [502, 502, 200]


async def test_a_502_on_an_edit_is_retried(
    bot: RunningBot, fault_store: tuple[Path, tuple[int, ...]]
) -> None:
    server = bot.server
    learner = await server.user(3202, "Lou", "en")
    card = (await bot.say(learner, f"/open {fault_store[1][2]}"))[0]
    server.fail_next("editMessageText", error_code=502)
    await bot.tap(learner, card, EARN["en"])
    assert EARNED["en"] in card.plain
    assert [c.http_status for c in server.calls_to("editMessageText")] == [502, 200]
    assert (await bot.say(learner, "/earned"))[0].plain.splitlines()[0] == WALLET_ONE["en"]


async def test_a_429_in_one_chat_does_not_delay_another_chat(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(3203, "Ada", "en")
    bob = await server.user(3204, "Bob", "fr")
    server.fail_next("sendMessage", retry_after=3, chat_id=ada.id)
    await server.send_text(ada, "/help")
    await server.wait_for(
        lambda: any(c.http_status == 429 for c in server.calls_to("sendMessage")), what="Ada's 429"
    )
    # Ada's chat now waits out its retry_after; Bob, who writes after the 429, is answered first.
    await server.send_text(bob, "/aide")
    await server.wait_for(lambda: server.bot_messages(bob), what="Bob's reply")
    assert server.bot_messages(ada) == [], "Ada's reply is still waiting for her chat's turn"
    await server.wait_for(lambda: server.bot_messages(ada), what="Ada's reply", timeout=15)
    sends = [(c.params["chat_id"], c.http_status) for c in server.calls_to("sendMessage")]
    assert [(int(chat), status) for chat, status in sends] == [(ada.id, 429), (bob.id, 200), (ada.id, 200)]
    assert len(server.bot_messages(ada)) == 1 and len(server.bot_messages(bob)) == 1


async def test_a_reply_whose_answer_is_late_is_not_sent_again(start_bot: StartBot) -> None:
    bot = await start_bot("polling", request_timeout=0.5)
    server = bot.server
    ada = await server.user(3205, "Ada", "en")
    server.delay_next("sendMessage", 3)  # performed, its answer held past the bot's 0.5 s
    await server.send_text(ada, "/help")
    await server.wait_for(
        lambda: server.calls_to("sendMessage") and server.calls_to("sendMessage")[0].client_gone,
        what="the bot to give up waiting",
    )
    server.release_held()
    await server.wait_idle()
    # The request went out before the timeout: it is not re-sent, so the learner has the reply
    # once. (Re-sending could at most duplicate it once; a sendMessage is never re-sent then.)
    assert len(server.calls_to("sendMessage")) == 1
    assert len(server.bot_messages(ada)) == 1 and "How to use credbot" in server.bot_messages(ada)[0].plain
    assert "Welcome" in (await bot.say(ada, "/start"))[0].plain


async def test_an_edit_whose_answer_is_late_is_made_again_harmlessly(
    start_bot: StartBot, fault_store: tuple[Path, tuple[int, ...]]
) -> None:
    bot = await start_bot("polling", request_timeout=0.5)
    server = bot.server
    ada = await server.user(3206, "Ada", "en")
    card = (await bot.say(ada, f"/open {fault_store[1][3]}"))[0]
    server.delay_next("editMessageText", 3)
    await bot.tap(ada, card, EARN["en"])
    server.release_held()
    await server.wait_idle()
    # An edit is safe to repeat: the second one changes nothing ("message is not modified",
    # not an error) and the press is answered once.
    assert EARNED["en"] in card.plain
    assert len(server.calls_to("editMessageText")) == 2
    bot.expect_rejected(lambda c: c.method == "editMessageText" and "not modified" in str(c.response))
    assert len(server.callback_answers) == 1 and not [c for c in server.calls if too_old(c)]


# --------------------------------------------------------------------------- start-up


async def test_start_up_survives_getme_failing_twice(botapi: BotApiServer, start_bot: StartBot) -> None:
    botapi.fail_next("getMe", error_code=502, times=2)
    botapi.fail_next("deleteWebhook", error_code=500)
    botapi.fail_next("setMyCommands", error_code=502, times=2)
    bot = await start_bot("polling")
    assert [c.http_status for c in botapi.calls_to("getMe")][:3] == [502, 502, 200]
    assert [c.http_status for c in botapi.calls_to("deleteWebhook")] == [500, 200]
    assert {("en"), ("fr"), ("")} <= {language for (_scope, language) in botapi.commands}
    ada = await botapi.user(3301, "Ada", "fr")
    assert "Bienvenue" in (await bot.say(ada, "/demarrer"))[0].plain


async def test_start_up_survives_timeouts_and_a_failing_set_webhook(
    botapi: BotApiServer, start_bot: StartBot
) -> None:
    botapi.delay_next("getMe", 3)  # its answer comes after the bot's 0.5 s: asked again
    botapi.fail_next("setWebhook", error_code=502)
    bot = await start_bot("webhook", request_timeout=0.5)
    botapi.release_held()
    assert [c.http_status for c in botapi.calls_to("setWebhook")] == [502, 200]
    getme = await botapi.wait_for(lambda: botapi.calls_to("getMe")[1:], what="the held getMe")
    assert botapi.calls_to("getMe")[0].http_status == 200 and getme[0].client_gone
    ada = await botapi.user(3302, "Ada", "en")
    assert "Welcome" in (await bot.say(ada, "/start"))[0].plain


@pytest.mark.parametrize("wrong", ["token", "url"])
async def test_a_refused_token_is_a_clear_error_without_the_token(
    botapi: BotApiServer, tmp_path: Path, caplog: pytest.LogCaptureFixture, wrong: str
) -> None:
    caplog.set_level(logging.DEBUG)
    token = "123456789:WRONGwrongWRONGwrongWRONGwrong_1234" if wrong == "token" else botapi.token
    api_url = botapi.root if wrong == "token" else f"{botapi.root}/not-the-api"
    settings = Settings(token=token, api_url=api_url, database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}")
    database = Database(settings.database_url)
    app = build_application(settings, build_conversation(settings, database))
    with pytest.raises(InvalidToken) as refused:
        await app.initialize()
    said = refused_token(refused.value, settings)
    if wrong == "token":
        assert said.startswith("Telegram refused the bot token (401 Unauthorized)")
    else:
        assert "404 Not Found" in said and "TELEGRAM_API_URL" in said
    assert len(botapi.calls_to("getMe")) <= 1, "a refused token is not asked again"
    app.bot_data["outbox_sender"].bot._bot_user = None
    await app.shutdown()
    database.dispose()
    texts = [said, *(caplog.text.splitlines())]
    assert caplog.records, "DEBUG records were made"
    for secret in (token, token.split(":", 1)[1]):
        assert not [text for text in texts if secret in text], "the token is never shown"


async def test_credbot_run_with_a_wrong_token_says_so_without_it(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    token = "123456789:WRONGwrongWRONGwrongWRONGwrong_1234"
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_URL": botapi.root,
        "CREDBOT_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--verbose", "run",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    output = stdout.decode() + stderr.decode()
    assert process.returncode == 2, output[-2000:]
    assert "Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN" in output
    assert "Traceback" not in output
    assert token not in output and token.split(":", 1)[1] not in output
