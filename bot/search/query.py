"""Reading a learner's sentence: the limits it states (online, language, free, hours, cost: read
by `bot.language.limits`, and the provider), in any language of `bot.language.packs`, and the
topic words that remain once chat words are gone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.domain.limits import Limits
from bot.language.limits import read_limits
from bot.language.packs import alternation, phrases, union
from bot.language.text import _LIGATURES, QUERY_NOISE, STOP_WORDS, split_words, strip_accents

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
    # The limits the sentence states, its provider among them.
    limits: Limits = field(default_factory=Limits)

    @property
    def topic(self) -> str:
        return " ".join(word.text for word in self.words if not word.noise)

    @property
    def understood(self) -> list[str]:
        """Names of the limits understood in the sentence."""
        return self.limits.active()


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
    reading = read_limits(lower, folded=True)
    limits = reading.limits
    if limits.max_cost == 0:  # search has a filter of its own for that
        limits = replace(limits, free=True, max_cost=None)
    lower = reading.blanked
    while match := _DOMAIN.search(lower):
        lower = _blank(lower, match)
    words, provider = _take_provider(_query_words(text, cased, lower), providers)
    if provider is not None:
        limits = replace(limits, provider=provider)
    topical = [
        QueryWord(w.text, w.upper, w.open, w.text in QUERY_NOISE and not w.upper)
        for w in words
        if w.upper or w.text not in STOP_WORDS
    ]
    if limits.active() and all(word.noise for word in topical):
        topical = []  # "free online courses": the limits were the whole question
    return ParsedQuery(topical, limits)


def _query_words(text: str, cased: str, lower: str) -> list[QueryWord]:
    """The words of `lower` (limits blanked out), each knowing whether it was written in
    capitals (in `cased`, same positions) and whether it is the last, still being typed."""
    words: list[QueryWord] = []
    trailing_space = not text[-1:].isalnum() if text else True
    last_end = 0
    for match in re.finditer(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", lower):
        original = cased[match.start() : match.end()]
        for word in split_words(match.group()):
            upper = original.isupper() and len(original) >= 2
            words.append(QueryWord(word, upper, False))
        last_end = match.end()
    if words and not trailing_space and last_end == len(lower.rstrip()) == len(lower):
        words[-1] = QueryWord(words[-1].text, words[-1].upper, True)
    return words


def _take_provider(
    words: list[QueryWord], providers: Sequence[ProviderName]
) -> tuple[list[QueryWord], str | None]:
    """A provider named in the query becomes a filter: its whole name, or its distinctive words
    after `from`, `by`, `chez`, `par`... (`from Laval`, `de l'Université Laval`). The words
    without it, and its name."""
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
        return words, None
    _, start, end, provider = best
    return words[:start] + words[end:], provider.name
