"""The verdict stays with the wallet entry: `credbot wallet --json list`, the wallet in the chat, and
`credbot wallet export --format ob3` (the badges byte for byte, for an employer's verifier)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bot.app import main
from bot.conversation.router import Conversation
from bot.store.db import Database
from bot.verification.verify import verify_badge
from tests.conversation import test_core
from tests.conversation.test_core import EN, FR, text_of
from tests.verification._badges import as_bytes, credential, signed
from tests.verification.test_import import tampered

db = test_core.db
conversation = test_core.conversation


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


@pytest.fixture
def wallet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, bytes, bytes]:
    """A store whose learner imported a verified badge (written with a BOM and odd spacing, which the
    export must keep) and a tampered one."""
    store = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    good = b"\xef\xbb\xbf" + as_bytes(signed()).replace(b"\n", b"\r\n")
    other = credential(name="Forklift Basics")
    other["credentialSubject"]["achievement"] = {
        **other["credentialSubject"]["achievement"],
        "id": "urn:uuid:b2",
        "name": "Forklift Basics",
    }
    bad = tampered(as_bytes(signed(other)))
    for number, data in enumerate((good, bad)):
        path = tmp_path / f"badge{number}.json"
        path.write_bytes(data)
        assert (
            run(["--db", store, "wallet", "--learner", "console:ana", "--json", "import", str(path)], capsys)[
                0
            ]
            == 0
        )
    return store, good, bad


def test_wallet_json_list_carries_each_verdict_and_when_it_was_checked(
    wallet: tuple[str, bytes, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _good, _bad = wallet
    code, out = run(["--db", store, "wallet", "--learner", "console:ana", "--json", "list"], capsys)
    assert code == 0
    entries = {item["title"]: item for group in json.loads(out)["groups"] for item in group["credentials"]}
    assert entries["Welding Safety"]["verification"]["verdict"] == "verified"
    assert set(entries["Welding Safety"]["verification"]) == {"verdict", "checks", "reason"}
    assert entries["Welding Safety"]["verified_at"]
    forged = entries["Forklift Basics"]["verification"]
    assert forged["verdict"] == "not_verified" and forged["checks"]["signature"] == "failed"
    text = run(["--db", store, "wallet", "--learner", "console:ana", "list"], capsys)[1]
    assert "🔏 Welding Safety" in text and "🔏 Forklift" not in text


def test_export_ob3_writes_the_verified_badges_byte_for_byte(
    wallet: tuple[str, bytes, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, good, bad = wallet
    folder = tmp_path / "for-employer"
    code, out = run(
        [
            "--db",
            store,
            "wallet",
            "--learner",
            "console:ana",
            "export",
            "--format",
            "ob3",
            "--output",
            str(folder),
        ],
        capsys,
    )
    assert code == 0 and "1 badge written" in out
    summary = json.loads((folder / "credbot-summary.json").read_text("utf-8"))
    assert [item["file"] for item in summary["badges"]] == ["01-welding-safety.json"]
    written = (folder / "01-welding-safety.json").read_bytes()
    assert written == good  # the original, not re-serialised: a verifier checks the issuer's proof
    assert summary["badges"][0]["sha256"] == hashlib.sha256(good).hexdigest()
    assert verify_badge(written).verdict == "verified"
    code, out = run(
        ["--db", store, "wallet", "--learner", "console:ana", "export", "--format", "ob3", "--all"], capsys
    )
    everything = json.loads(out)
    assert [item["verification"]["verdict"] for item in everything["badges"]] == ["verified", "not_verified"]
    assert everything["badges"][1]["original"].encode() == bad


@pytest.mark.parametrize(
    ("who", "mark"), [(EN, "a badge you imported, verified"), (FR, "badge que vous avez importé, vérifié")]
)
def test_the_wallet_in_the_chat_marks_verified_badges(conversation: Conversation, who, mark: str) -> None:
    conversation.document(who, "badge.json", as_bytes(signed()))
    wallet = text_of(conversation.command(who, "earned"))
    assert "🔏 Welding Safety" in wallet and mark in wallet


def test_importing_again_checks_again(conversation: Conversation, db: Database) -> None:
    from bot.store.unit_of_work import UnitOfWork
    from bot.wallet.service import list_wallet

    conversation.document(EN, "badge.json", tampered(as_bytes(signed())))
    conversation.document(EN, "badge.json", as_bytes(signed()))
    with db.session() as session:
        entries = [
            entry for group in list_wallet(UnitOfWork(session), EN.ref).groups for entry in group.entries
        ]
    assert len(entries) == 1 and entries[0].verification is not None and entries[0].verification.verified
