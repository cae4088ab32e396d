"""Which language a text or a language name is in: our language codes from what records write.

`language_code` reads a language as records give it: a code (`en`, `en-US`, `fr_CA`, `eng`,
`fre`) or a name in any language CLDR knows, as Babel gives it for every pack's locale
(`English`, `French`, `Français`, `anglais`, `Spanish`): the ISO 639-1 code, or None.

`detect_language` tells the packs' languages apart in a text that declares none: it counts the
text's words that are stop words of one pack only (French `de la les des du et est pour`…,
English `the and of to for with`…). The language with the most such words wins when it has at
least two and at least twice as many as any other; otherwise the text says too little (a name of
three words, a brand) and the answer is None. It is a small rule on the packs' own words, not a
statistical model: enough for "English or French?" on a badge's name and description.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError

from bot.language.packs import PACKS
from bot.language.text import fold, split_words

# ISO 639-2 codes records use for our languages (bibliographic and terminology forms).
_THREE_LETTER = {"eng": "en", "fra": "fr", "fre": "fr"}


@cache
def _names() -> dict[str, str]:
    """Folded language names → ISO 639-1 code, in every pack's locale (CLDR through Babel)."""
    names: dict[str, str] = {}
    for pack in PACKS.values():
        for tag in dict.fromkeys((pack.code, pack.format_locale)):
            try:
                locale = Locale.parse(tag)
            except (UnknownLocaleError, ValueError):
                continue
            for code, name in locale.languages.items():
                if "_" not in code and len(code) in (2, 3):
                    names.setdefault(fold(str(name)), str(code))
        names.setdefault(fold(pack.native_name), pack.code)
    return names


def language_code(value: str | None) -> str | None:
    """`en-US` → `en`, `fr_CA` → `fr`, `English` → `en`, `Français` → `fr`, `anglais` → `en`,
    `eng` → `en`; None for text that names no language."""
    text = (value or "").strip()
    if not text:
        return None
    head = text.replace("_", "-").split("-", 1)[0].lower()
    if head in _THREE_LETTER:
        return _THREE_LETTER[head]
    if len(head) == 2 and head.isalpha() and (len(text) == 2 or text[2] in "-_"):
        return head
    return _names().get(fold(text))


@cache
def _own_words() -> dict[str, frozenset[str]]:
    """Each pack's stop words that no other pack has (those alone tell the languages apart)."""
    own: dict[str, frozenset[str]] = {}
    for code, pack in PACKS.items():
        others = set().union(*(other.stop_words for other_code, other in PACKS.items() if other_code != code))
        own[code] = frozenset(word for word in pack.stop_words if word not in others and len(word) > 1)
    return own


def detect_language(texts: Iterable[str]) -> str | None:
    """The pack language the texts are written in, None when they say too little."""
    counts = dict.fromkeys(PACKS, 0)
    own = _own_words()
    for text in texts:
        for word in split_words(fold(text)):
            for code, words in own.items():
                if word in words:
                    counts[code] += 1
    return _leader(counts, times=2)


def _leader(counts: dict[str, int], times: int) -> str | None:
    """The language with at least two of its own words and `times` as many as any other."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    best_code, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best_code if best >= 2 and best >= times * runner_up else None


# Letters English words do not have but French ones often do (not ë, ï: Zoë, naïve).
_FRENCH_LETTERS = frozenset("éèêàçùûôî")


def detect_name_language(name: str | None) -> str | None:
    """The language of a group's or channel's name, which is a few words at best: one word that
    only one pack has as a stop word (`Apprentissage en ligne`), or a French letter
    (`Groupe d'étude`), is enough; otherwise as `detect_language`."""
    text = (name or "").strip()
    if not text:
        return None
    strict = detect_language([text])
    if strict is not None:
        return strict
    own = _own_words()
    found = {code for word in split_words(fold(text)) for code, words in own.items() if word in words}
    if len(found) == 1:
        return found.pop()
    if not found and _FRENCH_LETTERS & set(text.lower()) and "fr" in PACKS:
        return "fr"
    return None


@cache
def _own_chat_words() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each pack's own words of a chat message (stop words, and the words of requests), and
    among them those that are not stop words (cherche, veux, looking, want)."""
    every = {
        code: pack.stop_words | pack.query_noise | pack.request_words for code, pack in PACKS.items()
    }
    own: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for code, pack in PACKS.items():
        others = set().union(*(words for other, words in every.items() if other != code))
        mine = frozenset(word for word in every[code] if word not in others and len(word) > 1)
        own[code] = (mine, frozenset(word for word in mine if word not in pack.stop_words))
    return own


def detect_message_language(text: str) -> str | None:
    """The language a learner's chat message is written in, when it clearly says: at least two
    words only that language has, one of them a word of requests (« je cherche une formation »,
    "looking for a course"), and three times as many as any other language's. A title typed
    as a search ("Santé et sécurité au travail") or a bare language word ("anglais") says
    nothing: a learner may look for courses in the other language."""
    counts = dict.fromkeys(PACKS, 0)
    asks = dict.fromkeys(PACKS, 0)
    own = _own_chat_words()
    for word in split_words(fold(text)):
        for code, (mine, requests) in own.items():
            if word in mine:
                counts[code] += 1
                asks[code] += word in requests
    leader = _leader(counts, times=3)
    return leader if leader is not None and asks[leader] else None
