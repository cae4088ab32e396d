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

from bot.domain.limits import Limits
from bot.language.limits import fold_with_positions, read_limits
from bot.language.packs import LANGUAGES, PACKS, ChatWords, alternation, phrases, union
from bot.language.text import QUERY_NOISE, STOP_WORDS

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
# A reference: a number as shown in a list (1-based), "last", or "that" (the one just shown).
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
    action: str | None = None  # bundle_edit: add, drop, swap, save, earned
    goal: str = ""  # bundle: the goal as written (limits included)
    long: bool = False  # more topic words than MAX_TOPIC_WORDS: only the first were kept

    def as_record(self) -> dict[str, object]:
        """The benchmark's fields: intent, topic, limits, reference, interface_language."""
        limits = self.limits
        return {
            "intent": self.intent,
            "topic": list(self.topic),
            "limits": {
                "max_hours": limits.max_hours,
                "max_cost": float(limits.max_cost)
                if limits.max_cost is not None and not limits.cheap
                else None,
                "free": limits.free,
                "cheap": limits.cheap,
                "online": limits.online,
                "in_person": self.in_person,
                "instruction_language": limits.taught_in,
                "place": self.place,
            },
            "reference": self.reference,
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
_HELP = _whole(*_chat(lambda chat: chat.help))
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
# Prepositions between an edit verb and what it acts on: from, of, to, du, de, au…
_LINKS = _anywhere(
    ("from", "of", "to", "in", "into", "for", "du", "de", "des", "d", "au", "aux", "a", "dans", "pour", "par")
)
_PERSONA = _anywhere(_chat(lambda chat: chat.persona))
_PERSONA_END = frozenset(phrase for phrase in _chat(lambda chat: chat.persona_end) if " " not in phrase)
_CHAT_PHRASES = _anywhere((*_POLITE, *_GREETING, *_THANKS))
_FILLER = union(lambda pack: pack.chat.filler)
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
        f"(?:peux tu |pouvez vous |on peut |peut on )?(?:parle(?:r|z)?|ecri(?:re|s|vez)|repond(?:re|s|ez)|continue(?:r|z)?|passe(?:r|z)?)(?: moi| avec moi)? (?:en|a l|au) {name}",
        f"(?:mets|mettre|mettez|change(?:r|z)?|passe(?:r|z)?) (?:l interface|la langue|le bot|tout)? ?(?:en|a l|au) {name}",
        f"(?:l )?interface en {name}",
        f"(?:je prefere|i prefer) (?:l )?{name}(?: (?:pour l interface|for the interface))?",
        *old,
    )


_SWITCHES = {code: _switch_patterns(code) for code in LANGUAGES}
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
)
_PLACE = re.compile(
    rf"(?<![a-z0-9])(?:{_NEAR}\s+(?:la\s+ville\s+de\s+|la\s+region\s+de\s+|the\s+)?)?(?P<alone>{alternation(_PLACES_ALONE, spaces=True)})(?![a-z0-9])"
    rf"|(?<![a-z0-9]){_NEAR}\s+(?:la\s+ville\s+de\s+|la\s+region\s+de\s+)?(?P<near>{alternation(_PLACES_AFTER_NEAR, spaces=True)})(?![a-z0-9])"
)
_TOKEN = re.compile(r"[a-z0-9]+")
_BREAK = re.compile(r"[,.;:!?()\n\"«»]")
_REPEATS = re.compile(r"([a-z])\1{2,}")


@dataclass(frozen=True)
class _Token:
    text: str  # folded
    start: int  # in the folded text
    end: int
    cut_before: bool  # a limit, a place or punctuation stands between it and the word before


def _tokens(folded: str, blanked: str) -> list[_Token]:
    """The words of `blanked` (the folded text with limits blanked out), each knowing whether
    something was cut (or punctuation stood) between it and the previous one."""
    tokens: list[_Token] = []
    last_end = 0
    for match in _TOKEN.finditer(blanked):
        gap_folded = folded[last_end : match.start()]
        gap_blanked = blanked[last_end : match.start()]
        cut = bool(tokens) and (gap_folded != gap_blanked or bool(_BREAK.search(gap_folded)))
        tokens.append(_Token(match.group(), match.start(), match.end(), cut))
        last_end = match.end()
    return tokens


def _core_of(words: list[str], polite: bool = True) -> tuple[str, bool, bool]:
    """The message's words without greetings, thanks and politeness (unless not `polite`) at
    either end: the core, and whether a greeting and thanks were among what was taken off."""
    core = _REPEATS.sub(r"\1\1", " ".join(words))
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
        return "that"
    rest = _REFERENCE_WORDS.sub(" ", text).split()
    if len(rest) == 1:
        word = rest[0]
        if word.isdigit() and 1 <= int(word) <= 99:
            return int(word)
        if word in _ORDINALS:
            number = _ORDINALS[word]
            return "last" if number < 0 else number
    if not rest and _THAT.match(text.split()[-1]):
        return "that"
    joined = " ".join(rest)
    if joined and _THAT.match(joined):
        return "that"
    return None


def _edit(core: str, context: str) -> tuple[str, str, Reference, str] | None:
    """A bundle or wallet edit: (intent, action, reference, what remains) or None."""
    for action, pattern in _EDIT_VERBS.items():
        match = pattern.match(core)
        if match is None:
            continue
        if (
            action in ("drop", "swap")
            and match.group(0).strip() in ("sans", "without", "change", "changer")
            and context != "bundle"
        ):
            continue
        rest = core[match.end() :]
        wallet = bool(_WALLET_NOUN.search(rest))
        bundle = bool(_BUNDLE_NOUN.search(rest))
        rest = _BUNDLE_NOUN.sub(" ", _WALLET_NOUN.sub(" ", rest))
        rest = " ".join(_LINKS.sub(" ", rest).split())
        reference = _reference(rest) if rest else None
        if action in ("save", "earned"):
            if rest and reference is None and not bundle and context != "bundle":
                continue
            return "bundle_edit", action, None, ""
        if reference is None and not (bundle or wallet or context in ("bundle", "wallet")):
            continue
        if reference is None and rest and action == "add" and not bundle:
            continue
        if action == "drop" and (wallet or (context == "wallet" and not bundle)):
            return "wallet_remove", "drop", reference, rest if reference is None else ""
        if action == "add" and wallet:
            continue
        return "bundle_edit", action, reference, rest if reference is None else ""
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
        self.folded, self.origins = fold_with_positions(text)
        reading = read_limits(self.folded, folded=True)
        self.limits = reading.limits
        blanked = reading.blanked
        self.in_person = False
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
        self.limit_spans = _spans(self.folded, reading.blanked)
        self.all_words = [match.group() for match in _TOKEN.finditer(self.folded)]
        self.word_tokens = [
            _Token(match.group(), match.start(), match.end(), False) for match in _TOKEN.finditer(self.folded)
        ]
        self.tokens = _tokens(self.folded, blanked)

    @property
    def states_limits(self) -> bool:
        return bool(self.limits.active()) or self.in_person or self.place is not None

    def topic(self) -> tuple[list[str], list[str]]:
        """The topic words (folded) and the topic phrases as written."""
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
        for match in _PERSONA.finditer(line):
            mark(match.start(), match.end())
            index = next((i for i, start in enumerate(starts) if start >= match.end()), len(tokens))
            while (
                index < len(tokens)
                and not tokens[index].cut_before
                and tokens[index].text not in _PERSONA_END
            ):
                chat[index] = True
                index += 1
        content = [
            index
            for index, token in enumerate(tokens)
            if not chat[index]
            and token.text not in _NOT_TOPIC
            and not (token.text.isdigit() and len(tokens) == 1)
        ]
        words = [tokens[index].text for index in content]
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
    reading = _Reading(text)
    core, greeted, thanked = _core_of(reading.all_words)

    def result(intent: str, **fields: Any) -> Understanding:
        fields.setdefault("limits", reading.limits)
        return Understanding(intent, text, in_person=reading.in_person, place=reading.place, **fields)

    if not core:
        if thanked:
            return result("thanks")
        if greeted:
            return result("greeting")
        if "?" in text and not text.strip(" ?"):
            return result("help")
        return result("small_talk" if reading.all_words else "clarify")

    # Whole-message requests, the narrowest first; a long message is none of them.
    if len(core.split()) <= MAX_REQUEST_WORDS:
        page = _PAGE.match(core)
        if page:
            return result("next_page", reference=int(page.group("number")))
        if _NEXT.match(core):
            return result("next_page")
        if _PREVIOUS.match(core):
            return result("previous_page")
        reference = _reference(core)
        if reference is not None and (context != "none" or reference != "that"):
            return result("open_result", reference=reference)
        if _HELP.match(core):
            return result("help")
        if _LIST_BUNDLES.match(core):
            return result("list_bundles")
        if _FORGET.match(core):
            return result("forget")
        if _EXPORT.match(core):
            return result("export")
        edit = _edit(core, context)
        if edit is not None:
            intent, action, reference, rest = edit
            return result(
                intent, action=action, reference=reference, topic=tuple(rest.split()) if rest else ()
            )
        if _PRIVACY.match(core):
            return result("privacy")
        for code, pattern in _SWITCHES.items():
            if pattern.match(core):
                return result("interface_language", language=code, limits=Limits())
        for code, pattern in _BARE_LANGUAGE.items():
            if pattern.match(core):
                return result("clarify", language=code)
        if _INTERFACE.match(core):
            return result("interface_language")
        if _WALLET.match(core):
            return result("wallet")
    bundle = _BUNDLE.match(core) or _BUNDLE.match(_core_of(reading.all_words, polite=False)[0])
    if bundle:
        goal = bundle.group("rest") or bundle.group("goal") or bundle.group("goal2") or ""
        goal = _ARTICLE.sub("", goal)
        goal_text = _goal_tail(text, reading.word_tokens, reading.origins, goal) if goal else ""
        if len(goal_text) > MAX_GOAL:  # a long message: its first sentence, its first words
            goal_text = " ".join(re.split(r"[.!?\n]", goal_text)[0][:MAX_GOAL].split()[:-1])
        topic = tuple(word for word in goal.split() if word not in _NOT_TOPIC)
        return result("bundle", goal=goal_text, topic=topic)
    if len(core.split()) <= MAX_REQUEST_WORDS:
        if _SMALL_TALK.match(core):
            return result("small_talk")
        if _OFF_TOPIC.match(core):
            return result("off_topic")
        if _THANKS_WHOLE.match(core):
            return result("thanks")

    words, topic_phrases = reading.topic()
    long = len(words) > MAX_TOPIC_WORDS or len(text) > LONG_MESSAGE
    if long:
        words = words[:MAX_TOPIC_WORDS]
        topic_phrases = _first_words(topic_phrases, MAX_TOPIC_WORDS + 4)
    if words or reading.states_limits:
        query = " ".join([*topic_phrases, *reading.limit_phrases()])
        return result("search", topic=tuple(words), query=query, long=long)
    return result("clarify")


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
    "(?:qu est ce que|qu est ce qu|quoi|qu) (?:j ai|ai je) (?:obtenu|acquis|gagne|reussi|fait)(?: jusqu ici)?",
    "wallet",
    "portfolio",
    "portefeuille",
    "acquis",
)

__all__ = ["CONTEXTS", "INTENTS", "MAX_TOPIC_WORDS", "Understanding", "understand"]
