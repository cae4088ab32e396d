"""Read-only share links (`/share`, « /partager »): an unguessable code in SQL, a link that shows
each credential with its verdict and nothing else of the learner, an optional end, stopped by the
learner; /forget deletes the links, /export lists them; in English and French."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.conversation import callbacks as cb
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.store.db import Database
from bot.wallet.sharing import CODE_BYTES, Shares
from tests._bundle_support import populate

ADA = Who(ref="telegram:41", telegram_user_id=41, language_code="en", name="Ada Lovelace")
AIME = Who(ref="telegram:42", telegram_user_id=42, language_code="fr", name="Aimé Césaire")
VIEWER_EN = Who(ref="telegram:43", telegram_user_id=43, language_code="en")
VIEWER_FR = Who(ref="telegram:44", telegram_user_id=44, language_code="fr")
LINK = re.compile(r"https://t\.me/credbot_test_bot\?start=(w_[A-Za-z0-9_-]+)")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(tmp_path: Path, clock: Clock) -> Iterator[Services]:
    database = Database(f"sqlite:///{tmp_path / 'share.sqlite3'}")
    populate(database)
    services = build_services(Settings(database_url=str(database.engine.url)), database)
    services.bot_username = "credbot_test_bot"
    services.shares = Shares(database, clock=clock)
    for who in (ADA, AIME):
        services.wallet.earn(who.ref, "cred:py-basics")
        services.wallet.earn(who.ref, "cred:pm")
    yield services
    database.dispose()


@pytest.fixture
def conversation(services: Services) -> Conversation:
    return Conversation(services)


def only(replies: list[Reply]) -> Reply:
    (reply,) = replies
    return reply


def payload(reply: Reply) -> str:
    found = LINK.search(reply.plain_text()) or LINK.search(
        " ".join(part.url or "" for line in reply.lines for part in line if not isinstance(part, str))
    )
    assert found is not None, reply.plain_text()
    return found.group(1)


def test_a_wallet_link_in_english_shows_credentials_and_verdicts_only(conversation: Conversation) -> None:
    made = only(conversation.command(ADA, "share"))
    assert "read-only" in made.plain_text() and "until you stop it (/share off)" in made.plain_text()
    code = payload(made)
    assert len(code) == 2 + len("x" * 16) and CODE_BYTES == 12
    shown = only(conversation.start(VIEWER_EN, code)).plain_text()
    assert "2 credentials shared with you" in shown
    assert "Python basics — College A, 10 hours · not checked" in shown
    assert "Project management" in shown
    for private in ("Ada", "Lovelace", "Skills", "Python programming", "telegram:41"):
        assert private not in shown
    again = only(conversation.command(ADA, "share"))
    assert payload(again) == code  # the same link, not a new one each time


def test_a_wallet_link_in_french(conversation: Conversation) -> None:
    made = only(conversation.command(AIME, "partager", "30 jours"))
    text = made.plain_text()
    assert "lecture seule" in text and "6 janvier 2027" in text
    shown = only(conversation.start(VIEWER_FR, payload(made))).plain_text().replace("\u00a0", " ")
    assert "2 microcertifications" in shown and "Bases de Python — Collège A, 10 heures · non vérifiée" in shown
    assert "Partagé jusqu’au 6 janvier 2027" in shown


def test_the_viewer_reads_it_in_their_own_language(conversation: Conversation) -> None:
    code = payload(only(conversation.command(ADA, "share")))
    assert "Bases de Python" in only(conversation.start(VIEWER_FR, code)).plain_text()


def test_a_stopped_link_says_so_politely(conversation: Conversation) -> None:
    made = only(conversation.command(ADA, "share"))
    code = payload(made)
    stop = next(b for row in made.buttons for b in row if b.code.startswith("v1:wso:"))
    pressed = only(conversation.button(ADA, stop.code))
    assert pressed.replace and "no longer works" in pressed.plain_text()
    assert "stopped sharing it" in only(conversation.start(VIEWER_EN, code)).plain_text()
    assert "a cessé de le partager" in only(conversation.start(VIEWER_FR, code)).plain_text()
    assert "Python" not in only(conversation.start(VIEWER_EN, code)).plain_text()
    # A new link is a new code: the stopped one stays stopped.
    assert payload(only(conversation.command(ADA, "share"))) != code


def test_share_off_stops_every_link(conversation: Conversation) -> None:
    first = payload(only(conversation.command(AIME, "partager")))
    second = payload(only(conversation.command(AIME, "partager", "2 semaines")))
    assert "2 liens ne fonctionnent plus" in only(conversation.command(AIME, "partager", "arrêt")).plain_text().replace("\u00a0", " ")
    for code in (first, second):
        assert "cessé" in only(conversation.start(VIEWER_FR, code)).plain_text()
    assert "aucun lien" in only(conversation.command(AIME, "partager", "off")).plain_text()


def test_an_expired_link(conversation: Conversation, clock: Clock) -> None:
    code = payload(only(conversation.command(ADA, "share", "30 days")))
    clock.now += dt.timedelta(days=31)
    text = only(conversation.start(VIEWER_EN, code)).plain_text()
    assert "This link ended on January 6, 2027" in text and "Python" not in text


def test_a_bundle_link(conversation: Conversation) -> None:
    conversation.command(ADA, "bundle", "data analyst")
    conversation.command(ADA, "bundle", "save")
    made = only(conversation.command(ADA, "share", "bundle 1"))
    assert "your bundle" in made.plain_text()
    shown = only(conversation.start(VIEWER_EN, payload(made))).plain_text()
    assert "Bundle for “data analyst” — shared with you, read-only" in shown
    assert "not earned yet" in shown or "earned, not checked" in shown
    assert "no saved bundle number 7" in only(conversation.command(ADA, "share", "bundle 7")).plain_text()


def test_share_typed_under_a_bundle_shares_it_saved(conversation: Conversation) -> None:
    conversation.command(AIME, "parcours", "analyste de données")
    made = only(conversation.command(AIME, "partager"))
    assert "votre parcours" in made.plain_text()
    assert len(conversation.services.bundles.saved_bundles(AIME.ref)) == 1
    shown = only(conversation.start(VIEWER_FR, payload(made))).plain_text()
    assert "Parcours pour « analyste de données »" in shown.replace("\u00a0", " ")
    conversation.command(AIME, "acquis")
    assert "vos acquis" in only(conversation.command(AIME, "partager")).plain_text()


@pytest.mark.parametrize("args", ["forever", "0 days", "99999 years", "bundle", "off now"])
def test_unclear_requests_get_the_usage(conversation: Conversation, args: str) -> None:
    text = only(conversation.command(ADA, "share", args)).plain_text()
    assert "/share 30 days" in text and "/share off" in text


def test_an_unknown_code_and_an_empty_wallet(conversation: Conversation) -> None:
    assert "doesn't work" in only(conversation.start(VIEWER_EN, "w_nothing-here-1234")).plain_text()
    assert "aucun acquis" in only(conversation.command(VIEWER_FR, "partager")).plain_text()


def test_forget_deletes_the_links_and_export_lists_them(conversation: Conversation, services: Services) -> None:
    code = payload(only(conversation.command(ADA, "share")))
    conversation.command(ADA, "share", "off")
    data = services.account.export(ADA.ref)
    (link,) = data["share_links"]
    assert link["payload"] == code and link["kind"] == "wallet" and link["stopped_at"]
    json.dumps(data)
    services.account.forget(ADA.ref)
    assert services.shares is not None and services.shares.open(code[2:]).state == "unknown"
    assert "doesn't work" in only(conversation.start(VIEWER_EN, code)).plain_text()


def test_the_wallet_has_a_share_button(conversation: Conversation) -> None:
    wallet = only(conversation.command(ADA, "earned"))
    assert cb.ShareWallet().pack() in [b.code for row in wallet.buttons for b in row]
    assert LINK.search(only(conversation.button(ADA, cb.ShareWallet().pack())).plain_text())


def test_codes_are_random() -> None:
    import secrets

    codes = {secrets.token_urlsafe(CODE_BYTES) for _ in range(1000)}
    assert len(codes) == 1000 and all(re.fullmatch(r"[A-Za-z0-9_-]{16}", code) for code in codes)
