"""The wallet on a phone: removal by buttons (imported badges too) or by complete typed
commands, one heading per subject, no internal numbers on cards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import build_services
from bot.config import Settings
from bot.conversation.context import Who
from bot.conversation.reply import Button, Reply
from bot.conversation.router import Conversation
from bot.store import models
from bot.store.db import Database
from tests._bundle_support import populate

EN = Who(ref="telegram:21", telegram_user_id=21, language_code="en")
BADGE_ID = "urn:uuid:7c1a0f2e-0000-4000-8000-000000000042"


@pytest.fixture
def conversation(tmp_path: Path) -> Iterator[Conversation]:
    database = Database(f"sqlite:///{tmp_path / 'wallet.sqlite3'}")
    populate(database)
    with database.session() as session:
        # As in the sample vocabulary: the subject's key is not its folded name ("Data").
        session.execute(update(models.Subject).where(models.Subject.key == "data").values(key="data-1"))
        session.execute(update(models.Skill).where(models.Skill.subject == "data").values(subject="data-1"))
    services = build_services(Settings(database_url=str(database.engine.url)), database)
    services.bot_username = "credbot_test_bot"
    yield Conversation(services)
    database.dispose()


def badge() -> bytes:
    return json.dumps(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:7c1a0f2e-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Example network"},
            "validFrom": "2026-03-01T00:00:00Z",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": BADGE_ID,
                    "type": ["Achievement"],
                    "name": "Python scripting for the lab",
                    "alignment": [
                        {"type": ["Alignment"], "targetName": "Python", "targetUrl": "urn:credbot:skill:python"}
                    ],
                },
            },
        }
    ).encode()


def buttons(reply: Reply) -> list[Button]:
    return [button for row in reply.buttons for button in row]


def one(replies: list[Reply]) -> Reply:
    assert len(replies) == 1
    return replies[0]


def credential_id(conversation: Conversation, external_id: str) -> int:
    record = conversation.services.bundles.solver().resolve(external_id)
    assert record is not None and record.id is not None
    return record.id


def test_an_imported_badge_is_removed_with_a_button(conversation: Conversation) -> None:
    number = credential_id(conversation, "cred:viz")
    conversation.command(EN, "earn", str(number))
    added = one(conversation.document(EN, "badge.json", badge()))
    assert "Added to your wallet: Python scripting for the lab" in added.plain_text()

    wallet = one(conversation.command(EN, "earned"))
    text = wallet.plain_text()
    assert text.count("\nData · ") == 1, f"one heading per subject:\n{text}"
    assert "(/remove" not in text, "no half command to tap on a phone"
    assert "1. " in text and "2. " in text
    assert all(len(row) <= 3 for row in wallet.buttons)

    picker = one(conversation.button(EN, next(b for b in buttons(wallet) if "Remove" in b.label).code))
    assert picker.replace
    labels = [b.label for b in buttons(picker)]
    assert "🗑 Remove 2: Python scripting for…" in labels, labels
    assert labels[-1].startswith("↩"), "the picker has a Cancel"
    commands = [b.command for b in buttons(picker)]
    assert f"/remove {number}" in commands and f"/remove {BADGE_ID}" in commands

    badge_button = next(b for b in buttons(picker) if "Python scripting" in b.label)
    assert len(badge_button.code.encode()) <= 64
    removed = one(conversation.button(EN, badge_button.code))
    assert removed.replace and removed.notice == "Removed from your wallet: Python scripting for the lab"
    assert "Your wallet: 1 credential" in removed.plain_text()


def test_typed_removal_is_complete(conversation: Conversation) -> None:
    conversation.document(EN, "badge.json", badge())
    asked = one(conversation.command(EN, "remove"))
    assert "Which credential do you want to remove from your wallet?" in asked.plain_text()
    done = one(conversation.command(EN, "remove", BADGE_ID))
    assert "Removed from your wallet: Python scripting for the lab" in done.plain_text()
    assert "empty" in one(conversation.command(EN, "earned")).plain_text()


def test_cards_show_no_internal_number(conversation: Conversation) -> None:
    number = credential_id(conversation, "cred:viz")
    card = one(conversation.command(EN, "open", str(number)))
    assert "Visual stories" in card.plain_text()
    assert "Number" not in card.plain_text()
    assert f"/earn {number}" in [b.command for b in buttons(card)], "the typed equivalent stays"
