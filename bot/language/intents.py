"""What a free-text message asks for, in English or French. Anything else is a search."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.text import normalise


@dataclass(frozen=True)
class Intent:
    kind: str  # help | start | wallet | bundle | language | privacy | search
    rest: str = ""


_HELP = re.compile(
    r"^(help|aide|\?|menu|what can you do|que (peux|sais)[ -]tu faire|comment ca marche|how does (it|this) work)\W*$"
)
_GREETING = re.compile(r"^(hi|hello|hey|bonjour|salut|allo|bonsoir|start|commencer)\W*$")
_WALLET = re.compile(
    r"^(show |voir |affiche(r)? )?(my|mes|mon|ma) (credentials?|badges?|credits?|wallet|portefeuille|acquis|passeport|"
    r"passport|titres?|micro-?credentials?|microcertifications?|certificats?|certificates?)\W*$"
    r"|^what (have i|did i) earn(ed)?\W*$|^qu'?est-ce que j'?ai (obtenu|acquis)\W*$"
)
_BUNDLE = re.compile(
    r"^(?:bundle|parcours|mixtape|build a bundle|construire un parcours)\b(?:\s*(?:for|pour|:)\s*)?(?P<rest>.*)$"
    r"|^(?:i want to|i'd like to|i would like to|je veux|je voudrais|j'aimerais)\s+(?:become|be|devenir|etre)\s+(?P<goal>.+)$"
    r"|^(?:become|devenir)\s+(?P<goal2>.+)$"
)
_FRENCH = re.compile(r"^(en )?(francais|french)\W*$|^in french\W*$|^parle[sz]?[- ]moi en francais\W*$")
_ENGLISH = re.compile(r"^(in )?(english|anglais)\W*$|^en anglais\W*$|^speak english\W*$")
_PRIVACY = re.compile(r"^(privacy|confidentialite|vie privee|donnees personnelles|my data|mes donnees)\W*$")


def detect_intent(text: str) -> Intent:
    clean = " ".join(normalise(text).replace("’", "'").split())
    if _HELP.match(clean):
        return Intent("help")
    if _GREETING.match(clean):
        return Intent("start")
    if _FRENCH.match(clean):
        return Intent("language", "fr")
    if _ENGLISH.match(clean):
        return Intent("language", "en")
    if _PRIVACY.match(clean):
        return Intent("privacy")
    if _WALLET.match(clean):
        return Intent("wallet")
    bundle = _BUNDLE.match(clean)
    if bundle:
        goal = bundle.group("rest") or bundle.group("goal") or bundle.group("goal2") or ""
        # Keep the learner's own spelling for the goal (accents matter for display).
        return Intent("bundle", _original_tail(text, goal) if goal else "")
    return Intent("search", text.strip())


def _original_tail(text: str, normalised_tail: str) -> str:
    """The end of `text` that corresponds to `normalised_tail` (same length after normalising)."""
    words = text.split()
    tail_words = normalised_tail.split()
    return " ".join(words[len(words) - len(tail_words) :]) if tail_words else ""
