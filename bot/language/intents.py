"""What a free-text message asks for, in any language of `bot.language.packs`. Anything else is
a search."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.language.packs import LANGUAGES, IntentWords, alternation, phrases
from bot.language.text import normalise


@dataclass(frozen=True)
class Intent:
    kind: str  # help | start | wallet | bundle | language | privacy | search
    rest: str = ""


def _any(get: Callable[[IntentWords], Iterable[str]]) -> str:
    return alternation(phrases(lambda pack: get(pack.intents)))


def _whole(*alternatives: str) -> re.Pattern[str]:
    """The whole message is one of the alternatives (trailing punctuation aside)."""
    return re.compile("|".join(f"^{alternative}\\W*$" for alternative in alternatives))


_HELP = _whole(_any(lambda words: (*words.help, r"\?")))
_GREETING = _whole(_any(lambda words: words.greeting))
_PRIVACY = _whole(_any(lambda words: words.privacy))
_WALLET = _whole(
    f"(?:{_any(lambda words: words.wallet_verbs)} )?{_any(lambda words: words.possessives)} "
    + _any(lambda words: words.wallet_nouns),
    _any(lambda words: words.wallet_questions),
)
_BUNDLE = re.compile(
    f"^{_any(lambda words: words.bundle)}\\b"
    f"(?:\\s*{_any(lambda words: (*words.bundle_for, ':'))}\\s*)?(?P<rest>.*)$"
    f"|^{_any(lambda words: words.wishes)}\\s+{_any(lambda words: words.become)}\\s+(?P<goal>.+)$"
    f"|^{_any(lambda words: words.become_alone)}\\s+(?P<goal2>.+)$"
)


def _language_switch(code: str) -> re.Pattern[str]:
    """Asking for language `code` by its name in any language: `en français`, `speak English`."""
    names = alternation(phrases(lambda pack: pack.limits.language_names.get(code, ())))
    prepositions = alternation(phrases(lambda pack: pack.limits.prepositions))
    switches = phrases(lambda pack: pack.intents.switch)
    return _whole(f"(?:{prepositions} )?{names}", *(switch.format(language=names) for switch in switches))


_LANGUAGE_SWITCHES = tuple((code, _language_switch(code)) for code in LANGUAGES)


def detect_intent(text: str) -> Intent:
    clean = " ".join(normalise(text).replace("’", "'").split())
    if _HELP.match(clean):
        return Intent("help")
    if _GREETING.match(clean):
        return Intent("start")
    for code, pattern in _LANGUAGE_SWITCHES:
        if pattern.match(clean):
            return Intent("language", code)
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
