"""Vague goals through Telegram, in English and in French: the closest goals come as inline
buttons, at most three a row, labelled with the goal's name in the learner's language; a tap
gives that goal's bundle, said by name."""

from __future__ import annotations

import re

import pytest

from tests.e2e.botapi_server import Message
from tests.e2e.harness import RunningBot, labels
from tests.e2e.test_conversations import assert_only, bot, seeded_database  # noqa: F401 (fixtures)

pytestmark = pytest.mark.asyncio


def _rows_fit(message: Message) -> None:
    assert message.buttons, "the closest goals are buttons"
    assert all(len(row) <= 3 for row in message.buttons), message.buttons
    for label in labels(message):
        assert not re.fullmatch(r"[a-z0-9]+([-:][a-z0-9]+)+ ?→?", label), f"an internal id as a label: {label!r}"


async def test_vague_goals_offer_the_closest_goals_as_buttons(bot: RunningBot) -> None:  # noqa: F811
    server = bot.server
    english = await server.user(4004, first_name="Nia", language_code="en")
    french = await server.user(4005, first_name="Maude", language_code="fr-CA")

    nurse = (await bot.say(english, "/bundle nurse"))[0]
    assert "The goals I know closest to “nurse” are:" in nurse.plain
    _rows_fit(nurse)
    assert labels(nurse)[:2] == ["Practical nurse", "Palliative care nurse"]
    bundle = (await bot.tap(english, nurse, "Practical nurse"))[0]
    assert "Bundle for “practical nurse”" in bundle.plain
    assert "practical nurse →" in bundle.plain and "practical-nurse" not in bundle.plain

    partial = (await bot.say(english, "/bundle I want to become a payroll clerk"))[0]
    assert "Taken as a job or a field: “clerk”" in partial.plain
    assert "Bookkeeper" in labels(partial)
    _rows_fit(partial)

    infirmiere = (await bot.say(french, "/parcours je veux devenir infirmière"))[0]
    assert "Les objectifs les plus proches de « infirmière » que je connaisse :" in infirmiere.plain.replace(
        "\u00a0", " "
    )
    _rows_fit(infirmiere)
    assert "Infirmière auxiliaire" in labels(infirmiere)
    sante = (await bot.say(french, "/parcours je veux travailler en santé"))[0]
    _rows_fit(sante)
    assert "Préposé aux bénéficiaires" in labels(sante)
    chosen = (await bot.tap(french, sante, "Préposé aux bénéficiaires"))[0]
    assert "Parcours pour « préposé aux bénéficiaires »" in chosen.plain.replace("\u00a0", " ")
    assert "personal-support-worker" not in chosen.plain
    assert_only("en", [nurse, bundle, partial])
    assert_only("fr", [infirmiere, sante, chosen])
