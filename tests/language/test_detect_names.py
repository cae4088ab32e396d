"""A group's name is a few words: how much of it is enough to call it French."""

from __future__ import annotations

import pytest

from bot.language.detect import detect_name_language


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Groupe d'étude REFAD", "fr"),  # a French letter
        ("Apprentissage en ligne", "fr"),  # one French-only word
        ("Les apprenants du Nord", "fr"),
        ("Learners of the North", "en"),
        ("Zoë and friends", "en"),  # ë is no sign of French
        ("Study group", None),  # says nothing: the default decides
        ("REFAD", None),
        ("", None),
        (None, None),
    ],
)
def test_a_group_name_s_language(name: str | None, language: str | None) -> None:
    assert detect_name_language(name) == language
