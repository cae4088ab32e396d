"""The conversation core, without any transport: what a learner sees for what they do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bot.app import build_services
from bot.community.rights import MemberRights, Right
from bot.config import Settings
from bot.conversation.callbacks import ConfirmForget, EarnCredential, OpenCard
from bot.conversation.commands import COMMANDS
from bot.conversation.context import Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.language.packs import LANGUAGES
from bot.language.understanding import understand
from bot.store import models
from bot.store.db import Database
from tests._documents import ctdl_document


def add_credential(session, external_id: str, en: str | None, fr: str | None, **extra) -> models.Credential:
    row = models.Credential(
        external_id=external_id,
        name_en=en,
        name_fr=fr,
        languages=extra.pop(
            "languages", ["en"] if en and not fr else ["fr"] if fr and not en else ["en", "fr"]
        ),
        hours=extra.pop("hours", 10.0),
        cost=extra.pop("cost", Decimal("100")),
        delivery=extra.pop("delivery", "online"),
        **extra,
    )
    session.add(row)
    return row


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'core.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture
def conversation(db: Database) -> Conversation:
    with db.session() as session:
        provider = models.Provider(external_id="org-1", name_en="Maple College", name_fr="Collège Érable")
        session.add(provider)
        add_credential(
            session,
            "ce-1",
            "Cybersecurity Fundamentals",
            None,
            provider=provider,
            description_en="Protect <small> networks & data.",
        )
        add_credential(session, "ce-2", None, "Introduction à la cybersécurité", provider=provider)
        add_credential(
            session, "ce-3", "Data Analytics with Python", "Analyse de données avec Python", cost=Decimal(0)
        )
        for number in range(4, 16):
            add_credential(session, f"ce-{number}", f"Cybersecurity Lab {number}", None)
    services = build_services(Settings(database_url=str(db.engine.url)), db)
    services.bot_username = "credbot_test_bot"
    return Conversation(services)


def text_of(replies: list[Reply]) -> str:
    return "\n".join(reply.plain_text() for reply in replies)


EN = Who(ref="telegram:1", telegram_user_id=1, language_code="en")
FR = Who(ref="telegram:2", telegram_user_id=2, language_code="fr-CA")


def test_start_greets_in_the_learners_language(conversation: Conversation) -> None:
    english = conversation.start(EN)[0]
    french = conversation.start(FR)[0]
    assert "Welcome" in english.plain_text()
    assert "Bienvenue" in french.plain_text()
    labels = [button.label for row in french.buttons for button in row]
    assert "English" in labels and any("Chercher" in label or "Rechercher" in label for label in labels)


def test_search_pages_and_opens_a_card(conversation: Conversation) -> None:
    first = conversation.text(EN, "cybersecurity")[0]
    assert "Cybersecurity Fundamentals" in first.plain_text()
    codes = [button.code for row in first.buttons for button in row]
    assert all(len(code.encode()) <= 64 for code in codes)
    next_page = next(b for row in first.buttons for b in row if "Next" in b.label)
    second = conversation.button(EN, next_page.code)[0]
    assert second.replace and "Page 2" in second.plain_text()
    number = next(b for row in second.buttons for b in row if b.label.isdigit())
    card = conversation.button(EN, number.code)[0]
    assert card.replace
    assert any("Back" in b.label for row in card.buttons for b in row)


def test_card_shows_catalogue_text_verbatim_for_the_renderer_to_escape(conversation: Conversation) -> None:
    card = conversation.command(EN, "open", "1")[0]
    assert "Protect <small> networks & data." in card.plain_text()


def test_earning_twice_changes_nothing_the_second_time(conversation: Conversation) -> None:
    earn = EarnCredential(1).pack()
    first = conversation.button(EN, earn)[0]
    second = conversation.button(EN, earn)[0]
    assert first.plain_text() == second.plain_text()
    wallet = conversation.command(EN, "earned")[0].plain_text()
    assert "Cybersecurity Fundamentals" in wallet
    assert "1 credential" in wallet


def test_french_learner_gets_french_formatting(conversation: Conversation) -> None:
    card = conversation.command(FR, "ouvrir", "3")[0].plain_text()
    assert "Analyse de données avec Python" in card
    assert "gratuit" in card
    assert "10\u00a0heures" in card


def test_language_switch_is_remembered(conversation: Conversation) -> None:
    conversation.text(EN, "en français")
    assert "Bienvenue" in conversation.start(EN)[0].plain_text()
    conversation.command(EN, "language", "en")
    assert "Welcome" in conversation.start(EN)[0].plain_text()


def test_forget_deletes_after_confirmation(conversation: Conversation, db: Database) -> None:
    conversation.command(EN, "earn", "1")
    ask = conversation.command(EN, "forget")[0]
    assert "cannot be undone" in ask.plain_text()
    conversation.button(EN, ConfirmForget(False).pack())
    assert "1 credential" in conversation.command(EN, "earned")[0].plain_text()
    conversation.button(EN, ConfirmForget(True).pack())
    with db.session() as session:
        assert session.query(models.Learner).filter_by(ref=EN.ref).count() == 0
        assert session.query(models.EarnedCredential).count() == 0


def test_expired_or_forged_buttons_get_a_polite_answer(conversation: Conversation) -> None:
    for data in ("garbage", "v1:p:nope:1", "v1:o:notanumber"):
        reply = conversation.button(EN, data)[0]
        assert reply.notice and "expired" in reply.notice


def test_unknown_command_is_explained(conversation: Conversation) -> None:
    assert "/aide" in text_of(conversation.command(FR, "bogus"))
    assert "/help" in text_of(conversation.command(EN, "bogus"))


def test_every_command_has_a_telegram_name_in_every_language() -> None:
    for spec in COMMANDS:
        for code in LANGUAGES:
            name = spec.name(code)
            # "page" and "source" are the same word in French
            same_word = spec.key in ("page", "source")
            assert code == "en" or name != spec.key or same_word, f"{spec.key} has no {code} name"
            assert name.isascii() and name.islower() and 1 <= len(name) <= 32


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("help", "help", ""),
        ("aide", "help", ""),
        ("mes crédits", "wallet", ""),
        ("my badges", "wallet", ""),
        ("bundle for data analyst", "bundle", "data analyst"),
        ("je veux devenir analyste de données", "bundle", "analyste de données"),
        ("en français", "interface_language", "fr"),
        ("in English", "interface_language", "en"),
        ("soins palliatifs", "search", "soins palliatifs"),
    ],
)
def test_free_text_is_routed(text: str, kind: str, rest: str) -> None:
    understood = understand(text)
    said = {"bundle": understood.goal, "interface_language": understood.language, "search": understood.query}
    assert (understood.intent, said.get(understood.intent, "")) == (kind, rest)


EN_GROUP, FR_GROUP = "credbot in this group", "credbot dans ce groupe"


def editors(*user_ids: int) -> Callable[[int, int], MemberRights]:
    """A lookup where `user_ids` are administrators who may change the chat's info."""

    def lookup(chat_id: int, user_id: int) -> MemberRights:
        if user_id in user_ids:
            return MemberRights("administrator", frozenset({Right.CHANGE_INFO}))
        return MemberRights("member")

    return lookup


def test_only_group_admins_change_the_group_language(conversation: Conversation) -> None:
    member = Who(
        ref="telegram:5",
        telegram_user_id=5,
        language_code="en",
        private=False,
        chat_id=-100,
        chat_title="REFAD",
    )
    admin = Who(ref="telegram:6", telegram_user_id=6, language_code="en", private=False, chat_id=-100)
    conversation.services.rights.connect(editors(6))
    refused = conversation.command(member, "language", "fr")[0].plain_text()
    assert "administrators" in refused
    assert EN_GROUP in conversation.start(member)[0].plain_text()
    conversation.command(admin, "langue", "fr")
    assert FR_GROUP in conversation.start(member)[0].plain_text()
    # A member's own choice applies in private only: the group's language governs the group.
    conversation.command(Who(ref="telegram:5", telegram_user_id=5), "language", "en")
    assert FR_GROUP in conversation.start(member)[0].plain_text()
    assert "Welcome" in conversation.start(Who(ref="telegram:5", telegram_user_id=5))[0].plain_text()


def _member(user_id: int, language_code: str | None, chat_id: int = -200, title: str = "Study group") -> Who:
    return Who(
        ref=f"telegram:{user_id}",
        telegram_user_id=user_id,
        language_code=language_code,
        private=False,
        chat_id=chat_id,
        chat_title=title,
        chat_kind="supergroup",
    )


def test_a_group_speaks_the_language_of_the_administrator_who_added_the_bot(
    conversation: Conversation,
) -> None:
    adder, member = _member(30, "fr-CA"), _member(31, "en")
    conversation.bot_added(adder)
    assert FR_GROUP in text_of(conversation.start(member))
    # the adder's saved choice comes before their Telegram language
    conversation.command(Who(ref="telegram:30", telegram_user_id=30), "language", "en")
    assert EN_GROUP in text_of(conversation.start(member))


def test_the_adder_s_language_is_learnt_when_they_speak_in_the_group(conversation: Conversation) -> None:
    conversation.bot_added(_member(32, None, chat_id=-201))
    member = _member(33, "en", chat_id=-201)
    assert EN_GROUP in text_of(conversation.start(member))
    conversation.start(_member(32, "fr", chat_id=-201))
    assert FR_GROUP in text_of(conversation.start(member))


def test_without_an_adder_a_french_name_or_first_message_makes_the_group_french(
    conversation: Conversation,
) -> None:
    assert FR_GROUP in text_of(conversation.start(_member(34, "en", -202, "Groupe d'étude")))
    assert EN_GROUP in text_of(conversation.start(_member(34, "en", -203, "Study group")))
    # the first message clearly in one language decides for good
    conversation.command(_member(34, "en", -203, "Study group"), "search", "des formations pour les infirmières")
    assert FR_GROUP in text_of(conversation.start(_member(35, "en", -203, "Study group")))
    conversation.command(_member(34, "en", -203, "Study group"), "search", "courses for the nurses of the north")
    assert FR_GROUP in text_of(conversation.start(_member(35, "en", -203, "Study group")))
    # an administrator's choice wins over every default
    admin = Who(ref="telegram:36", telegram_user_id=36, private=False, chat_id=-203, chat_title="Study group")
    conversation.services.rights.connect(editors(36))
    conversation.command(admin, "language", "en")
    assert EN_GROUP in text_of(conversation.start(_member(35, "fr", -203, "Study group")))


def test_configured_admins_import_catalogues_all_or_nothing(conversation: Conversation) -> None:
    from dataclasses import replace

    conversation.services = replace(conversation.services, admin_ids=frozenset({1}))
    broken = ctdl_document("ce-new-1", {"en": "Welding Safety"}, hours="about ten hours")
    refused = conversation.document(EN, "refad.ctdl.json", broken)[0].plain_text()
    assert "Nothing was imported" in refused and "ce-new-1" in refused and "estimatedDuration" in refused
    assert "Welding" not in conversation.text(EN, "welding safety")[0].plain_text()
    fixed = ctdl_document("ce-new-1", {"en": "Welding Safety", "fr": "Sécurité en soudage"})
    assert "added 1" in conversation.document(EN, "refad.ctdl.json", fixed)[0].plain_text()
    assert "Welding Safety" in conversation.text(EN, "welding safety")[0].plain_text()
    # Anyone else's file is read as a badge for their own wallet, never as a catalogue.
    other = conversation.document(FR, "refad.ctdl.json", ctdl_document("ce-new-2", {"en": "Sneaky"}))[0]
    assert "Sneaky" not in conversation.text(EN, "sneaky")[0].plain_text()
    assert other.lines


def test_unknown_credential_numbers_are_explained(conversation: Conversation) -> None:
    for reply in (
        conversation.command(EN, "open", "9999")[0],
        conversation.button(EN, OpenCard(9999).pack())[0],
        conversation.command(FR, "obtenu", "9999")[0],
        conversation.command(EN, "bundle", "add 9999")[0],
    ):
        assert "9999" in reply.plain_text()


def test_a_page_past_the_end_shows_the_last_page(conversation: Conversation) -> None:
    conversation.text(EN, "cybersecurity")
    last = conversation.command(EN, "page", "99")[0]
    assert "Page 3 of 3" in last.plain_text()
    assert any(button.label.isdigit() for row in last.buttons for button in row)


def test_a_budget_is_shown_in_its_own_currency(conversation: Conversation) -> None:
    shown = text_of(conversation.text(EN, "quantum basket weaving under 300 euros"))
    assert "€300" in shown and "$300" not in shown


def test_a_search_matching_only_part_of_a_topic_says_so(conversation: Conversation) -> None:
    partial = conversation.text(FR, "cybersécurité avancée quantique")[0].plain_text()
    assert "Introduction à la cybersécurité" in partial
    assert "Rien ne correspond à tous les mots de «\u00a0cybersécurité avancée quantique\u00a0»" in partial
    whole = conversation.text(EN, "cybersecurity")[0].plain_text()
    assert "every word" not in whole


def test_a_single_match_is_followed_by_its_neighbours_under_their_own_heading(db: Database) -> None:
    with db.session() as session:
        add_credential(session, "ce-1", "Honey Harvesting in Winter", None)
        add_credential(session, "ce-2", "Honey Harvesting", None, description_en="Open the hives.")
        add_credential(session, "ce-3", "Honey Harvesting Tools", None)
        add_credential(session, "ce-4", "Small Engine Repair", None)
    conversation = Conversation(build_services(Settings(database_url=str(db.engine.url)), db))
    english = conversation.text(EN, "hives")[0].plain_text()
    assert "1 result for “hives”" in english
    match, related = english.split("Also close to what you asked:")
    assert "Honey Harvesting" in match and "Winter" not in match
    assert "Honey Harvesting in Winter" in related and "Honey Harvesting Tools" in related
    assert "Engine" not in related
    french = conversation.text(FR, "hives")[0].plain_text()
    assert "1 résultat pour «\u00a0hives\u00a0»" in french and "Autres résultats proches de votre demande" in french


def test_privacy_text_says_what_the_export_holds(conversation: Conversation) -> None:
    import json

    conversation.command(EN, "earn", "1")
    privacy = text_of(conversation.command(EN, "privacy"))
    assert "Telegram user number" in privacy
    assert "every bundle you ask for, saved or not" in privacy and "goal as you typed it" in privacy
    assert "bundles you save, nothing else" not in privacy
    french = text_of(conversation.command(FR, "confidentialite"))
    assert "enregistré ou non" in french and "tel que vous l’avez écrit" in french
    [reply] = conversation.command(EN, "export")
    assert reply.document is not None
    exported = json.loads(reply.document.content)
    assert exported["learner"]["telegram_user_id"] == 1
    console = text_of(conversation.command(Who(ref="console:ana"), "privacy"))
    assert "Telegram" not in console and "What I store about you:" in console
