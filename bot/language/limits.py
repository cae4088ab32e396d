"""Limits written in words, in any language of `bot.language.packs`: one reader for search
queries and bundle requests.

"online", "en ligne", "from home", "e-learning" → online; "free", "gratuit", "at no cost",
"0 $" → free; "cheap", "pas trop cher", "abordable" → at most `CHEAP_MAX_COST` (`cheap`); "in French", "en anglais", "francophone" → taught_in; "under 40 hours",
"moins de 40 heures", "12,5 h max", a bare "40 hours" → max_hours; "under $500", "moins de
500 $", "budget de 1 000 dollars", a bare "500 €" → max_cost, with the currency when the text
names one (CAD, USD, EUR). Amounts may group thousands with a space, a no-break space, a narrow
no-break space or a comma (1,000), and have decimals after `.` or `,`.

The text is read folded (lower case, no accents): `read_limits` folds it and keeps, for every
folded character, where it came from, so that what remains can be given back in the learner's
own spelling (`rest`, `phrases`); `read_limits(text, folded=True)` reads a text already folded
(the search query parser folds its own, keeping capitals aside).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from bot.domain.limits import CHEAP_MAX_COST, Limits
from bot.language.packs import LANGUAGES, LimitWords, alternation, phrases
from bot.language.text import normalise


def _words(get: Callable[[LimitWords], Iterable[str]], *extra: str) -> str:
    """One alternation of every pack's limit phrases of one kind (a space: any white space),
    plus language-neutral fragments."""
    return alternation((*phrases(lambda pack: get(pack.limits)), *extra), spaces=True)


# An amount: thousands grouped by a space, a no-break space, a narrow no-break space or a comma,
# decimals after a point or a comma. Never the tail of a longer number.
_NUMBER = r"(?<!\d)(\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_UNDER = _words(lambda words: words.under, "<=?", "≤")
_BUDGET = _words(lambda words: words.budget)
_COST = _words(lambda words: words.cost)
_OR_LESS = _words(lambda words: words.or_less)
_ONLY = _words(lambda words: words.only)
_HOUR_UNIT = _words(lambda words: words.hours)
# Money units are not words of a language. `$ CA` before `$`: the longer reading first.
_DOLLAR_BEFORE = r"(?:ca)?\$"
_MONEY_UNIT = r"(?:\$\s*cad?\b|\$|dollars?\b|piasses?\b|piastres?\b|bucks\b|cad\b|usd\b|euros?\b|eur\b|€)"
_CURRENCIES = (
    ("EUR", re.compile(r"€|\beur(?:os?)?\b")),
    ("USD", re.compile(r"\busd\b")),
    ("CAD", re.compile(r"\bcad\b|\bca\$|\$\s*ca\b")),
)

_ONLINE = re.compile(rf"\b(?:100\s*%\s*)?{_words(lambda words: words.online)}(?:\s+{_ONLY})?\b")
# Online refused: "not online", « pas en ligne », « pas de cours en ligne » (the learner wants
# to be in a classroom: no online limit, and the refusal is no topic).
_REFUSED_ONLINE = re.compile(
    r"\b(?:pas|not|no|non|sans|without|jamais|rien)\s+(?:(?:de|d|des|of|any)\s+)?"
    r"(?:(?:cours|formations?|courses?|classes?|trucs?)\s+)?(?:(?:100\s*%\s*)?)"
    + _words(lambda words: words.online)
    + r"\b"
)
# "free" that is no price: gluten-free, free software, freelance.
_NOT_FREE = re.compile(
    r"\b(?:gluten|sugar|fat|lactose|dairy|nut|smoke|stress|hands|duty|tax|cruelty|risk|error|scent|alcohol|"
    r"caffeine|drug|debt|pain|injury|accident)[- ]?free\b|\b(?:i m|im|i am|i ll be|we re|you re) free\b"
    r"|\bfree[- ]?(?:software|trade|speech|lanc\w*|style|form|range|zone|will|hand|flow|div\w*|skat\w*|"
    r"climb\w*|weight|throws?|standing|market|time|moments?|evenings?|weekends?|days?|periods?)\b|\blibre[- ]echange\b|\blogiciels? libres?\b"
)
# An amount after "under" without a unit: money when it is 100 or more ("UX design under 1000").
_BARE_MONEY = re.compile(
    rf"(?:{_UNDER}|{_BUDGET})\s*(?<!\d)(\d{{1,3}}(?:[ \u00a0\u202f,]\d{{3}})+|[1-9]\d{{2,}})(?!\d|[.,]\d)(?!\s*(?:%|h\b|hrs?\b|hours?\b|heures?\b|weeks?\b|semaines?\b|mois\b|months?\b|days?\b|jours?\b|ans?\b|years?\b|people|personnes|students|etudiants))"
)
# "en ligne" that is no delivery: « boutique en ligne », an online store.
_NOT_ONLINE = re.compile(
    r"\b(?:boutiques?|magasins?|commerces?|ventes?|securite|presence|reputation)\s+en\s+ligne\b"
    r"|\bonline\s+(?:stores?|shops?|business(?:es)?|sales|selling|presence|safety|security|banking|reputation|retail)\b"
)
# A language that is the subject, not the language of instruction: business English, « anglais des affaires ».
_LANGUAGE_TOPIC = re.compile(
    r"\b(?:en\s+)?(?:anglais|francais)\s+(?:des affaires|langue (?:seconde|etrangere|additionnelle)|ecrit|oral|medical|juridique)\b"
    r"|\b(?:in\s+)?(?:english|french)\s+(?:as an? (?:second|foreign|additional) language|for (?:business|work|the workplace|newcomers))\b"
    r"|\bbusiness\s+(?:english|french)\b"
)
_CHEAP = re.compile(r"\b" + _words(lambda words: words.cheap) + r"(?!\w)")
_FREE = re.compile(r"\b" + _words(lambda words: words.free, r"0\s?\$") + r"(?!\w)")
_HOURS = re.compile(rf"(?:(?:{_UNDER}|{_BUDGET})\s*)?{_NUMBER}\s*{_HOUR_UNIT}\b(?:\s*{_OR_LESS}\b)?")
_MONEY = re.compile(
    # $500, under $500 CAD, $500 max
    rf"(?:(?:{_UNDER}|{_BUDGET}|{_COST})\s*)?{_DOLLAR_BEFORE}\s*{_NUMBER}(?:\s*{_MONEY_UNIT})?"
    rf"(?:\s*{_OR_LESS}\b)?"
    # 500 $, moins de 500 $, 500 euros or less
    rf"|(?:(?:{_UNDER}|{_BUDGET}|{_COST})\s*)?{_NUMBER}\s*{_MONEY_UNIT}(?:\s*{_OR_LESS}\b)?"
    # budget of 500, costing 200: the unit may be left out
    rf"|(?:{_BUDGET}|{_COST})\s*{_NUMBER}"
)

# "under 1k", « en bas de 1,5k » (thousands of dollars, as people type them).
_K = r"(?<!\d)(\d{1,3}(?:[.,]\d)?)\s*k(?![a-z0-9])"
_THOUSANDS = re.compile(
    rf"(?:{_UNDER}|{_BUDGET}|{_COST})\s*(?:{_DOLLAR_BEFORE}\s*)?{_K}(?:\s*{_MONEY_UNIT})?"
    rf"|{_DOLLAR_BEFORE}\s*{_K}(?:\s*{_MONEY_UNIT})?|{_K}\s*{_MONEY_UNIT}"
)


def _language_pattern(code: str) -> str:
    """Language `code` named in any language: "in French", "taught in French only",
    "French-language", "francophone", "en français"."""
    names = alternation(phrases(lambda pack: pack.limits.language_names.get(code, ())))
    speakers = _words(lambda words: words.speakers.get(code, ()))
    before = _words(lambda words: (*words.taught, *words.only))
    preposition = _words(lambda words: words.prepositions)
    language = _words(lambda words: words.language_word)
    return (
        rf"\b(?:{before}\s+)?{preposition}\s+{names}(?:\s+{language})?\b(?:\s+{_ONLY}\b)?"
        rf"|\b{names}[- ]{language}\b|\b{speakers}\b"
        rf"|\b{names}\s+ones\s+{_ONLY}\b"
    )


_LANGUAGE = re.compile("|".join(f"(?P<in_{code}>{_language_pattern(code)})" for code in LANGUAGES))

# A language refused just before it is named: "pas en anglais", "not in French".
_REFUSED = re.compile(r"(?:\bpas|\bnot|\bno|\bsans|\bwithout|\bsauf|\bexcept)\s+$")
_DIGIT = re.compile(r"\d")
# What a limit phrase is replaced with while reading: neither a word nor white space, so that
# no later phrase runs across it.
_CUT = "\x00"
MAX_LIMIT_NUMBER = Decimal(10**9)


def parse_number(text: str) -> Decimal | None:
    """`1 000`, `1,000`, `1,000.50` → 1000 and 1000.50; `12,5` and `12.5` → 12.5."""
    raw = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    # No number of hours or dollars this large is a limit: "10000000000000000000000000 h" is not one.
    return value if value.is_finite() and value <= MAX_LIMIT_NUMBER else None


def _amount(match: re.Match[str]) -> Decimal | None:
    """The amount of an hours or money phrase (its only capturing groups are `_NUMBER`'s)."""
    number = next((group for group in match.groups() if group), None)
    return parse_number(number) if number else None


def _currency(match_text: str) -> str | None:
    return next((code for code, pattern in _CURRENCIES if pattern.search(match_text)), None)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """`text` folded (`normalise`, character by character) and, for every folded character, the
    position in `text` of the character it comes from."""
    folded: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(text):
        piece = normalise(char)
        folded.append(piece)
        origins.extend([position] * len(piece))
    return "".join(folded), origins


@dataclass(frozen=True)
class LimitsReading:
    limits: Limits
    text: str  # as given
    folded: str  # `text` folded (itself when given folded)
    # `folded` with every limit phrase blanked out by spaces (same length: positions still align).
    blanked: str
    # Where the limit phrases were in `text` (start, end), in text order.
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    # "cheap", "pas trop cher" was said (with or without an amount, or beside "free").
    asks_cheap: bool = False
    # "not online", « pas en ligne »: the learner wants a classroom.
    refuses_online: bool = False

    @property
    def rest(self) -> str:
        """`text` (the learner's own spelling) with each limit phrase replaced by ` , `: what
        remains falls into phrases where limits were cut out."""
        parts: list[str] = []
        end = 0
        for start, stop in self.spans:
            parts += [self.text[end:start], " , "]
            end = stop
        return "".join([*parts, self.text[end:]])

    @property
    def phrases(self) -> list[str]:
        """The phrases between limits, as written (commas and semicolons separate them too)."""
        return [phrase.strip() for phrase in re.split(r"[,;\n]+", self.rest) if phrase.strip()]


class _Reader:
    """One reading: the phrases found are cut out of `work` one kind after the other."""

    def __init__(self, folded: str) -> None:
        self.work = folded
        self.cuts: list[tuple[int, int]] = []

    def take(self, pattern: re.Pattern[str], unless: re.Pattern[str] | None = None) -> list[re.Match[str]]:
        """The matches of `pattern`, cut out; those inside a match of `unless` are left."""
        found = list(pattern.finditer(self.work))
        if unless is not None:
            kept = [match.span() for match in unless.finditer(self.work)]
            found = [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in kept)]
        for match in found:
            start, end = match.span()
            self.work = self.work[:start] + _CUT * (end - start) + self.work[end:]
            self.cuts.append((start, end))
        return found


def read_limits(text: str, *, folded: bool = False) -> LimitsReading:
    """The limits `text` states, and the text without them. `folded`: `text` is folded already
    (then the spans are positions in it as well). "cheap", "pas trop cher" without an amount is
    a budget of `CHEAP_MAX_COST` marked `cheap`."""
    folded_text, origins = (text, list(range(len(text)))) if folded else fold_with_positions(text)
    reader = _Reader(folded_text)
    asks_cheap = bool(reader.take(_CHEAP))
    refuses_online = bool(reader.take(_REFUSED_ONLINE))
    online = bool(reader.take(_ONLINE, unless=_NOT_ONLINE))
    free = bool(reader.take(_FREE, unless=_NOT_FREE))
    taught_in: str | None = None
    refused: str | None = None
    for match in reader.take(_LANGUAGE, unless=_LANGUAGE_TOPIC):
        code = next(code for code in LANGUAGES if match.group(f"in_{code}"))
        if _REFUSED.search(folded_text, 0, match.start()):
            refused = code  # "en français, pas en anglais": not the one refused
        else:
            taught_in = code
    if taught_in is None and refused is not None and len(LANGUAGES) == 2:
        taught_in = next(code for code in LANGUAGES if code != refused)
    hours: list[Decimal] = []
    cost: Decimal | None = None
    currency: str | None = None
    if _DIGIT.search(folded_text):  # most texts state no amount: their patterns are skipped
        hours = [value for match in reader.take(_HOURS) if (value := _amount(match)) is not None]
        for match in reader.take(_THOUSANDS):
            value = _amount(match)
            if value is not None:
                value = (value * 1000).quantize(Decimal(1))
                cost = value if cost is None else min(cost, value)
        for match in reader.take(_MONEY):
            value = _amount(match)
            if value is not None:
                cost = value if cost is None else min(cost, value)
                currency = currency or _currency(match.group(0))
        for match in reader.take(_BARE_MONEY):
            value = _amount(match)
            if value is not None and cost is None:
                cost = value
    cheap_only = asks_cheap and cost is None and not free
    limits = Limits(
        online=online,
        taught_in=taught_in,
        free=free,
        max_hours=float(min(hours)) if hours else None,
        max_cost=CHEAP_MAX_COST if cheap_only else cost,
        currency=currency,
        cheap=cheap_only,
    )
    blanked = reader.work.replace(_CUT, " ")
    spans = _spans(reader.cuts, origins, len(text))
    return LimitsReading(
        limits, text, folded_text, blanked, spans, asks_cheap=asks_cheap, refuses_online=refuses_online
    )


def _spans(cuts: list[tuple[int, int]], origins: list[int], length: int) -> tuple[tuple[int, int], ...]:
    """Cuts in the folded text as spans of the original text (a folded character's span runs to
    the next one's origin: accents taken off belong to their letter)."""
    spans = []
    for start, end in sorted(cuts):
        spans.append((origins[start], origins[end] if end < len(origins) else length))
    return tuple(spans)


__all__ = ["LimitsReading", "fold_with_positions", "parse_number", "read_limits"]
