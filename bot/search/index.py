"""Catalogue search. This first version is deliberately simple: normalised substring and fuzzy
matching over titles, skills and keywords. The search issue replaces it with a real index."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rapidfuzz import fuzz

from bot.catalogue.model import CredentialRecord, Vocabulary


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class SearchFilters:
    online: bool = False
    taught_in: str | None = None
    max_hours: float | None = None
    max_cost: Decimal | None = None
    provider: str | None = None

    def accepts(self, record: CredentialRecord) -> bool:
        if self.online and record.delivery != "online":
            return False
        if self.taught_in and self.taught_in not in record.languages:
            return False
        if self.max_hours is not None and (record.hours is None or record.hours > self.max_hours):
            return False
        if self.max_cost is not None and (record.cost is None or record.cost > self.max_cost):
            return False
        if self.provider:
            names = record.provider.name.values() if record.provider else ()
            if not any(normalise(self.provider) in normalise(name) for name in names):
                return False
        return True


@dataclass(frozen=True)
class SearchHit:
    credential: CredentialRecord
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    filters: SearchFilters = field(default_factory=SearchFilters)
    suggestions: list[str] = field(default_factory=list)


def _document(record: CredentialRecord) -> str:
    parts = [*record.name.values()]
    parts += [label for skill in record.skills for label in skill.label.values()]
    parts += [word for words in record.keywords.values() for word in words]
    return normalise(" ".join(parts))


class SearchIndex:
    def __init__(self, credentials: list[CredentialRecord], vocabulary: Vocabulary) -> None:
        self._records = credentials
        self._documents = [_document(record) for record in credentials]
        self.vocabulary = vocabulary

    @classmethod
    def build(cls, credentials: list[CredentialRecord], vocabulary: Vocabulary) -> SearchIndex:
        return cls(credentials, vocabulary)

    def __len__(self) -> int:
        return len(self._records)

    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        filters = filters or SearchFilters()
        needle = normalise(query).strip()
        if not needle:
            return SearchResult(query, [], 0, filters)
        scored: list[tuple[float, int]] = []
        for position, (record, document) in enumerate(zip(self._records, self._documents, strict=True)):
            if not filters.accepts(record):
                continue
            score = 100.0 if needle in document else fuzz.partial_ratio(needle, document)
            if score >= 80:
                bonus = 1.0 if locale in record.languages else 0.0
                scored.append((score + bonus, -position))
        scored.sort(reverse=True)
        hits = [SearchHit(self._records[-position], score / 101) for score, position in scored]
        return SearchResult(query, hits[offset : offset + limit], len(hits), replace(filters))
