"""Learners chatting with the real Application over HTTP, against the local Bot API test server,
in English and in French, once with long polling and once behind a webhook."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from babel.messages.pofile import read_po

from bot import PROJECT_ROOT
from bot.app import open_database
from bot.config import Settings
from tests.e2e.botapi_server import BotApiServer, Message
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, labels

pytestmark = pytest.mark.asyncio


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default catalogue, seeded once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("seed") / "credbot.sqlite3"
    db = open_database(Settings(database_url=f"sqlite:///{path}"))
    db.dispose()
    return path


@pytest_asyncio.fixture(params=["polling", "webhook"])
async def bot(
    request: pytest.FixtureRequest, botapi: BotApiServer, seeded_database: Path, tmp_path: Path
) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, seeded_database, tmp_path, request.param) as running:
        yield running


# ---- the check that no reply mixes languages ----


def _ui_strings(locale: str) -> set[str]:
    with (PROJECT_ROOT / "locales" / locale / "LC_MESSAGES" / "credbot.po").open("rb") as handle:
        catalogue = read_po(handle)
    strings: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        english_forms, french_forms = set(ids), set(translated)
        shared = english_forms & french_forms
        forms = english_forms if locale == "en" else french_forms
        for form in forms - shared:
            strings.update(part.strip(" .:!?") for part in re.split(r"\{[a-z_]+\}", form))
    return {s for s in strings if len(s) >= 10}


ENGLISH_UI = _ui_strings("en") - _ui_strings("fr")
FRENCH_UI = _ui_strings("fr") - _ui_strings("en")


def assert_only(locale: str, messages: list[Message]) -> None:
    """No UI string of the other language in these messages (text and buttons)."""
    foreign = FRENCH_UI if locale == "en" else ENGLISH_UI
    for message in messages:
        shown = message.plain + "\n" + "\n".join(labels(message))
        leaks = sorted(s for s in foreign if s in shown)
        assert not leaks, f"{locale} reply shows {leaks!r}:\n{shown}"


# ---- conversations ----


async def test_english_learner_conversation(bot: RunningBot) -> None:
    server = bot.server
    learner = await server.user(1001, first_name="Ada", language_code="en-GB")
    seen: list[Message] = []

    start = await bot.say(learner, "/start")
    seen += start
    assert "Welcome" in start[0].plain
    assert any("My wallet" in label for label in labels(start[0]))

    results = await bot.say(learner, "cybersecurty")  # a typo
    seen += results
    page_one = results[0]
    assert "results for" in page_one.plain
    assert "Cybersecurity" in page_one.plain

    edited = await bot.tap(learner, page_one, "Next")
    seen += edited
    assert [m.message_id for m in edited] == [page_one.message_id], "paging edits the same message"
    assert "Page 2" in edited[0].plain

    card = (await bot.tap(learner, edited[0], "6"))[0]
    seen.append(card)
    assert card.message_id == page_one.message_id
    assert "I earned it" in " ".join(labels(card))
    title = card.plain.splitlines()[0]

    earned = (await bot.tap(learner, card, "I earned it"))[0]
    seen.append(earned)
    assert "You have earned this credential." in earned.plain
    answers = [a.text for a in server.callback_answers]
    assert any(text and "Added to your wallet" in text for text in answers)

    wallet = await bot.say(learner, "/earned")
    seen += wallet
    assert title in wallet[0].plain

    bundle = await bot.say(learner, "bundle for data analyst")
    seen += bundle
    assert "hours" in bundle[0].plain.lower()

    forget = await bot.say(learner, "/forget")
    seen += forget
    gone = await bot.tap(learner, forget[0], "Yes")
    seen += gone
    assert "deleted" in gone[0].plain
    empty = await bot.say(learner, "/earned")
    assert "empty" in empty[0].plain
    assert_only("en", seen + empty)


async def test_french_learner_conversation(bot: RunningBot) -> None:
    server = bot.server
    learner = await server.user(2002, first_name="Élise", language_code="fr-CA")
    seen: list[Message] = []

    start = await bot.say(learner, "/demarrer")
    seen += start
    assert "Bienvenue" in start[0].plain

    results = await bot.say(learner, "securite informatique")  # no accents
    seen += results
    assert "résultats pour «\u00a0securite informatique\u00a0»" in results[0].plain

    card = (await bot.tap(learner, results[0], "1"))[0]
    seen.append(card)
    earned = (await bot.tap(learner, card, "Je l’ai obtenue"))[0]
    seen.append(earned)
    assert "Vous avez obtenu cette microcertification." in earned.plain

    wallet = await bot.say(learner, "mes acquis")
    seen += wallet
    assert "Vos acquis\u00a0: 1 microcertification" in wallet[0].plain

    bundle = await bot.say(learner, "je veux devenir analyste de données")
    seen += bundle
    assert "heures" in bundle[0].plain

    english = await bot.say(learner, "/langue en")
    assert "I will speak English with you." in english[0].plain
    back = await bot.say(learner, "en français")
    seen += back
    assert "Je vous parlerai en français." in back[0].plain

    forget = await bot.say(learner, "/oublier")
    seen += forget
    gone = await bot.tap(learner, forget[0], "Oui")
    seen += gone
    assert "supprimé" in gone[0].plain
    assert_only("fr", seen)


async def test_a_shared_bundle_opens_read_only_and_can_be_copied(bot: RunningBot) -> None:
    server = bot.server
    owner = await server.user(3003, first_name="Owen", language_code="en")
    friend = await server.user(3004, first_name="Frédérique", language_code="fr-CA")

    bundle = (await bot.say(owner, "/bundle python, SQL, data visualisation"))[0]
    assert "Bundle for “python, SQL, data visualisation”" in bundle.plain
    saved = (await bot.tap(owner, bundle, "Save"))[0]
    assert saved.message_id == bundle.message_id
    share = button_data(saved, "Share")
    # Telegram's share sheet, carrying the deep link that opens the bundle.
    assert share.startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fcredbot_test_bot%3Fstart%3Db_")
    code = share.split("b_", 1)[1].split("&", 1)[0]

    opened = (await bot.say(friend, f"/start b_{code}"))[0]
    assert "Un parcours que quelqu’un a partagé avec vous." in opened.plain
    assert not any("✖" in label for label in labels(opened)), "a shared bundle is read-only"
    copied = (await bot.tap(friend, opened, "Enregistrer une copie"))[0]
    assert "Enregistré dans vos parcours." in copied.plain
    assert any("✖" in label for label in labels(copied)), "the copy is the friend's own"
    assert_only("fr", [opened, copied])
    assert_only("en", [bundle, saved])


def _badge(name: str) -> bytes:
    return json.dumps(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:7c1a0f2e-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Réseau d'exemple"},
            "validFrom": "2026-03-01T00:00:00Z",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "https://issuer.example/achievements/animation-1",
                    "type": ["Achievement"],
                    "name": name,
                    "alignment": [{"type": ["Alignment"], "targetName": "Animation de communautés en ligne"}],
                },
            },
        }
    ).encode()


async def test_badges_sent_in_the_chat_then_export_and_forget(bot: RunningBot) -> None:
    server = bot.server
    learner = await server.user(5005, first_name="Maëlle", language_code="fr")
    seen: list[Message] = []

    async def send(filename: str, content: bytes, mime: str = "application/json") -> Message:
        before = len(server.bot_messages(learner))
        await server.send_document(learner, filename, content, mime)
        await server.wait_idle()
        replies = server.bot_messages(learner)[before:]
        seen.extend(replies)
        return replies[0]

    added = await send("badge.json", _badge("Animer une communauté <en ligne> & à distance"))
    assert "Ajout à vos acquis\u00a0: Animer une communauté <en ligne> & à distance" in added.plain
    assert "Ce badge n’est pas au catalogue" in added.plain
    again = await send("badge.json", _badge("Animer une communauté <en ligne> & à distance"))
    assert "Déjà dans vos acquis" in again.plain
    garbage = await send("notes.txt", b"\x00\x01 not a badge", "text/plain")
    assert "Je ne peux pas lire ce fichier" in garbage.plain
    unrelated = await send("data.json", b'{"hello": "world"}')
    assert "n’est pas un badge Open Badges" in unrelated.plain
    huge = await send("big.json", b"[" + b"0," * (1024 * 1024 + 10) + b"0]")
    assert "dépasse 2\u00a0Mo" in huge.plain

    before = len(server.documents_sent(learner))
    seen += await bot.say(learner, "/exporter")
    (export,) = server.documents_sent(learner)[before:]
    data = json.loads(export.content)
    assert "Animer une communauté" in json.dumps(data, ensure_ascii=False)
    assert export.filename.endswith(".json")
    # The learner's real Telegram id, as the privacy text says (it was null).
    assert data["learner"]["telegram_user_id"] == 5005 and data["learner"]["ref"] == "telegram:5005"

    forget = await bot.say(learner, "/oublier")
    await bot.tap(learner, forget[0], "Oui")
    await bot.say(learner, "/exporter")
    emptied = json.loads(server.documents_sent(learner)[-1].content)
    assert "Animer une communauté" not in json.dumps(emptied, ensure_ascii=False)
    assert_only("fr", seen)
