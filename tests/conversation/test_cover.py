"""The mixtape cover (`bot.conversation.cover`): a PNG card 1080 px wide of the wallet or of a
saved bundle, its text in the learner's language (read back from the strings the renderer drew),
a ✓ mark only on what is verified; /card and « /carte », the buttons, the console's file."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from bot.app import build_services
from bot.config import Settings
from bot.conversation import callbacks as cb
from bot.conversation.context import Who
from bot.conversation.cover import MAX_ITEMS, wallet_spec
from bot.conversation.cover_image import WIDTH, CoverItem, CoverSpec, _font, render, wrap
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.frontends.console import chat
from bot.i18n import use_locale
from bot.store.db import Database
from bot.wallet.service import WalletEntry, WalletGroup, WalletView
from tests._bundle_support import populate

EN = Who(ref="telegram:31", telegram_user_id=31, language_code="en", name="Ada")
FR = Who(ref="telegram:32", telegram_user_id=32, language_code="fr", name="Aimé")
EARNED = ("cred:py-basics", "cred:pm", "cred:a11y")
ENGLISH_TITLES = ("Python basics", "Project management", "Accessible web")
FRENCH_TITLES = ("Bases de Python", "Gestion de projet", "Web accessible")


@pytest.fixture
def conversation(tmp_path: Path) -> Iterator[Conversation]:
    database = Database(f"sqlite:///{tmp_path / 'cover.sqlite3'}")
    populate(database)
    services = build_services(Settings(database_url=str(database.engine.url)), database)
    services.bot_username = "credbot_test_bot"
    for who in (EN, FR):
        for external_id in EARNED:
            services.wallet.earn(who.ref, external_id)
    yield Conversation(services)
    database.dispose()


def only(replies: list[Reply]) -> Reply:
    (reply,) = replies
    return reply


def image(reply: Reply) -> Image.Image:
    assert reply.photo is not None
    return Image.open(io.BytesIO(reply.photo.content))


@pytest.mark.parametrize(
    ("who", "command", "titles", "other", "words"),
    [
        (EN, "card", ENGLISH_TITLES, FRENCH_TITLES, ("My wallet", "College A · 10 hours", "In all: 3 credentials, 38 hours of learning")),
        (FR, "carte", FRENCH_TITLES, ENGLISH_TITLES, ("Mes acquis", "Collège A · 10 heures", "En tout : 3 microcertifications, 38 heures de formation")),
    ],
)
def test_the_wallet_card_is_in_the_learners_language(
    conversation: Conversation, who: Who, command: str, titles: tuple[str, ...], other: tuple[str, ...], words: tuple[str, ...]
) -> None:
    reply = only(conversation.command(who, command))
    assert reply.photo is not None and reply.photo.filename.endswith(".png")
    picture = image(reply)
    assert picture.format == "PNG" and picture.width == WIDTH == 1080
    assert 600 < picture.height < 3000 and len(reply.photo.content) < 10 * 1024 * 1024
    drawn = [text.replace("\u00a0", " ").replace("\u202f", " ") for text in reply.photo.drawn]
    everything = " ".join(drawn)  # a long line is drawn wrapped, in pieces
    for text in (*titles, *words):
        assert text in everything, (text, drawn)
    assert not any(title in line for title in other for line in drawn)
    assert not any("✓" in line for line in drawn)  # nothing is verified yet: no mark
    assert reply.photo.caption and len(reply.photo.caption) <= 1024
    assert titles[0] not in reply.photo.caption  # the caption is the title and totals only


def test_a_verified_entry_gets_the_mark_in_both_languages() -> None:
    entry = WalletEntry("x", {"en": "Safe lifting", "fr": "Levage sécuritaire"}, "Safety Board", None, [], None, None, "openbadges", verified=True)
    plain = WalletEntry("y", {"en": "Knots"}, None, None, [], None, None, "openbadges")
    view = WalletView([WalletGroup(None, {}, [entry, plain], 0.0, [])], 0.0, [], 2)
    for locale, mark in (("en", "✓ verified"), ("fr", "✓ vérifiée")):
        with use_locale(locale):
            spec = wallet_spec(view, EN, __import__("datetime").date(2026, 12, 7))
        assert spec.items[0].mark == mark and spec.items[1].mark is None
        assert mark in render(spec).drawn


def test_a_saved_bundle_card_with_guillemets_in_french(conversation: Conversation) -> None:
    conversation.command(FR, "parcours", "analyste de données")
    saved = only(conversation.command(FR, "parcours", "enregistrer"))
    assert saved.notice == "Parcours enregistré."
    reply = only(conversation.command(FR, "carte", "1"))
    assert reply.photo is not None
    drawn = reply.photo.drawn
    assert drawn[0].startswith("Parcours pour «\u00a0") or "«" in " ".join(drawn[:2])
    assert any(line.startswith("En tout") for line in drawn)
    assert image(reply).width == 1080
    missing = only(conversation.command(FR, "carte", "9"))
    assert missing.photo is None and "9" in missing.plain_text()


def test_the_buttons_under_the_wallet_and_a_bundle(conversation: Conversation) -> None:
    wallet = only(conversation.command(EN, "earned"))
    codes = [button.code for row in wallet.buttons for button in row]
    assert cb.WalletCard().pack() in codes
    assert only(conversation.button(EN, cb.WalletCard().pack())).photo is not None
    bundle = only(conversation.command(EN, "bundle", "data analyst"))
    card = next(button for row in bundle.buttons for button in row if button.code.startswith("v1:bk:"))
    assert only(conversation.button(EN, card.code)).photo is not None


def test_an_empty_wallet_has_no_card(conversation: Conversation) -> None:
    reply = only(conversation.command(Who(ref="telegram:99", language_code="fr"), "carte"))
    assert reply.photo is None and "acquis" in reply.plain_text()


def test_a_long_wallet_shows_the_first_ones_and_counts_the_rest() -> None:
    entries = [WalletEntry(f"x{n}", {"en": f"Badge number {n} " + "with a long name " * 6}, "Issuer", None, [], 3.0, None, "openbadges") for n in range(45)]
    view = WalletView([WalletGroup(None, {}, entries, 135.0, [])], 135.0, [], 45)
    with use_locale("en"):
        spec = wallet_spec(view, EN, __import__("datetime").date(2026, 12, 7))
    assert len(spec.items) == MAX_ITEMS
    rendered = render(spec)
    assert "… and 25 more" in rendered.drawn
    assert rendered.width + rendered.height <= 10_000


def test_wrapping_keeps_every_word_within_the_width() -> None:
    font = _font(True, 40)
    lines = wrap("Préposé aux bénéficiaires " + "x" * 120, font, 500)
    assert all(font.getlength(line) <= 500 for line in lines)
    assert "".join(lines).replace(" ", "") == ("Préposé aux bénéficiaires " + "x" * 120).replace(" ", "")


def test_the_console_saves_the_card_and_prints_its_path(conversation: Conversation, tmp_path: Path) -> None:
    saved: dict[str, bytes] = {}

    def save(filename: str, content: bytes) -> Path:
        saved[filename] = content
        return tmp_path / filename

    out = io.StringIO()
    chat(conversation, FR, stdin=io.StringIO("/carte\n"), stdout=out, save_document=save)
    (filename,) = saved
    assert f"Enregistré dans {tmp_path / filename}" in out.getvalue()
    assert Image.open(io.BytesIO(saved[filename])).width == 1080


def test_a_spec_renders_without_the_conversation() -> None:
    spec = CoverSpec("Titre « test »", "7 décembre 2026", [CoverItem("Élément", "Collège · 3 heures")], None, "En tout", "Fait avec credbot")
    rendered = render(spec)
    assert rendered.drawn[:3] == ("Titre « test »", "7 décembre 2026", "1.")
    assert json.dumps(rendered.drawn, ensure_ascii=False)


def test_non_breaking_spaces_hold_numbers_together() -> None:
    font = _font(True, 40)
    lines = wrap("En tout : 2 microcertifications, 52 heures, 1\u00a0100,00\u00a0$", font, 900)
    assert any(line.endswith("1\u00a0100,00\u00a0$") for line in lines)


def test_card_typed_under_a_bundle_is_that_bundles_card(conversation: Conversation) -> None:
    conversation.text(EN, "bundle for data analyst")
    bundle = only(conversation.command(EN, "card"))
    assert bundle.photo is not None and "wallet" not in bundle.photo.filename
    assert "My wallet" not in bundle.photo.drawn
    conversation.command(EN, "earned")
    wallet = only(conversation.command(EN, "card"))
    assert wallet.photo is not None and wallet.photo.filename == "credbot-wallet.png"
