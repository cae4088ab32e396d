"""Bundles, saved bundles and the wallet through Telegram, as a learner on a phone sees them:
pickers and confirmations edit the bundle message in place and have a Cancel, every edit is
planned again and says how the totals changed, no row has more than three buttons, Share opens
Telegram's share sheet, and an imported badge is removed with a button."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import pytest_asyncio

from tests.e2e.botapi_server import BotApiServer, Message
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, labels

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path) as running:
        yield running


def plain(message: Message) -> str:
    return message.plain.replace("\u00a0", " ").replace("\u202f", " ")


def assert_phone_sized(messages: list[Message]) -> None:
    for message in messages:
        rows = message.buttons
        assert all(len(row) <= 3 for row in rows), rows


async def test_bundle_edits_happen_in_place_and_say_what_changed(bot: RunningBot) -> None:
    learner = await bot.server.user(8101, first_name="Ada", language_code="en")
    seen: list[Message] = []
    (bundle,) = await bot.say(learner, "bundle for data analyst")
    seen.append(bundle)
    assert "Limits: taught in English (your language)" in plain(bundle)
    assert not any(label in ("✖ 1", "🔁 1") for label in labels(bundle))

    (picker,) = await bot.tap(learner, bundle, "Swap a credential")
    seen.append(picker)
    assert picker.message_id == bundle.message_id, "the picker edits the bundle message"
    assert "Which credential do you want to replace?" in plain(picker)
    (back,) = await bot.tap(learner, picker, "Cancel")
    assert back.message_id == bundle.message_id and "Bundle for “data analyst”" in plain(back)

    (picker,) = await bot.tap(learner, back, "Swap a credential")
    (choices,) = await bot.tap(learner, picker, "Swap 1:")
    seen.append(choices)
    assert choices.message_id == bundle.message_id and "Replace “" in plain(choices)
    assert any(label.startswith("↩") for label in labels(choices)), "the swap picker has a Cancel"
    (swapped,) = await bot.tap(learner, choices, "🔁 1:")
    seen.append(swapped)
    text = plain(swapped)
    assert swapped.message_id == bundle.message_id
    assert "Replaced “" in text and "Before: " in text and "Now: " in text

    (asked,) = await bot.tap(learner, swapped, "Mark all earned")
    seen.append(asked)
    assert asked.message_id == bundle.message_id and "as earned?" in plain(asked)
    (done,) = await bot.tap(learner, asked, "Yes, I earned them")
    seen.append(done)
    answers = [answer.text or "" for answer in bot.server.callback_answers]
    assert any("added to your wallet" in text for text in answers)
    assert "Total:" not in plain(done), "the earned credentials left the bundle and its total"
    assert "Everything this goal asks for is already in your wallet." in plain(done)
    assert_phone_sized(seen)


async def test_saved_bundles_and_the_share_sheet(bot: RunningBot) -> None:
    learner = await bot.server.user(8102, first_name="Élise", language_code="fr-CA")
    (empty,) = await bot.say(learner, "/mesparcours")
    assert "Vous n’avez encore aucun parcours enregistré." in plain(empty)
    (bundle,) = await bot.say(learner, "/parcours analyste de données")
    (saved,) = await bot.tap(learner, bundle, "Enregistrer")
    assert saved.message_id == bundle.message_id
    share = button_data(saved, "Partager")
    assert share.startswith("https://t.me/share/url?")
    link = parse_qs(urlparse(share).query)["url"][0]
    assert link.startswith("https://t.me/credbot_test_bot?start=b_")

    (listed,) = await bot.say(learner, "/mesparcours")
    assert "1. analyste de données" in plain(listed)
    assert_phone_sized([listed])
    assert button_data(listed, "Partager 1").startswith("https://t.me/share/url?")
    (opened,) = await bot.tap(learner, listed, "Ouvrir 1")
    assert opened.message_id == listed.message_id and "Parcours pour « analyste de données »" in plain(opened)

    (listed,) = await bot.say(learner, "/mesparcours")
    (asked,) = await bot.tap(learner, listed, "Supprimer 1")
    assert asked.message_id == listed.message_id
    (gone,) = await bot.tap(learner, asked, "Oui")
    assert "Parcours supprimé : analyste de données" in plain(gone)

    friend = await bot.server.user(8103, first_name="Owen", language_code="en")
    code = link.rsplit("b_", 1)[1]
    (opened,) = await bot.say(friend, f"/start b_{code}")
    assert "This bundle no longer exists." in plain(opened)


def _badge() -> bytes:
    return json.dumps(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:7c1a0f2e-0000-4000-8000-000000000009",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Réseau d'exemple"},
            "validFrom": "2026-03-01T00:00:00Z",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "urn:uuid:3f1b2c4d-0000-4000-8000-00000000abcd",
                    "type": ["Achievement"],
                    "name": "Animer une communauté",
                    "alignment": [{"type": ["Alignment"], "targetName": "Animation de communautés en ligne"}],
                },
            },
        }
    ).encode()


async def test_an_imported_badge_is_removed_with_a_button_and_menus_edit_in_place(bot: RunningBot) -> None:
    server = bot.server
    learner = await server.user(8104, first_name="Maëlle", language_code="fr")
    await server.send_document(learner, "badge.json", _badge(), "application/json")
    await server.wait_idle()
    (wallet,) = await bot.say(learner, "/acquis")
    assert "(/retirer" not in plain(wallet)
    (picker,) = await bot.tap(learner, wallet, "Retirer une microcertification")
    assert picker.message_id == wallet.message_id
    assert any(label.startswith("↩") for label in labels(picker))
    (removed,) = await bot.tap(learner, picker, "Animer une communauté")
    assert removed.message_id == wallet.message_id
    assert "aucun acquis" in plain(removed)

    (choose,) = await bot.say(learner, "/langue")
    (english,) = await bot.tap(learner, choose, "English")
    assert english.message_id == choose.message_id, "a language button edits its message"
    assert "I will speak English with you." in plain(english)
    (help_reply,) = await bot.say(learner, "/help")
    assert_phone_sized([choose, english, help_reply])
