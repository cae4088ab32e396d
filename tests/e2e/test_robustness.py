"""Robustness of the Telegram adapter: the real Application over HTTP against the local Bot API
test server, with duplicated updates, double taps, blocked users, migrated groups, rate limits,
timeouts, failing handlers, inline mode, very long replies, webhook secrets, menus and groups.

The tests use the small fixture catalogue (tests/catalogue/fixtures) plus a few credentials added
here, never the default catalogue."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.conversation.context import Who
from bot.conversation.reply import Reply
from bot.store import models
from bot.store.db import Database
from tests.e2e import harness
from tests.e2e.botapi_server import BOT_USERNAME, BotApiServer, Call, Message, User
from tests.e2e.harness import SECRET, RunningBot, StartBot, cyber_credentials, fixture_store
from tests.e2e.harness import button_data as button

pytestmark = pytest.mark.asyncio

APOLOGY_EN = "Sorry, something went wrong on my side. Please try again."
APOLOGY_FR = "Désolé, un problème est survenu de mon côté. Veuillez réessayer."
CYBER_COUNT = 25
LONG_WORDS = 1000
LONG_WORD = "Zoë😀<&>"  # one "word" of the long description: accents, an emoji, HTML specials
HUGE_EMOJI_WORD = "🧩" * 3000  # one word longer than a message once encoded in UTF-16


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Catalogue:
    path: Path
    long_id: int
    cyber_ids: tuple[int, ...]


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The fixture catalogue, seeded once, plus 25 cyber credentials and one very long card."""
    description = " ".join([LONG_WORD] * LONG_WORDS) + " " + HUGE_EMOJI_WORD
    long_card = models.Credential(
        external_id="robust-long",
        name_en="Longread <&> 📚",
        name_fr="Lecture longue <&> 📚",
        description_en=description,
        description_fr=description,
        languages=["en"],
        hours=5.0,
        cost=Decimal("0"),
        delivery="online",
    )
    extra = cyber_credentials("robust", CYBER_COUNT, "Cybersecurity essentials", "Cybersécurité essentielle")
    path = fixture_store(tmp_path_factory, "robust", [*extra, long_card])
    db = Database(f"sqlite:///{path}")
    with db.session() as session:
        long_id = session.scalars(
            select(models.Credential.id).where(models.Credential.external_id == "robust-long")
        ).one()
        cyber_ids = tuple(
            session.scalars(
                select(models.Credential.id).where(models.Credential.external_id.like("robust-cyber-%"))
            )
        )
    db.dispose()
    return Catalogue(path, long_id, cyber_ids)


# --------------------------------------------------------------------------- logs


class LogWatch(logging.Handler):
    """Every log record, and a way to wait (without sleeping) for one to arrive."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._loop = loop
        self._changed = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self._loop.call_soon_threadsafe(self._changed.set)

    async def wait_for(
        self, predicate: Callable[[logging.LogRecord], bool], timeout: float = 10.0
    ) -> logging.LogRecord:
        async def find() -> logging.LogRecord:
            while True:
                self._changed.clear()
                found = next((r for r in self.records if predicate(r)), None)
                if found is not None:
                    return found
                await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)


def record_text(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        text += record.exc_text
    return text


@pytest_asyncio.fixture
async def logs() -> AsyncIterator[LogWatch]:
    watch = LogWatch(asyncio.get_running_loop())
    root = logging.getLogger()
    root.addHandler(watch)
    try:
        yield watch
    finally:
        root.removeHandler(watch)


# Every callback_data the bot sent in this module, checked by the autouse fixture below.
CALLBACK_DATA: list[str] = []


def callback_data_sent(calls: list[Call]) -> list[str]:
    found: list[str] = []
    for call in calls:
        markups = [call.params.get("reply_markup")]
        for result in call.params.get("results") or []:
            markups.append(result.get("reply_markup"))
        for markup in markups:
            if isinstance(markup, str):
                markup = json.loads(markup)
            for row in (markup or {}).get("inline_keyboard", []):
                found += [button["callback_data"] for button in row if "callback_data" in button]
    return found


@pytest.fixture(autouse=True)
def no_token_in_logs(caplog: pytest.LogCaptureFixture, botapi: BotApiServer) -> Iterator[None]:
    """No log record, at any level, ever shows the bot token; every callback_data fits."""
    caplog.set_level(logging.DEBUG)
    yield
    records = caplog.get_records("setup") + caplog.get_records("call") + caplog.records
    leaks = [record_text(r) for r in records if botapi.token in record_text(r)]
    assert not leaks, f"the bot token appears in {len(leaks)} log records, e.g. {leaks[0]!r}"
    # the token is also the secret part of every Bot API URL: not even its secret half may leak
    secret_half = botapi.token.split(":", 1)[1]
    assert not any(secret_half in record_text(r) for r in records)
    sent = callback_data_sent(botapi.calls)
    too_long = [data for data in sent if len(data.encode("utf-8")) > 64]
    assert not too_long, f"callback_data over 64 bytes: {too_long}"
    CALLBACK_DATA.extend(sent)


# --------------------------------------------------------------------------- the running bot


@pytest_asyncio.fixture
async def start_bot(botapi: BotApiServer, catalogue: Catalogue, tmp_path: Path) -> AsyncIterator[StartBot]:
    """Start the real Application (polling or webhook) on a copy of the test catalogue."""
    async with harness.bots_on_copies(botapi, catalogue.path, tmp_path) as start:
        yield start


@pytest_asyncio.fixture(params=["polling", "webhook"])
async def bot(request: pytest.FixtureRequest, start_bot: StartBot) -> RunningBot:
    return await start_bot(request.param)


_message_ids = iter(range(900_001, 10**9))


def text_update(user: User, text: str, update_id: int) -> dict[str, Any]:
    """A raw ``message`` update as Telegram would send it, with a chosen ``update_id``."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
        "from": user.to_api(),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split(" ", 1)[0])}]
    return {"update_id": update_id, "message": message}


# --------------------------------------------------------------------------- 1. duplicates


async def test_duplicate_update_is_answered_once(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(1001, "Ada", "en")
    update = text_update(ada, "/start", update_id=800_000_001)
    # delivered twice in a row (one batch / two webhook posts) ...
    await server.send_raw_update(update)
    await server.send_raw_update(update)
    await server.wait_idle()
    assert [m.plain.splitlines()[0] for m in server.bot_messages(ada)] == ["Welcome to credbot!"]
    # ... and once more after the bot has answered (a webhook retried late, a restart mid-poll)
    await server.send_raw_update(update)
    await server.wait_idle()
    assert len(server.bot_messages(ada)) == 1
    # a new update_id is a new message
    await server.send_raw_update(text_update(ada, "/start", update_id=800_000_002))
    await server.wait_idle()
    assert len(server.bot_messages(ada)) == 2


# --------------------------------------------------------------------------- 2. double tap


async def double_tap(bot: RunningBot, user: User, message: Message, data: str) -> None:
    """Both presses reach the bot before it has edited the message."""
    await bot.server.press_button(user, message, data)
    await bot.server.press_button(user, message, data)
    await bot.server.wait_idle()


def not_modified(call: Call) -> bool:
    return call.method == "editMessageText" and "message is not modified" in str(call.response)


async def test_earned_button_pressed_twice(bot: RunningBot, catalogue: Catalogue, logs: LogWatch) -> None:
    server = bot.server
    ada = await server.user(1002, "Ada", "en")
    card = (await bot.say(ada, f"/open {catalogue.cyber_ids[0]}"))[0]
    await double_tap(bot, ada, card, button(card, "I earned it"))
    assert "You have earned this credential." in card.plain
    assert len(server.bot_messages(ada)) == 1, "the card is edited, not sent again"
    notices = sorted(answer.text or "" for answer in server.callback_answers)
    assert notices == [
        "Already in your wallet: Cybersecurity essentials 1",
        "✅ Added to your wallet: Cybersecurity essentials 1",
    ], "each press is answered; no apology"
    wallet = (await bot.say(ada, "/earned"))[0]
    lines = wallet.plain.splitlines()
    assert lines[0] == "Your wallet: 1 credential"
    assert [line for line in lines if line.startswith("1. ")] == ["1. Cybersecurity essentials 1"]

    # the same twice on "Remove from wallet"
    await double_tap(bot, ada, card, button(card, "Remove from wallet"))
    assert "You have earned this credential." not in card.plain
    assert "empty" in (await bot.say(ada, "/earned"))[0].plain

    # The second edit of each double tap shows nothing new: Telegram refuses it ("message is
    # not modified") and the adapter swallows that -- no error logged, nothing else refused.
    edits = server.calls_to("editMessageText")
    assert [c.http_status for c in edits].count(200) == 2
    assert len(bot.expect_rejected(not_modified)) == 2
    assert not [r for r in logs.records if r.levelno >= logging.WARNING and r.name.startswith("bot")]


# --------------------------------------------------------------------------- 3. blocked


async def test_blocked_bot_is_logged_and_the_next_user_is_answered(bot: RunningBot, logs: LogWatch) -> None:
    server = bot.server
    ada = await server.user(1003, "Ada", "en")
    bob = await server.user(1004, "Bob", "en")
    await server.block_bot(ada)
    await bot.say(ada, "/start")
    assert server.bot_messages(ada) == []
    refused = bot.expect_rejected(lambda c: c.method == "sendMessage" and c.http_status == 403)
    assert len(refused) == 1, "the bot tells nothing else to a user who blocked it"
    assert any(r.levelno >= logging.INFO and "blocked" in r.getMessage() for r in logs.records), (
        "the 403 is logged"
    )
    assert bot.app.running
    assert "Welcome" in (await bot.say(bob, "/start"))[0].plain
    await server.unblock_bot(ada)
    assert "Welcome" in (await bot.say(ada, "/start"))[0].plain


# --------------------------------------------------------------------------- 4. migration


async def test_reply_follows_a_group_upgraded_to_a_supergroup(bot: RunningBot, catalogue: Catalogue) -> None:
    server = bot.server
    ada = await server.user(1005, "Ada", "en")
    group = await server.group("Study group", members=[ada])
    supergroup = await server.migrate_group(group)
    # the learner wrote just before the upgrade: the bot answers the old group id
    await server.send_text(ada, "/search cyber", group)
    await server.wait_idle()
    assert server.bot_messages(group) == []
    replies = server.bot_messages(supergroup)
    assert len(replies) == 1 and "results for “cyber”" in replies[0].plain
    # a card, still asked in the old group, lands in the supergroup too (compact, as in any
    # group: the long description is for the private chat, behind its link)
    await server.send_text(ada, f"/open {catalogue.long_id}", group)
    await server.wait_idle()
    assert server.bot_messages(group) == []
    (card,) = server.bot_messages(supergroup)[1:]
    assert "Longread" in card.plain and LONG_WORD not in card.plain
    assert card.buttons == [[("💬 Continue in private", f"https://t.me/{BOT_USERNAME}?start=c_{catalogue.long_id}")]]
    refused = bot.expect_rejected(lambda c: "upgraded to a supergroup" in str(c.response))
    assert len(refused) == 1, "the bot remembers the new chat id after the first refusal"


# --------------------------------------------------------------------------- 5. RetryAfter


async def test_rate_limited_message_is_retried(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(1006, "Ada", "en")
    server.fail_next("sendMessage", error_code=429, retry_after=1)
    reply = await bot.say(ada, "/help")
    assert len(reply) == 1 and "How to use credbot" in reply[0].plain
    attempts = server.calls_to("sendMessage")
    assert [c.http_status for c in attempts] == [429, 200]


# --------------------------------------------------------------------------- 6. TimedOut


async def test_bot_survives_a_timed_out_send(start_bot: StartBot, logs: LogWatch) -> None:
    bot = await start_bot("polling", request_timeout=0.5)
    server = bot.server
    ada = await server.user(1007, "Ada", "en")
    server.delay_next("sendMessage", 10)
    await server.send_text(ada, "/help")
    await logs.wait_for(lambda r: "Telegram is slow" in r.getMessage() and "Timed out" in r.getMessage())
    server.release_held()
    await server.wait_idle()
    assert bot.app.running
    reply = await bot.say(ada, "/start")
    assert len(reply) == 1 and "Welcome" in reply[0].plain
    held = server.calls_to("sendMessage")[0]
    assert held.client_gone, "the bot gave up on the held request"


# --------------------------------------------------------------------------- 7. handler raises


@pytest.mark.parametrize(
    ("language_code", "apology", "search_word"),
    [("en", APOLOGY_EN, "results for"), ("fr-CA", APOLOGY_FR, "résultats pour")],
)
async def test_failing_handler_apologises_in_the_learners_language(
    bot: RunningBot,
    monkeypatch: pytest.MonkeyPatch,
    logs: LogWatch,
    language_code: str,
    apology: str,
    search_word: str,
) -> None:
    server = bot.server
    learner = await server.user(1008, "Lou", language_code)
    original = bot.conversation.text
    failures: list[str] = []

    def text_failing_once(who: Who, text: str) -> list[Reply]:
        if not failures:
            failures.append(text)
            raise RuntimeError("the core broke")
        return original(who, text)

    monkeypatch.setattr(bot.conversation, "text", text_failing_once)
    reply = await bot.say(learner, "cyber")
    assert [m.plain for m in reply] == [apology]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in logs.records)
    reply = await bot.say(learner, "cyber")
    assert len(reply) == 1 and search_word in reply[0].plain


async def test_failing_button_apologises_in_a_notice(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    server = bot.server
    ada = await server.user(1009, "Ada", "fr-CA")
    card = (await bot.say(ada, f"/ouvrir {catalogue.cyber_ids[0]}"))[0]

    def broken(who: Who, data: str) -> list[Reply]:
        raise RuntimeError("the core broke")

    monkeypatch.setattr(bot.conversation, "button", broken)
    await bot.press(ada, card, button(card, "obtenue"))
    assert server.callback_answers[-1].text == APOLOGY_FR


# --------------------------------------------------------------------------- 8. inline mode


async def test_inline_mode(bot: RunningBot, catalogue: Catalogue) -> None:
    server = bot.server
    ada = await server.user(1010, "Ada", "en")
    elise = await server.user(1011, "Élise", "fr-CA")

    await server.inline_query(ada, "cyber")
    await server.wait_idle()
    answer = server.inline_answers[-1]
    assert 1 <= len(answer.results) <= 20
    assert answer.next_offset == "20", "there are 25 matches: a second page"
    for result in answer.results:
        [[open_button]] = result["reply_markup"]["inline_keyboard"]
        assert open_button["url"] == f"https://t.me/{BOT_USERNAME}?start=c_{result['id']}"
        assert "online" in result["description"]

    await server.inline_query(ada, "cyber", offset="20")
    await server.wait_idle()
    rest = server.inline_answers[-1]
    assert len(rest.results) == CYBER_COUNT - 20 and not rest.next_offset
    assert not {r["id"] for r in rest.results} & {r["id"] for r in answer.results}

    await server.inline_query(ada, "")
    await server.inline_query(ada, "   ")
    await server.wait_idle()
    assert [a.results for a in server.inline_answers[-2:]] == [[], []]

    await server.inline_query(elise, "cyber")
    await server.wait_idle()
    french = server.inline_answers[-1]
    assert french.results and all("en ligne" in r["description"] for r in french.results)
    assert all(r["title"].startswith("Cybersécurité") for r in french.results)

    # the deep link opens the card in the bot
    target = int(answer.results[0]["id"])
    card = await bot.say(ada, f"/start c_{target}")
    assert any(data == f"v1:e:{target}" for row in card[0].buttons for _label, data in row)


# --------------------------------------------------------------------------- 9. long replies


async def test_long_card_is_one_message_shortened_and_escaped(bot: RunningBot, catalogue: Catalogue) -> None:
    """A card over 4096 UTF-16 code units is one message: its description shortened at a word,
    saying so, the buttons on it; opened from a result button, it is again one message."""
    server = bot.server
    ada = await server.user(1012, "Ada", "en")
    messages = await bot.say(ada, f"/open {catalogue.long_id}")
    assert len(messages) == 1, "one message, so that a press can edit it"
    text = messages[0].plain
    assert text.startswith("Longread <&> 📚")
    assert "(Shortened" in text and 0 < text.count(LONG_WORD) < LONG_WORDS
    assert "&lt;" not in text and "&amp;" not in text
    assert any(data == f"v1:e:{catalogue.long_id}" for row in messages[0].buttons for _label, data in row)
    for call in server.calls_to("sendMessage"):
        assert call.http_status == 200

    # the same card opened from a search result button: one message again
    results = (await bot.say(ada, "longread"))[0]
    opened = await bot.press(ada, results, button(results, "1"))
    assert len(opened) == 1 and opened[0].plain.count(LONG_WORD) == text.count(LONG_WORD)

    # and in French
    await bot.say(ada, "/langue fr")
    french = await bot.say(ada, f"/ouvrir {catalogue.long_id}")
    assert len(french) == 1 and french[0].plain.startswith("Lecture longue <&> 📚")
    assert "(Abrégé" in french[0].plain


# --------------------------------------------------------------------------- 10. webhook secret


async def test_webhook_refuses_a_wrong_or_missing_secret(start_bot: StartBot) -> None:
    bot = await start_bot("webhook")
    server = bot.server
    ada = await server.user(1013, "Ada", "en")
    assert await server.post_to_webhook(text_update(ada, "/start", 810_000_001), secret="wrong") == 403
    assert await server.post_to_webhook(text_update(ada, "/start", 810_000_002), secret=None) == 403
    await server.wait_idle()
    assert server.bot_messages(ada) == []
    assert await server.post_to_webhook(text_update(ada, "/start", 810_000_003), secret=SECRET) == 200
    await server.wait_idle()
    assert [m.plain.splitlines()[0] for m in server.bot_messages(ada)] == ["Welcome to credbot!"]


# --------------------------------------------------------------------------- 11. menus


DEFAULT_SCOPE = json.dumps({"type": "default"}, sort_keys=True)


async def test_menus_and_descriptions_in_both_languages(start_bot: StartBot) -> None:
    bot = await start_bot("polling")
    server = bot.server
    menus = {language: server.commands[(DEFAULT_SCOPE, language)] for language in ("", "en", "fr")}
    names = {language: [c["command"] for c in menu] for language, menu in menus.items()}
    assert names[""] == names["en"]
    assert names["en"][:4] == ["start", "search", "earned", "bundle"]
    assert {"chercher", "acquis", "parcours", "langue", "aide", "oublier"} <= set(names["fr"])
    assert len(names["fr"]) == len(names["en"])
    assert not {"open", "earn", "ouvrir", "obtenu"} & (set(names["en"]) | set(names["fr"]))
    english = {c["command"]: c["description"] for c in menus["en"]}
    french = {c["command"]: c["description"] for c in menus["fr"]}
    assert english["search"] == "Search the catalogue"
    assert french["chercher"] != english["search"]
    for kind in ("description", "short_description"):
        assert server.descriptions[(kind, "")] == server.descriptions[(kind, "en")]
        assert server.descriptions[(kind, "fr")] != server.descriptions[(kind, "en")]
    assert "français" in server.descriptions[("description", "fr")].lower()
    assert bot.conversation.services.bot_username == BOT_USERNAME


async def test_start_up_survives_a_failing_menu(
    botapi: BotApiServer, start_bot: StartBot, logs: LogWatch
) -> None:
    botapi.fail_next("setMyCommands", error_code=500)
    bot = await start_bot("polling")
    assert any(
        r.levelno == logging.WARNING and "setMyCommands failed (Internal Server Error)" in r.getMessage()
        for r in logs.records
    ), "the failure is logged"
    attempts = botapi.calls_to("setMyCommands")
    assert attempts[0].injected and all(c.http_status == 200 for c in attempts[1:])
    assert len(attempts) == 4, "3 menus (default, en, fr), the failed one made again"
    assert (DEFAULT_SCOPE, "fr") in botapi.commands, "the other menus are still set"
    ada = await botapi.user(1017, "Ada", "en")
    assert "Welcome" in (await bot.say(ada, "/start"))[0].plain


# --------------------------------------------------------------------------- 12. callback data


async def test_every_callback_data_fits_in_64_bytes(bot: RunningBot) -> None:
    server = bot.server
    elise = await server.user(1014, "Élise", "fr-CA")
    screens = [*await bot.say(elise, "/demarrer"), *await bot.say(elise, "cyber")]
    results = screens[-1]
    screens += await bot.press(elise, results, button(results, "Suivant"))
    screens += await bot.press(elise, screens[-1], button(screens[-1], "6"))
    screens += await bot.press(elise, screens[-1], button(screens[-1], "obtenue"))
    screens += await bot.say(elise, "/oublier")
    screens += await bot.say(elise, "/langue")
    datas = callback_data_sent(server.calls)
    assert len(datas) >= 10
    assert all(len(data.encode("utf-8")) <= 64 for data in datas), datas
    assert all(data.startswith("v1:") for data in datas)
    assert all(len(data.encode("utf-8")) <= 64 for data in CALLBACK_DATA), "earlier tests too"


# --------------------------------------------------------------------------- 13. groups


async def test_groups_answer_commands_only_in_the_group_s_language(bot: RunningBot) -> None:
    server = bot.server
    ada = await server.user(1015, "Ada", "en")
    elise = await server.user(1016, "Élise", "fr-CA")
    group = await server.group("Study group", members=[ada, elise], supergroup=True)
    assert await bot.say(ada, "cyber", group) == []
    assert await bot.say(ada, "hello everyone, any good course?", group) == []
    english = await bot.say(ada, f"/search@{BOT_USERNAME} cyber", group)
    assert len(english) == 1 and "results for “cyber”" in english[0].plain
    # the group's language (English: nothing says otherwise), not the member's
    french = await bot.say(elise, "/chercher cyber", group)
    assert len(french) == 1 and "results for “cyber”" in french[0].plain
    # a command meant for another bot is not ours to answer
    assert await bot.say(ada, "/search@some_other_bot cyber", group) == []
    assert await bot.say(ada, "/whatever@some_other_bot", group) == []
