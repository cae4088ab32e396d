"""Free text answered from what was understood and what was shown: edits in words, picks by
number or by name, questions back when nothing is shown."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.app import build_conversation, open_database
from bot.config import Settings
from bot.conversation.context import Who
from bot.conversation.router import Conversation


@pytest.fixture(scope="module")
def conversation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Conversation]:
    path = tmp_path_factory.mktemp("chat") / "credbot.sqlite3"
    settings = Settings(database_url=f"sqlite:///{path}")
    database = open_database(settings)
    yield build_conversation(settings, database)
    database.dispose()


def say(conversation: Conversation, who: Who, text: str) -> str:
    return "\n".join(reply.plain_text() for reply in conversation.text(who, text))


def numbered(text: str) -> list[str]:
    return re.findall(r"^\d+\. (.+)$", text, flags=re.MULTILINE)


def test_a_number_with_nothing_shown_is_asked_back(conversation: Conversation) -> None:
    who = Who(ref="chat:1", language_code="en")
    assert "There is no list to choose from yet." in say(conversation, who, "3")
    assert "There is no list to choose from yet." in say(conversation, who, "remove the first one")
    assert "There are no results to page through yet." in say(conversation, who, "next")


def test_already_held_leaves_the_bundle_and_joins_the_wallet(conversation: Conversation) -> None:
    who = Who(ref="chat:2", language_code="en")
    items = numbered(say(conversation, who, "bundle for data analyst"))
    assert len(items) >= 2
    after = say(conversation, who, "I already have the 2nd one")
    assert items[1] not in numbered(after)
    assert items[1] in say(conversation, who, "my badges")


def test_wallet_entries_by_number_and_by_name(conversation: Conversation) -> None:
    who = Who(ref="chat:3", language_code="en")
    results = say(conversation, who, "cybersecurity")
    first = numbered(results)[0]
    card = say(conversation, who, "the first one")
    assert card.splitlines()[0] == first
    conversation.button(
        who,
        next(
            b.code
            for r in conversation.text(who, "1")
            for row in r.buttons
            for b in row
            if "earned" in b.label
        ),
    )
    wallet = say(conversation, who, "show my wallet")
    assert first in wallet
    word = next(w for w in re.findall(r"[A-Za-z]{5,}", first))
    removed = say(conversation, who, f"the {word.lower()} one isn't mine, remove it")
    assert f"Removed from your wallet: {first}" in removed


def test_add_by_name_to_the_bundle_shown(conversation: Conversation) -> None:
    who = Who(ref="chat:4", language_code="fr")
    say(conversation, who, "parcours pour analyste de données")
    added = conversation.text(who, "ajoute Excel")[0]
    assert added.notice and "Ajout au parcours" in added.notice


def test_limits_alone_narrow_the_last_search(conversation: Conversation) -> None:
    who = Who(ref="chat:5", language_code="fr")
    say(conversation, who, "comptabilité")
    narrowed = say(conversation, who, "seulement en ligne")
    assert "«\u00a0comptabilité en ligne\u00a0»" in narrowed
    assert "Limites comprises\u00a0: en ligne" in narrowed


def test_saved_bundles_are_picked_in_words(conversation: Conversation) -> None:
    who = Who(ref="chat:6", language_code="en")
    say(conversation, who, "bundle for bookkeeper")
    say(conversation, who, "save it")
    listed = say(conversation, who, "my bundles")
    assert "1 saved bundle" in listed
    opened = say(conversation, who, "the first one")
    assert "Bundle for “bookkeeper”" in opened
    say(conversation, who, "my bundles")
    asked = say(conversation, who, "delete the first one")
    assert "Delete" in asked or "delete" in asked


def test_a_learner_who_writes_in_the_other_language_is_answered_in_it(conversation: Conversation) -> None:
    who = Who(ref="chat:lang1", language_code="en")
    replies = conversation.text(who, "je cherche une formation en comptabilité")
    text = replies[0].plain_text()
    assert text.startswith("Je vous réponds en français, la langue de votre message\u00a0: /langue pour changer.")
    assert "résultat" in text
    # Saved as theirs: the buttons and the next messages stay in French, without the notice again.
    assert conversation.locale_for(who) == "fr"
    again = say(conversation, who, "je cherche une formation en cybersécurité")
    assert "Je vous réponds" not in again and "résultat" in again
    pressed = conversation.button(who, replies[0].buttons[0][0].code)
    assert "heures" in pressed[0].plain_text()


def test_a_chosen_language_or_a_title_in_the_other_language_changes_nothing(
    conversation: Conversation,
) -> None:
    chose = Who(ref="chat:lang2", language_code="fr")
    conversation.command(chose, "language", "en")
    answer = say(conversation, chose, "je cherche une formation en comptabilité")
    assert "Je vous réponds" not in answer and "result" in answer
    assert conversation.locale_for(chose) == "en"
    # A course title, a language as a topic: English courses are what a French learner may want.
    for text in ("Santé et sécurité au travail", "anglais", "english courses"):
        phone = "en" if text == "Santé et sécurité au travail" else "fr"
        learner = Who(ref=f"chat:lang3:{text}", language_code=phone)
        before = conversation.locale_for(learner)
        say(conversation, learner, text)
        assert conversation.locale_for(learner) == before, text


def test_what_a_member_writes_in_a_group_does_not_choose_their_own_language(
    conversation: Conversation,
) -> None:
    member = Who(
        ref="telegram:777",
        telegram_user_id=777,
        language_code="en",
        private=False,
        chat_id=-100777,
        chat_kind="supergroup",
        chat_title="Learners",
    )
    say(conversation, member, "je cherche une formation en comptabilité")
    assert conversation.services.account.locales("telegram:777")[0] is None
