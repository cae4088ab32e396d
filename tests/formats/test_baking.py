"""Baked badges (`bot.formats.baking`): the Open Badge inside a PNG or SVG image is read and goes
through the same import as a badge file; damaged, empty, unsafe and hosted-only images are refused
with their own reason, in the wallet, in the chat and on the command line, in English and French."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_services, main
from bot.config import Settings
from bot.conversation.context import Who
from bot.conversation.router import Conversation
from bot.formats.baking import MAX_BAKED_BYTES, BakingError, read_png, unbake
from bot.formats.openbadges import BadgeError, decode_badge_bytes, read_badge
from bot.store import models
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet.service import BadgeImportError, import_badge
from tests._baked import (
    ENTITY_BOMB,
    EXTERNAL_ENTITY,
    SCRIPT,
    baked_png,
    baked_svg,
    chunk,
    itxt,
    png,
    text_chunk,
    ztxt,
)
from tests._bundle_support import populate
from tests.formats.test_openbadges import BILINGUAL, achievement, assertion, credential, jwt

HOSTED = "https://college.example/assertions/7"


def ob3() -> dict[str, object]:
    return credential(achievement(name=BILINGUAL))


def ob2() -> dict[str, object]:
    return assertion(achievement(type="BadgeClass", name="Safe lifting"))


# --- reading the image --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "image",
    [
        baked_png(ob3()),
        png(itxt(json.dumps(ob3()), keyword=b"openbadgecredential")),
        png(itxt(json.dumps(ob3()), compressed=True)),
        png(text_chunk(json.dumps(ob3(), ensure_ascii=True))),
        png(ztxt(json.dumps(ob3(), ensure_ascii=True))),
        baked_svg(ob3()),
        baked_svg(ob3(), extra=SCRIPT),  # a script is text we never run
    ],
    ids=["png-itxt", "png-ob3-keyword", "png-itxt-compressed", "png-text", "png-ztxt", "svg", "svg-script"],
)
def test_the_badge_inside_an_image_is_read(image: bytes) -> None:
    badge = read_badge(*decode_badge_bytes(image))
    assert badge.format == "ob3" and badge.name == {"en": "Safe lifting", "fr": "Levage sécuritaire"}


def test_a_signed_badge_baked_in_a_png_or_an_svg_verify_attribute() -> None:
    token = jwt({"vc": ob3()}).decode()
    for image in (baked_png(token), baked_svg(verify=token)):
        obj, from_jwt = decode_badge_bytes(image)
        assert from_jwt and read_badge(obj, from_jwt).name["fr"] == "Levage sécuritaire"


def test_an_ob2_assertion_baked_in_an_svg() -> None:
    assert read_badge(*decode_badge_bytes(baked_svg(ob2()))).format == "ob2"


def test_other_text_chunks_are_skipped() -> None:
    image = png(text_chunk("made with a paint program", keyword=b"Software"), itxt(json.dumps(ob3())))
    assert json.loads(read_png(image))["id"] == ob3()["id"]


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        (baked_png(HOSTED), "hosted_only"),
        (baked_svg(verify=HOSTED), "hosted_only"),
        (png(), "not_baked"),
        (baked_svg(), "not_baked"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><text>hello</text></svg>', "not_baked"),
        (baked_png(ob3())[:60], "bad_image"),  # truncated
        (png(chunk(b"iTXt", b"openbadges\0\0\0\0\0{}", crc=12345)), "bad_image"),  # bad CRC
        (png(chunk(b"tEXt", b"x" * 10)[:8] + b"\xff" * 8), "bad_image"),  # length past the end
        (b'<svg xmlns="http://www.w3.org/2000/svg"><openbadges:assertion>', "bad_image"),
        (ENTITY_BOMB, "unsafe_svg"),
        (EXTERNAL_ENTITY, "unsafe_svg"),
        (baked_svg(extra=SCRIPT), "not_baked"),
    ],
    ids=[
        "png-hosted",
        "svg-hosted",
        "png-empty",
        "svg-empty-element",
        "svg-no-element",
        "png-truncated",
        "png-bad-crc",
        "png-long-chunk",
        "svg-broken",
        "svg-entity-bomb",
        "svg-external-entity",
        "svg-script-only",
    ],
)
def test_images_without_a_readable_badge(image: bytes, reason: str) -> None:
    with pytest.raises(BadgeError) as refused:
        decode_badge_bytes(image)
    assert refused.value.reason == reason
    if reason == "hosted_only":
        assert refused.value.detail == HOSTED


def test_a_compressed_chunk_may_not_inflate_past_the_cap() -> None:
    bomb = zlib.compress(b"{" + b" " * (MAX_BAKED_BYTES + 10) + b"}", 9)
    assert len(bomb) < 10_000
    image = png(chunk(b"iTXt", b"openbadges\0\1\0\0\0" + bomb))
    with pytest.raises(BakingError) as refused:
        unbake(image)
    assert refused.value.reason == "bad_image"


def test_json_and_jwt_files_are_no_image() -> None:
    assert unbake(json.dumps(ob3()).encode()) is None
    assert unbake(jwt({"vc": ob3()})) is None


# --- the wallet ---------------------------------------------------------------------------------


@pytest.fixture
def wallet_db(db: Database) -> Database:
    populate(db)
    return db


def test_a_baked_png_lands_in_the_wallet_like_its_json(wallet_db: Database) -> None:
    with wallet_db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:5", baked_png(ob3()))
        assert entry.created and entry.credential is None
        again = import_badge(UnitOfWork(session), "telegram:5", json.dumps(ob3()).encode())
        assert not again.created  # the same badge, as a file: one entry
        assert len(session.scalars(select(models.EarnedCredential)).all()) == 1


def test_a_refused_image_stores_nothing(wallet_db: Database) -> None:
    with wallet_db.session() as session:
        with pytest.raises(BadgeImportError) as refused:
            import_badge(UnitOfWork(session), "telegram:5", ENTITY_BOMB)
        assert refused.value.reason == "unsafe_svg"
        assert session.scalars(select(models.EarnedCredential)).all() == []


# --- the chat (conversation core) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "added", "hosted", "damaged", "unsafe"),
    [
        ("en", "Added to your wallet", "holds only the address", "I can't read this image", "for safety"),
        ("fr", "Ajout à vos acquis", "contient seulement l’adresse", "Je ne peux pas lire cette image", "par sécurité"),
    ],
)
def test_baked_images_sent_in_the_chat(
    wallet_db: Database, language: str, added: str, hosted: str, damaged: str, unsafe: str
) -> None:
    conversation = Conversation(build_services(Settings(database_url=str(wallet_db.engine.url)), wallet_db))
    who = Who(ref=f"telegram:{language}", language_code=language)

    def answer(filename: str, image: bytes) -> str:
        (reply,) = conversation.document(who, filename, image)
        return reply.plain_text()

    assert added in answer("badge.svg", baked_svg(ob3()))
    text = answer("badge.png", baked_png(HOSTED))
    assert hosted in text and HOSTED in text
    assert damaged in answer("badge.png", baked_png(ob3())[:60])
    assert unsafe in answer("bomb.svg", ENTITY_BOMB)
    assert len(conversation.services.wallet.view(who.ref).groups) == 1


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "credbot.sqlite3"
    assert main(["--db", f"sqlite:///{path}", "search", "warm-up", "--json"]) == 0
    return path


@pytest.mark.parametrize(
    ("language", "hosted", "added"),
    [
        ("en", "holds only the address of its badge", "Added to your wallet: Safe lifting"),
        ("fr", "contient seulement l’adresse de son badge", "Ajout à vos acquis : Levage sécuritaire"),
    ],
)
def test_wallet_import_reads_baked_images(
    seeded: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    hosted: str,
    added: str,
) -> None:
    monkeypatch.setenv("CREDBOT_LOCALE", language)
    store = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded, store)
    image, hosted_image = tmp_path / "badge.png", tmp_path / "hosted.svg"
    image.write_bytes(baked_png(ob3()))
    hosted_image.write_bytes(baked_svg(verify=HOSTED))
    db = ["--db", f"sqlite:///{store}"]
    assert main([*db, "wallet", "import", str(hosted_image)]) == 1
    out, err = capsys.readouterr()
    assert "hosted_only" in err and hosted in err and HOSTED in err
    assert main([*db, "wallet", "import", str(image)]) == 0
    out, err = capsys.readouterr()
    assert added in out.replace("\u00a0", " ")
    assert main([*db, "wallet", "--json", "import", str(image)]) == 0
    assert json.loads(capsys.readouterr().out)["created"] is False
