"""French as it is typed on a phone in Canada: elisions without an apostrophe (« jai », « cest »,
« jveux », « chu »), SMS spellings (« koi », « cmt »), made standard before the rules read it."""

from __future__ import annotations

import pytest

from bot.language.text import fold, respell
from bot.language.understanding import understand


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("jai fini", "j ai fini"),
        ("jveux voir", "je veux voir"),
        ("chu perdu", "je suis perdu"),
        ("cest correct", "c est correct"),
        ("yen a tu dautres", "y en a tu d autres"),
        ("cmt ca marche", "comment ca marche"),
        ("koi", "quoi"),
        ("jveux pu", "je veux plus"),
        # Topic words are left as written, English ones too.
        ("java jquery data", "java jquery data"),
        ("see ya", "see ya"),
    ],
)
def test_phone_spellings_are_made_standard(typed: str, read: str) -> None:
    assert respell(fold(typed))[0] == read


def test_respelling_keeps_where_each_character_came_from() -> None:
    folded, origins = respell("jai soudure")
    assert folded == "j ai soudure"
    assert len(origins) == len(folded)
    assert "jai soudure"[origins[folded.index("soudure")] :] == "soudure"


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("jveux voir la page davant", "results", "previous_page"),
        ("cmt ca marche ton affaire", "none", "help"),
        ("jai besoin dun cours en soudure", "none", "search"),
    ],
)
def test_phone_french_is_understood(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


def test_topic_keeps_the_learners_spelling_after_a_respelling() -> None:
    understood = understand("jcherche un cours de Soudure", "none")
    assert understood.intent == "search"
    assert understood.topic == ("soudure",)
    assert "Soudure" in understood.query
