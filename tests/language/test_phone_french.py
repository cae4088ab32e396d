"""French as it is typed on a phone in Canada: elisions without an apostrophe (« jai », « cest »,
« jveux », « chu »), SMS spellings (« koi », « cmt »), made standard before the rules read it."""

from __future__ import annotations

import pytest

from bot.language.text import fold, respell
from bot.language.understanding import understand


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("jai fini", "j ai fini"),
        ("jveux voir", "je veux voir"),
        ("chu perdu", "je suis perdu"),
        ("cest correct", "c est correct"),
        ("yen a tu dautres", "y en a tu d autres"),
        ("cmt ca marche", "comment ca marche"),
        ("koi", "quoi"),
        ("jveux pu", "je veux plus"),
        ("jlai deja", "je l ai deja"),
        ("pas dargent pour un cours danglais", "pas d argent pour un cours d anglais"),
        # Topic words are left as written, English ones too.
        ("java jquery data", "java jquery data"),
        ("see ya", "see ya"),
    ],
)
def test_phone_spellings_are_made_standard(typed: str, read: str) -> None:
    assert respell(fold(typed))[0] == read


def test_respelling_keeps_where_each_character_came_from() -> None:
    folded, origins = respell("jai soudure")
    assert folded == "j ai soudure"
    assert len(origins) == len(folded)
    assert "jai soudure"[origins[folded.index("soudure")] :] == "soudure"


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("jveux voir la page davant", "results", "previous_page"),
        ("cmt ca marche ton affaire", "none", "help"),
        ("jai besoin dun cours en soudure", "none", "search"),
    ],
)
def test_phone_french_is_understood(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


def test_topic_keeps_the_learners_spelling_after_a_respelling() -> None:
    understood = understand("jcherche un cours de Soudure", "none")
    assert understood.intent == "search"
    assert understood.topic == ("soudure",)
    assert "Soudure" in understood.query


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        # one's own job is no career goal
        ("jai besoin dun cours de RCR pour ma job", "none", "search"),
        ("a short course in budgeting for my volunteer job", "none", "search"),
        # becoming a teacher of French asks no interface language
        ("comment devenir prof de francais langue seconde", "none", "bundle"),
        # edits in Quebec anglicisms, « j'en veux pas »
        ("flush le premier", "bundle", "bundle_edit"),
        ("celle-la jen veux pas", "bundle", "bundle_edit"),
        # the wallet counted, courses finished
        ("jai combien de microcertifications", "none", "wallet"),
        ("la liste de mes formations terminées", "none", "wallet"),
        # searches kept, an email asked for: privacy; a PDF: export; reset: forget
        ("vous gardez tu mes recherches", "none", "privacy"),
        ("pourquoi tu veux mon courriel", "none", "privacy"),
        ("envoie-moi mes badges en pdf", "wallet", "export"),
        ("reset toutes mes donnees", "none", "forget"),
        # small talk: news of one's day or of someone close, questions about the bot
        ("grosse semaine a la job, chu brulee", "none", "small_talk"),
        ("my daughter is learning to code and she loves it lol", "none", "small_talk"),
        ("jai passé mon examen de conduite!!", "none", "small_talk"),
        ("tu viens dou?", "none", "small_talk"),
        ("tu parles joual?", "none", "small_talk"),
        ("how old are you", "none", "small_talk"),
        ("merci cest exactement ca", "results", "thanks"),
        # not about learning
        ("ou acheter des pneus pas chers", "none", "off_topic"),
        ("quel temps y va faire a Dieppe", "none", "off_topic"),
        ("help me write an email to my landlord", "none", "off_topic"),
        # « en anglais? » under results: courses in English or the interface? Asked back
        ("en anglais?", "results", "clarify"),
        # help asked as not knowing where to start, or how to use a part of the bot
        ("chu perdu, je sais pas par ou commencer", "none", "help"),
        ("comment utiliser mes parcours", "none", "help"),
        ("i don't know where to begin", "none", "help"),
        # « cé quoi », « mparler », « sauve », « tasse »
        ("cé quoi mes acquis", "none", "wallet"),
        ("tu peux mparler en francais", "none", "interface_language"),
        ("sauve mon parcours", "bundle", "bundle_edit"),
        ("tasse le dernier", "bundle", "bundle_edit"),
        # the wallet found, data sent, what a part of the bot is for
        ("ou est mon portefeuille?", "none", "wallet"),
        ("tu peux menvoyer toutes mes donnees", "none", "export"),
        ("a quoi servent les parcours", "none", "help"),
        ("connais-tu un bon resto", "none", "off_topic"),
        # removing one badge is no forgetting; never mind; help asked; the interface asked for
        ("retire mon badge de RCR", "wallet", "wallet_remove"),
        ("efface mon historique", "none", "forget"),
        ("ok laisse faire", "none", "small_talk"),
        ("jpeux tu avoir de l'aide", "none", "help"),
        ("mets-moi ça en français", "none", "interface_language"),
        # vague goals
        ("je veux m'en aller dans le camionnage", "none", "bundle"),
        ("jveux me lancer en affaires", "none", "bundle"),
        ("i wanna do something in construction", "none", "bundle"),
    ],
)
def test_everyday_messages(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


def test_free_and_budgets_as_typed() -> None:
    assert understand("un cours de couture qui coute rien", "none").limits.free
    assert understand("soudure pas plus que 500 piasses", "none").limits.max_cost == 500
    assert understand("welding online, i can spend 400 max", "none").limits.max_cost == 400
    assert not understand("im free on weekends, welding class", "none").limits.free
    assert understand("une formation en compta pas full chere", "none").cheap


def test_when_one_can_study_is_no_topic() -> None:
    assert understand("formation en secretariat medical le soir", "none").topic == ("secretariat", "medical")
    assert understand("excel training in the evenings", "none").topic == ("excel",)
