"""Reading a learner's sentence: the filters it states (online, language, free, hours, cost,
provider), in English or French, and the topic words that remain once chat words are gone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from bot.language.packs import alternation, phrases, union
from bot.language.text import _LIGATURES, QUERY_NOISE, STOP_WORDS, split_words, strip_accents

_NUMBER = r"(\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?)"
_UNDER = (
    r"(?:under|less than|fewer than|below|at most|no more than|not more than|up to|maximum|max"
    r"|within|moins de|au plus|au maximum|jusqu'?a|pas plus de|inferieur a|inferieure a|sous"
    r"|en moins de|<=?|≤)"
)
_HOURS_UNIT = r"(?:h|hrs?|hours?|heures?)"
_MONEY_UNIT = r"(?:\$|dollars?|cad|\$ ?cad|euros?|€)"
_OR_LESS = r"(?:or less|or under|max(?:imum)?|ou moins|au plus|au maximum)"

_ONLINE = re.compile(
    r"\b(?:(?:100 ?% )?en ligne|online|on-line|a distance|remote(?:ly)?|virtuel(?:le)?s?|virtual"
    r"|distance learning|from home|de chez (?:moi|soi)|e-learning|elearning)\b"
)
_FRENCH = re.compile(
    r"\b(?:(?:taught|given|offered|delivered|donnee?s?|offerte?s?|enseignee?s?)\s+)?"
    r"(?:in|en)\s+(?:french|francais)(?:\s+language)?\b|\bfrancophones?\b|\bfrench[- ]language\b"
)
_ENGLISH = re.compile(
    r"\b(?:(?:taught|given|offered|delivered|donnee?s?|offerte?s?|enseignee?s?)\s+)?"
    r"(?:in|en)\s+(?:english|anglais)(?:\s+language)?\b|\banglophones?\b|\benglish[- ]language\b"
)
_FREE = re.compile(
    r"\b(?:free of charge|free|for free|no cost|at no cost|without cost|gratuite?s?|gratuitement"
    r"|sans frais|sans cout|0 ?\$)(?!\w)"
)
_HOURS = re.compile(rf"(?:{_UNDER}\s*{_NUMBER}\s*{_HOURS_UNIT}\b|\b{_NUMBER}\s*{_HOURS_UNIT}\s+{_OR_LESS}\b)")
_COST = re.compile(
    rf"(?:{_UNDER}\s*\$?\s*{_NUMBER}\s*{_MONEY_UNIT}|{_UNDER}\s*\$\s*{_NUMBER}"
    rf"|(?:budget(?: of| de)?|cost(?:ing)?|couta?n?t?)\s*\$?\s*{_NUMBER}\s*{_MONEY_UNIT}?"
    rf"|\$?\s*{_NUMBER}\s*{_MONEY_UNIT}\s+{_OR_LESS}\b)"
)
# Domain words: every credential is one, so they never narrow a search.
_DOMAIN = re.compile(r"\b" + alternation(phrases(lambda pack: pack.domain_phrases)) + r"\b")
_PROVIDER_TRIGGERS = union(lambda pack: pack.provider_triggers)
_GENERIC_PROVIDER_WORDS = union(lambda pack: pack.generic_provider_words)


@dataclass(frozen=True)
class QueryWord:
    text: str  # normalised: lower case, no accents
    upper: bool  # written in capitals in the query (GIS, IT): may be an abbreviation
    open: bool  # the last word, with nothing typed after it: may be a prefix (comptab)
    noise: bool = False  # a chat word (course, formation, learn): dropped unless part of a topic


@dataclass
class ParsedQuery:
    words: list[QueryWord]
    online: bool = False
    taught_in: str | None = None
    free: bool = False
    max_hours: float | None = None
    max_cost: Decimal | None = None
    provider: str | None = None
    understood: list[str] = field(default_factory=list)

    @property
    def topic(self) -> str:
        return " ".join(word.text for word in self.words if not word.noise)


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def _first_number(match: re.Match[str]) -> Decimal | None:
    return next((_number(group) for group in match.groups() if group), None)


def _blank(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


@dataclass(frozen=True)
class ProviderName:
    """A provider as the query parser looks for it: its display name and its words."""

    name: str
    words: tuple[str, ...]  # every word, normalised, stop words out
    distinctive: tuple[str, ...]  # without university/college/...

    @classmethod
    def of(cls, name: str) -> ProviderName:
        words = tuple(w for w in split_words(strip_accents(name.casefold())) if w not in STOP_WORDS)
        distinctive = tuple(w for w in words if w not in _GENERIC_PROVIDER_WORDS)
        return cls(name, words, distinctive)


def _find(seq: Sequence[str], sub: Sequence[str]) -> int:
    if not sub:
        return -1
    for start in range(len(seq) - len(sub) + 1):
        if tuple(seq[start : start + len(sub)]) == tuple(sub):
            return start
    return -1


def parse_query(text: str, providers: Sequence[ProviderName] = ()) -> ParsedQuery:
    cased = strip_accents(text.translate(_LIGATURES))
    lower = cased.casefold()
    if len(lower) != len(cased):  # a rare letter whose lower case is longer: give up the case
        cased = lower
    parsed = ParsedQuery(words=[])

    for pattern, name in ((_ONLINE, "online"), (_FREE, "free")):
        while match := pattern.search(lower):
            setattr(parsed, name, True)
            lower = _blank(lower, match)
    for pattern, lang in ((_FRENCH, "fr"), (_ENGLISH, "en")):
        while match := pattern.search(lower):
            parsed.taught_in = lang
            lower = _blank(lower, match)
    while match := _HOURS.search(lower):
        value = _first_number(match)
        if value is not None:
            parsed.max_hours = float(value)
        lower = _blank(lower, match)
    while match := _COST.search(lower):
        value = _first_number(match)
        if value is not None:
            parsed.max_cost = value
        lower = _blank(lower, match)
    if parsed.max_cost == 0:
        parsed.free, parsed.max_cost = True, None
    while match := _DOMAIN.search(lower):
        lower = _blank(lower, match)

    # Words, keeping whether they were written in capitals; `lower` has the filters blanked.
    raw: list[QueryWord] = []
    trailing_space = not text[-1:].isalnum() if text else True
    for match in re.finditer(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", lower):
        original = cased[match.start() : match.end()]
        for word in split_words(match.group()):
            upper = original.isupper() and len(original) >= 2
            raw.append(QueryWord(word, upper, False))
        last_end = match.end()
    if raw and not trailing_space and last_end == len(lower.rstrip()) == len(lower):
        raw[-1] = QueryWord(raw[-1].text, raw[-1].upper, True)

    raw = _take_provider(raw, providers, parsed)

    def keep(word: QueryWord) -> bool:
        return word.upper or word.text not in STOP_WORDS

    topical = [
        QueryWord(w.text, w.upper, w.open, w.text in QUERY_NOISE and not w.upper) for w in raw if keep(w)
    ]
    without_noise = [w for w in topical if not w.noise]
    parsed.words = topical
    understood_any = parsed.online or parsed.free or parsed.provider or parsed.taught_in
    if not without_noise and (understood_any or parsed.max_hours or parsed.max_cost):
        parsed.words = []  # "free online courses": the filters were the whole question
    parsed.understood = [
        name
        for name, on in (
            ("online", parsed.online),
            ("taught_in", parsed.taught_in is not None),
            ("free", parsed.free),
            ("max_hours", parsed.max_hours is not None),
            ("max_cost", parsed.max_cost is not None),
            ("provider", parsed.provider is not None),
        )
        if on
    ]
    return parsed


def _take_provider(
    words: list[QueryWord], providers: Sequence[ProviderName], parsed: ParsedQuery
) -> list[QueryWord]:
    """A provider named in the query becomes a filter: its whole name, or its distinctive words
    after `from`, `by`, `chez`, `par`... (`from Laval`, `de l'Université Laval`)."""
    texts = [w.text for w in words]
    best: tuple[int, int, int, ProviderName] | None = None  # (length, start, end, provider)
    for provider in providers:
        for candidate in (provider.words, provider.distinctive):
            if not candidate:
                continue
            start = _find(texts, candidate)
            if start < 0:
                continue
            end = start + len(candidate)
            before = start
            while (
                before > 0
                and texts[before - 1] not in _PROVIDER_TRIGGERS
                and (texts[before - 1] in _GENERIC_PROVIDER_WORDS or texts[before - 1] in STOP_WORDS)
            ):
                before -= 1
            triggered = before > 0 and texts[before - 1] in _PROVIDER_TRIGGERS
            if (candidate == provider.words and len(candidate) >= 2) or triggered:
                start = before - 1 if triggered else start
                if best is None or end - start > best[0]:
                    best = (end - start, start, end, provider)
    if best is None:
        return words
    _, start, end, provider = best
    parsed.provider = provider.name
    return words[:start] + words[end:]
