"""Numbers, languages, pages and badge files that are not what they should be: a clear answer
in the learner's language, nothing stored."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import func, select

from bot.conversation import callbacks as cb
from bot.conversation.numbers import InvalidNumber, chat_id, whole
from bot.conversation.router import Conversation
from bot.formats.common import load_json
from bot.formats.openbadges import BadgeError, decode_badge_bytes
from bot.store import models
from bot.store.db import Database
from bot.wallet.service import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from tests.conversation import test_core
from tests.conversation.test_core import EN, FR, text_of

db = test_core.db  # the same fixtures: a store with the sample credentials
conversation = test_core.conversation

NOT_VALID = {EN: "That number is not valid", FR: "Ce numéro n’est pas valide"}


def test_numbers_are_read_in_decimal_digits_of_any_script() -> None:
    assert whole("12") == 12 and whole("#12") == 12
    assert whole("١٢") == 12 and whole("٣") == 3  # Arabic-Indic digits read as what they say
    assert whole("²") is None and whole("½") is None and whole("Ⅻ") is None and whole("-1") is None
    assert whole(str(2**31 - 1)) == 2**31 - 1
    for too_big in (2**31, 2**63, 10**100):
        with pytest.raises(InvalidNumber):
            whole(str(too_big))
    assert chat_id("-1001234567890") == -1001234567890
    with pytest.raises(InvalidNumber):
        chat_id("-" + "9" * 30)


@pytest.mark.parametrize("who", [EN, FR])
@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("open", str(2**63)),
        ("earn", str(2**31)),
        ("remove", str(2**64)),
        ("page", str(2**63)),
        ("bundles", f"open {2**70}"),
    ],
)
def test_an_out_of_range_number_is_answered_clearly(
    conversation: Conversation, who, command: str, args: str
) -> None:
    assert NOT_VALID[who] in text_of(conversation.command(who, command, args))


@pytest.mark.parametrize("who", [EN, FR])
def test_an_out_of_range_start_link_is_answered_clearly(conversation: Conversation, who) -> None:
    assert NOT_VALID[who] in text_of(conversation.start(who, f"c_{2**63}"))


def test_superscript_two_is_not_a_credential_number(conversation: Conversation) -> None:
    assert "for example /open 12" in text_of(conversation.command(EN, "open", "²"))
    assert "Cybersecurity Fundamentals" in text_of(conversation.command(EN, "open", "١"))


@pytest.mark.parametrize("who", [EN, FR])
def test_a_forged_button_with_a_huge_id_has_expired(conversation: Conversation, who) -> None:
    for data in (f"v1:o:{2**63}", f"v1:e:{2**31}", "v1:o:²", f"v1:p:abc:{2**40}"):
        assert cb.unpack(data) is None
        reply = conversation.button(who, data)[0]
        assert reply.notice and ("expired" in reply.notice or "expiré" in reply.notice)


@pytest.mark.parametrize("who", [EN, FR])
def test_an_unknown_language_is_refused_and_nothing_saved(
    conversation: Conversation, db: Database, who
) -> None:
    said = text_of(conversation.command(who, "language", "klingon-xx-very-long"))
    assert ("I only speak these languages: en, fr" in said) or (
        "Je parle seulement ces langues\u00a0: en, fr" in said
    )
    with db.session() as session:
        saved = session.scalar(select(models.Learner.locale).where(models.Learner.ref == who.ref))
    assert saved is None


def test_the_account_service_refuses_an_unknown_language(conversation: Conversation) -> None:
    with pytest.raises(ValueError):
        conversation.services.account.set_language(EN.ref, "klingon-long")
    with pytest.raises(ValueError):
        conversation.services.account.set_chat_language(-100123, "xx")


def test_a_page_before_the_first_is_the_first(conversation: Conversation) -> None:
    first = text_of(conversation.text(EN, "cybersecurity"))
    key = next(
        cb.unpack(button.code).results  # type: ignore[union-attr]
        for reply in conversation.text(EN, "cybersecurity")
        for row in reply.buttons
        for button in row
        if isinstance(cb.unpack(button.code), cb.ResultsPage)
    )
    from bot.conversation.search_flow import search

    shown = search(conversation.services, EN, "cybersecurity", page=-1, key=key).plain_text()
    assert "Page 0" not in shown and "Page 1 of" in shown and "Page 1 of" in first


def test_json_nested_too_deep_or_with_huge_numbers_is_malformed() -> None:
    for text in ("[" * 100_000 + "]" * 100_000, '{"a": 1' + "0" * 5000 + "}"):
        with pytest.raises(json.JSONDecodeError):
            load_json(text)
        with pytest.raises(BadgeError) as refused:
            decode_badge_bytes(text.encode())
        assert refused.value.reason == "malformed"
    assert load_json('{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}


def _jwt(payload: object) -> bytes:
    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(payload)}.".encode()


def test_a_jwt_dated_out_of_any_calendar_has_no_date() -> None:
    credential, from_jwt = decode_badge_bytes(_jwt({"vc": {"type": ["OpenBadgeCredential"]}, "nbf": 10**20}))
    assert from_jwt and "validFrom" not in credential


def _badge(name: str, description: str) -> bytes:
    return json.dumps(
        {
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://example.org/issuer", "name": "Someone"},
            "credentialSubject": {
                "achievement": {
                    "id": "https://example.org/a/huge",
                    "type": ["Achievement"],
                    "name": name,
                    "description": description,
                }
            },
        }
    ).encode()


@pytest.mark.parametrize("who", [EN, FR])
def test_a_huge_badge_is_stored_capped(conversation: Conversation, db: Database, who) -> None:
    conversation.document(who, "badge.json", _badge("N" * 5000, "d" * 1_900_000))
    with db.session() as session:
        row = session.scalars(select(models.EarnedCredential)).one()
        assert len(row.title or "") <= MAX_NAME_CHARS
        assert len(row.evidence["description"]) <= MAX_DESCRIPTION_CHARS
        assert len(json.dumps(row.evidence)) < 10_000


def test_a_refused_badge_stores_nothing(conversation: Conversation, db: Database) -> None:
    for content in (b"\x89PNG\r\n\x1a\n\x00\x00", b"[" * 50_000, _jwt({"vc": "x"})):
        conversation.document(EN, "badge.json", content)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(models.EarnedCredential)) == 0


@pytest.mark.parametrize(
    ("who", "claim", "caveat"),
    [
        (EN, "a badge you imported, not verified", "Not verified: signature. The token says it is not signed"),
        (FR, "badge que vous avez importé, non vérifié", "Non vérifié\u00a0: signature. Le jeton dit qu’il n’est pas signé"),
    ],
)
def test_an_unsigned_badge_is_the_learners_claim_not_the_providers(
    conversation: Conversation, who, claim: str, caveat: str
) -> None:
    """A badge naming a catalogue credential and its provider in an unsigned token (alg none):
    not verified, and said so."""
    badge = {
        "vc": {
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "org-1", "name": "Maple College"},
            "credentialSubject": {
                "achievement": {"id": "ce-1", "type": ["Achievement"], "name": "Cybersecurity Fundamentals"}
            },
        }
    }
    added = text_of(conversation.document(who, "badge.jwt", _jwt(badge)))
    assert caveat in added
    wallet = text_of(conversation.command(who, "earned"))
    assert "Cybersecurity Fundamentals" in wallet and claim in wallet
    conversation.command(who, "earn", "3")  # earned by pressing the button: no such label
    line = next(
        line for line in text_of(conversation.command(who, "earned")).splitlines() if "Python" in line
    )
    assert claim not in line


@pytest.mark.parametrize(
    ("who", "shortened"), [(EN, "(Shortened: the whole description"), (FR, "(Abrégé\u00a0:")]
)
def test_a_long_card_is_one_message_edited_in_place(
    conversation: Conversation, db: Database, who, shortened: str
) -> None:
    from bot.frontends.telegram.render import message_chunks

    with db.session() as session:
        row = test_core.add_credential(
            session,
            "ce-long",
            "Very Long Course",
            "Cours très long",
            url="https://example.org/long",
            description_en="word " * 1000,
            description_fr="mot " * 1250,
        )
        session.flush()
        number = row.id
    card = conversation.command(who, "open", str(number))[0]
    assert len(message_chunks(card)) == 1
    assert shortened in card.plain_text() and "https://example.org/long" in str(card.lines)
    pressed = conversation.button(who, cb.OpenCard(number).pack())[0]
    assert pressed.replace and len(message_chunks(pressed)) == 1


@pytest.mark.parametrize(
    "text", ["O10000000000000000000000000H", "cybersecurity under 999999999 hours", "moins de 1000000000 $"]
)
def test_a_huge_limit_in_words_is_no_limit_and_no_crash(conversation: Conversation, text: str) -> None:
    from bot.language.understanding import understand

    assert understand("O10000000000000000000000000H").limits.max_hours is None
    assert text_of(conversation.text(EN, text))
