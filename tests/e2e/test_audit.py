"""The audit log through the real Application and the local Bot API test server: each change to a
group's settings, digests and network catalogue is recorded with who made it and the values
before and after; `/audit` (`/journal`) shows the last ones to an administrator, checked live, in
the group's language, and nothing to a member."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.domain import audit as kinds
from bot.domain.audit import AuditEntry
from bot.store.db import Database
from tests._documents import ctdl_document
from tests.e2e.botapi_server import BotApiServer, Chat, Message
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, labels
from tests.e2e.test_rights import group_with_admin

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, None, tmp_path) as running:
        yield running


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def logged(database: Database, chat: Chat) -> list[AuditEntry]:
    """The chat's audit log, oldest first."""
    with database.unit_of_work() as uow:
        return list(reversed(uow.audit.recent(chat.id, limit=100)))


@pytest.mark.parametrize(
    ("language", "commands", "shown", "refusal"),
    [
        (
            "fr",
            ("/langue en", "/langue fr", "/bulletin quotidien 9h fr cyber", "/journal"),
            (
                "📋 Modifications dans cette discussion",
                "Odile Ouellet (identifiant Telegram 3101)",
                "Langue du groupe modifiée",
                "langue : non choisie → anglais",
                "langue : anglais → français",
                "Bulletin créé",
                "horaire : chaque jour à 9 h (America/Toronto)",
            ),
            "Seuls les administrateurs de cette discussion",
        ),
        (
            "en",
            ("/language fr", "/language en", "/digest daily 9h en cyber", "/audit"),
            (
                "📋 Changes in this chat",
                "Odile Ouellet (Telegram id 3101)",
                "Group language changed",
                "language: not chosen → French",
                "language: French → English",
                "Digest subscribed",
                "schedule: every day at 9:00 (America/Toronto)",
            ),
            "Only this chat's administrators",
        ),
    ],
)
async def test_changes_are_recorded_and_shown_to_administrators_only(
    bot: RunningBot, language: str, commands: tuple[str, ...], shown: tuple[str, ...], refusal: str
) -> None:
    server = bot.server
    owner = await server.user(3101, "Odile", language, last_name="Ouellet")
    member = await server.user(3102, "Max", language)
    group = await group_with_admin(server, "Réseau" if language == "fr" else "Network", owner, member)
    *changes, audit = commands
    for command in changes:
        await bot.say(owner, command, group)

    log = logged(bot.database, group)
    other = "en" if language == "fr" else "fr"
    assert [(entry.action, entry.before, entry.after) for entry in log[:2]] == [
        (kinds.CHAT_LANGUAGE, {"language": None}, {"language": other}),
        (kinds.CHAT_LANGUAGE, {"language": other}, {"language": language}),
    ]
    assert log[2].action == kinds.DIGEST_SUBSCRIBED and log[2].before is None
    assert log[2].after is not None and log[2].after["topics"] == ["cyber"]
    assert {(entry.actor.user_id, entry.actor.name) for entry in log} == {(3101, "Odile Ouellet")}

    (answer,) = await bot.say(owner, audit, group)
    text = plain(answer.plain)
    for part in shown:
        assert part in text, text
    assert text.index(shown[4]) < text.index(shown[3])  # newest first

    (refused,) = await bot.say(member, audit, group)
    assert refusal in plain(refused.plain)
    assert shown[2] not in refused.plain and "Odile" not in refused.plain
    assert len(logged(bot.database, group)) == 3  # looking changed nothing


async def test_a_confirmed_network_catalogue_is_recorded_with_its_counts_and_hash(
    botapi: BotApiServer, seeded_database: Path, tmp_path: Path
) -> None:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as bot:
        server = bot.server
        manager = await server.user(3111, "Gisèle", "fr")
        group = await group_with_admin(server, "REFAD", manager)
        with bot.database.unit_of_work() as uow:
            uow.chats.add_manager(group.id, manager.id, kind="supergroup", title=group.title)
        content = ctdl_document("ce-audit-1", {"fr": "Soudage sécuritaire", "en": "Welding safety"})
        await server.send_document(manager, "refad.ctdl.json", content, "application/json")
        await server.wait_idle()
        dry_run = server.bot_messages(manager)[-1]
        assert logged(bot.database, group) == []  # a dry run changes nothing
        await bot.press(manager, dry_run, button_data(dry_run, "Confirmer"))

        (entry,) = logged(bot.database, group)
        sha = hashlib.sha256(content).hexdigest()
        assert (entry.action, entry.actor.user_id, entry.before) == (kinds.CATALOGUE_IMPORT, 3111, None)
        assert entry.after == {
            "file": "refad.ctdl.json",
            "sha256": sha,
            "added": 1,
            "updated": 0,
            "unchanged": 0,
            "removed": 0,
        }
        (answer,) = await bot.say(manager, "/journal", group)
        text = plain(answer.plain)
        assert "Catalogue du réseau importé" in text and "Gisèle (identifiant Telegram 3111)" in text
        assert f"fichier : refad.ctdl.json · SHA-256 {sha[:12]}" in text
        assert "ajoutées : 1, mises à jour : 0, inchangées : 0, supprimées : 0" in text


# ---- anonymous administrators ----

START = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def chat_locale(database: Database, chat: Chat) -> str | None:
    with database.unit_of_work() as uow:
        return uow.chats.locale(chat.id)


async def anonymous(bot: RunningBot, group: Chat, text: str) -> Message:
    """An anonymous administrator writes `text` in the group; the bot's one answer."""
    before = len(bot.server.bot_messages(group))
    await bot.server.send_anonymous(group, text)
    await bot.server.wait_idle()
    (answer,) = bot.server.bot_messages(group)[before:]
    return answer


def last_toast(bot: RunningBot) -> str:
    return plain(bot.server.callback_answers[-1].text or "")


@pytest.mark.parametrize(
    ("language", "command", "prove", "refusal", "done", "again"),
    [
        ("fr", "/langue en", "Prouver que vous êtes administrateur", "Seuls les administrateurs", "English", "déjà fait"),
        ("en", "/language fr", "Prove you are an administrator", "Only administrators", "français", "already done"),
    ],
)
async def test_an_anonymous_administrator_proves_themselves_and_the_presser_is_recorded(
    bot: RunningBot, language: str, command: str, prove: str, refusal: str, done: str, again: str
) -> None:
    server = bot.server
    owner = await server.user(3121, "Olivia", language, last_name="Tremblay")
    member = await server.user(3122, "Max", language)
    group = await group_with_admin(server, "Réseau" if language == "fr" else "Network", owner, member)

    asked = await anonymous(bot, group, command)
    assert any(prove in label for label in labels(asked)), asked.plain
    assert chat_locale(bot.database, group) is None and logged(bot.database, group) == []

    await bot.tap(member, asked, prove)  # a member's press: refused, nothing changed
    assert refusal in last_toast(bot)
    assert chat_locale(bot.database, group) is None and logged(bot.database, group) == []
    assert any(prove in label for label in labels(asked)), "the button stays for an administrator"

    (answered,) = await bot.tap(owner, asked, prove)
    assert answered.message_id == asked.message_id and done in answered.plain and not labels(answered)
    expected = "fr" if language == "en" else "en"
    assert chat_locale(bot.database, group) == expected
    (entry,) = logged(bot.database, group)
    assert (entry.actor.user_id, entry.actor.name, entry.after) == (3121, "Olivia Tremblay", {"language": expected})


async def test_a_proof_expires_after_60_seconds(bot: RunningBot) -> None:
    server = bot.server
    clock = Clock()
    assert bot.conversation.services.proofs is not None
    bot.conversation.services.proofs.clock = clock
    owner = await server.user(3131, "Odile", "fr")
    editor = await server.user(3132, "Éric", "fr")
    group = await group_with_admin(server, "Réseau", owner, editor)
    await server.set_admin(group, editor)

    asked = await anonymous(bot, group, "/langue en")
    await bot.tap(editor, asked, "Prouver")  # any administrator with the right may prove it
    assert chat_locale(bot.database, group) == "en"
    (entry,) = logged(bot.database, group)
    assert entry.actor.user_id == 3132

    late = await anonymous(bot, group, "/language fr")  # the group speaks English now
    assert "Prove you are an administrator" in " ".join(labels(late))
    clock.now = START + dt.timedelta(seconds=61)
    (expired,) = await bot.tap(owner, late, "Prove")
    assert "This request expired (60 seconds): please send the command again." in expired.plain
    assert not labels(expired)
    assert chat_locale(bot.database, group) == "en" and len(logged(bot.database, group)) == 1


async def test_an_anonymous_administrator_sees_the_log_once_proved_and_a_search_needs_no_proof(
    bot: RunningBot,
) -> None:
    server = bot.server
    owner = await server.user(3141, "Olivia", "en")
    group = await group_with_admin(server, "Network", owner)
    await bot.say(owner, "/language fr", group)
    asked = await anonymous(bot, group, "/audit")
    assert "Langue du groupe modifiée" not in asked.plain
    (shown,) = await bot.tap(owner, asked, "Prouver")
    assert "Langue du groupe modifiée" in shown.plain and "Olivia (identifiant Telegram 3141)" in plain(shown.plain)
    searched = await anonymous(bot, group, "/chercher cybersécurité")
    assert "Prouver" not in " ".join(labels(searched))
