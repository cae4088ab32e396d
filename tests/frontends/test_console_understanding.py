"""What learners actually type, in the console chat (`credbot chat`): the same understanding as
in Telegram, over the same core."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.app import build_conversation, main, open_database
from bot.config import Settings
from bot.conversation.context import Who
from bot.frontends import console

MOTHER = (
    "Bonjour, je suis une mère de famille et je cherche une formation en comptabilité à distance, "
    "pas trop chère."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("console") / "credbot.sqlite3"
    assert main(["--db", f"sqlite:///{path}", "search", "warm-up", "--json"]) == 0
    return f"sqlite:///{path}"


def chat(store: str, lang: str, user: str, lines: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The console's answer to each line, in order (`credbot chat --lang LANG --user USER`)."""
    settings = Settings(database_url=store)
    database = open_database(settings, seed=False)
    out = io.StringIO()
    try:
        conversation = build_conversation(settings, database)
        who = Who(ref=f"console:{user}", language_code=lang)
        assert console.chat(conversation, who, io.StringIO("\n".join(lines) + "\n"), out) == 0
    finally:
        database.dispose()
    answers = out.getvalue().split("\n> ")[1:]
    return [answer.split("\n", 1)[1] if "\n" in answer else "" for answer in answers]


def test_english_console(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    thanks, results, following, card, privacy, bundles, drop_nothing, language = chat(
        store,
        "en",
        "ada",
        [
            "thanks!",
            "cybersecurity",
            "next",
            "previous",
            "what do you store about me?",
            "my bundles",
            "drop the first one",
            "french",
        ],
        capsys,
    )
    assert "You're welcome" in thanks and "Did you mean" not in thanks
    assert "Page 1 of" in results
    assert "Page 2 of" in following
    assert "Page 1 of" in card
    assert "every bundle you ask for, saved or not" in privacy and "Online Store" not in privacy
    assert "You have no saved bundles yet." in bundles
    assert "You have no bundle yet." in drop_nothing
    assert "Do you want courses taught in French" in language and "Interface in French" in language


def test_french_console(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    thanks, sentence, forget, bundles, english, help_ = chat(
        store,
        "fr",
        "elise",
        ["merci!", MOTHER, "oublier mes données", "mes parcours", "anglais", "aide"],
        capsys,
    )
    assert "Avec plaisir" in thanks and "Vouliez-vous dire" not in thanks
    assert "résultats pour «\u00a0comptabilité à distance pas trop chère\u00a0»" in sentence
    assert "ceux à 300\u00a0$ ou moins d’abord" in sentence and "Rien ne respecte" not in sentence
    assert "Supprimer toutes vos données?" in forget
    assert "Vous n’avez encore aucun parcours enregistré." in bundles
    assert "Voulez-vous des formations données en anglais" in english
    assert "Comment utiliser credbot" in help_, "the interface is still in French"


def test_a_long_message_is_not_echoed(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    long = "I would like to learn bookkeeping and payroll. " + "Some context about me. " * 130
    (answer,) = chat(store, "en", "lou", [long], capsys)
    assert len(answer) < 1500 and "Your message is long" in answer


def test_the_console_reads_one_number_as_a_button(
    store: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    results, card = chat(store, "en", "max", ["cybersecurity", "2"], capsys)
    second = next(line for line in results.splitlines() if line.startswith("2. "))[3:]
    assert card.splitlines()[0] == second


def test_a_number_presses_only_the_latest_answer_s_buttons(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The goals offered first, then an answer with no button: "2" is no longer goal 2."""
    _goals, _thanks, number = chat(store, "en", "grace", ["I want to work in healthcare", "thanks!", "2"], capsys)
    assert "Bundle for" not in number and "There is no list to choose from yet." in number
