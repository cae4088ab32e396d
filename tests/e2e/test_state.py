"""Conversation state in the store: result pages and "2" after a restart and across two
Applications on one store, a re-delivered update acted on once, and a copied page button that
tells another learner nothing. English and French."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.account.state import ConversationState
from bot.catalogue.importer import ensure_seeded
from bot.store import models
from bot.store.db import Database
from tests.conftest import POSTGRES_URL, postgres_unavailable
from tests.e2e.botapi_server import BotApiServer, Message, User
from tests.e2e.harness import (
    FIXTURES,
    RunningBot,
    button_data,
    cyber_credentials,
    fixture_store,
    labels,
    start_bot,
)

CYBER = ("Cyber defence", "Cyberdéfense")
WORDS = {
    "en": {
        "next": "Next",
        "page2": "Page 2 of 3",
        "earn": "I earned it",
        "expired": "These results have expired",
    },
    "fr": {
        "next": "Suivant",
        "page2": "Page 2 sur 3",
        "earn": "Je l’ai obtenue",
        "expired": "Ces résultats ont expiré",
    },
}
_ids = itertools.count(900_000_001)
_query_ids = itertools.count(1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_store(
        tmp_path_factory, "state", cyber_credentials("state", 12, "Cyber defence", "Cyberdéfense")
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, store: Path, tmp_path: Path) -> Iterator[str]:
    """The database URL two workers share: an SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield _url(store, tmp_path)
        return
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"e2e_{secrets.token_hex(6)}"
    conninfo = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    source = tmp_path / "catalogue"
    source.mkdir()
    for name in ("catalogue.ctdl.json", "skills.json"):
        shutil.copy(FIXTURES / name, source / name)
    db = Database(url)
    ensure_seeded(db, source)
    with db.session() as session:
        session.add_all(cyber_credentials("state", 12, *CYBER))
    db.dispose()
    try:
        yield url
    finally:
        with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _url(store: Path, tmp_path: Path) -> str:
    copy = tmp_path / "credbot.sqlite3"
    shutil.copy(store, copy)
    return f"sqlite:///{copy}"


def press_update(server: BotApiServer, user: User, message: Message, data: str) -> dict[str, Any]:
    """A raw callback_query update (forged data allowed: any message, any data)."""
    query_id = str(7_000_000_000 + next(_query_ids))
    server._open_callbacks[query_id] = False  # a press the server knows of, to be answered
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": query_id,
            "from": user.to_api(),
            "message": message.to_api(),
            "chat_instance": str(abs(message.chat.id) * 7 + 13),
            "data": data,
        },
    }


def text_update(user: User, text: str, update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id % 1_000_000,
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.to_api(),
            "text": text,
        },
    }


def wallet_size(bot: RunningBot, user: User) -> int:
    with bot.database.session() as session:
        learner = session.scalar(select(models.Learner.id).where(models.Learner.ref == f"telegram:{user.id}"))
        if learner is None:
            return 0
        return int(
            session.scalar(
                select(func.count())
                .select_from(models.EarnedCredential)
                .where(models.EarnedCredential.learner_id == learner)
            )
            or 0
        )


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_pages_and_numbers_work_after_a_restart(
    botapi: BotApiServer, store: Path, tmp_path: Path, locale: str, mode: str
) -> None:
    words = WORDS[locale]
    url = _url(store, tmp_path)
    learner = await botapi.user(3001, "Ada", language_code=locale)
    bot = await start_bot(botapi, url, mode)
    results = (await bot.say(learner, "cyber"))[0]
    await bot.stop()

    bot = await start_bot(botapi, url, mode)  # a new process on the same store
    try:
        card = (await bot.say(learner, "2"))[0]  # the second result of the page shown before
        assert words["earn"] in " ".join(labels(card)), card.plain
        second = results.plain.split("\n2. ", 1)[1].splitlines()[0]
        assert card.plain.splitlines()[0] == second
        await bot.stop()
        bot = await start_bot(botapi, url, mode)
        edited = await bot.tap(learner, results, words["next"])
        assert [m.message_id for m in edited] == [results.message_id]
        assert words["page2"] in edited[0].plain
        assert not any(a.text and words["expired"] in a.text for a in botapi.callback_answers)
    finally:
        await bot.stop()
    assert botapi.rejected == []


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_an_update_delivered_twice_is_one_reply_and_one_earn(
    botapi: BotApiServer, store: Path, tmp_path: Path, mode: str
) -> None:
    words = WORDS["fr"]
    learner = await botapi.user(3002, "Élise", language_code="fr-CA")
    url = _url(store, tmp_path)
    bot = await start_bot(botapi, url, mode)
    try:
        results = (await bot.say(learner, "cyber"))[0]
        card = (await bot.tap(learner, results, "1"))[0]
        update = press_update(botapi, learner, card, button_data(card, words["earn"]))
        edits = len(botapi.calls_to("editMessageText"))
        answers = len(botapi.callback_answers)
        if mode == "webhook":  # a retried webhook: the same update posted twice at once
            await asyncio.gather(botapi.post_to_webhook(update), botapi.post_to_webhook(update))
        else:  # a restart mid-poll: the same update in the next batch
            await botapi.send_raw_update(update)
            await botapi.send_raw_update(update)
        await botapi.wait_idle()
        await botapi.send_raw_update(update)  # and once more, later
        await botapi.wait_idle()
        assert len(botapi.calls_to("editMessageText")) == edits + 1
        assert len(botapi.callback_answers) == answers + 1
        assert wallet_size(bot, learner) == 1
        await bot.stop()
        bot = await start_bot(botapi, url, mode)  # restarted: the store still knows it
        await botapi.send_raw_update(update)
        await botapi.wait_idle()
        assert len(botapi.calls_to("editMessageText")) == edits + 1
        assert len(botapi.callback_answers) == answers + 1
    finally:
        await bot.stop()
    assert botapi.rejected == []


async def test_an_update_left_unfinished_by_a_killed_poller_is_handled_after_the_restart(
    botapi: BotApiServer, store: Path, tmp_path: Path
) -> None:
    url = _url(store, tmp_path)
    learner = await botapi.user(3006, "Élise", language_code="fr-CA")
    bot = await start_bot(botapi, url)
    await bot.say(learner, "/start")
    bot_id = bot.app.bot.id
    await bot.stop()
    # The process was killed while handling this update: claimed, never finished, not confirmed.
    update = text_update(learner, "cyber", next(_ids))
    db = Database(url)
    assert ConversationState(db).claim_update(bot_id, update["update_id"])
    db.dispose()
    bot = await start_bot(botapi, url)  # the only poller releases what its predecessor left
    try:
        before = len(botapi.bot_messages(learner))
        await botapi.send_raw_update(update)  # Telegram delivers it again
        await botapi.wait_idle()
        replies = botapi.bot_messages(learner)[before:]
        assert len(replies) == 1 and "Page 1 sur 3" in replies[0].plain
        await botapi.send_raw_update(update)  # and only once
        await botapi.wait_idle()
        assert len(botapi.bot_messages(learner)) == before + 1
    finally:
        await bot.stop()
    assert botapi.rejected == []


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_two_applications_on_one_store_share_pages_and_take_each_update_once(
    botapi: BotApiServer, shared_url: str, locale: str
) -> None:
    words = WORDS[locale]
    url = shared_url
    learner = await botapi.user(3003, "Ada", language_code=locale)
    one = await start_bot(botapi, url, "webhook")
    one_url = botapi.webhook_url
    two = await start_bot(botapi, url, "webhook")  # the server now posts to the second
    two_url = botapi.webhook_url
    try:
        results = (await two.say(learner, "cyber"))[0]
        botapi.webhook_url = one_url  # the reverse proxy picks the first worker
        edited = await one.tap(learner, results, words["next"])
        assert words["page2"] in edited[0].plain
        card = (await one.say(learner, "7"))[0]  # what the second worker showed, read by the first
        assert words["earn"] in " ".join(labels(card))
        # One update given to both workers at once: one earn, one edit, one answer.
        update = press_update(botapi, learner, card, button_data(card, words["earn"]))
        edits = len(botapi.calls_to("editMessageText"))

        async def post_to(url: str) -> int | None:
            botapi.webhook_url = url
            return await botapi.post_to_webhook(update)

        first = asyncio.create_task(post_to(one_url))
        second = asyncio.create_task(post_to(two_url))
        assert await first == 200 and await second == 200
        await botapi.wait_idle()
        assert len(botapi.calls_to("editMessageText")) == edits + 1
        assert wallet_size(one, learner) == 1
    finally:
        await one.stop()
        await two.stop()
    assert botapi.rejected == []


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_another_learner_pressing_a_copied_page_button_learns_nothing(
    botapi: BotApiServer, store: Path, tmp_path: Path, locale: str
) -> None:
    words = WORDS[locale]
    ada = await botapi.user(3004, "Ada", language_code=locale)
    eve = await botapi.user(3005, "Eve", language_code=locale)
    bot = await start_bot(botapi, _url(store, tmp_path))
    try:
        secret = (await bot.say(ada, "cyber défense confidentielle"))[0]
        mine = (await bot.say(eve, "welding"))[0]
        before = [(m.plain, labels(m)) for m in botapi.bot_messages(eve)]
        copied = button_data(secret, words["next"])
        await botapi.send_raw_update(press_update(botapi, eve, mine, copied))
        await botapi.wait_idle()
        assert [(m.plain, labels(m)) for m in botapi.bot_messages(eve)] == before
        answer = botapi.callback_answers[-1].text or ""
        assert words["expired"] in answer
        assert "confidentielle" not in answer
        assert all("confidentielle" not in m.plain for m in botapi.bot_messages(eve))
        # Ada's own button still works.
        edited = await bot.tap(ada, secret, words["next"])
        assert "confidentielle" in edited[0].plain
    finally:
        await bot.stop()
    assert botapi.rejected == []


def _write_commits(database: Database) -> list[object]:
    """Every transaction that wrote something and was committed on this store from now on."""
    from sqlalchemy import event

    wrote: set[object] = set()
    made: list[object] = []

    def executed(connection: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            wrote.add(connection)

    def committed(connection: object) -> None:
        if connection in wrote:
            wrote.discard(connection)
            made.append(connection)

    event.listen(database.engine, "before_cursor_execute", executed)
    event.listen(database.engine, "commit", committed)
    event.listen(database.engine, "rollback", wrote.discard)
    return made


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_a_search_writes_once_with_its_claim_and_once_to_finish(
    botapi: BotApiServer, shared_url: str, locale: str
) -> None:
    """A typed search's writes (the last query, the search counted, its result page, what was
    shown) and the update's claim are one transaction; finishing the update is the second
    (there were six). A ▶ press likewise. Polling adds one before them: the batch getUpdates
    brought, kept before Telegram is told it was received (one per batch, not per update)."""
    words = WORDS[locale]
    bot = await start_bot(botapi, shared_url)
    try:
        learner = await botapi.user(3101, "Ada", language_code=locale)
        await bot.say(learner, "/start")
        commits = _write_commits(bot.database)
        results = (await bot.say(learner, "cyber"))[0]
        await botapi.wait_idle()
        assert words["page2"].split()[0] in results.plain and len(commits) == 3, len(commits)
        commits.clear()
        edited = await bot.tap(learner, results, words["next"])
        await botapi.wait_idle()
        assert words["page2"] in edited[0].plain and len(commits) == 3, len(commits)
    finally:
        await bot.stop()
    assert botapi.rejected == []
