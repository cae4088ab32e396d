"""`/stats` through the real Application and the local Bot API test server, in a French and an
English group: refused to a member who is not an administrator; for an administrator, only the
queries that at least five distinct learners sent; the CSV arrives as a document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e.botapi_server import BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy

pytestmark = pytest.mark.asyncio

NBSP = "\u00a0"


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


async def _group_with_searches(
    bot: RunningBot, language: str, command: str, five: str, four: str
) -> tuple[Chat, User, User]:
    server = bot.server
    learners = [await server.user(100 + n, f"Membre {n}", language_code=language) for n in range(5)]
    admin = await server.user(90, "Gestionnaire", language_code=language)
    outsider = learners[0]
    group = await server.group(f"Réseau {language}", members=[*learners, admin], supergroup=True)
    await server.set_admin(group, admin)
    with bot.database.unit_of_work() as uow:
        uow.chats.set_locale(group.id, language, kind="supergroup", title=group.title)
    for learner in learners:
        await bot.say(learner, f"/{command} {five}", group)
    for learner in learners[1:]:
        await bot.say(learner, f"/{command} {four}", group)
    return group, admin, outsider


async def test_french_stats_show_only_queries_of_five_learners(bot: RunningBot) -> None:
    group, admin, outsider = await _group_with_searches(
        bot, "fr", "chercher", "Astrophysique", "soudure sous-marine"
    )
    refused = await bot.say(outsider, "/statistiques", group)
    assert [m.plain for m in refused] == ["Seuls les administrateurs de cette discussion peuvent faire cela."]

    (report,) = await bot.say(admin, "/statistiques", group)
    text = report.plain
    print(text)  # the reply as a manager sees it (-s shows it)
    assert "📊 Statistiques" in text
    shown = text.replace(NBSP, " ")
    assert "« astrophysique » — 5 recherches, 5 personnes" in shown
    assert "soudure" not in text
    assert "Recherches par semaine" in text and "(sans résultat : 56 %)" in shown
    assert "Français 100 % (9), anglais 0 % (0)" in shown

    await bot.say(admin, "/statistiques csv", group)
    (document,) = bot.server.documents_sent(group)
    assert document.filename is not None and document.filename.endswith(".csv")
    assert document.content is not None
    content = document.content.decode("utf-8-sig")
    assert "query_without_results,astrophysique,5,5," in content
    assert "soudure" not in content


async def test_english_stats_refused_then_shown_with_the_threshold(bot: RunningBot) -> None:
    group, admin, outsider = await _group_with_searches(
        bot, "en", "search", "green chemistry", "underwater welding"
    )
    refused = await bot.say(outsider, "/stats", group)
    assert [m.plain for m in refused] == ["Only this chat's administrators can do this."]
    assert bot.server.documents_sent(group) == []

    (report,) = await bot.say(admin, "/stats", group)
    assert "“green chemistry” — 5 searches, 5 people" in report.plain
    assert "welding" not in report.plain
    assert "English 100% (9)" in report.plain

    await bot.say(admin, "/stats csv", group)
    (document,) = bot.server.documents_sent(group)
    assert document.content is not None and b"green chemistry" in document.content
    assert b"welding" not in document.content
