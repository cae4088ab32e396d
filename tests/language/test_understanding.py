"""The understanding layer: what a learner's message asks for, in both languages, given what was
shown just before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.limits import CHEAP_MAX_COST
from bot.language.understanding import INTENTS, understand


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("thanks!", "none", "thanks"),
        ("mets l'app en anglais", "none", "interface_language"),
        ("salam", "none", "greeting"),
        ("ça sert à quoi ton affaire", "none", "help"),
        ("t'es bon pour quoi au juste?", "none", "help"),
        ("sortir mes données", "none", "export"),
        ("Je demande la suppression de l'ensemble de mes renseignements personnels.", "none", "forget"),
        ("Je souhaiterais connaître votre politique de conservation des renseignements personnels.", "none", "privacy"),
        ("ceux d'après", "results", "next_page"),
        ("Pourriez-vous poursuivre en français, s'il vous plaît?", "none", "interface_language"),
        ("I want my account and all my info erased", "none", "forget"),
        ("Je souhaiterais que vous supprimiez l'ensemble de mes renseignements personnels.", "none", "forget"),
        ("merci!", "none", "thanks"),
        ("Merci beaucoup pour votre aide!", "results", "thanks"),
        ("hello", "none", "greeting"),
        ("Bonjour!", "none", "greeting"),
        ("how are you?", "none", "small_talk"),
        ("ça va?", "none", "small_talk"),
        ("tell me a joke", "none", "off_topic"),
        ("quelle heure est-il ?", "none", "off_topic"),
        ("help", "none", "help"),
        ("que peux-tu faire?", "none", "help"),
        ("next", "results", "next_page"),
        ("suivant", "results", "next_page"),
        ("la suite svp", "results", "next_page"),
        ("previous page", "results", "previous_page"),
        ("précédent", "results", "previous_page"),
        ("2", "results", "open_result"),
        ("drop the first one", "bundle", "bundle_edit"),
        ("enlève le deuxième", "bundle", "bundle_edit"),
        ("remove the second one from my wallet", "none", "wallet_remove"),
        ("retire le 2", "wallet", "wallet_remove"),
        ("my bundles", "none", "list_bundles"),
        ("mes parcours", "none", "list_bundles"),
        ("my badges", "none", "wallet"),
        ("mes acquis", "none", "wallet"),
        ("what do you store about me?", "none", "privacy"),
        ("qu'est-ce que vous gardez sur moi ?", "none", "privacy"),
        ("export my data", "none", "export"),
        ("exporter mes données", "none", "export"),
        ("oublier mes données", "none", "forget"),
        ("delete my data", "none", "forget"),
        ("en français", "none", "interface_language"),
        ("speak English please", "none", "interface_language"),
        ("anglais", "none", "clarify"),
        ("french", "results", "clarify"),
        ("bundle for data analyst", "none", "bundle"),
        ("je veux devenir infirmière", "none", "bundle"),
        ("I want to work in healthcare", "none", "bundle"),
        ("cybersecurty", "none", "search"),
        ("data privacy", "none", "search"),
        ("help desk support", "none", "search"),
        ("privacy law course", "none", "search"),
        ("hmm", "none", "small_talk"),
    ],
)
def test_intents(text: str, context: str, intent: str) -> None:
    assert intent in INTENTS
    assert understand(text, context).intent == intent


def test_a_sentence_gives_its_topic_and_limits_never_its_chat_words() -> None:
    text = (
        "Bonjour, je suis une mère de famille et je cherche une formation en comptabilité à distance, "
        "pas trop chère."
    )
    understood = understand(text)
    assert understood.intent == "search"
    assert understood.topic == ("comptabilite",)
    assert understood.limits.online and understood.limits.cheap
    assert understood.limits.max_cost == CHEAP_MAX_COST
    assert understood.as_record()["limits"]["max_cost"] is None  # cheap, no amount stated
    assert "mère" not in understood.query and "Bonjour" not in understood.query
    assert understood.query == "comptabilité à distance pas trop chère"


@pytest.mark.parametrize(
    "text", ["cheap python course", "python pas cher", "python abordable", "python, not too expensive"]
)
def test_cheap_in_both_languages(text: str) -> None:
    understood = understand(text)
    assert understood.topic == ("python",) and understood.limits.cheap


def test_an_amount_wins_over_cheap() -> None:
    limits = understand("python cheap under $200").limits
    assert limits.max_cost == Decimal(200) and not limits.cheap


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("2", 2),
        ("#3", 3),
        ("number 4", 4),
        ("the first one", 1),
        ("le deuxième", 2),
        ("la troisième svp", 3),
        ("the last one", "last"),
        ("le dernier", "last"),
        ("that one", "this"),
        ("celui-là", "this"),
        ("open 5", 5),
        ("ouvre le 2", 2),
        ("celui du haut", 1),
        ("the one at the top", 1),
        ("celle du bas", "last"),
        ("ouvre l'avant-dernier, le 4", 4),
    ],
)
def test_references(text: str, reference: object) -> None:
    understood = understand(text, "results")
    assert (understood.intent, understood.reference) == ("open_result", reference)


def test_a_corrected_reference_is_the_one_said_after() -> None:
    understood = understand("non pas le premier, le deuxième, enlève le deuxième", "wallet")
    assert (understood.intent, understood.reference) == ("wallet_remove", 2)


def test_edits_name_their_action_and_item() -> None:
    drop = understand("drop the first one", "bundle")
    assert (drop.action, drop.reference) == ("drop", 1)
    swap = understand("remplace le 2", "bundle")
    assert (swap.intent, swap.action, swap.reference) == ("bundle_edit", "swap", 2)
    add = understand("add the third one to my bundle", "results")
    assert (add.intent, add.action, add.reference) == ("bundle_edit", "add", 3)


def test_in_person_and_places() -> None:
    understood = understand("je cherche un cours de gestion de projet à Moncton en présentiel")
    assert understood.in_person and understood.place == "Moncton"
    assert understood.topic == ("gestion", "projet")
    assert "Moncton" not in understood.query and "présentiel" not in understood.query


def test_a_long_message_keeps_a_short_topic() -> None:
    text = "I would like to learn about " + ", ".join(["bookkeeping", "payroll", "excel"] * 300)
    understood = understand(text)
    assert understood.intent == "search" and understood.long
    assert len(understood.topic) <= 12 and len(understood.query) < 200


def test_a_message_without_topic_is_no_search() -> None:
    for text in ("thanks!", "merci!", "ok", "hmm", "je cherche une formation"):
        assert understand(text).intent != "search", text
        assert understand(text).query == ""


@pytest.mark.parametrize(
    ("text", "context", "intent", "reference"),
    [
        ("3", "none", "clarify", None),  # nothing shown to pick from: ask back
        ("le deuxième", "none", "clarify", None),
        ("enlève le premier", "none", "clarify", None),
        ("the second one looks good, more details?", "results", "open_result", 2),
        ("plus d'infos sur le 5 svp", "results", "open_result", 5),
        ("that one isn't mine, delete it", "wallet", "wallet_remove", "this"),
        ("the CPR one expired, remove it", "wallet", "wallet_remove", None),
        ("i already did the 2nd one", "bundle", "bundle_edit", 2),
        ("I already have the first aid one", "bundle", "bundle_edit", None),
        ("take that one out", "bundle", "bundle_edit", "this"),
        ("ok can you put together a bundle for becoming a cloud engineer", "results", "bundle", None),
    ],
)
def test_what_is_shown_decides(text: str, context: str, intent: str, reference: object) -> None:
    record = understand(text, context).as_record()
    assert (record["intent"], record["reference"]) == (intent, reference)


@pytest.mark.parametrize(
    ("text", "goal_words"),
    [
        (
            "im a stay at home mom, kids are in school now, i want to work as a bookkeeper. what do i need?",
            ["bookkeeper"],
        ),
        ("Im an immigrant engineer, want to work as a CAD technician here in Calgary", ["cad", "technician"]),
        (
            "c quoi le chemin le plus court pour devenir éducatrice à la petite enfance",
            ["educatrice", "petite", "enfance"],
        ),
        ("devenir aide-cuisinier, formations gratuites si possible", ["aidecuisinier"]),
        (
            "build a path for a machine learning engineer, online and free if possible",
            ["machine", "learning", "engineer"],
        ),
    ],
)
def test_a_bundle_goal_is_what_follows_become(text: str, goal_words: list[str]) -> None:
    understood = understand(text)
    assert understood.intent == "bundle"
    assert list(understood.topic) == goal_words


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("gluten free baking course", "free", False),
        ("looking for a course on free software", "free", False),
        ("UX design under 1000 online", "max_cost", 1000),
        ("i want to learn coding but only like 5 hours a week", "max_hours", None),
        ("cours de comptabilité gratuit ou pas cher", "cheap", True),
        ("formation en entrepreneuriat, je reste en Gaspésie, proche de chez nous", "place", "Gaspésie"),
        ("formation en entrepreneuriat, je reste en Gaspésie, proche de chez nous", "online", False),
        ("accountng courses onlin", "online", True),
    ],
)
def test_limits_as_learners_write_them(text: str, field: str, value: object) -> None:
    assert understand(text).as_record()["limits"][field] == value  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("suivnt", "results", "next_page"),
        ("precedant", "results", "previous_page"),
        ("mercie", "none", "thanks"),
        ("thnak you", "none", "thanks"),
        ("bonjor", "none", "greeting"),
        ("expert", "none", "search"),  # a topic near "export" is left as it is
    ],
)
def test_typos_of_chat_words(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        # going back a page, with chat around it
        ("go back to the previous results", "results", "previous_page"),
        ("hold on, show me the page before", "results", "previous_page"),
        ("those earlier ones were better, go back", "results", "previous_page"),
        ("attends, reviens à la page précédente", "results", "previous_page"),
        ("go back to school for nursing", "results", "search"),
        # more results, after turning these down
        ("y en a tu d'autres", "results", "next_page"),
        ("rien de ça m'intéresse, donne-moi d'autres options", "results", "next_page"),
        # the wallet asked about in other words
        ("what badges have I earned?", "none", "wallet"),
        ("show me all my certifications", "none", "wallet"),
        ("what's in my wallet", "none", "wallet"),
        ("what have i already completed", "bundle", "wallet"),
        ("qu'est-ce que j'ai déjà obtenu", "bundle", "wallet"),
        ("j'ai quoi comme certificats", "none", "wallet"),
        # privacy and forgetting
        ("how long do u store my messages", "none", "privacy"),
        ("are u recording what i write", "none", "privacy"),
        ("can my boss see my badges?", "wallet", "privacy"),
        ("est-ce que mon patron peut voir mon portefeuille?", "none", "privacy"),
        ("pourquoi tu demandes ça?", "none", "privacy"),
        ("please delete all the data you have on me", "none", "forget"),
        ("reset everything", "none", "forget"),
        # help in other words
        ("what sort of questions can i ask", "none", "help"),
        ("how can I share my bundle", "bundle", "help"),
        ("I'm stuck, how do I use this", "results", "help"),
        ("qu'est-ce que vous pouvez faire?", "none", "help"),
        ("comment ça fonctionne ton truc", "none", "help"),
        ("chu perdue, je fais quoi maintenant", "results", "help"),
        ("c'est quoi un portefeuille exactement?", "none", "help"),
        ("comment on partage un parcours", "bundle", "help"),
        ("jcomprends pas", "none", "help"),
        # thanks, greetings, small talk, off topic
        ("thanks, this helped so much", "results", "thanks"),
        ("thank you for your time", "none", "thanks"),
        ("merci, ça m'a beaucoup aidé", "bundle", "thanks"),
        ("hello, how are you doing?", "none", "greeting"),
        ("ça va vous?", "none", "small_talk"),
        ("tu as un nom?", "none", "small_talk"),
        ("t'es ben smatte toi", "none", "small_talk"),
        ("will the Oilers win tonight", "none", "off_topic"),
        ("could you write my essay on French history", "none", "off_topic"),
        ("va-tu faire froid demain", "none", "off_topic"),
        ("fais mes devoirs de français", "none", "off_topic"),
        # references and edits in other words
        ("oh the 2nd one looks great, details?", "results", "open_result"),
        ("c koi le 2", "results", "open_result"),
        ("i dont want the 3rd", "bundle", "bundle_edit"),
        ("pas besoin de la 2e", "bundle", "bundle_edit"),
        ("j'ai déjà ma carte ASP", "bundle", "bundle_edit"),
        ("what plans have i saved", "wallet", "list_bundles"),
        ("mets ça en anglais stp", "none", "interface_language"),
        # a new job is no goal; getting somewhere is
        ("need first aid fast for a new job", "none", "search"),
        ("I'm a server and want to move into accounting, which courses would get me there", "none", "bundle"),
        ("I got laid off and I'm thinking about welding. What would I need?", "none", "bundle"),
        # asked back: which other? what future?
        ("the other one", "results", "clarify"),
        ("l'autre", "results", "clarify"),
        ("the python one", "results", "open_result"),
        ("I need some help with my future", "none", "clarify"),
        ("jsais pas quoi faire de ma vie", "none", "clarify"),
        ("help with my future career in nursing", "none", "bundle"),
        # a bundle item too long or dear: another in its place
        ("the second one is way too expensive", "bundle", "bundle_edit"),
        ("le 3e est trop cher", "bundle", "bundle_edit"),
        # politeness that is the request itself, and longer thanks
        ("none of these, show me more", "results", "next_page"),
        ("what can you help me with", "none", "help"),
        ("tu peux m'aider avec quoi", "none", "help"),
        ("thanks a bunch, that's helpful", "none", "thanks"),
        ("are you a real person", "none", "small_talk"),
        ("t'es-tu un robot", "none", "small_talk"),
        ("who's gonna win the stanley cup", "none", "off_topic"),
        ("what should I do with my life", "none", "clarify"),
        ("montre-moi les précédents", "results", "previous_page"),
        ("i want to see the earlier results again", "results", "previous_page"),
        ("pas intéressée, d'autres?", "results", "next_page"),
        ("comment je fais pour chercher un cours", "none", "help"),
        ("how do i start", "none", "help"),
    ],
)
def test_phrasings_of_a_second_writer(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


def test_too_long_in_a_bundle_swaps_it() -> None:
    understood = understand("the 2nd is too long", "bundle")
    assert (understood.action, understood.reference) == ("swap", 2)


@pytest.mark.parametrize(
    ("text", "place"), [("welding in person in Saint John", "Saint John"), ("cours à Bathurst", "Bathurst")]
)
def test_more_atlantic_places(text: str, place: str) -> None:
    assert understand(text).place == place


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("j'ai pas beaucoup d'argent, des cours de soudure?", "cheap", True),
        ("des cours en français svp, pas en anglais", "instruction_language", "fr"),
        ("welding, not in French", "instruction_language", "en"),
        ("french ones only", "instruction_language", "fr"),
        ("I have some free time on weekends, any pottery courses?", "free", False),
        ("free pottery courses", "free", True),
        ("secrétariat que je peux suivre le soir de la maison", "online", True),
    ],
)
def test_limits_of_a_second_writer(text: str, field: str, value: object) -> None:
    assert understand(text).as_record()["limits"][field] == value  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "context", "intent", "reference"),
    [
        # a price or a duration asked of no item in particular: of which one?
        ("and how much is it?", "results", "clarify", None),
        ("pis la durée?", "results", "clarify", None),
        ("what's the price of the third one", "results", "open_result", 3),
        # limits alone with nothing to apply them to
        ("the cheapest", "none", "clarify", None),
        ("free online courses", "none", "search", None),
        # a verb with nothing to act on
        ("I'd like to change", "none", "clarify", None),
        # a topic alone after results is a new search, even when short
        ("GIS", "results", "search", None),
        # courses between two languages are no interface switch
        ("translation courses french to english", "none", "search", None),
        ("switch back to French", "bundle", "interface_language", None),
        ("have you kept the plan I made for plumbing?", "none", "list_bundles", None),
        ("t'as tu gardé mon parcours pour devenir soudeur?", "none", "list_bundles", None),
        ("which badges have I earned so far", "none", "wallet", None),
        ("take the CPR one off", "wallet", "wallet_remove", None),
        ("remove the second entry", "wallet", "wallet_remove", 2),
        ("email me a copy of my data", "none", "export", None),
        ("stop storing my info", "none", "forget", None),
        ("efface ta mémoire", "none", "forget", None),
        ("im confused", "none", "help", None),
        ("i'm really tired tonight", "none", "small_talk", None),
        ("the next page", "results", "next_page", None),
        ("la page d'après svp", "results", "next_page", None),
        ("I also work as a cashier, any bookkeeping courses online?", "none", "search", None),
        ("skills for welding jobs", "none", "bundle", None),
    ],
)
def test_phrasings_of_a_fourth_writer(text: str, context: str, intent: str, reference: object) -> None:
    understood = understand(text, context)
    assert (understood.intent, understood.reference if intent != "search" else None) == (intent, reference)


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("change that", "none", "clarify"),
        ("will it rain tomorrow", "none", "off_topic"),
        ("est-ce qu'il va pleuvoir demain", "none", "off_topic"),
        ("ça fait combien 7 fois 8", "none", "off_topic"),
        ("haha that's hilarious", "none", "small_talk"),
        ("ben coudonc", "none", "small_talk"),
        ("how do I remove a course", "none", "help"),
        ("can my boss see what I type?", "none", "privacy"),
        ("what do you do with the stuff I write", "none", "privacy"),
        ("show the certificates I've earned", "none", "wallet"),
        ("ouvre mes acquis", "none", "wallet"),
        ("mes cheminements svp", "none", "list_bundles"),
        ("c'est quoi le principe des parcours, je catch pas", "none", "help"),
    ],
)
def test_requests_the_rules_read_without_the_model(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("des cours de couture gratis", "free", True),
        ("un cours de comptabilité que je peux suivre de chez moi", "online", True),
        ("je veux ouvrir un magasin en ligne, des cours de gestion?", "online", False),
        ("how to start an online store", "online", False),
        ("my budget is about 900, project management", "max_cost", 900.0),
        ("bookkeeping, nothing that costs more than 600", "max_cost", 600.0),
        ("cours d'anglais des affaires", "instruction_language", None),
        ("business english for newcomers", "instruction_language", None),
        ("comptabilité en anglais", "instruction_language", "en"),
        ("welding near Drummondville", "place", "Drummondville"),
        ("excel, nothing too expensive", "cheap", True),
    ],
)
def test_limits_of_a_fourth_writer(text: str, field: str, value: object) -> None:
    assert understand(text).as_record()["limits"][field] == value  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        ("help me please", "none", "help"),
        ("aide-moi svp", "none", "help"),
        ("more like these", "results", "next_page"),
        ("ok I gotta go, bye", "none", "small_talk"),
        ("bon je te laisse, bye", "none", "small_talk"),
        ("nah im good", "none", "small_talk"),
        ("repasse en français", "none", "interface_language"),
        ("remets-le en anglais", "none", "interface_language"),
        ("the one about excel", "results", "open_result"),
        ("how do I get certified as an electrician", "none", "bundle"),
        ("dautres svp", "results", "next_page"),
        ("kel heure il est", "none", "off_topic"),
    ],
)
def test_everyday_phrasings_of_our_own(text: str, context: str, intent: str) -> None:
    assert understand(text, context).intent == intent


@pytest.mark.parametrize(
    ("text", "context", "intent"),
    [
        # a wallet item is removed, not every piece of data
        ("remove my WHMIS badge", "wallet", "wallet_remove"),
        ("delete my data", "none", "forget"),
        ("supprime tout ce que t'as sur moi", "none", "forget"),
        ("reset complet de mes données", "none", "forget"),
        ("je voudrais recevoir tout ce que vous avez sur moi", "none", "export"),
        # already held, said of the bundle shown
        ("i've done that one already", "bundle", "bundle_edit"),
        ("j'ai mon RCR déjà", "bundle", "bundle_edit"),
        ("le premier je l'ai fait l'an passé", "bundle", "bundle_edit"),
        # a job or a move toward one
        ("je veux bosser comme soudeur", "none", "bundle"),
        ("j'veux une job dans le transport, ça prend quoi?", "none", "bundle"),
        ("now do one for a payroll clerk", "bundle", "bundle"),
        # limits typed under a bundle narrow it
        ("make it cheaper", "bundle", "bundle_edit"),
        ("est-ce qu'on pourrait le rendre moins cher", "bundle", "bundle_edit"),
        ("only online ones", "bundle", "bundle_edit"),
        ("only online ones", "results", "search"),
        ("can we do this in english", "bundle", "interface_language"),
        # chat, help, privacy, off-topic
        ("ok cool cool", "results", "small_talk"),
        ("jsp", "none", "clarify"),
        ("comment j'ajoute un badge dans mon portefeuille?", "wallet", "help"),
        ("tu te souviens de mes recherches? c'est stocké où ça?", "none", "privacy"),
        ("ou est le dépanneur le plus proche", "none", "off_topic"),
        ("where is the nearest gas station", "none", "off_topic"),
        # a greeting before a topic (a mention taken off in a group): the topic is searched
        ("hey cyber", "none", "search"),
    ],
)
def test_phrasings_of_a_sixth_writer(text: str, context: str, intent: str) -> None:
    understood = understand(text, context)
    assert understood.intent == intent
    if text in NARROWING and context == "bundle":
        assert understood.action == "narrow"


NARROWING = ("make it cheaper", "est-ce qu'on pourrait le rendre moins cher", "only online ones")


def test_french_names_the_head_first_and_keeps_it() -> None:
    understood = understand("je cherche une formation en apprentissage automatique en ligne, pas plus de 40 heures")
    assert understood.topic == ("apprentissage", "automatique")
    assert understood.limits.online and understood.limits.max_hours == 40


def test_a_pronoun_joined_to_the_verb_still_narrows_the_bundle() -> None:
    understood = understand("rends-le moins cher", "bundle")
    assert (understood.intent, understood.action) == ("bundle_edit", "narrow")
