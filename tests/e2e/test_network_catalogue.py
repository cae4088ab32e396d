"""A network's catalogue through the real Application and the local Bot API test server: a
manager's file is a dry run first (problems listed by file, record and field, nothing written),
then Confirm imports it all or nothing, once, for that manager only, within 15 minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests._documents import ctdl_document
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, labels

pytestmark = pytest.mark.asyncio

NBSP = "\u00a0"
START = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def _network(bot: RunningBot, manager: User, title: str, language: str) -> Chat:
    group = await bot.server.group(title, members=[manager], supergroup=True)
    await bot.server.set_admin(group, manager)
    with bot.database.unit_of_work() as uow:
        uow.chats.set_locale(group.id, language, kind="supergroup", title=group.title)
        uow.chats.add_manager(group.id, manager.id, kind="supergroup", title=group.title)
    return group


async def _send(bot: RunningBot, user: User, filename: str, content: bytes) -> Message:
    before = len(bot.server.bot_messages(user))
    await bot.server.send_document(user, filename, content, "application/json")
    await bot.server.wait_idle()
    replies = bot.server.bot_messages(user)[before:]
    assert len(replies) == 1, [m.plain for m in replies]
    return replies[0]


async def _found(bot: RunningBot, user: User, query: str) -> str:
    return "\n".join(m.plain for m in await bot.say(user, query))


async def test_a_french_manager_imports_after_a_dry_run_once_and_only_they_can_confirm(
    bot: RunningBot,
) -> None:
    server = bot.server
    clock = Clock()
    assert bot.conversation.services.uploads is not None
    bot.conversation.services.uploads.clock = clock
    manager = await server.user(700, "Gestionnaire", language_code="fr")
    outsider = await server.user(701, "Autre", language_code="fr")
    await _network(bot, manager, "REFAD", "fr")

    broken = await _send(
        bot, manager, "refad.ctdl.json", ctdl_document("ce-net-1", {"fr": "Soudage sécuritaire"}, "dix heures")
    )
    assert "Rien ne peut être importé dans «" + NBSP + "REFAD" + NBSP + "»" in broken.plain
    assert "refad.ctdl.json, ce-net-1, ceterms:estimatedDuration" in broken.plain
    assert not labels(broken), "no Confirm under a file with problems"
    assert "Soudage sécuritaire" not in await _found(bot, manager, "soudage sécuritaire")

    good = await _send(
        bot,
        manager,
        "refad.ctdl.json",
        ctdl_document("ce-net-1", {"fr": "Soudage sécuritaire", "en": "Welding safety"}),
    )
    assert (
        "Essai pour «" + NBSP + "REFAD" + NBSP + "»" in good.plain and "ajoutées" + NBSP + ": 1" in good.plain
    )
    assert any("Confirmer" in label for label in labels(good)) and any(
        "Annuler" in label for label in labels(good)
    )
    assert "Soudage sécuritaire" not in await _found(bot, manager, "soudage sécuritaire"), (
        "a dry run writes nothing"
    )

    confirm = button_data(good, "Confirmer")
    refused = await bot.press(outsider, good, confirm)
    assert any("Seul le gestionnaire qui a envoyé ce fichier" in m.plain for m in refused)
    assert "Soudage sécuritaire" not in await _found(bot, manager, "soudage sécuritaire")

    imported = await bot.press(manager, good, confirm)
    assert any("Catalogue importé" in m.plain and "ajoutées" + NBSP + ": 1" in m.plain for m in imported)
    assert "Soudage sécuritaire" in await _found(bot, manager, "soudage sécuritaire")
    again = await bot.press(manager, good, confirm)
    assert any("déjà été confirmé ou annulé" in m.plain for m in again)
    assert not any("Catalogue importé" in m.plain for m in again)

    late = await _send(
        bot, manager, "refad.ctdl.json", ctdl_document("ce-net-2", {"fr": "Menuiserie fine", "en": "Fine joinery"})
    )
    clock.now = START + dt.timedelta(minutes=16)
    expired = await bot.press(manager, late, button_data(late, "Confirmer"))
    assert any("expirée" in m.plain for m in expired)
    assert "Menuiserie fine" not in await _found(bot, manager, "menuiserie fine")


async def test_a_file_from_someone_who_manages_no_network_is_a_badge_as_before(bot: RunningBot) -> None:
    learner = await bot.server.user(710, "Apprenante", language_code="fr")
    reply = await _send(
        bot, learner, "refad.ctdl.json", ctdl_document("ce-net-9", {"fr": "Intrusion", "en": "Intrusion"})
    )
    assert "Essai" not in reply.plain and not labels(reply)
    assert "Intrusion" not in await _found(bot, learner, "intrusion")


async def test_a_manager_of_two_english_chats_picks_the_network_then_cancels(bot: RunningBot) -> None:
    manager = await bot.server.user(720, "Coordinator", language_code="en")
    await _network(bot, manager, "North network", "en")
    await _network(bot, manager, "South network", "en")
    asked = await _send(bot, manager, "north.ctdl.json", ctdl_document("ce-net-3", {"en": "Beekeeping basics"}))
    assert "Which network is this catalogue for?" in asked.plain
    assert labels(asked) == ["North network", "South network", "All my chats (2)"]
    shown = await bot.press(manager, asked, button_data(asked, "North"))
    dry_run = next(m for m in shown if "Dry run" in m.plain)
    assert "Dry run for “North network”" in dry_run.plain and "added 1" in dry_run.plain
    cancelled = await bot.press(manager, dry_run, button_data(dry_run, "Cancel"))
    assert any("Cancelled: nothing was imported." in m.plain for m in cancelled)
    after = await bot.press(manager, dry_run, button_data(dry_run, "Confirm"))
    assert any("already confirmed or cancelled" in m.plain for m in after)
    assert "Beekeeping basics" not in await _found(bot, manager, "beekeeping basics")


async def test_a_manager_who_lost_the_right_is_refused_and_nothing_is_held(bot: RunningBot) -> None:
    manager = await bot.server.user(730, "Former admin", language_code="en")
    group = await _network(bot, manager, "East network", "en")
    await bot.server.set_admin(group, manager, admin=False)
    refused = await _send(bot, manager, "east.ctdl.json", ctdl_document("ce-net-4", {"en": "Glassblowing"}))
    assert "Only administrators who may change this chat's info can do this." in refused.plain
    assert not labels(refused)
