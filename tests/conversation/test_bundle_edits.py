"""Bundles in the conversation, as the learner sees them: every edit planned again by the
solver, the totals before and after, a warning when an edit makes the bundle worse than the
best one, held skills kept held, "mark all earned" confirmed first, the language of
instruction respected by default, saved bundles listed, and phone-sized keyboards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.conversation.context import Who
from bot.conversation.reply import Button, Reply
from bot.conversation.router import Conversation
from bot.store.db import Database
from tests._bundle_support import populate

EN = Who(ref="telegram:11", telegram_user_id=11, language_code="en")
FR = Who(ref="telegram:12", telegram_user_id=12, language_code="fr-CA")


@pytest.fixture
def conversation(tmp_path: Path) -> Iterator[Conversation]:
    database = Database(f"sqlite:///{tmp_path / 'bundles.sqlite3'}")
    populate(database)
    services = build_services(Settings(database_url=str(database.engine.url)), database)
    services.bot_username = "credbot_test_bot"
    yield Conversation(services)
    database.dispose()


def one(replies: list[Reply]) -> Reply:
    assert len(replies) == 1
    return replies[0]


def seen(reply: Reply) -> str:
    """The reply's text, its no-break spaces as plain spaces."""
    return reply.plain_text().replace("\u00a0", " ").replace("\u202f", " ")


def buttons(reply: Reply) -> list[Button]:
    return [button for row in reply.buttons for button in row]


def tap(conversation: Conversation, who: Who, reply: Reply, label_part: str) -> Reply:
    found = [button for button in buttons(reply) if label_part in button.label.replace("\u00a0", " ")]
    assert found, f"no button with {label_part!r} in {[b.label for b in buttons(reply)]}"
    return one(conversation.button(who, found[0].code))


def assert_phone_sized(reply: Reply) -> None:
    assert all(len(row) <= 3 for row in reply.buttons), [[b.label for b in row] for row in reply.buttons]


def test_a_swap_replans_the_rest_and_warns_when_the_bundle_gets_worse(conversation: Conversation) -> None:
    english = one(conversation.command(EN, "bundle", "data analyst"))
    bundle = tap(conversation, EN, english, "Any language")
    text = seen(bundle)
    assert "Python basics" in text and "SQL for analysts" in text and "Visual stories" in text
    assert "Total: 3 credentials, 27 hours, $350" in text
    assert_phone_sized(bundle)

    picker = tap(conversation, EN, bundle, "Swap a credential")
    assert picker.replace, "a picker takes the place of the bundle message"
    assert any(b.label.startswith("↩") for b in buttons(picker)), "every picker has a Cancel"
    choices = tap(conversation, EN, picker, ": Python basics")
    assert "Data analyst certificate" in seen(choices)
    # Each option says the bundle it would give once the rest is planned again around it.
    assert "(now: 3 credentials, 27 hours, $350)" in seen(choices)
    assert "→ Resulting bundle: 1 credential, 40 hours, $900" in seen(choices)
    assert any(b.label.startswith("↩") for b in buttons(choices))
    swapped = tap(conversation, EN, choices, "Data analyst certificate")
    text = seen(swapped)
    assert swapped.replace
    assert "Replaced “Python basics” with “Data analyst certificate”." in text
    # The certificate covers everything: the other credentials are not kept beside it (the
    # replaced one is named once, in the line above).
    assert "Left out: Visual stories and SQL for analysts\n" in text
    assert "SQL for analysts" not in text.split("Total")[0].split("\n1. ")[-1]
    assert "Total: 1 credential, 40 hours, $900" in text
    assert "Before: 3 credentials, 27 hours, $350. Now: 1 credential, 40 hours, $900." in text
    assert (
        "This bundle takes 13 hours more and $550 more than the best one for this goal "
        "(3 credentials, 27 hours, $350)." in text
    )
    assert "The best bundle for this goal" not in text

    best = tap(conversation, EN, swapped, "Back to the best bundle")
    assert "Total: 3 credentials, 27 hours, $350" in seen(best)
    assert "⚠" not in seen(best)


def test_held_skills_stay_held_after_an_edit(conversation: Conversation) -> None:
    card = one(conversation.command(FR, "obtenu", _id(conversation, "cred:py-basics")))
    assert "Ajout à vos acquis : Bases de Python" in seen(card)
    bundle = one(conversation.command(FR, "parcours", "analyste de données"))
    assert "Déjà dans vos acquis : Programmation Python" in seen(bundle)
    assert "Bases de Python" not in seen(bundle)

    picker = tap(conversation, FR, bundle, "Retirer une")
    dropped = tap(conversation, FR, picker, "SQL pour analystes")
    text = seen(dropped)
    assert "Déjà dans vos acquis : Programmation Python" in text
    assert not [line for line in text.splitlines() if line.startswith("❔") and "Python" in line]


def test_a_dropped_credential_is_replaced_by_the_solver(conversation: Conversation) -> None:
    bundle = one(conversation.command(EN, "bundle", "python, statistics"))
    assert "Python basics" in seen(bundle)
    dropped = one(conversation.command(EN, "bundle", "drop 1"))
    text = seen(dropped)
    assert "Dropped: Python basics" in text
    assert text.count("Python basics") == 1, "the dropped credential is named once, not again as left out"
    # Python is still covered: by the certificate, the only other credential teaching it.
    assert "Data analyst certificate" in text
    assert "Not covered" not in text
    assert "more than the best one for this goal" in text


def test_mark_all_earned_asks_first_then_empties_the_bundle(conversation: Conversation) -> None:
    bundle = one(conversation.command(FR, "parcours", "analyste de données"))
    asked = tap(conversation, FR, bundle, "Tout marquer comme obtenu")
    assert asked.replace
    assert "Marquer ces 3 microcertifications comme obtenues?" in seen(asked)
    wallet = one(conversation.command(FR, "acquis"))
    assert "aucun acquis" in seen(wallet), "nothing is earned before the learner confirms"
    assert any(b.label.startswith("↩") for b in buttons(asked))

    done = tap(conversation, FR, asked, "Oui")
    text = seen(done)
    assert "3 microcertifications ajoutées à vos acquis." in text
    assert "Total" not in text, "what was earned leaves the bundle and its total"
    assert "Tout ce que demande cet objectif fait déjà partie de vos acquis." in text
    assert "Vos acquis : 3 microcertifications" in seen(one(conversation.command(FR, "acquis")))


def test_typed_mark_all_earned_asks_too(conversation: Conversation) -> None:
    conversation.command(EN, "bundle", "python")
    asked = one(conversation.command(EN, "bundle", "earned"))
    assert "Mark 1 credential as earned?" in seen(asked)
    assert "(/bundle earned yes)" not in seen(asked)
    done = one(conversation.command(EN, "bundle", "earned yes"))
    assert "1 credential added to your wallet." in seen(done)


def test_a_bundle_respects_the_learners_language_unless_told_otherwise(conversation: Conversation) -> None:
    bundle = one(conversation.command(EN, "bundle", "data analyst"))
    text = seen(bundle)
    assert "Limits: taught in English (your language)" in text
    assert "SQL for analysts" not in text, "a French-only course in an English learner's bundle"
    wider = tap(conversation, EN, bundle, "Any language")
    assert "SQL for analysts" in seen(wider)
    assert "taught in" not in seen(wider)
    french = one(conversation.command(EN, "bundle", "data analyst in French"))
    assert "Limits: taught in French" in seen(french)
    assert "(your language)" not in seen(french)


def test_a_language_that_alone_rules_out_a_bundle_is_widened_and_said(conversation: Conversation) -> None:
    # Web accessibility is taught in French only.
    bundle = one(conversation.command(EN, "bundle", "web accessibility"))
    text = seen(bundle)
    assert "Accessible web" in text
    assert "Not everything is taught in English: this bundle includes other languages." in text


def test_bundle_replies_restate_the_limits_understood(conversation: Conversation) -> None:
    bundle = one(conversation.command(EN, "bundle", "python and SQL online under 50 hours in any language"))
    assert "Limits:" in seen(bundle) and "online" in seen(bundle)
    assert "at most 50 hours" in seen(bundle)


def test_saved_bundles_are_listed_with_open_share_and_delete(conversation: Conversation) -> None:
    empty = one(conversation.command(FR, "mesparcours"))
    assert "Vous n’avez encore aucun parcours enregistré." in seen(empty)
    bundle = one(conversation.command(FR, "parcours", "analyste de données"))
    saved = tap(conversation, FR, bundle, "Enregistrer")
    assert saved.notice == "Parcours enregistré."
    listed = one(conversation.command(FR, "mesparcours"))
    text = seen(listed)
    assert "1. analyste de données" in text and "3 microcertifications, 27 heures, 350 $" in text
    assert_phone_sized(listed)
    share = next(b for b in buttons(listed) if "Partager" in b.label)
    assert share.url is not None and share.url.startswith("https://t.me/share/url?")
    link = parse_qs(urlparse(share.url).query)["url"][0]
    assert link.startswith("https://t.me/credbot_test_bot?start=b_")
    opened = tap(conversation, FR, listed, "Ouvrir 1")
    assert opened.replace and "Parcours pour « analyste de données »" in seen(opened)

    typed = one(conversation.command(FR, "mesparcours", "supprimer 1"))
    assert "Supprimer le parcours « analyste de données »?" in seen(typed)
    assert "/mesparcours supprimer 1 oui" in [b.command for b in buttons(typed)]
    gone = tap(conversation, FR, typed, "Oui")
    assert "Parcours supprimé : analyste de données" in seen(gone)
    assert "aucun parcours enregistré" in seen(gone)


def test_the_free_text_entry_point_lists_saved_bundles(conversation: Conversation) -> None:
    from bot.conversation import bundle_flow
    from bot.i18n import use_locale

    with use_locale("en"):
        reply = bundle_flow.my_bundles(conversation.services, EN)
    assert "You have no saved bundles yet." in seen(reply)


def test_bundle_keyboards_say_what_each_button_does(conversation: Conversation) -> None:
    bundle = one(conversation.command(EN, "bundle", "python and statistics"))
    assert_phone_sized(bundle)
    labels = [b.label for b in buttons(bundle)]
    assert not any(label in ("✖ 1", "🔁 1") for label in labels)
    picker = tap(conversation, EN, bundle, "Drop a credential")
    assert_phone_sized(picker)
    labels = [b.label for b in buttons(picker)]
    assert "✖ Drop 1: Python basics" in labels
    assert all(len(label) <= 40 for label in labels)
    assert all(b.command for b in buttons(picker)), "every button has its typed equivalent"
    cancelled = tap(conversation, EN, picker, "Cancel")
    assert cancelled.replace and "Bundle for" in seen(cancelled)


def test_every_row_has_at_most_three_buttons() -> None:
    reply = Reply().row(*[Button(str(n), f"v1:x:{n}") for n in range(4)])
    assert [len(row) for row in reply.buttons] == [2, 2]
    reply = Reply().row(*[Button(str(n), f"v1:x:{n}") for n in range(7)])
    assert [len(row) for row in reply.buttons] == [3, 2, 2]


def test_menu_and_language_buttons_edit_the_message_in_place(conversation: Conversation) -> None:
    start = one(conversation.start(EN))
    assert_phone_sized(start)
    help_reply = one(conversation.command(EN, "help"))
    assert_phone_sized(help_reply)
    french = tap(conversation, EN, start, "Français")
    assert french.replace and "Je vous parlerai en français." in seen(french)
    wallet = tap(conversation, EN, french, "Mes acquis")
    assert wallet.replace


def _id(conversation: Conversation, external_id: str) -> str:
    record = conversation.services.bundles.solver().resolve(external_id)
    assert record is not None and record.id is not None
    return str(record.id)


def test_online_only_replans_a_bundle_that_mixes_in_person_courses(conversation: Conversation) -> None:
    english = one(conversation.command(EN, "bundle", "data analyst"))
    bundle = tap(conversation, EN, english, "Any language")
    assert "Visual stories" in seen(bundle) and "in person" in seen(bundle)
    assert "1 of these credentials is not online" in seen(bundle)
    online = tap(conversation, EN, bundle, "Online only")
    text = seen(online)
    assert online.replace and "Limits: online" in text
    assert "Total: 1 credential, 40 hours, $900" in text
    assert "Visual stories" not in text.split("Total")[0].split("\n1. ")[-1]
    assert "not online" not in text
    typed = one(conversation.command(EN, "bundle", "in-person"))
    assert "Total: 3 credentials, 27 hours, $350" in seen(typed)


def test_adding_a_credential_from_its_card_replans_the_rest_around_it(conversation: Conversation) -> None:
    english = one(conversation.command(EN, "bundle", "data analyst"))
    bundle = tap(conversation, EN, english, "Any language")
    assert "Total: 3 credentials, 27 hours, $350" in seen(bundle)
    card = one(conversation.command(EN, "open", _id(conversation, "cred:analyst")))
    added = tap(conversation, EN, card, "Add to bundle")
    text = seen(added)
    assert not added.replace, "the card stays; the bundle comes as a message of its own"
    assert added.notice == "Added to your bundle: Data analyst certificate"
    # The certificate covers every skill: the three others are no longer needed.
    assert "Left out: Visual stories, SQL for analysts and Python basics" in text
    assert "Total: 1 credential, 40 hours, $900" in text
    assert "more than the best one for this goal" in text


def test_limits_typed_under_a_bundle_narrow_that_bundle(conversation: Conversation) -> None:
    bundle = one(conversation.command(EN, "bundle", "data analyst"))
    tap(conversation, EN, bundle, "Any language")
    # "cheaper" is a wish: with no cheaper bundle covering the same skills, nothing changes
    stays = seen(one(conversation.text(EN, "make it cheaper")))
    assert stays == "No cheaper bundle covers the same skills: this one stays as it was.", stays
    online = seen(one(conversation.text(EN, "only online ones")))
    assert "Planned again: online" in online, online
    assert "Before: 3 credentials, 27 hours, $350. Now: 1 credential, 40 hours, $900." in online, online
    assert "results for" not in online  # not a search for "only online ones"
    again = seen(one(conversation.text(EN, "only online ones")))
    assert "The bundle already fits that: it stays as it was." in again, again


def test_limits_typed_under_a_bundle_narrow_it_in_french(conversation: Conversation) -> None:
    one(conversation.command(FR, "parcours", "analyste de données"))
    shorter = seen(one(conversation.text(FR, "peux-tu le faire en moins de 20 heures?")))
    assert "Parcours recalculé : au plus 20 heures" in shorter, shorter
    assert "Limites : au plus 20 heures" in shorter, shorter
    assert "Reste à couvrir" in shorter, shorter  # said, not hidden
