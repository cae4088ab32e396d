"""The understanding benchmark's baseline: how the bot read a message before the understanding
layer (main at 63d7a9d), reproduced without git.

Then, `bot/language/intents.py` matched a few whole-message regular expressions (help, greeting,
language switch, privacy, wallet, bundle) built from the packs' intent words, frozen below as
they were; anything else was searched, its topic being what the search query parser kept
(the words once limits, stop words and chat words were out) and its limits those the limits
reader of then read (frozen in `understanding_baseline_limits`): no "cheap", in person or
places. No reference, no context.
"""

from __future__ import annotations

import re

from benchmarks.understanding_baseline_limits import read_limits
from bot.language.packs import alternation
from bot.language.text import QUERY_NOISE, STOP_WORDS, normalise, split_words

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "become": ("become", "be"),
        "become_alone": ("become",),
        "bundle": ("bundle", "mixtape", "build a bundle"),
        "bundle_for": ("for",),
        "greeting": ("hi", "hello", "hey", "start"),
        "help": ("help", "menu", "what can you do", "how does (?:it|this) work"),
        "possessives": ("my",),
        "privacy": ("privacy", "my data"),
        "switch": ("speak {language}",),
        "wallet_nouns": (
            "credentials?",
            "badges?",
            "credits?",
            "wallet",
            "passport",
            "micro-?credentials?",
            "certificates?",
        ),
        "wallet_questions": ("what (?:have i|did i) earn(?:ed)?",),
        "wallet_verbs": ("show",),
        "wishes": ("i want to", "i'd like to", "i would like to"),
    },
    "fr": {
        "become": ("devenir", "etre"),
        "become_alone": ("devenir",),
        "bundle": ("parcours", "mixtape", "construire un parcours"),
        "bundle_for": ("pour",),
        "greeting": ("bonjour", "salut", "allo", "bonsoir", "commencer"),
        "help": ("aide", "que (?:peux|sais)[ -]tu faire", "comment ca marche"),
        "possessives": ("mes", "mon", "ma"),
        "privacy": ("confidentialite", "vie privee", "donnees personnelles", "mes donnees"),
        "switch": ("parle[sz]?[- ]moi en {language}",),
        "wallet_nouns": (
            "badges?",
            "credits?",
            "portefeuille",
            "acquis",
            "passeport",
            "titres?",
            "microcertifications?",
            "certificats?",
        ),
        "wallet_questions": ("qu'?est-ce que j'?ai (?:obtenu|acquis)",),
        "wallet_verbs": ("voir", "affiche(?:r)?"),
        "wishes": ("je veux", "je voudrais", "j'aimerais"),
    },
}
_LANGUAGE_NAMES = {"en": ("english", "anglais"), "fr": ("french", "francais")}
_PREPOSITIONS = ("in", "en")


def _any(kind: str) -> str:
    return alternation(dict.fromkeys(word for words in _WORDS.values() for word in words[kind]))


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"^{alternative}\\W*$" for alternative in alternatives))


_HELP = _whole(alternation((*dict.fromkeys(w for words in _WORDS.values() for w in words["help"]), r"\?")))
_GREETING = _whole(_any("greeting"))
_PRIVACY = _whole(_any("privacy"))
_WALLET = _whole(
    f"(?:{_any('wallet_verbs')} )?{_any('possessives')} {_any('wallet_nouns')}", _any("wallet_questions")
)
_BUNDLE = re.compile(
    f"^{_any('bundle')}\\b(?:\\s*{alternation((*_WORDS['en']['bundle_for'], *_WORDS['fr']['bundle_for'], ':'))}\\s*)?(?P<rest>.*)$"
    f"|^{_any('wishes')}\\s+{_any('become')}\\s+(?P<goal>.+)$"
    f"|^{_any('become_alone')}\\s+(?P<goal2>.+)$"
)


def _switch(code: str) -> re.Pattern[str]:
    names = alternation(_LANGUAGE_NAMES[code])
    prepositions = alternation(_PREPOSITIONS)
    switches = [s for words in _WORDS.values() for s in words["switch"]]
    return _whole(f"(?:{prepositions} )?{names}", *(switch.format(language=names) for switch in switches))


_SWITCHES = {code: _switch(code) for code in _LANGUAGE_NAMES}


def old_intent(text: str) -> tuple[str, str]:
    """The old reader's (kind, rest): kind help | start | language | privacy | wallet | bundle |
    search."""
    clean = " ".join(normalise(text).replace("’", "'").split())
    if _HELP.match(clean):
        return "help", ""
    if _GREETING.match(clean):
        return "start", ""
    for code, pattern in _SWITCHES.items():
        if pattern.match(clean):
            return "language", code
    if _PRIVACY.match(clean):
        return "privacy", ""
    if _WALLET.match(clean):
        return "wallet", ""
    bundle = _BUNDLE.match(clean)
    if bundle:
        return "bundle", bundle.group("rest") or bundle.group("goal") or bundle.group("goal2") or ""
    return "search", text.strip()


def _old_topic(blanked: str) -> list[str]:
    """The topic the old search query parser kept: the words once limits, stop words and chat
    words (`QUERY_NOISE`) are out (its provider and domain-phrase steps aside)."""
    words = [word for word in split_words(blanked) if word not in STOP_WORDS]
    topical = [word for word in words if word not in QUERY_NOISE]
    return topical


_KINDS = {"start": "greeting", "language": "interface_language"}


def old_understanding(text: str, context: str = "none") -> dict[str, object]:
    """What the old reader made of `text`, in the benchmark's record shape (it had no context)."""
    kind, rest = old_intent(text)
    reading = read_limits(text)
    limits = reading.limits
    topic: list[str] = []
    if kind == "search":
        topic = _old_topic(reading.blanked)
    elif kind == "bundle":
        topic = _old_topic(read_limits(rest).blanked)
    return {
        "intent": _KINDS.get(kind, kind),
        "topic": topic,
        "limits": {
            "max_hours": limits.max_hours,
            "max_cost": float(limits.max_cost) if limits.max_cost is not None else None,
            "free": limits.free,
            "cheap": False,
            "online": limits.online,
            "in_person": False,
            "instruction_language": limits.taught_in,
            "place": None,
        },
        "reference": None,
        "interface_language": rest if kind == "language" else None,
    }
