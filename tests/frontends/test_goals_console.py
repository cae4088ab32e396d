"""Vague goals in the console chat, in English and in French: the closest goals the bot knows are
offered as numbered buttons with their typed equivalents, by name, never by internal id."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest

from bot.app import build_conversation, open_database
from bot.config import Settings
from bot.conversation.context import Who
from bot.frontends.console import chat
from bot.store.db import Database


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("goals") / "credbot.sqlite3"
    db = open_database(Settings(database_url=f"sqlite:///{path}"))
    yield db
    db.dispose()


def _settings() -> Settings:
    return Settings(database_url="sqlite://")


def talk(database: Database, locale: str, *lines: str) -> list[str]:
    """The console's answer to each line typed, in order."""
    conversation = build_conversation(_settings(), database)
    out = io.StringIO()
    chat(
        conversation,
        Who(ref=f"console:goals-{locale}", language_code=locale),
        io.StringIO("\n".join(lines) + "\n"),
        out,
    )
    # Non-breaking spaces (French typography) read as spaces here.
    return re.split(r"^> .*$", out.getvalue().replace("\u00a0", " "), flags=re.MULTILINE)[1:]


def test_english_vague_goals_offer_the_closest_goals(database: Database) -> None:
    nurse, bundle, typed, partial, unknown = talk(
        database,
        "en",
        "bundle for nurse",
        "1",
        "/bundle practical nurse",
        "/bundle I want to become a payroll clerk",
        "/bundle I want to become an astronaut",
    )
    assert "The goals I know closest to “nurse” are:" in nurse
    assert "[1] Practical nurse (/bundle practical nurse)" in nurse
    assert "[2] Palliative care nurse (/bundle palliative care nurse)" in nurse
    assert "didn't recognise" not in nurse
    # The button and its typed equivalent give the same bundle, said by the goal's name.
    assert "Bundle for “practical nurse”" in bundle
    assert "I took this to mean: practical nurse →" in bundle
    assert "practical-nurse" not in bundle
    assert bundle.split("[1]")[0] == typed.split("[1]")[0]
    # Recognised in part: the bundle for the skill, what was taken, and the closest goals.
    assert "Bundle for “I want to become a payroll clerk”" in partial
    assert "Taken as a job or a field: “clerk”" in partial
    assert "Closest goals I know: Bookkeeper" in partial
    assert "Bookkeeper (/bundle bookkeeper)" in partial
    # Recognised not at all: goals the bot knows, by name.
    assert "I didn't recognise any skill or job" in unknown
    assert "Or pick a goal I know:" in unknown
    assert "[1] Data analyst (/bundle data analyst)" in unknown


def test_french_vague_goals_offer_the_closest_goals(database: Database) -> None:
    nurse, health, bookkeeper, payroll = talk(
        database,
        "fr",
        "/parcours je veux devenir infirmière",
        "/parcours je veux travailler en santé",
        "/parcours je veux devenir commis comptable",
        "/parcours technicienne en paie",
    )
    assert "Les objectifs les plus proches de « infirmière » que je connaisse :" in nurse
    assert "[1] Infirmière auxiliaire (/parcours infirmière auxiliaire)" in nurse
    assert "Infirmière en soins palliatifs (/parcours infirmière en soins palliatifs)" in nurse
    assert "Préposé aux bénéficiaires (/parcours préposé aux bénéficiaires)" in health
    # The bot's own example: a job title, not one course and an unused word.
    assert "J’ai compris : commis comptable → tenue de livres" in bookkeeper
    assert "Mots que je n’ai pas utilisés" not in bookkeeper
    assert "Total : 5 microcertifications" in bookkeeper
    # Recognised in part, in the feminine: the goals are named in the feminine too.
    assert "Compris comme un métier ou un domaine : « technicienne »" in payroll
    assert "Technicienne en comptabilité (/parcours technicienne en comptabilité)" in payroll
    assert "Teneuse de livres (/parcours teneuse de livres)" in payroll


def test_a_job_the_vocabulary_does_not_know_is_searched_for_instead(database: Database) -> None:
    unknown, results = talk(database, "en", "/bundle I want to become a plumber", "1")
    assert "I didn't recognise any skill or job" in unknown
    assert "[1] 🔎 Search for “plumber” (/search plumber)" in unknown
    assert "result for “plumber”" in results and "Plomberie résidentielle" in results
