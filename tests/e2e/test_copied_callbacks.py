"""Two learners, one copying the other's buttons (issue 12: forged callback data and typed
commands cannot read or change another learner's wallet, bundles or settings, or a group's
settings). Through the real Application and the local Bot API test server: Ada searches, opens
and earns a credential, removes one, plans, saves, edits and deletes bundles, opens her
settings, asks to /forget, and manages her group's language from /manage and /audit. Bob, who
is not an administrator of her group, then presses every button Ada's messages carried (a
modified client sends any callback data on one of his own messages) and types commands with
her ids and codes. Ada's wallet, bundles, language, the group's settings and its audit log are
unchanged, and nothing Bob is shown names Ada or her searches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, bot_on_copy

pytestmark = pytest.mark.asyncio

WORDS = {
    "en": {
        "search": "cybersecurity",
        "bundle": "bundle for data analyst",
        "earn": "I earned it",
        "save": "Save",
        "swap": "Swap a credential",
        "drop": "Drop a credential",
        "manage": "/manage",
        "language": "/language",
        "forget": "/forget",
        "audit": "/audit",
        "card_language": "Language",
    },
    "fr": {
        "search": "cybersécurité",
        "bundle": "parcours pour analyste de données",
        "earn": "obtenue",
        "save": "Enregistrer",
        "swap": "Remplacer",
        "drop": "Retirer",
        "manage": "/gerer",
        "language": "/langue",
        "forget": "/oublier",
        "audit": "/journal",
        "card_language": "Langue",
    },
}


RESULTS = {"en": "results for", "fr": "résultats pour"}


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, seeded_database: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path, "webhook") as running:
        yield running


def datas(messages: list[Message]) -> list[str]:
    """The callback data of these messages' buttons (url buttons carry none)."""
    return [
        data
        for message in messages
        for row in message.buttons
        for _label, data in row
        if data and data.startswith("v1:")
    ]


def state_of(database: Database, ref: str, chat_id: int) -> dict[str, Any]:
    """Everything of Ada's and of her group's that a press could change."""
    with database.session() as session:
        learner = session.scalar(select(models.Learner).where(models.Learner.ref == ref))
        assert learner is not None
        earned = sorted(
            (row.credential_id, row.source or "")
            for row in session.scalars(
                select(models.EarnedCredential).where(models.EarnedCredential.learner_id == learner.id)
            )
        )
        bundles = sorted(
            (bundle.share_code, bundle.saved, bundle.goal or "", tuple(sorted(item.external_id for item in bundle.items)))
            for bundle in session.scalars(select(models.Bundle).where(models.Bundle.learner_id == learner.id))
        )
        chat = session.scalar(select(models.Chat).where(models.Chat.telegram_chat_id == chat_id))
        audit = session.scalars(select(models.AuditLog.id).where(models.AuditLog.chat_id == chat_id)).all()
        return {
            "locale": learner.locale,
            "earned": earned,
            "bundles": bundles,
            "group": (chat.locale if chat else None),
            "group_settings": (chat.settings if chat else None),
            "audit": sorted(audit),
        }


async def ada_does_everything(bot: RunningBot, ada: User, group: Chat, language: str) -> list[str]:
    """Ada's steps; the callback data of every message she was shown."""
    words = WORDS[language]
    seen: list[str] = []  # as shown at each step: a press edits the message in place

    async def say(text: str, chat: Chat | None = None) -> list[Message]:
        said = await bot.say(ada, text, chat)
        seen.extend(datas(said))
        return said

    async def tap(message: Message, label: str) -> Message:
        (changed,) = await bot.tap(ada, message, label)
        seen.extend(datas([changed]))
        return changed

    await say("/start")
    (results,) = await say(words["search"])
    await tap(results, "▶" if "▶" in str(results.buttons) else "2")
    (results,) = await say(words["search"])
    card = await tap(results, "1")
    card = await tap(card, words["earn"])
    await say("/earned" if language == "en" else "/acquis")
    (bundle,) = await say(words["bundle"])
    bundle = await tap(bundle, words["save"])
    await tap(bundle, words["swap"])
    (bundle2,) = await say(words["bundle"])
    await tap(bundle2, words["drop"])
    await say("/bundles" if language == "en" else "/mesparcours")
    await say(f"{words['language']} {language}")  # her own choice
    await say(words["language"])
    await say(f"{words['language']} {language}", group)  # the group's language, audited
    await say(words["forget"])
    (listed,) = await say(words["manage"])
    card = await tap(listed, "Cercle")
    await tap(card, words["card_language"])  # the group's languages, as buttons
    await say(words["audit"], group)
    return list(dict.fromkeys(seen))


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_copied_buttons_and_typed_ids_change_and_show_nothing_of_another_learner(
    bot: RunningBot, language: str
) -> None:
    server = bot.server
    ada = await server.user(4401, "Adaline", language, last_name="Zorro")
    bob = await server.user(4402, "Bob", language)
    group = await server.group("Cercle privé", members=[ada, bob], supergroup=True)
    await server.set_admin(group, ada)
    await server.add_bot(group, ada, admin=True)
    await server.wait_idle()

    codes = await ada_does_everything(bot, ada, group, language)
    kinds = {code.split(":")[1] for code in codes}
    assert {"p", "o", "e", "u", "menu", "lang", "forget", "bv", "bsp", "bdp", "mc", "ma", "mg"} <= kinds, kinds
    before = state_of(bot.database, f"telegram:{ada.id}", group.id)
    assert before["earned"] and before["bundles"] and before["audit"], before
    assert before["locale"] == before["group"] == language, before

    (mine,) = await bot.say(bob, "/start")
    presses = set()
    for code in codes:
        presses.add(await server.press_button(bob, mine, code, forged=True))
        await server.wait_idle()
    fields = [code.split(":")[1:] for code in codes]
    bundle_codes = {f[1] for f in fields if f[0] in ("bv", "bb", "bx", "be", "bdp", "bsp", "bd", "bs")}
    credential_ids = {f[1] for f in fields if f[0] in ("o", "e", "u")}
    typed = [
        f"/language {group.id} fr",
        f"/language {group.id} en",
        f"/manage {group.id}",
        f"/audit {group.id}",
        f"/digest {group.id}",
        f"/stats {group.id}",
        f"/source {group.id}",
        *(f"/remove {number}" for number in credential_ids),
        *(f"/bundle copy {code}" for code in bundle_codes),
        "/bundle drop 1",
        "/bundle save",
        "/page 2",
    ]
    for text in typed:
        await bot.say(bob, text)

    after = state_of(bot.database, f"telegram:{ada.id}", group.id)
    assert after == before, "Ada's wallet, bundles, language, her group's settings and audit log"
    shown = [m.plain for m in server.bot_messages(bob)] + [
        answer.text or "" for answer in server.callback_answers if answer.callback_query_id in presses
    ]
    assert len([a for a in server.callback_answers if a.callback_query_id in presses]) == len(codes)
    for text in shown:
        assert "Adaline" not in text and "Zorro" not in text, text
        assert RESULTS[language] not in text, f"Ada's search shown to Bob (he never searched): {text}"
        assert "Cercle privé" not in text, f"Ada's group shown to Bob: {text}"
