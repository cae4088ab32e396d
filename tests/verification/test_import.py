"""What a learner sees of a verification: `credbot wallet --json import` and a badge sent in the chat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import main
from bot.conversation.router import Conversation
from bot.store.db import Database
from tests.conversation import test_core
from tests.conversation.test_core import EN, FR, text_of
from tests.verification._badges import as_bytes, signed

db = test_core.db
conversation = test_core.conversation


def tampered(data: bytes) -> bytes:
    position = data.index(b"Safe work")
    return data[:position] + b"s" + data[position + 1 :]


def test_wallet_json_import_carries_the_verification(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_bytes(as_bytes(signed()))
    bad.write_bytes(tampered(as_bytes(signed())))
    assert main(["--db", store, "wallet", "--learner", "console:a", "--json", "import", str(good)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["verification"]["verdict"] == "verified"
    assert first["verification"]["checks"] == {
        "signature": "ok",
        "expiry": "ok",
        "status": "not_checked",
        "issuer_key": "ok",
        "subject": "not_checked",  # the learner declared no email address
    }
    assert set(first["verification"]) == {"verdict", "checks", "reason"}
    assert main(["--db", store, "wallet", "--learner", "console:b", "--json", "import", str(bad)]) == 0
    second = json.loads(capsys.readouterr().out)["verification"]
    assert second["verdict"] == "not_verified" and second["checks"]["signature"] == "failed"
    assert second["reason"].lower().startswith("not verified: signature")


@pytest.mark.parametrize(
    ("who", "verified", "forged"),
    [
        (EN, "Verified: the issuer's signature", "Not verified: signature."),
        (FR, "Vérifié\u00a0: la signature", "Non vérifié\u00a0: signature."),
    ],
)
def test_a_badge_sent_in_the_chat_shows_its_verdict_in_the_learners_language(
    conversation: Conversation, db: Database, who, verified: str, forged: str
) -> None:
    good = text_of(conversation.document(who, "badge.json", as_bytes(signed())))
    assert verified in good and "🔏" in good
    again = text_of(conversation.document(who, "badge.json", tampered(as_bytes(signed()))))
    assert forged in again and "⚠️" in again


@pytest.mark.parametrize("bake", ["png", "svg"])
def test_a_signed_badge_baked_in_an_image_is_verified(conversation: Conversation, bake: str) -> None:
    from tests._baked import baked_png, baked_svg

    data = as_bytes(signed())
    image = baked_png(data.decode()) if bake == "png" else baked_svg(json.loads(data))
    assert "Verified: the issuer's signature" in text_of(conversation.document(EN, f"badge.{bake}", image))
