"""Running the real credbot Application against the local Bot API test server, and acting as a
learner: shared by the end-to-end test modules."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_conversation
from bot.catalogue.importer import ensure_seeded
from bot.config import Settings
from bot.conversation.router import Conversation
from bot.frontends.telegram.app import ALLOWED_UPDATES, POLLING_KEY, build_application, start_up
from bot.frontends.telegram.serving import WebhookServer
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Call, Chat, Message, User

SECRET = "e2e-webhook-secret"
FIXTURES = Path(__file__).parents[1] / "catalogue" / "fixtures"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def button_data(message: Message, label_part: str) -> str:
    for row in message.buttons:
        for label, data in row:
            if label_part in label and data:
                return data
    raise AssertionError(f"no button with {label_part!r} in {message.buttons}")


def labels(message: Message) -> list[str]:
    return [label for row in message.buttons for label, _data in row]


class RunningBot:
    def __init__(
        self, server: BotApiServer, app: Any, conversation: Conversation, mode: str, database: Database
    ) -> None:
        self.server = server
        self.database = database
        self.app = app
        self.conversation = conversation
        self.mode = mode
        self.webhook: WebhookServer | None = None  # webhook mode: credbot's own server

    async def say(
        self, user: User, text: str, chat: Chat | None = None, *, topic: int | None = None
    ) -> list[Message]:
        """Send text as the user (in forum topic `topic`); the bot's messages sent or edited in
        reaction."""
        where = chat or user
        before = self._snapshot(where)
        await self.server.send_text(user, text, chat, topic=topic)
        await self.server.wait_idle()
        return self._changes(where, before)

    async def press(self, user: User, message: Message, data: str) -> list[Message]:
        """Press the button carrying `data`; the bot's messages sent or edited in reaction."""
        before = self._snapshot(message.chat)
        await self.server.press_button(user, message, data)
        await self.server.wait_idle()
        return self._changes(message.chat, before)

    async def tap(self, user: User, message: Message, label_part: str) -> list[Message]:
        """Press the button whose label contains `label_part`."""
        return await self.press(user, message, button_data(message, label_part))

    def expect_rejected(self, predicate: Callable[[Call], bool]) -> list[Call]:
        """Take the refused calls a test provoked on purpose out of ``server.rejected``."""
        expected = [call for call in self.server.rejected if predicate(call)]
        assert expected, f"expected a refused call; rejected: {self.server.rejected}"
        self.server.rejected[:] = [c for c in self.server.rejected if c not in expected]
        return expected

    async def stop(self) -> None:
        self.server.release_held()
        if self.webhook is not None:
            await self.webhook.stop()
        else:
            await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()
        self.database.dispose()

    def _snapshot(self, chat: Chat | User) -> dict[int, tuple[str, str]]:
        return {m.message_id: (m.plain, json.dumps(m.reply_markup)) for m in self.server.bot_messages(chat)}

    def _changes(self, chat: Chat | User, before: dict[int, tuple[str, str]]) -> list[Message]:
        return [
            m
            for m in self.server.bot_messages(chat)
            if before.get(m.message_id) != (m.plain, json.dumps(m.reply_markup))
        ]


async def start_bot(
    server: BotApiServer,
    database_url: str,
    mode: str = "polling",
    request_timeout: float | None = None,
    settings_given: dict[str, Any] | None = None,
) -> RunningBot:
    """The Application as `credbot run` (polling) or `credbot webhook` builds it, started;
    `settings_given`: other settings than the defaults (`bot.config.Settings` fields)."""
    settings = Settings(
        token=server.token, api_url=server.root, database_url=database_url, **(settings_given or {})
    )
    database = Database(database_url)
    conversation = build_conversation(settings, database)
    app = build_application(settings, conversation, request_timeout=request_timeout)
    if mode == "polling":
        app.bot_data[POLLING_KEY] = True  # as run_polling marks it
    await app.initialize()
    await start_up(app)
    await app.start()
    server.watch_update_queue(app.update_queue)
    if mode == "polling":
        await app.updater.start_polling(poll_interval=0, timeout=5, allowed_updates=ALLOWED_UPDATES)
    running = RunningBot(server, app, conversation, mode, database)
    if mode != "polling":
        # As `credbot webhook` serves it: the webhook path beside /healthz and /metrics.
        port = free_port()
        running.webhook = WebhookServer(
            app,
            path="telegram",
            secret=SECRET,
            database_ok=database.ping,
            outbox_counts=conversation.services.outbox.counts,
        )
        running.webhook.start("127.0.0.1", port)
        await app.bot.set_webhook(
            f"http://127.0.0.1:{port}/telegram", secret_token=SECRET, allowed_updates=ALLOWED_UPDATES
        )
    return running


@asynccontextmanager
async def bot_on_copy(
    server: BotApiServer,
    seed: Path | None,
    tmp_path: Path,
    mode: str = "polling",
    settings_given: dict[str, Any] | None = None,
) -> AsyncIterator[RunningBot]:
    """The bot started on a copy of the seeded store `seed` (a new empty store when None); when the
    test ends, the bot is stopped and the test server must have refused none of its requests."""
    database = tmp_path / "credbot.sqlite3"
    if seed is not None:
        shutil.copy(seed, database)
    running = await start_bot(server, f"sqlite:///{database}", mode, settings_given=settings_given)
    try:
        yield running
    finally:
        await running.stop()
    assert server.rejected == [], "the test server refused some of the bot's requests"


def cyber_credentials(tag: str, count: int, title_en: str, title_fr: str) -> list[models.Credential]:
    """`count` bilingual online cyber credentials, numbered: enough results to page through."""
    return [
        models.Credential(
            external_id=f"{tag}-cyber-{number}",
            name_en=f"{title_en} {number}",
            name_fr=f"{title_fr} {number}",
            description_en="Protect systems.",
            description_fr="Protéger les systèmes.",
            languages=["en", "fr"],
            hours=10.0 + number,
            cost=Decimal("100"),
            currency="CAD",
            delivery="online",
            keywords={"en": ["cyber"], "fr": ["cyber"]},
        )
        for number in range(1, count + 1)
    ]


def fixture_store(tmp_path_factory: pytest.TempPathFactory, tag: str, extra: list[models.Credential]) -> Path:
    """A store seeded with the small fixture catalogue plus `extra`, made once and copied by tests."""
    source = tmp_path_factory.mktemp(f"{tag}-catalogue")
    for name in ("catalogue.ctdl.json", "skills.json"):
        shutil.copy(FIXTURES / name, source / name)
    path = tmp_path_factory.mktemp(f"{tag}-db") / "credbot.sqlite3"
    db = Database(f"sqlite:///{path}")
    ensure_seeded(db, source)
    with db.session() as session:
        session.add_all(extra)
    db.dispose()
    return path


StartBot = Callable[..., Awaitable[RunningBot]]


@asynccontextmanager
async def bots_on_copies(server: BotApiServer, seed: Path, tmp_path: Path) -> AsyncIterator[StartBot]:
    """A starter of bots (polling or webhook), each on its own copy of the seeded store `seed`;
    when the test ends, all are stopped and the test server must have refused none of their
    requests."""
    stops: list[Callable[[], Awaitable[None]]] = []

    async def start(mode: str = "polling", request_timeout: float | None = None) -> RunningBot:
        database = tmp_path / f"credbot-{len(stops)}.sqlite3"
        shutil.copy(seed, database)
        running = await start_bot(server, f"sqlite:///{database}", mode, request_timeout)
        stops.append(running.stop)
        return running

    try:
        yield start
    finally:
        for stop in reversed(stops):
            await stop()
    assert server.rejected == [], "the test server refused some of the bot's requests"
