"""Bad input, pushed by hypothesis through the conversation core (a real SQLite store) and the
format parsers: no unhandled exception, every update answered, every reply valid for Telegram
(each message within 4,096 UTF-16 units of text once its HTML is parsed, only the allowed tags,
callback data within 64 bytes), nothing stored from a refused upload.

`make test` runs 200 examples per property; `HYPOTHESIS_PROFILE=long` runs 10,000.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.app import build_services
from bot.catalogue.importer import detect_format
from bot.config import Settings
from bot.conversation import callbacks as cb
from bot.conversation.commands import BY_NAME
from bot.conversation.context import Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.formats.common import load_json
from bot.formats.openbadges import BadgeError, decode_badge_bytes, read_badge
from bot.frontends.telegram.render import keyboard, message_chunks
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_html import parse_html, utf16_len

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

EN = Who(ref="telegram:1", telegram_user_id=1, language_code="en")
FR = Who(ref="telegram:2", telegram_user_id=2, language_code="fr-CA")
LEARNERS = st.sampled_from([EN, FR])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("properties") / "store.sqlite3"
    database = Database(f"sqlite:///{path}")
    with database.session() as session:
        provider = models.Provider(external_id="org-1", name_en="Maple College", name_fr="Collège Érable")
        session.add(provider)
        for number in range(1, 16):
            session.add(
                models.Credential(
                    external_id=f"ce-{number}",
                    name_en=f"Cybersecurity Lab {number}",
                    name_fr=f"Laboratoire de cybersécurité {number}",
                    languages=["en", "fr"],
                    hours=10.0,
                    cost=Decimal("100"),
                    delivery="online",
                    provider=provider,
                    description_en="Protect <small> networks & data. " * (200 if number == 2 else 1),
                )
            )
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def conversation(db: Database) -> Conversation:
    services = build_services(Settings(database_url=str(db.engine.url)), db)
    services.bot_username = "credbot_test_bot"
    return Conversation(services)


def assert_valid(replies: list[Reply]) -> None:
    """Answered, and every message one Telegram would take."""
    assert replies, "no reply"
    for reply in replies:
        chunks = message_chunks(reply)
        assert chunks or reply.notice or reply.document is not None or reply.photo is not None, "an empty reply"
        if reply.photo is not None:  # sendPhoto: at most 10 MB, a caption of at most 1,024 characters
            assert len(reply.photo.content) <= 10 * 1024 * 1024
            assert reply.photo.caption is None or len(reply.photo.caption) <= 1024
        for chunk in chunks:
            text, _entities = parse_html(chunk)  # raises on a tag Telegram refuses
            assert 0 < utf16_len(text) <= 4096
        keyboard(reply)  # raises on callback data over 64 bytes
        if reply.notice is not None:
            assert 0 < len(reply.notice) <= 200


def earned_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(models.EarnedCredential)) or 0)


# ---- strategies ---------------------------------------------------------------------------------

BIG = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]),
)
NUMBER_WORDS = st.one_of(
    BIG.map(str),
    st.sampled_from(["²", "٣", "١٢", "½", "Ⅻ", "#12", "-1", "0", "00", "1e9", "𝟙𝟚", "٣٣٣٣٣٣٣٣٣٣٣٣٣"]),
)
WORDS = st.one_of(NUMBER_WORDS, st.text(max_size=30), st.sampled_from(["fr", "en", "yes", "oui", "-100123"]))
ARGS = st.lists(WORDS, max_size=4).map(" ".join)


@st.composite
def callback_data(draw: st.DrawFn) -> str:
    """Forged buttons: a real prefix with random fields, or anything at all."""
    if draw(st.booleans()):
        return draw(st.text(max_size=64))
    prefix = draw(st.sampled_from(sorted(cb._REGISTRY)))
    fields = draw(
        st.lists(st.one_of(NUMBER_WORDS, st.text(max_size=12), st.sampled_from(["yes", "no"])), max_size=4)
    )
    return ":".join([draw(st.sampled_from(["v1", "v1", "v2", ""])), prefix, *fields])


def _jwt(payload: object, alg: str = "none") -> bytes:
    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': alg, 'typ': 'JWT'})}.{part(payload)}.".encode()


BADGE = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.org/issuer", "name": "Maple College"},
    "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://example.org/a/1",
            "type": ["Achievement"],
            "name": "Cybersecurity Lab 1",
        },
    },
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["bytes", "bomb", "number", "jwt", "svg", "description", "badge", "text"]))
    name = draw(st.sampled_from(["badge.json", "badge.jwt", "catalogue.json", "badge.svg", "x.csv", "x"]))
    if kind == "bytes":
        return name, draw(st.binary(max_size=2000))
    if kind == "bomb":
        depth = draw(st.integers(min_value=50, max_value=200_000))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        return name, (opener * depth + "1" + closer * draw(st.integers(0, depth))).encode()
    if kind == "number":
        digits = draw(st.integers(min_value=300, max_value=20_000))
        return name, ('{"type": "OpenBadgeCredential", "n": 1' + "0" * digits + ', "x": 1e99999}').encode()
    if kind == "jwt":
        nbf = draw(st.one_of(BIG, st.floats(allow_nan=False)))
        badge = {"vc": {**BADGE, "validFrom": None} if draw(st.booleans()) else BADGE, "nbf": nbf}
        badge["vc"].pop("validFrom", None) if isinstance(badge["vc"], dict) else None
        return name, _jwt(badge, draw(st.sampled_from(["none", "HS256", "ES256"])))
    if kind == "svg":
        return name, (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
            b'<openbadges:assertion verify="https://evil.example/x"/></svg>'
        )
    if kind == "description":
        size = draw(st.integers(min_value=1000, max_value=1_900_000))
        achievement = {
            **BADGE["credentialSubject"]["achievement"],
            "name": "Huge " + "n" * 5000,
            "description": "d" * size,
        }  # type: ignore[index]
        badge = {**BADGE, "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement}}
        return name, json.dumps(badge).encode()
    if kind == "badge":
        mutated = json.loads(json.dumps(BADGE))
        key = draw(st.sampled_from(["issuer", "validFrom", "credentialSubject", "type", "@context"]))
        mutated[key] = draw(
            st.one_of(st.none(), st.text(max_size=20), BIG, st.lists(st.integers(), max_size=3))
        )
        return name, json.dumps(mutated).encode()
    return name, draw(st.text(max_size=3000)).encode("utf-8", "surrogatepass")


# ---- the conversation core ----------------------------------------------------------------------

PHRASES = st.tuples(
    st.sampled_from(["", "page", "open", "the", "remove", "swap", "drop", "number", "le", "retirer", "#"]),
    NUMBER_WORDS,
    st.sampled_from(["", "one", "please", "hours", "$", "heures", "cybersecurity"]),
).map(" ".join)
HUGE_TEXT = st.one_of(st.text(max_size=300), st.text(min_size=4000, max_size=4096), PHRASES, ARGS)


@given(who=LEARNERS, text=HUGE_TEXT)
def test_any_text_is_answered(conversation: Conversation, who: Who, text: str) -> None:
    assert_valid(conversation.text(who, text))


@given(who=LEARNERS, name=st.sampled_from(sorted(BY_NAME)), args=ARGS)
def test_any_command_with_any_arguments_is_answered(
    conversation: Conversation, who: Who, name: str, args: str
) -> None:
    if name in ("forget", "oublier") and args.strip().lower() in ("yes", "oui"):
        args = ""
    assert_valid(conversation.command(who, name, args))


@given(who=LEARNERS, name=st.text(min_size=1, max_size=40), args=st.text(max_size=200))
def test_unknown_commands_are_answered(conversation: Conversation, who: Who, name: str, args: str) -> None:
    if name.lower() in BY_NAME:
        return
    assert_valid(conversation.command(who, name, args))


@given(who=LEARNERS, data=callback_data())
def test_forged_buttons_are_answered(conversation: Conversation, who: Who, data: str) -> None:
    if data.startswith("v1:forget:yes"):
        return
    assert_valid(conversation.button(who, data))


@given(
    who=LEARNERS,
    payload=st.one_of(
        st.text(max_size=64), NUMBER_WORDS.map(lambda n: "c_" + n), NUMBER_WORDS.map(lambda n: f"d_{n}_{n}")
    ),
)
def test_any_start_link_is_answered(conversation: Conversation, who: Who, payload: str) -> None:
    assert_valid(conversation.start(who, payload))


@given(who=LEARNERS, document=documents())
def test_malformed_documents_are_refused_and_store_nothing(
    conversation: Conversation, db: Database, who: Who, document: tuple[str, bytes]
) -> None:
    name, content = document
    before = earned_count(db)
    replies = conversation.document(who, name, content)
    assert_valid(replies)
    said = "\n".join(reply.plain_text() for reply in replies)
    if "✅" not in said:  # "Added to your wallet", "Ajout à vos acquis"
        assert earned_count(db) == before


# ---- the format parsers -------------------------------------------------------------------------


@given(document=documents())
def test_format_parsers_refuse_cleanly(document: tuple[str, bytes]) -> None:
    _name, content = document
    with contextlib.suppress(BadgeError):
        read_badge(*decode_badge_bytes(content))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return
    detect_format(Path(_name), text)
    with contextlib.suppress(json.JSONDecodeError):
        load_json(text)
