"""The languages the bot speaks, one `LanguagePack` each.

Adding a language: a pack module beside `en.py` and `fr.py`, registered in `PACKS` below, and
its translations (`locales/<code>/LC_MESSAGES/credbot.po`, see `make i18n`). The parsers read
the union of every pack's words, so a learner may mix languages in one message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from bot.language.packs import en, fr
from bot.language.packs.pack import ChatWords, IntentWords, LanguagePack, LimitWords, Stemmer

PACKS: Mapping[str, LanguagePack] = {pack.code: pack for pack in (en.PACK, fr.PACK)}
LANGUAGES: tuple[str, ...] = tuple(PACKS)
DEFAULT_LANGUAGE = "en"


def pack(code: str) -> LanguagePack:
    """The pack of a language code; the default language's for any other code."""
    return PACKS.get(code) or PACKS[DEFAULT_LANGUAGE]


def union(words: Callable[[LanguagePack], Iterable[str]]) -> frozenset[str]:
    """Every pack's words of one kind: `union(lambda pack: pack.stop_words)`."""
    return frozenset(word for each in PACKS.values() for word in words(each))


def phrases(get: Callable[[LanguagePack], Iterable[str]]) -> tuple[str, ...]:
    """Every pack's phrases of one kind, each once, in pack order."""
    return tuple(dict.fromkeys(phrase for each in PACKS.values() for phrase in get(each)))


_SPACE_OR_CLASS = re.compile(r"\[[^\]]*\]| ")


def alternation(fragments: Iterable[str], *, spaces: bool = False) -> str:
    """One non-capturing group of regular-expression fragments, the longest first (so that at
    one position `free of charge` is tried before `free`). With `spaces`, a space outside a
    character class matches any run of white space or apostrophes (« d'argent » for `d argent`)."""
    unique = sorted(dict.fromkeys(fragments), key=lambda fragment: (-len(fragment), fragment))
    if spaces:
        unique = [
            _SPACE_OR_CLASS.sub(lambda m: r"[\s']+" if m.group() == " " else m.group(), fragment)
            for fragment in unique
        ]
    return "(?:" + "|".join(unique) + ")" if unique else "(?!)"


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "PACKS",
    "ChatWords",
    "IntentWords",
    "LanguagePack",
    "LimitWords",
    "Stemmer",
    "alternation",
    "pack",
    "phrases",
    "union",
]
