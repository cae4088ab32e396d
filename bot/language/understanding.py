"""What a learner's message means, in any language of `bot.language.packs`: one reading that the
whole conversation (console and Telegram) answers from.

`understand(text, context)` gives the intent (search, open_result, next_page, previous_page,
bundle, bundle_edit, list_bundles, wallet, wallet_remove, interface_language, privacy, export,
forget, help, greeting, thanks, small_talk, off_topic, clarify), the topic words, the limits
(those of `bot.language.limits`, plus in person and a place), the reference ("the first one",
"le deuxième", "2", "last", "that one") and the language asked for, given what was shown just
before (`context`: none, results, bundle, wallet).

Our own code on the packs' words (folding, phrases, stop words) rather than a lemmatiser or a
trained model: what it must recognise is a closed set of chat phrases in two languages, which
regular-expression fragments over folded text state exactly (and the topic words go to the
search index, which stems them itself); it loads in milliseconds and says why it decided.

A message is read in three passes:
1. its limits are cut out (`read_limits`, then in person and places);
2. its core (the message without greetings, thanks and politeness at either end) is matched
   whole against each intent's phrases, in an order where the narrower request wins;
3. what remains is a search when topic words are left once chat words (stop words, the packs'
   query noise and fillers, "I am a mother of two…") are gone, or when it states limits alone.
Chat words never reach the index: `query` holds only the topic phrases and limit phrases, in
the learner's spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz, process

from bot.domain.limits import Limits
from bot.language.intent_model import (
    CONFIDENT,
    SURE,
    names_a_domain_term,
    names_part_of_a_term,
    second_opinion,
)
from bot.language.limits import fold_with_positions, read_limits
from bot.language.packs import LANGUAGES, PACKS, ChatWords, alternation, phrases, union
from bot.language.text import QUERY_NOISE, STOP_WORDS, respell

Context = Literal["none", "results", "bundle", "wallet"]
CONTEXTS: tuple[str, ...] = ("none", "results", "bundle", "wallet")
INTENTS: tuple[str, ...] = (
    "search",
    "open_result",
    "next_page",
    "previous_page",
    "bundle",
    "bundle_edit",
    "list_bundles",
    "wallet",
    "wallet_remove",
    "interface_language",
    "privacy",
    "export",
    "forget",
    "help",
    "greeting",
    "thanks",
    "small_talk",
    "off_topic",
    "clarify",
)
# What the learned second opinion may name instead of a search or a bundle: requests with no topic.
MAY_REPLACE = frozenset(INTENTS) - {"search", "bundle", "bundle_edit"}
# A reference: a number as shown in a list (1-based), "last", or "this" (the one just shown: that one, celui-là).
Reference = int | str | None
# Topic words kept from a very long message (the rest is not read as a topic).
MAX_TOPIC_WORDS = 12
# A message longer than this (characters) is answered by what was understood, said so.
LONG_MESSAGE = 300
# A request (help, privacy, a page, an edit…) is a short message: a longer one is a search or a
# bundle request.
MAX_REQUEST_WORDS = 15
# The longest goal taken from a bundle request (characters).
MAX_GOAL = 160


@dataclass(frozen=True)
class Understanding:
    intent: str
    text: str  # as the learner wrote it
    topic: tuple[str, ...] = ()  # topic words, folded
    # What to search for: topic and limit phrases in the learner's spelling (never chat words).
    query: str = ""
    limits: Limits = field(default_factory=Limits)
    in_person: bool = False
    place: str | None = None  # as written: "Moncton", "la région de Québec"
    reference: Reference = None
    # interface_language: the language asked for (None: ask which); clarify: the language a
    # bare language name named ("anglais": courses in English, or the interface in English?).
    language: str | None = None
    action: str | None = None  # bundle_edit: add, drop, swap, save, earned, held, narrow
    goal: str = ""  # bundle: the goal as written (limits included)
    long: bool = False  # more topic words than MAX_TOPIC_WORDS: only the first were kept
    cheap: bool = False  # "cheap", "pas trop cher" said (beside an amount or "free" too)

    def as_record(self) -> dict[str, object]:
        """The benchmark's fields: intent, topic, limits, reference, interface_language."""
        searching = self.intent in ("search", "bundle")
        limits = self.limits if searching else Limits()
        in_person, place = (self.in_person, self.place) if searching else (False, None)
        referring = self.intent in ("open_result", "wallet_remove", "bundle_edit")
        return {
            "intent": self.intent,
            "topic": list(self.topic) if searching else [],
            "limits": {
                "max_hours": limits.max_hours,
                "max_cost": float(limits.max_cost)
                if limits.max_cost is not None and not limits.cheap
                else None,
                "free": limits.free,
                "cheap": self.cheap and searching,
                "online": limits.online,
                "in_person": in_person,
                "instruction_language": limits.taught_in,
                "place": place,
            },
            "reference": self.reference if referring else None,
            "interface_language": self.language if self.intent == "interface_language" else None,
        }


# ---- the packs' words, compiled once ----


def _chat(get: Callable[[ChatWords], Iterable[str]]) -> tuple[str, ...]:
    return phrases(lambda pack: get(pack.chat))


def _whole(*fragments: str) -> re.Pattern[str]:
    return re.compile("^" + alternation(fragments) + "$")


def _anywhere(fragments: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + alternation(fragments) + r"(?![a-z0-9])")


_POLITE = _chat(lambda chat: chat.polite)
_GREETING = _chat(lambda chat: chat.greeting)
_THANKS = _chat(lambda chat: chat.thanks)
_EDGE = re.compile(
    "^(?:(?P<greeting>"
    + alternation(_GREETING)
    + ")|(?P<thanks>"
    + alternation(_THANKS)
    + ")|"
    + alternation(_POLITE)
    + ")(?: |$)"
)
_EDGE_END = re.compile(
    "(?:^| )(?:(?P<greeting>"
    + alternation(_GREETING)
    + ")|(?P<thanks>"
    + alternation(_THANKS)
    + ")|"
    + alternation(_POLITE)
    + ")$"
)
_EDGE_KIND = re.compile(
    "^(?:(?P<greeting>" + alternation(_GREETING) + ")|(?P<thanks>" + alternation(_THANKS) + "))(?: |$)"
)
_EDGE_KIND_END = re.compile(
    "(?:^| )(?:(?P<greeting>" + alternation(_GREETING) + ")|(?P<thanks>" + alternation(_THANKS) + "))$"
)
_ARTICLE = re.compile(r"^(?:a|an|the|un|une|le|la|l|des|du|de) ")
_SMALL_TALK = _whole(*_chat(lambda chat: chat.small_talk))
_OFF_TOPIC = _whole(*_chat(lambda chat: chat.off_topic))
# Help asked once or twice over: "i'm confused, how do i use this", « chu perdue, je fais quoi ».
_HELP = re.compile(
    "^"
    + alternation(_chat(lambda chat: chat.help))
    + "(?: "
    + alternation(_chat(lambda chat: chat.help))
    + ")?$"
)
_NEXT = _whole(*_chat(lambda chat: chat.next_page))
_PREVIOUS = _whole(*_chat(lambda chat: chat.previous_page))
_PAGE = re.compile("^" + alternation(_chat(lambda chat: chat.page)) + r" (?P<number>\d{1,3})$")
_LIST_BUNDLES = _whole(*_chat(lambda chat: chat.list_bundles))
_PRIVACY = _whole(*_chat(lambda chat: chat.privacy))
_EXPORT = _whole(*_chat(lambda chat: chat.export))
_FORGET = _whole(*_chat(lambda chat: chat.forget))
_INTERFACE = _whole(*_chat(lambda chat: chat.interface))
_BUNDLE_NOUN = _anywhere(_chat(lambda chat: chat.bundle_nouns))
_WALLET_NOUN = _anywhere(_chat(lambda chat: chat.wallet_nouns))
_THAT = _whole(*_chat(lambda chat: chat.that_one))
_REFERENCE_WORDS = _anywhere(_chat(lambda chat: chat.reference_words))
_ORDINALS: Mapping[str, int] = {
    word: number for pack in PACKS.values() for word, number in pack.chat.ordinals.items()
}


def _verbs(action: str) -> re.Pattern[str]:
    """The start of an edit of kind `action`: its verbs in every pack."""
    verbs = phrases(lambda pack: pack.chat.edit_verbs.get(action, ()))
    return re.compile("^" + alternation(verbs) + "(?: |$)")


# The narrower first: "mark all earned" before "add", "drop".
_EDIT_VERBS = {action: _verbs(action) for action in ("earned", "save", "swap", "add", "drop")}
_EDIT_ANYWHERE = {
    action: _anywhere([pattern.pattern[1:].removesuffix("(?: |$)")])
    for action, pattern in _EDIT_VERBS.items()
}
# Edit verbs that are common words outside a bundle: "without", "change".
_BUNDLE_ONLY_VERBS = frozenset(
    ("sans", "without", "change", "changer", "lose", "cut", "skip", "keep", "garde", "garder")
)
_HELD = _anywhere(_chat(lambda chat: chat.held))
_NUMBERED = re.compile(r"(?:(?<![a-z0-9])(?:number|numero|num|no|nr|n)\s?|#\s?)(?P<n>\d{1,2})(?![0-9])")
_CARDINALS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "un",
        "une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
    ]
)
_ORDINAL_WORD = re.compile(
    r"(?<![a-z0-9])(?P<word>"
    + alternation(word for word in _ORDINALS if word not in _CARDINALS)
    + r")(?![a-z0-9])"
)
# What learners say about a result they pick: "looks good, more details?".
_ABOUT_IT = frozenset(
    [
        "looks",
        "look",
        "good",
        "great",
        "interesting",
        "details",
        "detail",
        "info",
        "infos",
        "more",
        "tell",
        "what",
        "about",
        "sounds",
        "seems",
        "nice",
        "number",
        "numero",
        "num",
        "no",
        "air",
        "bien",
        "interessant",
        "semble",
        "parait",
        "super",
        "top",
        "plus",
        "sur",
        "quoi",
        "koi",
        "c",
        "cest",
        "cool",
        "parfait",
        "long",
        "combien",
        "coute",
        "cost",
        "costs",
        "price",
        "prix",
        "much",
        "duree",
        "duration",
        "hours",
        "heures",
        "when",
        "quand",
        "starts",
        "commence",
        "difference",
        "compare",
        "between",
        "entre",
        "and",
        "et",
    ]
)
_AFTER_ORDINAL = frozenset(
    (
        "one",
        "ones",
        "result",
        "course",
        "item",
        "option",
        "badge",
        "credential",
        "cours",
        "resultat",
        "choix",
        "formation",
        "microcertification",
        "cert",
        "certificate",
        "entry",
        "line",
        "attestation",
        "certificat",
        "ligne",
    )
)
_THIS = re.compile(
    r"(?<![a-z0-9])(?:that one|this one|that course|this course|celui la|celle la|celui ci|celle ci|ce cours la|cette formation la)(?![a-z0-9])"
)
# "the top one", « celui du haut »; "the bottom one", « celle du bas ».
_TOP_OR_BOTTOM = re.compile(
    r"(?<![a-z0-9])(?:(?:the )?(?:one )?(?:at |on )?the (?:(?P<top>top)|bottom)(?: one)?"
    r"|(?:celui|celle|ceux|le|la) (?:du|d en|tout en) (?:(?P<top2>haut)|bas))(?![a-z0-9])"
)
_REFUSAL = re.compile(r"(?<![a-z0-9])(?:non|pas|not|no)(?![a-z0-9])")
_DIGIT_WORD = re.compile(r"(?<![a-z0-9#])(\d{1,2})(?![0-9])")
# Prepositions between an edit verb and what it acts on: from, of, to, du, de, au…
_LINKS = _anywhere(
    ("from", "of", "to", "in", "into", "for", "du", "de", "des", "d", "au", "aux", "a", "dans", "pour", "par")
)
_PERSONA = _anywhere(_chat(lambda chat: chat.persona))
_PERSONA_END = frozenset(phrase for phrase in _chat(lambda chat: chat.persona_end) if " " not in phrase)
_CHAT_PHRASES = _anywhere((*_POLITE, *_GREETING, *_THANKS))
_FILLER = union(lambda pack: pack.chat.filler)
_NARROWING = union(lambda pack: pack.chat.narrowing)
_NOT_TOPIC = STOP_WORDS | QUERY_NOISE | _FILLER
_PROVIDER_TRIGGERS = union(lambda pack: pack.provider_triggers)


def _language_names(code: str) -> str:
    return alternation(phrases(lambda pack: pack.limits.language_names.get(code, ())))


def _switch_patterns(code: str) -> re.Pattern[str]:
    """Asking for the interface in language `code`: "en français", "speak English", "switch to
    French", "parle-moi en anglais", "interface en anglais"."""
    name = _language_names(code)
    prepositions = alternation(phrases(lambda pack: pack.limits.prepositions))
    old = [
        switch.format(language=name).replace("[- ]", " ") for switch in phrases(lambda p: p.intents.switch)
    ]
    return _whole(
        f"(?:{prepositions}) {name}",
        f"(?:(?:can|could) (?:you|we) )?(?:speak|talk|write|answer|reply|respond|chat|continue)(?: to me| with me)? (?:in )?{name}",
        f"(?:switch|change|go|set|put|turn)(?: it| the language| the interface| the bot| back)?(?: back)? (?:to|in|into) {name}",
        f"{name} (?:interface|mode|language|version)",
        f"(?:the )?interface (?:in|en) {name}",
        f"(?:peux tu |pouvez vous |on peut |peut on )?(?:parle(?:r|z)?|ecri(?:re|s|vez)|repond(?:re|s|ez)|continue(?:r|z)?|(?:re)?passe(?:r|z)?|revien(?:s|dre|t))(?: moi| avec moi)? (?:en|a l|au) {name}",
        f"(?:(?:re)?mets|(?:re)?mettre|(?:re)?mettez|change(?:r|z)?|(?:re)?passe(?:r|z)?|switch(?:e|er|ez)?)(?: moi)? (?:l interface|la langue|le bot|tout|ca|cela|le|la)? ?(?:en|a l|au) {name}",
        f"(?:l )?interface en {name}",
        f"(?:je prefere|i prefer) (?:l )?{name}(?: (?:pour l interface|for the interface))?",
        *old,
    )


_SWITCHES = {code: _switch_patterns(code) for code in LANGUAGES}
_BARE_IN_LANGUAGE = {
    code: _whole(f"(?:{alternation(phrases(lambda pack: pack.limits.prepositions))}) {_language_names(code)}")
    for code in LANGUAGES
}
_BARE_LANGUAGE = {code: _whole(f"(?:l )?{_language_names(code)}") for code in LANGUAGES}

# Bundle requests: "<bundle> [for] <goal>", "<wish> <become> <goal>", "how do I become <goal>".
_BUNDLE_WORDS = alternation(phrases(lambda pack: pack.intents.bundle))
_BUNDLE_FOR = alternation(phrases(lambda pack: pack.intents.bundle_for))
_WISHES = alternation(
    (
        *phrases(lambda pack: (wish.replace("'", " ") for wish in pack.intents.wishes)),
        "i wanna",
        "i want to",
        "i d like to",
        "i would love to",
        "i hope to",
        "i plan to",
        "my goal is to",
        "i dream of",
        "je reve de",
        "mon but est de",
        "mon objectif est de",
        "je souhaite",
        "je souhaiterais",
        "j aimerais",
        "je voudrais",
        "je veux",
        "je compte",
        "j espere",
    )
)
_BECOME = alternation(
    (
        *phrases(lambda pack: pack.intents.become),
        "becoming",
        "devenir",
        "work as",
        "work as an?",
        "work in",
        "working in",
        "get a job (?:as|in)",
        "find a job (?:as|in)",
        "get into",
        "start a career (?:as|in)",
        "have a career (?:as|in)",
        "travailler (?:comme|en|dans)",
        "trouver (?:un )?(?:emploi|travail|job) (?:comme|en|dans)",
        "faire carriere (?:comme|en|dans)",
        "changer de carriere(?: pour| vers)?",
        "me reorienter(?: vers| en)?",
        "me recycler(?: en| dans| comme)?",
        "devenir un",
        "devenir une",
    )
)
_BUNDLE = re.compile(
    rf"^(?:(?:build|make|create|plan|give me|show me|suggest|propose)(?: me)? (?:a |an |my )?)?"
    rf"(?:(?:construi(?:re|s|sez)|fai(?:re|s|tes)|cree(?:r|z)?|propose(?:r|z)?|donne(?:z)?)(?: moi)? (?:un |mon )?)?"
    rf"{_BUNDLE_WORDS}(?: (?:{_BUNDLE_FOR}|toward|towards|to become|vers|to))?(?: (?P<rest>.*))?$"
    rf"|^(?:{_WISHES}) (?:{_BECOME}) (?P<goal>.+)$"
    rf"|^(?:how (?:do i|can i|to|would i|should i) (?:become|be|get to be|work as|get a job as|start a career as)"
    rf"|what (?:do i need|does it take|should i (?:take|study|learn)) (?:to )?(?:become|be|work as)"
    rf"|comment (?:je peux |puis je |on peut |faire pour )?(?:devenir|travailler comme|etre)"
    rf"|que(?:l(?:le)?s?)? (?:cours |formations? )?(?:faut il|dois je (?:suivre|prendre)|me faut il) (?:pour )?(?:devenir|etre|travailler comme)"
    rf"|qu est ce qu il (?:me )?faut pour (?:devenir|etre|travailler comme)"
    rf"|devenir|become|career path (?:to|for|as)|parcours pour devenir) (?P<goal2>.+)$"
)

# In person, and places: delivery and where, read on the text with its limits cut out.
_IN_PERSON = re.compile(
    r"(?<![a-z0-9])" + alternation(phrases(lambda pack: pack.limits.in_person), spaces=True) + r"(?![a-z0-9])"
)
_NEAR = alternation(phrases(lambda pack: pack.limits.near), spaces=True)
# Places a learner may name without "in" / "à" before them, and those that need it (they are
# also common words or providers: London, Victoria, Laval, Québec).
_PLACES_ALONE = (
    "toronto",
    "montreal",
    "ottawa",
    "vancouver",
    "winnipeg",
    "calgary",
    "edmonton",
    "halifax",
    "sudbury",
    "moncton",
    "gatineau",
    "sherbrooke",
    "saskatoon",
    "regina",
    "timmins",
    "hearst",
    "edmundston",
    "dieppe",
    "caraquet",
    "trois[- ]rivieres",
    "shawinigan",
    "drummondville",
    "granby",
    "saint[- ]hyacinthe",
    "joliette",
    "victoriaville",
    "rouyn[- ]noranda",
    "val[- ]d'?or",
    "sept[- ]iles",
    "baie[- ]comeau",
    "chicoutimi",
    "jonquiere",
    "riviere[- ]du[- ]loup",
    "thetford mines",
    "saint[- ]jerome",
    "terrebonne",
    "repentigny",
    "brossard",
    "kelowna",
    "kamloops",
    "nanaimo",
    "lethbridge",
    "red deer",
    "guelph",
    "kitchener",
    "barrie",
    "oshawa",
    "peterborough",
    "sarnia",
    "brandon",
    "moose jaw",
    "saguenay",
    "rimouski",
    "kapuskasing",
    "north bay",
    "sault[- ]ste[- ]marie",
    "thunder bay",
    "saint[- ]boniface",
    "fredericton",
    "charlottetown",
    "yellowknife",
    "whitehorse",
    "iqaluit",
    "mississauga",
    "brampton",
    "hamilton",
    "bathurst",
    "miramichi",
    "campbellton",
    "shediac",
    "tracadie",
    "shippagan",
    "grand[- ]sault",
    "truro",
    "antigonish",
    "yarmouth",
    "summerside",
    "corner brook",
    "nouveau[- ]brunswick",
    "new brunswick",
    "nouvelle[- ]ecosse",
    "nova scotia",
    "manitoba",
    "saskatchewan",
    "alberta",
    "colombie[- ]britannique",
    "british columbia",
    "ontario",
    "nord de l'?ontario",
    "northern ontario",
    "acadie",
    "gaspesie",
    "abitibi(?:[- ]temiscamingue)?",
    "outaouais",
    "estrie",
    "mauricie",
    "bas[- ]saint[- ]laurent",
    "cote[- ]nord",
    "lanaudiere",
    "laurentides",
    "monteregie",
    "charlevoix",
    "beauce",
    "peninsule acadienne",
    "cap[- ]breton",
    "cape breton",
    "labrador",
    "okanagan",
    "niagara",
    "lac[- ]saint[- ]jean",
    "chaudiere[- ]appalaches",
    "centre[- ]du[- ]quebec",
    "ile[- ]du[- ]prince[- ]edouard",
    "prince edward island",
    "terre[- ]neuve",
    "newfoundland",
    "yukon",
    "nunavut",
    "territoires du nord[- ]ouest",
    "northwest territories",
)
_PLACES_AFTER_NEAR = (
    "nb",
    "n b",
    "ns",
    "n e",
    "qc",
    "pei",
    "ipe",
    "i p e",
    "bc",
    "c b",
    "ab",
    "mb",
    "sk",
    "nl",
    "tnl",
    "quebec",
    "london",
    "victoria",
    "laval",
    "kingston",
    "windsor",
    "longueuil",
    "levis",
    "st[- ]john'?s?",
    "saint[- ]jean",
    "saint john",
    "st john",
)
_PLACE = re.compile(
    rf"(?<![a-z0-9])(?:{_NEAR}\s+(?:la\s+ville\s+de\s+|la\s+region\s+de\s+|the\s+)?)?(?P<alone>{alternation(_PLACES_ALONE, spaces=True)})(?![a-z0-9])"
    rf"|(?<![a-z0-9]){_NEAR}\s+(?:la\s+ville\s+de\s+|la\s+region\s+de\s+)?(?P<near>{alternation(_PLACES_AFTER_NEAR, spaces=True)})(?![a-z0-9])"
)
_TOKEN = re.compile(r"[a-z0-9]+")
_BREAK = re.compile(r"[,.;:!?()\n\"«»]")
_SENTENCE_END = re.compile(r"[.!?\n]")
_ELISIONS = union(lambda pack: pack.elisions)
# Words that are chat alone but part of a topic after another topic word: machine learning.
_TOPIC_TAILS = frozenset(("learning", "apprentissage"))
# French names the head first: « apprentissage automatique » (machine learning).
_TOPIC_HEADS = frozenset(("apprentissage",))
# Hours a week one can give are not a limit on a credential's hours: "only 5 hours a week".
_AVAILABILITY = re.compile(
    r"(?<![a-z0-9])(?:only |seulement |juste |like |genre )*\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|heures?)\s*"
    r"(?:a|per|par|each|every|/|chaque|by|au|dans la|de la)\s*(?:week|wk|day|month|semaine|jour|journee|mois)(?![a-z0-9])"
)
# Near home is no delivery: "proche de chez nous", "near where I live".
_NEAR_HOME = re.compile(
    r"(?<![a-z0-9])(?:(?:pas )?(?:proche|pres|pas loin|a cote) de chez (?:moi|nous|soi)|near (?:me|home|where i live)|"
    r"close to (?:home|me|where i live)|not far from (?:home|me))(?![a-z0-9])"
)
# Where the goal of a bundle request starts: after "become", "devenir", "work as", "career in"…
_GOAL_START = re.compile(
    r"(?<![a-z0-9])(?:becom(?:e|ing)|wanna be|want to be|to be an?|be an?|work(?:ing)? (?:as|in)(?: an?)?|"
    r"(?:a )?job as(?: an?)?|certified as(?: an?)?|job ready as(?: an?)?|careers? (?:in|as|into)(?: an?)?|career change (?:to|into)|"
    r"get into|break into|towards?|path (?:to|for)|route to|roadmap to|bundle (?:for|to)|plan (?:for|to)|"
    r"devenir|etre|travailler (?:comme|en|dans)|carrieres? (?:en|dans|comme)|vers|emploi (?:de|d|comme)|"
    r"parcours (?:pour|vers)|reorienter (?:en|vers|dans)|recycler (?:en|dans|comme)|as an?|for an?|pour un|pour une)"
    r"(?![a-z0-9])"
)
# One-word chat words a typo may stand for (see `_corrected`).
_TYPO_TARGETS = (
    "next",
    "suivant",
    "suivante",
    "prochaine",
    "previous",
    "precedent",
    "precedente",
    "retour",
    "thanks",
    "thank",
    "merci",
    "hello",
    "bonjour",
    "bonsoir",
    "salut",
    "help",
    "aide",
    "privacy",
    "confidentialite",
    "export",
    "exporter",
    "forget",
    "oublier",
    "wallet",
    "portfolio",
    "portefeuille",
    "bundles",
    "parcours",
    "english",
    "anglais",
    "french",
    "francais",
    "please",
)
# Going back a page in words around other chat: "the ones before were better, go back", « recule j'avais vu qqch de bon ».
_BACK = _anywhere(
    (
        "go back",
        "back",
        "previous",
        "earlier",
        "retourne",
        "retournez",
        "recule",
        "reculez",
        "reviens",
        "revenez",
        "revenir",
        "revoir",
        "d avant",
        "precedents",
        "precedentes",
    )
)
# What one says about results seen before (not a topic): "were better", « j'avais vu ».
_RECALL = frozenset(
    (
        "go",
        "back",
        "retourne",
        "retournez",
        "recule",
        "reculez",
        "reviens",
        "revenez",
        "revenir",
        "revoir",
        "previous",
        "ones",
        "were",
        "was",
        "ceux",
        "celles",
        "etait",
        "etaient",
        "precedents",
        "precedentes",
        "better",
        "saw",
        "seen",
        "liked",
        "earlier",
        "before",
        "avant",
        "avais",
        "vu",
        "vus",
        "aimais",
        "mieux",
        "page",
    )
)


def _only_recall(reading: _Reading) -> bool:
    """Whether the message's topic words are only words of going back to what was seen."""
    return _only_chat(reading, _RECALL)


def _only_chat(reading: _Reading, chat: frozenset[str]) -> bool:
    """Whether the message's topic words are all among `chat`."""
    return all(word in chat for word in reading.topic()[0])


# "the other one", « l'autre »: which other, of a list? Asked back.
_OTHER_ONE = _whole("(?:the )?other one", "(?:l )?autre(?: la)?", "(?:celui|celle) d autre")
# Not knowing what to do in life is no topic yet: "help with my future", « quoi faire de ma vie ».
_ADRIFT = _anywhere(
    (
        "my future",
        "what to do with my life",
        "what (?:should|do|can|could) i do (?:with|in) (?:my )?life",
        "what (?:i want|to do) (?:in|with) life",
        "(?:quoi|que) faire (?:de|avec|dans) ma vie",
        "(?:de|pour) mon avenir",
        "(?:je |j )?(?:sais|sait) pas (?:trop |vraiment )?(?:quoi|ce que je veux) faire",
        "jsais pas (?:trop |vraiment )?quoi faire",
    )
)
_ADRIFT_WORDS = frozenset(
    (
        "future",
        "life",
        "avenir",
        "vie",
        "sais",
        "sait",
        "jsais",
        "trop",
        "quoi",
        "faire",
        "help",
        "lost",
        "perdu",
        "perdue",
    )
)
# A bundle item too long or dear: "the first one is too long", « le premier est trop cher ».
_TOO = _anywhere(
    (
        "(?:is |s |looks |seems )?(?:way |much )?too (?:long|expensive|pricey|hard|difficult|advanced|much|far)",
        "(?:est |a l air |semble )?(?:beaucoup |ben |vraiment )?trop (?:long|longue|cher|chere|dur|dure|difficile|avance|avancee|loin)",
    )
)


_REPEATS = re.compile(r"([a-z])\1{2,}")


@dataclass(frozen=True)
class _Token:
    text: str  # folded
    start: int  # in the folded text
    end: int
    cut_before: bool  # a limit, a place or punctuation stands between it and the word before
    sentence_before: bool = False  # a sentence ends between it and the word before
    joined: bool = False  # written joined to the word before by a hyphen or an apostrophe


def _tokens(folded: str, blanked: str) -> list[_Token]:
    """The words of `blanked` (the folded text with limits blanked out), each knowing whether
    something was cut (or punctuation stood) between it and the previous one."""
    tokens: list[_Token] = []
    last_end = 0
    for match in _TOKEN.finditer(blanked):
        gap_folded = folded[last_end : match.start()]
        gap_blanked = blanked[last_end : match.start()]
        cut = bool(tokens) and (gap_folded != gap_blanked or bool(_BREAK.search(gap_folded)))
        sentence = bool(tokens) and bool(_SENTENCE_END.search(gap_folded))
        joined = bool(tokens) and gap_folded in ("-", "'")
        tokens.append(_Token(match.group(), match.start(), match.end(), cut, sentence, joined))
        last_end = match.end()
    return tokens


def _transposed(word: str) -> tuple[str, float, int] | None:
    """The chat word `word` is with two neighbouring letters swapped ("thnak"), if any."""
    for target in _TYPO_TARGETS:
        if len(target) == len(word) and sorted(target) == sorted(word):
            diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
            if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
                return target, 100.0, 0
    return None


def _corrected(words: list[str]) -> list[str]:
    """A short message's chat words with a typo put right ("suivnt", "mercie", "bonjor"): only in
    messages of at most three words, only words of five letters or more (four for a few), and only
    towards the packs' one-word chat words, so that a topic word is left as it is."""
    if len(words) > 3:
        return words
    fixed: list[str] = []
    for word in words:
        if len(word) < 4 or not word.isalpha() or word in _TYPO_TARGETS or word in _NOT_TOPIC:
            fixed.append(word)
            continue
        best = process.extractOne(
            word, _TYPO_TARGETS, scorer=fuzz.ratio, score_cutoff=85 if len(word) >= 5 else 88
        ) or _transposed(word)
        fixed.append(best[0] if best else word)
    return fixed


def _core_of(words: list[str], polite: bool = True) -> tuple[str, bool, bool]:
    """The message's words without greetings, thanks and politeness (unless not `polite`) at
    either end: the core, and whether a greeting and thanks were among what was taken off."""
    core = _REPEATS.sub(r"\1\1", " ".join(_corrected(words)))
    greeting = thanks = False
    start, end = (_EDGE, _EDGE_END) if polite else (_EDGE_KIND, _EDGE_KIND_END)
    while core:
        match = start.match(core) or end.search(core)
        if match is None or not match.group(0).strip():
            break
        greeting = greeting or bool(match.group("greeting"))
        thanks = thanks or bool(match.group("thanks"))
        core = (core[: match.start()] + " " + core[match.end() :]).strip()
    return core, greeting, thanks


def _reference(text: str) -> Reference:
    """`2`, `#2`, `number 2`, `the first one`, `le deuxième`, `the last one`, `that one`: the
    reference a message consists of, or None."""
    if not text:
        return None
    if _THAT.match(text):
        return "this"
    rest = _REFERENCE_WORDS.sub(" ", text).split()
    if len(rest) == 1:
        word = rest[0]
        if word.isdecimal() and 1 <= int(word) <= 99:  # "²" is a digit, not a number
            return int(word)
        if word in _ORDINALS:
            number = _ORDINALS[word]
            return "last" if number < 0 else number
    if not rest and _THAT.match(text.split()[-1]):
        return "this"
    joined = " ".join(rest)
    if joined and _THAT.match(joined):
        return "this"
    edge = _TOP_OR_BOTTOM.fullmatch(text.strip())
    if edge:
        return 1 if edge.group("top") or edge.group("top2") else "last"
    return None


def _find_reference(core: str) -> Reference:
    """A reference anywhere in a short message: "the second one looks good", "remove #4",
    "change le deuxième pour…", "that one isn't mine". Ordinals count only when no topic word
    follows them ("the first aid one" names a course, not a position)."""
    number = _NUMBERED.search(core)
    if number:
        return int(number.group("n"))
    digits = _DIGIT_WORD.findall(core)
    stated = int(digits[0]) if len(digits) == 1 and 1 <= int(digits[0]) <= 99 else None
    picked: list[int] = []
    for match in _ORDINAL_WORD.finditer(core):
        after = core[match.end() :].split()
        if not after or after[0] in _AFTER_ORDINAL or after[0] in _NOT_TOPIC:
            picked.append(_ORDINALS[match.group("word")])
    if not picked and (edge := _TOP_OR_BOTTOM.search(core)):
        picked.append(1 if edge.group("top") or edge.group("top2") else -1)
    if picked:
        # « non pas le premier, le deuxième »: the one said after the one refused.
        value = picked[-1] if _REFUSAL.search(core) else picked[0]
        # « l'avant-dernier, le 4 »: a number said beside "last" is the one meant.
        if value < 0:
            return stated if stated is not None else "last"
        return value
    if _THIS.search(core):
        return "this"
    return stated


def _edit(core: str, context: str) -> tuple[str, str, Reference] | None:
    """A bundle or wallet edit: (intent, action, reference) or None. In a bundle or the wallet
    the verb may stand anywhere ("the CPR one expired, remove it"); elsewhere it leads."""
    wallet = bool(_WALLET_NOUN.search(core))
    bundle = bool(_BUNDLE_NOUN.search(core))
    if context == "bundle" and _HELD.search(core):
        reference = _find_reference(_HELD.sub(" ", core))
        return "bundle_edit", "held", _find_reference(core) if reference is None else reference
    for action, pattern in _EDIT_VERBS.items():
        match = pattern.match(core)
        anywhere = None if match else _EDIT_ANYWHERE[action].search(core)
        if match is None and (anywhere is None or context not in ("bundle", "wallet")):
            continue
        verb = (match or anywhere).group(0).strip()  # type: ignore[union-attr]
        rest = core.replace(verb, " ", 1)
        if action in ("drop", "swap") and verb in _BUNDLE_ONLY_VERBS and context != "bundle":
            if context == "none" and (not rest.strip() or _THAT.match(rest.strip())):
                return "clarify", action, None  # "I want to change", « je veux changer »: change what?
            continue
        reference = _find_reference(rest)
        if reference is None:
            reference = _find_reference(core)
        if action in ("save", "earned"):
            if context != "bundle" and not bundle:
                continue
            return "bundle_edit", action, None
        if action == "add":
            if wallet or (context != "bundle" and not bundle and reference is None):
                continue
            return "bundle_edit", "add", reference
        if action == "drop" and (wallet or (context == "wallet" and not bundle)):
            return "wallet_remove", "drop", reference
        if context == "bundle" or bundle or (context == "results" and reference is not None):
            return "bundle_edit", action, reference
        if context == "none" and (reference is not None or not rest.strip()):
            return "clarify", action, reference
    return None


def _original(text: str, origins: list[int], start: int, end: int) -> str:
    """The learner's own spelling of folded characters start..end."""
    begin = origins[start] if start < len(origins) else len(text)
    stop = origins[end] if end < len(origins) else len(text)
    return text[begin:stop]


def _goal_tail(text: str, folded_words: list[_Token], origins: list[int], goal: str) -> str:
    """The end of `text` that `goal` (the last words of the core) stands for, as written."""
    count = len(goal.split())
    words = folded_words
    # The goal ends where the core ends: the last words of the message, thanks aside.
    core_words = goal.split()
    for index in range(len(words) - count, -1, -1):
        if [token.text for token in words[index : index + count]] == core_words:
            tail = _original(text, origins, words[index].start, words[index + count - 1].end)
            return tail.strip(" ,.;:!?")
    return goal


class _Reading:
    """One message, folded, its limits read, its words listed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.origins = respell(*fold_with_positions(text))
        readable = _AVAILABILITY.sub(lambda match: " " * len(match.group()), self.folded)
        readable = _NEAR_HOME.sub(lambda match: " " * len(match.group()), readable)
        reading = read_limits(readable, folded=True)
        self.asks_cheap = reading.asks_cheap
        self.limits = reading.limits
        blanked = reading.blanked
        self.in_person = reading.refuses_online
        self.place: str | None = None
        for match in _IN_PERSON.finditer(blanked):
            self.in_person = True
            blanked = blanked[: match.start()] + " " * (match.end() - match.start()) + blanked[match.end() :]
        place = _PLACE.search(blanked)
        if place is not None:
            name = "alone" if place.group("alone") else "near"
            self.place = _original(text, self.origins, place.start(name), place.end(name))
            blanked = blanked[: place.start()] + " " * (place.end() - place.start()) + blanked[place.end() :]
        self.blanked = blanked
        self.limit_spans = _spans(readable, reading.blanked)
        self.all_words = [match.group() for match in _TOKEN.finditer(self.folded)]
        self.word_tokens = [
            _Token(match.group(), match.start(), match.end(), False) for match in _TOKEN.finditer(self.folded)
        ]
        self.tokens = _tokens(self.folded, blanked)
        letters = [char for char in text if char.isalpha()]
        self.shouting = bool(letters) and sum(char.isupper() for char in letters) > 0.6 * len(letters)

    @property
    def states_limits(self) -> bool:
        return bool(self.limits.active()) or self.in_person or self.place is not None

    def topic(self, bundle: bool = False) -> tuple[list[str], list[str]]:
        """The topic words (folded) and the topic phrases as written (of a bundle request:
        without its own words, "path", "become"…)."""
        not_topic = (_NOT_TOPIC | _BUNDLE_FILLER) if bundle else _NOT_TOPIC
        tokens = self.tokens
        chat = [False] * len(tokens)
        line = " ".join(token.text for token in tokens)
        # Where each token starts in `line`.
        starts: list[int] = []
        position = 0
        for token in tokens:
            starts.append(position)
            position += len(token.text) + 1

        def mark(begin: int, end: int) -> None:
            for index, start in enumerate(starts):
                if begin <= start < end:
                    chat[index] = True

        for match in _CHAT_PHRASES.finditer(line):
            mark(match.start(), match.end())
        start = 0
        if bundle:  # the goal: what follows "become", "devenir", "work as"… in its sentence
            cue = _GOAL_START.search(line)
            if cue is not None:
                start = next((i for i, at in enumerate(starts) if at >= cue.end()), len(tokens))
        for match in _PERSONA.finditer(line):
            index = next((i for i, at in enumerate(starts) if at >= match.end()), len(tokens))
            if start and index >= start:
                continue  # "work as a bookkeeper": the goal, not who one is
            mark(match.start(), match.end())
            while (
                index < len(tokens)
                and not tokens[index].cut_before
                and tokens[index].text not in _PERSONA_END
                and not (start and index >= start)
            ):
                chat[index] = True
                index += 1
        content = self._content(chat, not_topic, start)
        if bundle and start and not content:
            content = self._content(chat, not_topic, 0)
        words = self._words(content)
        phrases_: list[str] = []
        group: list[int] = []
        for index in content:
            if group and (
                tokens[index].cut_before or any(chat[group[-1] + 1 : index + 1]) or index - group[-1] > 3
            ):
                phrases_.append(self._phrase(group))
                group = []
            group.append(index)
        if group:
            phrases_.append(self._phrase(group))
        return words, phrases_

    def _content(self, chat: list[bool], not_topic: frozenset[str], start: int) -> list[int]:
        """The indexes of the topic tokens from `start` (to the end of its sentence when a bundle
        goal starts there): words of a compound (aide-cuisinier, electrician's) go together."""
        tokens = self.tokens
        content: list[int] = []
        for index in range(start, len(tokens)):
            token = tokens[index]
            if start and index > start and token.sentence_before:
                break
            if chat[index] or (token.text.isdigit() and len(tokens) == 1):
                continue
            compound = token.joined and bool(content) and content[-1] == index - 1
            if compound and tokens[index - 1].text in _ELISIONS:
                compound = False
            if token.text not in not_topic or compound or self._abbreviation(token):
                content.append(index)
            elif (
                token.text in _TOPIC_TAILS
                and content
                and index - content[-1] <= 2
                and not token.cut_before
                and all(tokens[i].text in STOP_WORDS for i in range(content[-1] + 1, index))
            ):
                content.append(index)  # machine learning, ingénieur en apprentissage
            elif (
                token.text in _TOPIC_HEADS
                and index + 1 < len(tokens)
                and not chat[index + 1]
                and not tokens[index + 1].cut_before
                and tokens[index + 1].text not in not_topic
            ):
                content.append(index)  # apprentissage automatique
            elif index + 1 < len(tokens) and tokens[index + 1].joined and token.text not in _ELISIONS:
                after = tokens[index + 1].text
                if after not in not_topic:  # aide-cuisinier: "aide" alone is chat
                    content.append(index)
        return content

    def _abbreviation(self, token: _Token) -> bool:
        """IT, RH, PM written in capitals in a message that is not all capitals: a topic even
        when the word is a stop word."""
        original = _original(self.text, self.origins, token.start, token.end)
        return len(original) >= 2 and original.isupper() and token.text in STOP_WORDS and not self.shouting

    def _words(self, content: list[int]) -> list[str]:
        """Topic words of the content tokens, a compound's parts written as one (split_words)."""
        tokens = self.tokens
        words: list[str] = []
        previous = -2
        for index in content:
            if tokens[index].joined and previous == index - 1 and words:
                words[-1] += tokens[index].text
            else:
                words.append(tokens[index].text)
            previous = index
        return words

    def _phrase(self, group: list[int]) -> str:
        tokens = self.tokens
        first = group[0]
        if (
            first > 0
            and tokens[first - 1].text in _PROVIDER_TRIGGERS
            and not tokens[first].cut_before
            and self.text[self.origins[tokens[first].start]].isupper()
        ):
            first -= 1
        return _original(self.text, self.origins, tokens[first].start, tokens[group[-1]].end)

    def limit_phrases(self) -> list[str]:
        return [
            _original(self.text, self.origins, start, end).strip(" ,.;:!?") for start, end in self.limit_spans
        ]


def _spans(folded: str, blanked: str) -> list[tuple[int, int]]:
    """The stretches of `folded` blanked out in `blanked` (limit phrases), word characters only."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for position, (before, after) in enumerate(zip(folded, blanked, strict=True)):
        if before != after and start is None:
            start = position
        elif before == after and start is not None and not before.isspace():
            spans.append((start, position))
            start = None
    if start is not None:
        spans.append((start, len(folded)))
    return [(begin, end) for begin, end in spans if folded[begin:end].strip()]


@lru_cache(maxsize=4096)
def understand(text: str, context: str = "none") -> Understanding:
    """What `text` asks for, `context` being what the bot showed just before (none, results,
    bundle, wallet)."""
    context = context if context in CONTEXTS else "none"
    understood = _by_rules(text, context)
    if understood.intent not in ("search", "bundle") or understood.long:
        return understood
    if understood.limits.active() or understood.place:
        return understood  # "cours à Bathurst", "free ones only": a search, by its limits
    if names_a_domain_term(understood.topic):
        return understood  # "go back to school for nursing": asked for by name
    # "hey Credbot cyber", « liste de mes acquis »: only a model sure of itself overrules the rules.
    partly = names_part_of_a_term(understood.topic)
    other = second_opinion(text, context, MAY_REPLACE, SURE if partly else CONFIDENT)
    if other is None:
        return understood
    if other == "greeting" and partly:
        return understood  # "hey cyber": the rules took the greeting off and found a topic
    core = _core_of(_Reading(text).all_words)[0]
    fields: dict[str, Any] = {}
    if other in ("open_result", "wallet_remove"):
        fields["reference"] = _find_reference(core)
        if fields["reference"] is None and context == "results":
            return understood  # "SQL" after results: no item pointed at, a new search
    elif other == "interface_language":
        if _COURSE_CUE.search(core):
            return understood  # "translation courses english to french": courses, not the interface
        fields["language"] = _interface_language(core)
    return Understanding(other, text, **fields)


def _by_rules(text: str, context: str) -> Understanding:
    reading = _Reading(text)
    core, greeted, thanked = _core_of(reading.all_words)

    def result(intent: str, **fields: Any) -> Understanding:
        fields.setdefault("limits", reading.limits)
        return Understanding(
            intent, text, in_person=reading.in_person, place=reading.place, cheap=reading.asks_cheap, **fields
        )

    if _HELP.match(" ".join(reading.all_words)):
        return result("help")  # "how do i start": "start" is a greeting too
    if core and (thanked or greeted) and all(word in _NOT_TOPIC for word in core.split()):
        core = ""  # "c'est parfait, merci": nothing but chat words around the thanks
    if thanked and core and _chat_reply(core, context, reading) is not None:
        return result("thanks")  # "super, thanks"
    if thanked and core and all(word in _NOT_TOPIC or word in _THANKED_FOR for word in core.split()):
        return result("thanks")  # "thanks for your help today", « merci pour ton aide »
    if greeted and core and _SMALL_TALK.match(core) and core.split()[0] in _HOW_ARE_YOU:
        return result("greeting")  # "bonjour, comment allez-vous?": a greeting, asked politely
    if not core:
        if thanked:
            return result("thanks")
        if greeted:
            return result("greeting")
        if "?" in text and not text.strip(" ?"):
            return result("help")
        return result("small_talk" if reading.all_words else "clarify")
    short = len(core.split()) <= MAX_REQUEST_WORDS
    if context == "bundle" and short and _narrows(reading):
        return result("bundle_edit", action="narrow")  # "make it cheaper", « juste en ligne »
    request = _request(core, context, reading) if short else None
    if request is not None:
        intent, fields = request
        return result(intent, **fields)
    bundle = _bundle_request(text, core, reading)
    if bundle is not None:
        return result("bundle", **bundle)
    if short:
        chat = _chat_reply(core, context, reading) or _chat_reply(
            _core_of(reading.all_words, polite=False)[0], context, reading
        )  # "tu as un nom?": "tu as" is politeness elsewhere
        if chat is not None:
            return result(chat)
        if _ARITHMETIC.search(text) and not reading.limits.active():
            return result("off_topic")  # "what's 2+2"
    words, topic_phrases = reading.topic()
    long = len(words) > MAX_TOPIC_WORDS or len(text) > LONG_MESSAGE
    if long:
        words = words[:MAX_TOPIC_WORDS]
        topic_phrases = _first_words(topic_phrases, MAX_TOPIC_WORDS + 4)
    if (
        not words
        and context == "none"
        and reading.place is None
        and not reading.in_person
        and not _COURSE_CUE.search(core)
        and not _KINDS.search(core)
    ):
        return result("clarify")  # "le moins cher", "something in french": of what? (not "free online courses", "french ones only")
    if words or reading.states_limits:
        if context == "results" and short:
            reference = _find_reference(core)
            others = [
                w
                for w in words
                if w not in _ORDINALS and not w.isdigit() and w not in _AFTER_ORDINAL and w not in _ABOUT_IT
            ]
            if reference is not None and not others:
                return result("open_result", reference=reference)
            if reference is None and not others and not reading.states_limits:
                return result("clarify")  # "ok and the price?", « combien? »: of which one?
        query = " ".join([*topic_phrases, *reading.limit_phrases()])
        return result("search", topic=tuple(words), query=query, long=long)
    if context == "results" and short:
        reference = _find_reference(core)
        if reference is not None:
            return result("open_result", reference=reference)
    return result("clarify")


def _request(core: str, context: str, reading: _Reading) -> tuple[str, dict[str, Any]] | None:
    """A short message's request other than a search or a bundle, the narrowest first."""
    page = _PAGE.match(core)
    if page:
        return "next_page", {"reference": int(page.group("number"))}
    if _NEXT.match(core):
        return "next_page", {}
    if _PREVIOUS.match(core):
        return "previous_page", {}
    reference = _reference(core)
    if reference is not None:
        if context == "none":
            return "clarify", {"reference": reference}
        return "open_result", {"reference": reference}
    if (
        _HELP.match(core)
        or _HELP.match(_core_of(reading.all_words, polite=False)[0])
        or _HELP.match(" ".join(reading.all_words))  # "how do i start": "start" is a greeting too
    ):
        return "help", {}  # "what can you help me with": "help me with" is politeness elsewhere
    if _FORGET.match(core) or (_FORGET_CUE.search(core) and context not in ("bundle", "wallet")):
        return "forget", {}
    if _EXPORT.match(core) or _EXPORT_CUE.search(core):
        return "export", {}
    if _PRIVACY.match(core) or _PRIVACY_CUE.search(core):
        return "privacy", {}
    if _WALLET.match(core):
        return "wallet", {}  # "what do I already have": a question about the wallet, not an edit
    if context == "results" and _BACK.search(core) and _only_recall(reading):
        return "previous_page", {}  # "the ones before were better, go back"
    for code, pattern in _BARE_IN_LANGUAGE.items():
        if context == "results" and pattern.match(core) and not _POLITE_WORD.search(" ".join(reading.all_words)):
            return "clarify", {"language": code}  # « en anglais? » under results: courses in English, or the interface?
    for code, pattern in _SWITCHES.items():
        if pattern.match(core):
            return "interface_language", {"language": code, "limits": Limits()}  # "switch back to English"
    edit = None if _GOAL_CUE.search(core) else _edit(core, context)
    if edit is not None:
        intent, action, reference = edit
        named = () if reference is not None or action in ("save", "earned") else _named_words(reading)
        return intent, {"action": action, "reference": reference, "topic": named}
    if (
        _LIST_BUNDLES.match(core)
        or _LIST_BUNDLES_CUE.search(core)
        or _LIST_BUNDLES_CUE.search(" ".join(reading.all_words))  # « as-tu gardé mon plan »
    ):
        return "list_bundles", {}
    if _OTHER_ONE.match(core) or (_ADRIFT.search(core) and _only_chat(reading, _ADRIFT_WORDS)):
        return "clarify", {}  # "the other one" of a list of ten; « quoi faire de ma vie »: ask back
    if context == "bundle" and _TOO.search(core):
        reference = _find_reference(_TOO.sub(" ", core))
        if reference is not None:  # "the first one is too long": another in its place
            return "bundle_edit", {"action": "swap", "reference": reference, "topic": ()}
    if _NAMED_ONE.match(core):
        named = tuple(reading.topic()[0])
        return ("clarify", {}) if context == "none" else ("open_result", {"topic": named})
    language = _interface_language(core)
    if language is not None:
        return "interface_language", {"language": language, "limits": Limits()}
    for code, pattern in _BARE_LANGUAGE.items():
        if pattern.match(core):
            if _POLITE_WORD.search(" ".join(reading.all_words)):
                return "interface_language", {"language": code, "limits": Limits()}  # "english please"
            return "clarify", {"language": code}
    if _INTERFACE.match(core):
        return "interface_language", {}
    first = _BREAK.split(reading.folded, maxsplit=1)[0]
    if _POLITE_WORD.search(first):
        first_core = _core_of(_TOKEN.findall(first))[0]
        for code, pattern in _BARE_LANGUAGE.items():
            if first_core != core and pattern.match(first_core):
                return "interface_language", {"language": code, "limits": Limits()}  # "french please, my husband…"
    if _WALLET.match(core) or _WALLET_CUE.search(core):
        return "wallet", {}
    if (context == "none" and core in _YES_NO) or core in _CONFUSED:
        return "clarify", {}
    return None


def _narrows(reading: _Reading) -> bool:
    """Limits and nothing else but words about the bundle shown: they narrow it."""
    stated = reading.limits.active()
    if not (stated or reading.asks_cheap) or reading.place is not None or stated == ["taught_in"]:
        return False  # "can we do this in English": the interface, maybe; "Any language" is a button
    return all(word in _NARROWING for word in reading.topic()[0])


def _named_words(reading: _Reading) -> tuple[str, ...]:
    """The words that name an item in an edit ("the CPR one"), its verbs aside."""
    return tuple(
        word
        for word in reading.topic()[0]
        if not any(pattern.fullmatch(word) for pattern in _EDIT_ANYWHERE.values())
    )


def _interface_language(core: str) -> str | None:
    """The interface language asked for: "speak English please", "english pls i dont understand
    french", "change la langue pour le français"; None when none is."""
    for code, pattern in _SWITCHES.items():
        if pattern.match(core):
            return code
    if _OFF_TOPIC.match(core) or _OFF_TOPIC_CUE.search(core) or _GOAL_CUE.search(core):
        return None  # "write my essay on the French revolution", « devenir prof de français »: no language asked for
    named = [code for code, pattern in _NAMED.items() if pattern.search(core)]
    if not named or not _INTERFACE_CUE.search(core) or _COURSE_CUE.search(core):
        return None
    refused = [code for code, pattern in _NOT_UNDERSTOOD.items() if pattern.search(core)]
    wanted = [code for code in named if code not in refused]
    if wanted:
        return wanted[0]
    others = [code for code in LANGUAGES if code not in refused]
    return others[0] if len(others) == 1 else None


def _bundle_request(text: str, core: str, reading: _Reading) -> dict[str, Any] | None:
    """A bundle toward a goal: its goal (topic and limit phrases, as written) and topic words."""
    match = _BUNDLE.match(core) or _BUNDLE.match(_core_of(reading.all_words, polite=False)[0])
    if match is None and not _BUNDLE_CUE.search(core) and not _BUNDLE_CUE.search(" ".join(reading.all_words)):
        return None  # « commis à la paie, qu'est-ce que je dois suivre? »: "je dois" is politeness elsewhere
    if _GETTING_BETTER.search(core):
        return None  # "become better at Excel", « être plus à l'aise avec »: a skill to search
    words, phrases_ = reading.topic(bundle=True)
    if match is not None and not words:
        goal = match.group("rest") or match.group("goal") or match.group("goal2") or ""
        if goal:
            return None  # "become" with nothing to become: not a goal
    phrases_ = _first_words(phrases_, MAX_TOPIC_WORDS)
    goal_text = " ".join([*phrases_, *reading.limit_phrases()])[:MAX_GOAL]
    return {"goal": goal_text, "topic": tuple(words[:MAX_TOPIC_WORDS])}


def _chat_reply(core: str, context: str, reading: _Reading) -> str | None:
    """Small talk, off-topic questions and thanks said in a whole short message."""
    if _SMALL_TALK.match(core):
        return "small_talk"
    if not _ASKING.search(core) and (
        (_NEWS.search(core) and not _COURSE_CUE.search(core))
        or (_SOMEONE_ELSE.search(core) and _ENJOYING.search(core))
    ):
        return "small_talk"  # "long day at work ugh", « ma fille apprend le piano pis a adore ça »
    if _OFF_TOPIC.match(core) or (_OFF_TOPIC_CUE.search(core) and not _COURSE_CUE.search(core)):
        return "off_topic"
    if _THANKS_WHOLE.match(core):
        return "thanks"
    return None


def _first_words(phrases_: list[str], count: int) -> list[str]:
    """The phrases up to `count` words in all."""
    kept: list[str] = []
    for phrase in phrases_:
        words = phrase.split()[:count]
        if not words:
            break
        kept.append(" ".join(words))
        count -= len(words)
    return kept


_THANKS_WHOLE = _whole(*_THANKS)
# News of one's day or of someone close, told with no request: small talk.
_NEWS = _anywhere(
    (
        "(?:long|rough|tough|hard|busy|crazy|bad) (?:day|week|shift|night)",
        "(?:grosse|longue|dure|rough|mauvaise|bonne) (?:journee|semaine|shift|nuit|soiree)",
        "(?:j ai|i) (?:reussi|passe|passed|aced|failed|rate|coule) (?:mon|ma|my) (?:examen|exam|test|permis)",
    )
)
_SOMEONE_ELSE = _anywhere(
    (
        "(?:my|mon|ma) (?:son|daughter|kid|kids|husband|wife|partner|friend|brother|sister|fils|fille|gars|chum|blonde|mari|femme|conjoint|conjointe|enfant|enfants|ami|amie|frere|soeur|neveu|niece)",
    )
)
_ENJOYING = _anywhere(
    (
        "(?:loves?|likes?|enjoys?|adore|adores|aime|aiment|adorent) (?:it|ca|cela)",
        "lol",
        "haha+",
        "mdr",
        "(?:so|trop|tellement) (?:cute|fun|le fun)",
    )
)
# Asking for something in a message: it is no small talk.
_ASKING = _anywhere(
    (
        "(?:i|je|j) (?:want|need|would like|m looking|am looking|veux|voudrais|aimerais|cherche|cherches|ai besoin)",
        "(?:looking|searching) for",
        "(?:can|could) you",
        "(?:peux|pouvez) (?:tu|vous)",
        "(?:quel|quels|quelle|quelles|which|what) (?:cours|formations?|courses?|badges?|credentials?)",
    )
)
# What one thanks for: "thanks for your help today", « merci pour ta patience ».
_THANKED_FOR = frozenset(
    (
        "help",
        "helping",
        "time",
        "patience",
        "answers",
        "answer",
        "tonight",
        "aide",
        "temps",
        "reponses",
        "reponse",
    )
)
# The first words of a "how are you" that follows a greeting.
_HOW_ARE_YOU = frozenset(("how", "comment", "ca", "hows", "sup", "what"))
_BUNDLE_CUE = _anywhere(_chat(lambda chat: chat.bundle_cues))
_LIST_BUNDLES_CUE = _anywhere(_chat(lambda chat: chat.list_bundles_cues))
_PRIVACY_CUE = _anywhere(_chat(lambda chat: chat.privacy_cues))
_EXPORT_CUE = _anywhere(_chat(lambda chat: chat.export_cues))
_FORGET_CUE = _anywhere(_chat(lambda chat: chat.forget_cues))
_OFF_TOPIC_CUE = _anywhere(_chat(lambda chat: chat.off_topic_cues))
_INTERFACE_CUE = _anywhere(_chat(lambda chat: chat.interface_cues))
_COURSE_CUE = _anywhere(_chat(lambda chat: chat.course_cues))
_NAMED = {code: _anywhere([_language_names(code)]) for code in LANGUAGES}
_NOT_UNDERSTOOD = {
    code: _anywhere(
        [
            phrase.format(language=f"(?:l )?{_language_names(code)}")
            for phrase in _chat(lambda chat: chat.not_understood)
        ]
    )
    for code in LANGUAGES
}
# Plural words for courses of a kind: "french ones only", « ceux en ligne ».
_KINDS = _anywhere(("ones", "those", "ceux", "celles", "options", "choices", "choix"))
_ARITHMETIC = re.compile(r"\d\s*(?:[-+*/×x÷]|plus|minus|times|fois|moins|divided by|divise par)\s*\d")
# Not understanding the bot's last reply: "huh?", « hein? »: ask back.
_CONFUSED = frozenset(("huh", "hein", "what", "quoi", "pardon", "comment", "eh", "wut", "wat", "jsp", "idk", "chais pas"))
_POLITE_WORD = _anywhere(("please", "pls", "plz", "svp", "stp", "s il (?:te|vous) plait"))
_YES_NO = frozenset(phrases(lambda pack: (*pack.yes, *pack.no))) | {
    "yeah",
    "yep",
    "ouais",
    "nope",
    "nah",
    "nan",
}
# Becoming better at something is learning a skill, not a job to plan for.
_GETTING_BETTER = _anywhere(
    (
        "(?:become|be|get|getting|feel) (?:a lot |much |way )?(?:better|more|less|good|great|confident|comfortable|familiar|faster|stronger)",
        "(?:be|become) (?:able|capable)",
        "(?:devenir|etre) (?:plus|moins|meilleure?|bonne?|capable|a l aise|habile|efficace|autonome|a jour)",
        "(?:me )?(?:perfectionner|ameliorer)",
    )
)
# A goal named in a message: it asks for a bundle, never edits the one shown.
_GOAL_CUE = _anywhere(("becom(?:e|ing)", "devenir", "bundle for", "parcours pour", "bundle to", "path to"))
# "the python one", "celui en python": a course named by a word, with nothing to name it in.
_NAMED_ONE = re.compile(
    r"^(?:the )?(?!other |same |autre )[a-z0-9]+ one$|^(?:celui|celle) (?:en|de|du|sur|d) [a-z0-9 ]+$"
    r"|^(?:the )?one (?:about|on|for|with) [a-z0-9 ]+$"
)
_BUNDLE_FILLER = union(lambda pack: pack.chat.bundle_filler)
_WALLET_CUE = _anywhere(
    (
        "i (?:just |finally |recently )?(?:earned|got|completed|finished|passed|obtained) (?:my|the|a|an)",
        "(?:everything|all) (?:i ve|i have|that i ve) (?:completed|earned|done|finished)",
        "j ai (?:enfin |deja )?(?:obtenu|reussi|termine|complete|fini|eu|decroche) (?:mon|ma|mes|le|la|un|une)(?! (?:examen|exam|test|permis))",
        "(?:tout )?ce que j ai (?:obtenu|reussi|termine|complete|fini|fait)",
        "what (?:credentials|badges|certificates|certifications) do i have",
        "(?:credentials|badges|certificates|certifications|microcredentials) (?:i ve|i have|i) (?:already )?(?:collected|earned|gathered|got|completed)",
        "(?:ce que|quoi que|qu est ce que) j ai (?:d acquis|reussi|obtenu|complete|termine)",
        "(?:liste|list) (?:de |of )?mes acquis",
        "mes acquis",
        "what i ve (?:earned|got|completed)",
        "what i have (?:earned|got|completed)",
        "(?:list|show|open|see|view) (?:me )?(?:my )?(?:wallet|portfolio|credentials|badges|earned)",
        "(?:j ai|qu est ce que j ai|quest ce que jai|jai) (?:quoi |combien de |deja )?comme (?:badges|microcertifications|certifications|acquis|titres|attestations|certificats|diplomes)",
        "(?:mes|mon) (?:micro ?certifications|certifications|portfolio|portefeuille)",
        "(?:what|which) (?:credentials|badges|certificates|certifications|courses) (?:have i|did i|i ve|i have) (?:already )?(?:earned|earn|got|get|completed|finished|done)",
        "(?:list|show|open|see|view) (?:me )?(?:all )?(?:my )?(?:certificates|certifications|achievements|microcredentials)",
        "(?:everything|all|what s|whats) in my (?:wallet|portfolio)",
        "(?:tout )?ce qu il y a dans (?:mon|ma) (?:portefeuille|portfolio)",
        "(?:j ai|jai|ai je) quoi comme (?:badges|microcertifications|certifications|certificats|acquis|titres)",
        "open wallet",
        "(?:ma |la )?liste (?:de |des )?(?:mes )?(?:cours|formations) (?:termine|complete|fini|reussi|suivi)e?s?",
        "(?:mes )?(?:cours|formations) (?:que j ai |j ai )?(?:termine|complete|fini|reussi|suivi)e?s?$",
        "(?:j ai|ai je|j en ai) combien de (?:badges|microcertifications|certifications|acquis|titres|certificats|attestations)",
        "combien (?:j ai|ai je|j en ai) de (?:badges|microcertifications|certifications|acquis|titres|certificats|attestations)",
        "how many (?:badges|credentials|certificates|certifications|microcredentials) (?:do i have|have i|did i)",
        "(?:c est |c )?quoi (?:mes|mon|ma) (?:badges|acquis|microcertifications|certifications|certificats|portefeuille|titres)",
        "what (?:are|re|s) my (?:badges|credentials|certificates|certifications|microcredentials)",
        "(?:ou sont|ou est|ou je (?:trouve|vois)|ou trouver|where are|where s|where is|where do i (?:find|see)) (?:mes|mon|ma|my) (?:badges|acquis|microcertifications|certifications|certificats|portefeuille|portfolio|wallet|credentials|certificates)",
    )
)
_WALLET = _whole(
    "(?:(?:show|see|view|open|check|voir|affiche(?:r)?|montre(?:r)?|ouvrir|ouvre)(?: me| moi)? )?"
    + alternation(phrases(lambda pack: pack.intents.possessives))
    + " "
    + alternation(phrases(lambda pack: pack.intents.wallet_nouns))
    + "(?: (?:earned|obtenue?s?|acquise?s?))?",
    *(
        question.replace("'?", " ?").replace("-", " ")
        for question in phrases(lambda pack: pack.intents.wallet_questions)
    ),
    "what (?:have i|did i) (?:earned|earn|got|get|completed|done)(?: so far)?",
    "what (?:do i|have i) (?:already )?(?:have|got|earned|completed|done)(?: so far| already)?",
    "(?:qu est ce que|qu est ce qu|quoi|qu) (?:j ai|ai je) (?:deja )?(?:obtenu|acquis|gagne|reussi|fait|complete|termine|suivi)(?: jusqu ici| deja)?",
    "badges",
    "(?:all )?(?:of )?my (?:certifications|certificates|achievements|microcredentials|credentials)",
    "(?:qu est ce que|qu est ce qu|quoi|qu) (?:j ai|ai je) (?:obtenu|acquis|gagne|reussi|fait)(?: jusqu ici)?",
    "wallet",
    "portfolio",
    "portefeuille",
    "acquis",
)

__all__ = ["CONTEXTS", "INTENTS", "MAX_TOPIC_WORDS", "Understanding", "understand"]
