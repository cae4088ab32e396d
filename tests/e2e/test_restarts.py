"""`credbot run` killed with SIGKILL at random points (seeded) while learners talk to it, started
again on the same store each time: no step is lost, each has its effect once, the wallets, saved
bundles and language choices are there, and the buttons of messages made before a kill work
after it. The engine and the longer measurement are benchmarks/restarts.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks import restarts
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer
from tests.e2e.harness import button_data

pytestmark = pytest.mark.asyncio

KILLS = 3


@pytest.mark.parametrize("seed", [7])
async def test_killed_at_random_points_nothing_is_lost(
    botapi: BotApiServer, seeded_database: Path, tmp_path: Path, seed: int
) -> None:
    path = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded_database, path)
    index = seeded_database.with_name(seeded_database.name + ".search-index")
    if index.exists():
        shutil.copytree(index, path.with_name(path.name + ".search-index"))
    learners = restarts.LEARNERS[:2]  # one in English, one in French, at once
    outcome = await restarts.run(botapi, f"sqlite:///{path}", tmp_path, KILLS, seed, learners)
    assert outcome.kills == KILLS
    assert outcome.lost == [], outcome.line()
    assert outcome.problems == [], outcome.line()
    assert outcome.steps == sum(len(script) for _id, _language, script, _chosen in learners)
    # A kill after a reply went out and before its update was marked handled: the update is
    # handled again after the restart, and that reply is sent twice (at most once per learner
    # and kill: one update of each learner is in flight at a time).
    assert outcome.duplicates <= KILLS * len(learners), outcome.line()


async def test_killed_as_a_bundle_is_saved_the_bundle_is_saved_once(
    botapi: BotApiServer, seeded_database: Path, tmp_path: Path
) -> None:
    """SIGKILL once Save was done and its edit went out (Telegram holding the answer), before the
    update was marked handled: after the restart the press is handled again, the message shows
    the saved bundle, and the store holds one saved bundle, not two."""
    path = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded_database, path)
    url = f"sqlite:///{path}"
    bot = restarts.Bot(botapi, url, tmp_path)
    await bot.start()
    try:
        learner = await botapi.user(9201, "Élise", language_code="fr-CA")
        said = await botapi.send_text(learner, "/parcours analyste de données")
        bundle = await botapi.next_reply(learner, after=said, timeout=60)
        edits = len(botapi.calls_to("editMessageText"))
        botapi.delay_next("editMessageText", 30)
        query = await botapi.press_button(learner, bundle, button_data(bundle, "Enregistrer"))
        await botapi.wait_for(
            lambda: len(botapi.calls_to("editMessageText")) > edits, timeout=60, what="the edit to go out"
        )
        await bot.kill()
        botapi.release_held()
        await bot.start()
        await botapi.wait_for(
            lambda: any(a.callback_query_id == query for a in botapi.callback_answers),
            timeout=60,
            what="the press to be answered after the restart",
        )
        [shown] = [m for m in botapi.bot_messages(learner) if m.message_id == bundle.message_id]
        assert button_data(shown, "Partager").startswith("https://t.me/share/url?")
        said = await botapi.send_text(learner, "/mesparcours")
        listed = await botapi.next_reply(learner, after=said, timeout=60)
        assert "1. analyste de données" in listed.plain and "2." not in listed.plain
    finally:
        status = await bot.stop()
    assert status == 0
    db = Database(url, auto_migrate=False)
    try:
        with db.session() as session:
            saved = session.scalar(select(func.count()).select_from(models.Bundle).where(models.Bundle.saved))
    finally:
        db.dispose()
    assert saved == 1
