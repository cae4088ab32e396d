"""Bundles over the sample catalogue, as a learner in the console sees them: the language of
instruction respected by default, and an occupation's core skill kept under a tight budget."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.app import build_conversation, open_database
from bot.config import Settings
from bot.conversation.context import Who
from bot.frontends.console import chat


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "credbot.sqlite3"
    open_database(Settings(database_url=f"sqlite:///{path}")).dispose()
    return path


def console(seeded: Path, tmp_path: Path, lines: list[str], locale: str) -> str:
    copy = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded, copy)
    settings = Settings(database_url=f"sqlite:///{copy}")
    database = open_database(settings)
    try:
        conversation = build_conversation(settings, database)
        out = io.StringIO()
        who = Who(ref="console:test", language_code=locale)
        chat(conversation, who, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
        return out.getvalue().replace("\u00a0", " ").replace("\u202f", " ")
    finally:
        database.dispose()


def test_an_english_learners_data_analyst_bundle_has_no_french_only_course(seeded: Path, tmp_path: Path) -> None:
    text = console(seeded, tmp_path, ["bundle for data analyst"], "en")
    bundle = text.split("> bundle for data analyst", 1)[1]
    assert "Limits: taught in English (your language)" in bundle
    summaries = [line for line in bundle.splitlines() if line.startswith("    ") and " · " in line]
    assert summaries and all("English" in line for line in summaries), summaries
    assert "Visualisation de données : les bases" not in bundle


def test_the_project_manager_bundle_under_500_keeps_project_management(seeded: Path, tmp_path: Path) -> None:
    text = console(seeded, tmp_path, ["bundle for project manager under $500"], "en")
    bundle = text.split("> bundle for project manager under $500", 1)[1]
    assert "Limits: at most $500" in bundle
    covers = [line for line in bundle.splitlines() if "Covers:" in line]
    assert any("project management" in line for line in covers), bundle
    assert "Not everything is taught in English" in bundle


def test_acronyms_and_product_names_keep_their_casing(seeded: Path, tmp_path: Path) -> None:
    """Skill lists and suggestions show PMP, QuickBooks, QGIS, GST/HST as written, never in lower
    case (the vocabulary's names were all lower case)."""
    text = console(seeded, tmp_path, ["/bundle bookkeeper", "/search quickbok", "/bundle gis technician"], "en")
    assert "sales taxes (GST/HST)" in text and "QuickBooks" in text and "QGIS" in text, text
    for lower in ("gst/hst", "quickbooks", "qgis"):
        assert lower not in text, lower
    french = console(seeded, tmp_path, ["/parcours premiers soins", "/parcours gestionnaire de projet"], "fr")
    assert "RCR" in french and "PMP" in french, french
    assert " rcr" not in french and " pmp" not in french



def test_a_goal_picked_by_button_is_named_not_keyed_after_an_edit(seeded: Path, tmp_path: Path) -> None:
    copy = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded, copy)
    settings = Settings(database_url=f"sqlite:///{copy}")
    database = open_database(settings)
    try:
        conversation = build_conversation(settings, database)
        for locale, ask, label, drop, heading in [
            ("en", "bundle for nurse", "Practical nurse", "drop the first one", "Bundle for “Practical nurse”"),
            ("fr", "je veux devenir infirmière", "Infirmière auxiliaire", "enlève le premier", "Parcours pour « Infirmière auxiliaire »"),
        ]:
            who = Who(ref=f"console:{locale}", language_code=locale)
            offer = conversation.text(who, ask)[0]
            code = next(b.code for row in offer.buttons for b in row if b.label == label)
            picked = conversation.button(who, code)[0].plain_text().replace("\u00a0", " ")
            edited = conversation.text(who, drop)[0].plain_text().replace("\u00a0", " ")
            assert heading.lower() in picked.lower() and heading.lower() in edited.lower()
            assert "-" not in edited.splitlines()[0]  # no key such as practical-nurse
    finally:
        database.dispose()
