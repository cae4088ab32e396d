"""A network's scheduled source through the real Application, the local Bot API test server and a
local HTTP server serving the catalogue: a manager registers its URL with /source, the clock's
tick (run by the outbox sender, in a thread) fetches it: a 200 imports, a 304 imports nothing,
three 500s in a row tell the managers once in private while the source stays registered, and a
200 after that recovers and says so. Time is an explicit clock; nothing sleeps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.outbox_sender import OutboxSender
from tests._catalogue_server import CatalogueServer, catalogue_server
from tests._documents import ctdl_document
from tests.e2e.botapi_server import BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy

pytestmark = pytest.mark.asyncio

NBSP = "\u00a0"
START = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
FIRST = ctdl_document("ce-src-10", {"fr": "Soudage sécuritaire", "en": "Welding safety"})


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def two_credentials() -> bytes:
    graph = json.loads(FIRST)
    extra = json.loads(ctdl_document("ce-src-11", {"fr": "Menuiserie fine", "en": "Fine joinery"}))
    graph["@graph"].extend(extra["@graph"])
    return json.dumps(graph).encode()


@pytest_asyncio.fixture
async def fetching_bot(
    botapi: BotApiServer, seeded_database: Path, tmp_path: Path
) -> AsyncIterator[RunningBot]:
    settings = {"allow_network": True, "source_private": True}
    async with bot_on_copy(botapi, seeded_database, tmp_path, settings_given=settings) as running:
        yield running


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


@pytest.fixture
def catalogue() -> Iterator[CatalogueServer]:
    with catalogue_server(FIRST) as server:
        yield server


async def _network(bot: RunningBot, manager: User, title: str, language: str) -> Chat:
    group = await bot.server.group(title, members=[manager], supergroup=True)
    await bot.server.set_admin(group, manager)
    with bot.database.unit_of_work() as uow:
        uow.chats.set_locale(group.id, language, kind="supergroup", title=group.title)
        uow.chats.add_manager(group.id, manager.id, kind="supergroup", title=group.title)
    return group


def _clocked(bot: RunningBot, clock: Clock) -> OutboxSender:
    services = bot.conversation.services
    assert services.sources is not None
    services.sources.clock = clock
    services.outbox.clock = clock
    sender: OutboxSender = bot.app.bot_data[OUTBOX_SENDER_KEY]
    return sender


async def _tick(bot: RunningBot, sender: OutboxSender) -> None:
    """One tick of the clock (periodic jobs in a thread, then the outbox), as the bot runs it."""
    await sender.tick()
    await bot.server.wait_idle()


async def _said(bot: RunningBot, user: User, text: str, chat: Chat | None = None) -> str:
    return "\n".join(m.plain for m in await bot.say(user, text, chat))


def _in_catalogue(bot: RunningBot, external_id: str) -> bool:
    # Read from the store: a search would rebuild the index after each import (seconds each);
    # that an import is searchable is tested with the manager's upload (test_network_catalogue).
    with bot.database.unit_of_work() as uow:
        return uow.catalogue.by_external_id(external_id) is not None


def _notices(bot: RunningBot, user: User) -> list[str]:
    """What the bot told `user` in private on its own about a source."""
    return [
        m.plain
        for m in bot.server.bot_messages(user)
        if "La source du catalogue" in m.plain or "The catalogue source" in m.plain
    ]


async def test_a_french_source_imports_then_304_then_three_500s_told_once_then_recovers(
    fetching_bot: RunningBot, catalogue: CatalogueServer
) -> None:
    bot = fetching_bot
    clock = Clock()
    sender = _clocked(bot, clock)
    manager = await bot.server.user(800, "Gestionnaire", language_code="fr")
    await _network(bot, manager, "REFAD", "fr")
    url = catalogue.url()

    registered = await _said(bot, manager, f"/source {url}")
    assert "Source inscrite pour «" + NBSP + "REFAD" + NBSP + "»" in registered and url in registered
    assert catalogue.served.requests == [], "nothing is fetched in the request's handler"
    assert not _in_catalogue(bot, "ce-src-10")

    await _tick(bot, sender)
    assert len(catalogue.served.requests) == 1
    assert _in_catalogue(bot, "ce-src-10")
    shown = await _said(bot, manager, "/source")
    assert "Source programmée de «" + NBSP + "REFAD" + NBSP + "»" in shown
    assert "importé (ajoutées" + NBSP + ": 1" in shown and "Prochaine récupération" in shown

    clock.now += 5 * HOUR
    await _tick(bot, sender)
    assert len(catalogue.served.requests) == 1, "not due before 6 hours"
    clock.now += HOUR
    await _tick(bot, sender)
    asked = catalogue.served.requests[-1]
    assert asked.get("If-None-Match") == catalogue.served.etag
    assert asked.get("If-Modified-Since") == catalogue.served.last_modified
    assert "aucune modification depuis la dernière récupération" in await _said(bot, manager, "/source")

    catalogue.served.fail_next(500, 4)
    for wait in (6, 1, 2, 4):  # the interval, then the backoff: 1 h, 2 h, 4 h
        clock.now += wait * HOUR
        await _tick(bot, sender)
    assert len(catalogue.served.requests) == 6
    [told] = _notices(bot, manager)
    assert "La source du catalogue de «" + NBSP + "REFAD" + NBSP + "» a échoué 3 fois de suite." in told
    assert "le serveur a répondu 500" in told and "La source reste inscrite" in told
    status = await _said(bot, manager, "/source")
    assert "4 échecs de suite depuis le" in status
    assert url in status, "the source stays registered"

    catalogue.served.body = two_credentials()
    clock.now += 8 * HOUR
    await _tick(bot, sender)
    [_told, back] = _notices(bot, manager)
    assert "fonctionne de nouveau" in back and "Catalogue importé" in back and "ajoutées" + NBSP + ": 1" in back
    assert _in_catalogue(bot, "ce-src-11")
    clock.now += 6 * HOUR
    await _tick(bot, sender)
    assert len(_notices(bot, manager)) == 2, "a fetch that works, after, is not told"

    removed = await _said(bot, manager, "/source off")
    assert "Source retirée" in removed
    assert "n’a pas de source programmée" in await _said(bot, manager, "/source")


async def test_a_file_with_problems_counts_as_a_failure_and_writes_nothing(
    fetching_bot: RunningBot, catalogue: CatalogueServer
) -> None:
    bot = fetching_bot
    clock = Clock()
    sender = _clocked(bot, clock)
    manager = await bot.server.user(810, "Coordinator", language_code="en")
    group = await _network(bot, manager, "North network", "en")
    catalogue.served.body = ctdl_document("ce-src-20", {"en": "Glassblowing"}, hours="ten hours")
    await _said(bot, manager, f"/source {catalogue.url()}", group)
    await _tick(bot, sender)
    shown = await _said(bot, manager, "/source", group)
    assert "failed: the file has problems, so nothing was imported" in shown
    assert "ce-src-20, ceterms:estimatedDuration" in shown
    assert "1 failure in a row" in shown
    assert not _in_catalogue(bot, "ce-src-20")


async def test_an_administrator_who_may_not_change_the_info_is_refused_and_nothing_is_registered(
    fetching_bot: RunningBot, catalogue: CatalogueServer
) -> None:
    bot = fetching_bot
    manager = await bot.server.user(820, "Coordinator", language_code="en")
    other = await bot.server.user(821, "Moderator", language_code="en")
    group = await _network(bot, manager, "South network", "en")
    await bot.server.set_admin(group, other, rights={"can_change_info": False})
    refusal = "Only administrators who may change this chat's info can do this."
    assert refusal in await _said(bot, other, f"/source {catalogue.url()}", group)
    await bot.server.set_admin(group, manager, admin=False)
    assert refusal in await _said(bot, manager, f"/source {catalogue.url()}"), "in private, checked live"
    assert bot.conversation.services.sources is not None
    assert bot.conversation.services.sources.get(group.id) is None
    assert catalogue.served.requests == []


async def test_without_the_setting_registering_says_how_to_turn_fetching_on(
    bot: RunningBot, catalogue: CatalogueServer
) -> None:
    manager = await bot.server.user(830, "Coordinator", language_code="en")
    group = await _network(bot, manager, "East network", "en")
    refused = await _said(bot, manager, f"/source {catalogue.url()}", group)
    assert "This installation does not fetch anything from the network" in refused
    assert "CREDBOT_ALLOW_NETWORK=1" in refused
    assert bot.conversation.services.sources is not None
    assert bot.conversation.services.sources.get(group.id) is None
    sender: OutboxSender = bot.app.bot_data[OUTBOX_SENDER_KEY]
    await sender.tick()
    assert catalogue.served.requests == []
