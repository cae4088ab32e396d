"""Tests of the local Bot API test server, including a real PTB Application against it."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.e2e.botapi_html import parse_html
from tests.e2e.botapi_server import NOT_MODIFIED, QUERY_TOO_OLD, BotApiServer, BotApiTimeout

pytestmark = pytest.mark.asyncio


async def call(server: BotApiServer, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    """A raw JSON call, to check the exact wire answer."""
    async with httpx.AsyncClient() as client:
        resp = await client.post(f"{server.base_url}{server.token}/{method}", json=params)
    return resp.status_code, resp.json()


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer) -> AsyncIterator[Bot]:
    async with Bot(botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url) as ptb_bot:
        yield ptb_bot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- HTTP layer


async def test_get_me_token_and_unknown_method(botapi: BotApiServer, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "credbot_test_bot"
    assert me.can_join_groups and me.supports_inline_queries

    status, body = await call(botapi, "GETME")  # method names are case-insensitive
    assert status == 200 and body["result"]["is_bot"] is True

    async with httpx.AsyncClient() as client:
        resp = await client.get(f"{botapi.root}/bot123:short/getMe")
        assert resp.status_code == 401
        assert resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        resp = await client.post(f"{botapi.base_url}{botapi.token}/sendMesage", json={})
        assert resp.status_code == 404
        assert resp.json()["description"] == "Not Found"
    assert [c.http_status for c in botapi.rejected] == [401, 404]


async def test_unknown_missing_and_wrongly_typed_fields(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    with pytest.raises(BadRequest, match=r'(?i)unknown parameter "txet"'):
        await bot.send_message(alice.id, "hi", api_kwargs={"txet": "typo"})
    status, body = await call(botapi, "sendMessage", chat_id=alice.id)
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")
    status, body = await call(botapi, "sendMessage", chat_id=alice.id, text="x", disable_notification="yes")
    assert status == 400 and "disable_notification" in body["description"]
    status, body = await call(botapi, "sendMessage", chat_id=[1], text="x")
    assert body["description"] == 'Bad Request: field "chat_id" must be of type Integer or String'
    status, body = await call(
        botapi,
        "sendMessage",
        chat_id=alice.id,
        text="x",
        reply_markup={"inline_keyboard": [[{"text": "a", "callback_data": "b", "colour": 1}]]},
    )
    assert "reply_markup.inline_keyboard[0][0].colour" in body["description"]
    # "Integer or String": a channel username works, an unknown one is "chat not found"
    status, body = await call(botapi, "sendMessage", chat_id="@nobody", text="x")
    assert body["description"] == "Bad Request: chat not found"
    assert len(botapi.rejected) == 6


async def test_text_length_is_counted_in_utf16_after_entity_parsing(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    status, body = await call(botapi, "sendMessage", chat_id=alice.id, text="😀" * 4096)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    await bot.send_message(alice.id, "😀" * 2048)  # exactly 4096 UTF-16 code units
    # markup does not count: 4096 visible characters wrapped in <b>
    await bot.send_message(alice.id, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(alice.id, "&lt;" * 4097, parse_mode="HTML")
    status, body = await call(botapi, "sendMessage", chat_id=alice.id, text=" \n ")
    assert body["description"] == "Bad Request: message text is empty"
    assert [m.plain[:3] for m in botapi.bot_messages(alice)] == ["😀" * 3, "aaa"]


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("Hello <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 6'),
        ("é <b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a<b", "Unclosed start tag at byte offset 1"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_bad_html_is_refused_like_telegram(botapi: BotApiServer, html: str, error: str) -> None:
    alice = await botapi.user(1001)
    status, body = await call(botapi, "sendMessage", chat_id=alice.id, text=html, parse_mode="HTML")
    assert status == 400
    assert body["description"].startswith(f"Bad Request: can't parse entities: {error}")


async def test_html_parser_entities() -> None:
    text, entities = parse_html(
        '<b>Gras</b> &amp; <i>it</i> <a href="https://x.y/?a=1&amp;b=2">lien</a> '
        '<tg-spoiler>s</tg-spoiler> <pre><code class="language-python">p</code></pre> '
        "<blockquote expandable>q</blockquote> &#128512;&#x41;"
    )
    assert text == "Gras & it lien s p q 😀A"
    assert [e["type"] for e in entities] == [
        "bold", "italic", "text_link", "spoiler", "pre", "expandable_blockquote",
    ]  # fmt: skip
    assert entities[2]["url"] == "https://x.y/?a=1&b=2"
    assert entities[4] == {"type": "pre", "offset": 17, "length": 1, "language": "python"}


async def test_inline_keyboard_rules(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    ok = "é" * 32  # 64 bytes
    msg = await bot.send_message(
        alice.id,
        "k",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data=ok)]]),
    )
    assert msg.reply_markup is not None
    for data, error in [(ok + "a", "BUTTON_DATA_INVALID"), ("", "BUTTON_DATA_INVALID")]:
        status, body = await call(
            botapi,
            "sendMessage",
            chat_id=alice.id,
            text="k",
            reply_markup={"inline_keyboard": [[{"text": "b", "callback_data": data}]]},
        )
        assert (status, body["description"]) == (400, f"Bad Request: {error}")
    status, body = await call(
        botapi, "sendMessage", chat_id=alice.id, text="k",
        reply_markup={"inline_keyboard": [[{"text": "b"}]]},
    )  # fmt: skip
    assert "Text buttons are unallowed in the inline keyboard" in body["description"]
    two_actions = {"text": "b", "url": "https://a.b", "callback_data": "x"}
    status, body = await call(
        botapi, "sendMessage", chat_id=alice.id, text="k",
        reply_markup={"inline_keyboard": [[two_actions]]},
    )  # fmt: skip
    assert "exactly one of the optional fields" in body["description"]


async def test_edits_not_modified_and_deletes(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("go", callback_data="go")]])
    sent = await bot.send_message(alice.id, "<b>v1</b>", parse_mode="HTML", reply_markup=kb)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>v1</b>", alice.id, sent.message_id, parse_mode="HTML", reply_markup=kb
        )
    assert botapi.rejected[-1].response["description"] == NOT_MODIFIED
    # same text, different markup (removed) is a modification
    await bot.edit_message_text("<b>v1</b>", alice.id, sent.message_id, parse_mode="HTML")
    await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=kb)
    await bot.edit_message_text("v2", alice.id, sent.message_id, reply_markup=kb)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("v3", alice.id, 999)
    (current,) = botapi.transcript(alice)
    assert (current.plain, current.entities, current.buttons, current.edits) == (
        "v2",
        [],
        [[("go", "go")]],
        3,
    )
    await bot.delete_message(alice.id, sent.message_id)
    assert botapi.transcript(alice) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)
    new = await bot.send_message(alice.id, "after")
    assert new.message_id == sent.message_id + 1  # ids keep increasing per chat


# PTB 22 itself warns when it builds RetryAfter with an int (its own deprecation)
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_failures(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001, language_code="fr-CA")
    group = await botapi.group("Old group", members=[alice])
    botapi.fail_next("sendMessage", retry_after=7)
    status, body = await call(botapi, "sendMessage", chat_id=alice.id, text="x")
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )
    botapi.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter, match="Retry in 3"):
        await bot.send_message(alice.id, "x")

    await botapi.block_bot(alice)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "x")
    await botapi.unblock_bot(alice)

    supergroup = await botapi.migrate_group(group)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(group.id, "x")
    assert migrated.value.new_chat_id == supergroup.id
    await bot.send_message(supergroup.id, "moved")

    botapi.delay_next("sendMessage", 5)
    with pytest.raises(TimedOut):
        await bot.send_message(alice.id, "slow", read_timeout=0.2)
    botapi.release_held()
    await botapi.wait_idle()
    # Telegram may have sent it although the client timed out: so do we
    assert [m.plain for m in botapi.bot_messages(alice)] == ["slow"]
    assert [c.http_status for c in botapi.rejected] == [403, 400]  # injected 429s excluded


async def test_queries_commands_and_descriptions(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("12345")
    status, body = await call(botapi, "answerCallbackQuery", callback_query_id="12345")
    assert body["description"] == QUERY_TOO_OLD

    query_id = await botapi.inline_query(alice, "cats")
    article = {
        "type": "article",
        "title": "t",
        "input_message_content": {"message_text": "m"},
    }
    too_many = [{**article, "id": str(i)} for i in range(51)]
    status, body = await call(botapi, "answerInlineQuery", inline_query_id=query_id, results=too_many)
    assert body["description"] == "Bad Request: RESULTS_TOO_MUCH"
    dup = [{**article, "id": "a"}, {**article, "id": "a"}]
    status, body = await call(botapi, "answerInlineQuery", inline_query_id=query_id, results=dup)
    assert body["description"] == "Bad Request: RESULT_ID_DUPLICATE"
    status, body = await call(
        botapi, "answerInlineQuery", inline_query_id=query_id,
        results=[{**article, "id": "a"}], next_offset="x" * 65,
    )  # fmt: skip
    assert status == 400
    status, body = await call(
        botapi, "answerInlineQuery", inline_query_id=query_id, results=[{**article, "id": "a"}],
        next_offset="2",
    )  # fmt: skip
    assert status == 200
    assert botapi.inline_answers[0].next_offset == "2"
    status, body = await call(botapi, "answerInlineQuery", inline_query_id=query_id, results=[])
    assert body["description"] == QUERY_TOO_OLD  # answered already

    await bot.set_my_commands([("start", "Démarrer")], language_code="fr")
    assert [c.command for c in await bot.get_my_commands(language_code="fr")] == ["start"]
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("Start", "x")])
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("start", "x" * 257)])
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("start", "x")], language_code="fra")
    await bot.set_my_description("Une description", language_code="fr")
    await bot.set_my_short_description("Court")
    assert (await bot.get_my_description("fr")).description == "Une description"
    assert (await bot.get_my_description()).description == ""
    assert (await bot.get_my_short_description()).short_description == "Court"
    with pytest.raises(BadRequest):
        await bot.set_my_short_description("x" * 121)
    await bot.set_chat_menu_button()
    await bot.send_chat_action(alice.id, "typing")


async def test_documents_files_chats_and_members(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001, "Alice")
    bob = await botapi.user(1002, "Bob")
    group = await botapi.group("Club", members=[alice, bob], supergroup=True)
    await botapi.set_admin(group, alice)
    doc = await bot.send_document(
        alice.id,
        b"\x00csv,data\n",
        filename="export.csv",
        caption="<i>Export</i>",
        parse_mode="HTML",
    )
    assert doc.document is not None and doc.document.file_name == "export.csv"
    assert botapi.calls_to("sendDocument")[0].content_type == "multipart/form-data"
    (sent,) = botapi.documents_sent(alice)
    assert (sent.filename, sent.content, sent.caption) == (
        "export.csv",
        b"\x00csv,data\n",
        "Export",
    )
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_document(alice.id, b"x", filename="a.txt", caption="é" * 1025)

    upload = await botapi.send_document(bob, "notes.txt", "héllo".encode(), "text/plain", chat=group)
    assert upload.document is not None
    tg_file = await bot.get_file(upload.document.file_id)
    assert bytes(await tg_file.download_as_bytearray()) == "héllo".encode()

    chat = await bot.get_chat(group.id)
    assert (chat.type, chat.title) == ("supergroup", "Club")
    assert (await bot.get_chat_member(group.id, alice.id)).status == "administrator"
    assert (await bot.get_chat_member(group.id, bob.id)).status == "member"
    admins = await bot.get_chat_administrators(group.id)
    assert [a.user.id for a in admins] == [alice.id]
    assert botapi.rejected[-1].response["description"] == "Bad Request: message caption is too long"


async def test_forum_topics_like_telegram(botapi: BotApiServer, bot: Bot) -> None:
    owner = await botapi.user(1101, "Odile", "fr")
    forum = await botapi.group("Réseau", members=[owner], forum=True, creator=owner)
    assert (await bot.get_chat(forum.id)).is_forum
    news = await botapi.create_topic(forum, "Nouveautés")
    (first,) = await bot.get_updates()
    opened = first.message
    assert opened is not None and opened.forum_topic_created is not None
    assert (opened.message_thread_id, opened.is_topic_message) == (news, True)
    assert opened.forum_topic_created.name == "Nouveautés"

    # a message in a topic says so and replies to the topic's first message; in General, neither
    asked = await botapi.send_text(owner, "bonjour", forum, topic=news)
    await botapi.send_text(owner, "salut", forum)
    updates = await bot.get_updates(offset=first.update_id + 1)
    in_topic, in_general = [update.message for update in updates]
    assert in_topic is not None and in_general is not None
    assert (in_topic.message_thread_id, in_topic.is_topic_message) == (news, True)
    assert in_topic.reply_to_message is not None and in_topic.reply_to_message.forum_topic_created
    assert (in_general.message_thread_id, in_general.is_topic_message) == (None, None)

    answer = await bot.send_message(forum.id, "réponse", message_thread_id=news)
    assert (answer.message_thread_id, answer.is_topic_message) == (news, True)
    await bot.send_message(forum.id, "à tous")
    assert [m.plain for m in botapi.topic_messages(forum, news)] == ["", "bonjour", "réponse"]
    assert [m.plain for m in botapi.topic_messages(forum, None)] == ["salut", "à tous"]
    reply = await botapi.send_text(owner, "merci", forum, reply_to=botapi.bot_messages(forum)[0])
    assert reply.thread_id == news  # a reply is in the topic of the message it answers

    # General is reached by omitting the thread id: 1 is refused, as is any thread outside a forum
    # or of a topic that does not exist (never made, or deleted with all its messages)
    plain = await botapi.group("Plain", members=[owner], supergroup=True)
    for chat_id, thread_id in ((forum.id, 1), (forum.id, 999), (plain.id, news)):
        with pytest.raises(BadRequest, match="Message thread not found"):
            await bot.send_message(chat_id, "où ?", message_thread_id=thread_id)
    await botapi.delete_topic(forum, news)
    assert botapi.topic_messages(forum, news) == [] and asked.deleted
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_document(forum.id, b"x", filename="a.txt", message_thread_id=news)
    with pytest.raises(ValueError):
        await botapi.send_text(owner, "trop tard", forum, topic=news)

    # the bot itself opens and deletes topics as an administrator only
    with pytest.raises(BadRequest, match="Not enough rights"):
        await bot.create_forum_topic(forum.id, "Annonces")
    await botapi.set_admin(forum, botapi.bot_user.id)
    created = await bot.create_forum_topic(forum.id, "Annonces")
    await bot.send_message(forum.id, "ouvert", message_thread_id=created.message_thread_id)
    assert await bot.delete_forum_topic(forum.id, created.message_thread_id)
    assert botapi.topic_messages(forum, created.message_thread_id) == []
    assert {call.response["description"] for call in botapi.rejected} == {
        "Bad Request: message thread not found",
        "Bad Request: not enough rights to create a topic",
    }


async def test_get_updates_long_poll_and_webhook_conflict(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    assert await bot.get_updates(timeout=0) == ()  # returns at once
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await botapi.wait_for(lambda: botapi.waiting_polls == 1, what="a parked getUpdates")
    await botapi.send_text(alice, "/start@credbot_test_bot now")
    (update,) = await poll
    assert update.message is not None and update.message.text == "/start@credbot_test_bot now"
    entity = update.message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 23)
    # not confirmed yet: re-delivered until a higher offset is sent
    (again,) = await bot.get_updates(timeout=0)
    assert again.update_id == update.update_id
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    await botapi.wait_idle(update_id=update.update_id)

    await bot.set_webhook("https://example.invalid/hook", secret_token="abc")
    status, body = await call(botapi, "getUpdates")
    assert status == 409
    assert body["description"].startswith("Conflict: can't use getUpdates method while webhook is active")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.invalid/hook"
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


# --------------------------------------------------------------------------- a real PTB bot


def build_echo_app(server: BotApiServer) -> Application:  # type: ignore[type-arg]
    app = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .request(HTTPXRequest(read_timeout=5))
        .get_updates_request(HTTPXRequest(read_timeout=5))
        .build()
    )

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Press me", callback_data="press")]])
        await update.effective_message.reply_text(
            "Hello <b>there</b>", parse_mode="HTML", reply_markup=keyboard
        )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text
        await update.effective_message.reply_text(update.effective_message.text)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Done")
        await query.edit_message_text("Pressed <i>once</i>", parse_mode="HTML")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    server.watch_update_queue(app.update_queue)
    return app


async def converse(server: BotApiServer) -> None:
    alice = await server.user(1001, "Alice", language_code="fr-CA")
    await server.send_text(alice, "/start")
    hello = await server.next_reply(alice, after=0)
    assert (hello.plain, hello.buttons) == ("Hello there", [[("Press me", "press")]])
    assert hello.entities == [{"type": "bold", "offset": 6, "length": 5}]
    said = await server.send_text(alice, "Ça va ? 👋")
    echo = await server.next_reply(alice, after=said)
    assert echo.plain == "Ça va ? 👋"
    query_id = await server.press_button(alice, hello, "press")
    await server.wait_idle()
    assert [(a.callback_query_id, a.text) for a in server.callback_answers] == [(query_id, "Done")]
    assert [(m.from_bot, m.plain, m.buttons) for m in server.transcript(alice)] == [
        (False, "/start", []),
        (True, "Pressed once", []),  # edited in place, keyboard gone
        (False, "Ça va ? 👋", []),
        (True, "Ça va ? 👋", []),
    ]
    # the same update delivered twice (e.g. Telegram retrying) is processed twice by PTB
    raw = {"update_id": 42, "message": said.to_api()}
    await server.send_raw_update(raw)
    await server.send_raw_update(raw)
    await server.wait_idle()
    assert [m.plain for m in server.bot_messages(alice)][-2:] == ["Ça va ? 👋", "Ça va ? 👋"]


async def test_ptb_application_polling(botapi: BotApiServer) -> None:
    app = build_echo_app(botapi)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=5)
    try:
        await converse(botapi)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert botapi.rejected == []
    polls = botapi.calls_to("getUpdates")
    assert polls[0].params == {"offset": 0, "timeout": 5}
    # what PTB 22's HTTPXRequest sends: urlencoded form (every value a string, objects
    # JSON-encoded), multipart/form-data when a file is uploaded
    assert {c.content_type for c in botapi.calls_to("sendMessage")} == {"application/x-www-form-urlencoded"}


async def test_ptb_application_webhook(botapi: BotApiServer) -> None:
    app = build_echo_app(botapi)
    port = free_port()
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="tg-hook",
        webhook_url=f"http://127.0.0.1:{port}/tg-hook",
        secret_token="s3cret-token",
    )
    try:
        assert botapi.webhook_secret == "s3cret-token"
        await converse(botapi)
        assert {d.status for d in botapi.webhook_deliveries} == {200}
        probe = {
            "update_id": 99,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
        }
        assert await botapi.post_to_webhook(probe, secret="wrong") == 403
        assert await botapi.post_to_webhook(probe, secret=None) == 403
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert botapi.rejected == []
    assert not botapi.calls_to("getUpdates")


async def test_waiting_times_out_with_a_dump(botapi: BotApiServer, bot: Bot) -> None:
    alice = await botapi.user(1001)
    await bot.get_me()
    await botapi.send_text(alice, "nobody reads this")  # no bot is polling
    with pytest.raises(BotApiTimeout, match=r"(?s)did not become idle.*getMe\(\{\}\) -> 200"):
        await botapi.wait_idle(timeout=0.2)
    with pytest.raises(BotApiTimeout, match="a bot reply in chat 1001"):
        await botapi.next_reply(alice, timeout=0.1)


async def test_send_photo_is_checked_as_telegram_does(botapi: BotApiServer, bot: Bot) -> None:
    """sendPhoto takes a PNG or JPEG upload of at most 10 MB whose width + height is at most
    10,000 and whose sides are at most 20 to 1; anything else is refused in Telegram's words."""
    import struct
    import zlib

    def png(width: int, height: int, padding: int = 0) -> bytes:
        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        return b"\x89PNG\r\n\x1a\n" + header + chunk(b"tEXt", b"pad\0" + b"x" * padding) + chunk(b"IEND", b"")

    alice = await botapi.user(1101, "Alice")
    sent = await bot.send_photo(alice.id, png(1080, 1600), caption="<b>Card</b>", parse_mode="HTML")
    assert (sent.photo[-1].width, sent.photo[-1].height) == (1080, 1600)
    assert botapi.calls_to("sendPhoto")[0].content_type == "multipart/form-data"
    (photo,) = botapi.photos_sent(alice)
    assert photo.caption == "Card" and photo.content == png(1080, 1600)
    for content, error in (
        (b"not an image", "IMAGE_PROCESS_FAILED"),
        (png(9000, 1500), "PHOTO_INVALID_DIMENSIONS"),
        (png(2100, 100), "PHOTO_INVALID_DIMENSIONS"),
        (png(100, 100, padding=10 * 1024 * 1024), "PHOTO_SAVE_FILE_INVALID"),
    ):
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.send_photo(alice.id, content)
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_photo(alice.id, png(10, 10), caption="é" * 1025)
    assert len(botapi.photos_sent(alice)) == 1
