"""The catalogue search index: an inverted index of stems per field, the bilingual skills
vocabulary as concepts, typo and prefix expansion of query words, and vectorised scoring.

How a query is answered:

1. `parse_query` takes out the filters the sentence states and its chat words.
2. Every remaining word becomes a group of alternative index keys, each with a quality: its
   English and French stems (1.0), words of the index within its typo budget (0.7 and 0.5), for
   the last word the index words it begins (0.8), and the vocabulary concepts it or a phrase it
   belongs to names, labels, synonyms and abbreviations in both languages (the concept key is
   indexed on every credential whose text names the concept in any language).
3. A credential's value for a group is its best alternative: field weight (title > skills >
   keywords > description) × quality × idf. Credentials are ranked by how many query words they
   match, then by the sum of values (after a bonus for the query as a phrase in the title), then
   taught in the learner's locale first, then by id.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.catalogue.model import CredentialRecord, Vocabulary, pick
from bot.search.query import ParsedQuery, ProviderName, QueryWord, parse_query
from bot.search.text import (
    STOP_WORDS,
    document_words,
    max_typos,
    normalise,
    split_words,
    stem,
    stems,
)

# Field weights: title above skills above keywords above description.
TITLE, SKILL, KEYWORD, DESCRIPTION = 10.0, 6.0, 4.0, 1.5
# Match qualities: whole word (stem) and vocabulary concept above prefix above typos.
EXACT, PREFIX, ONE_TYPO, TWO_TYPOS = 1.0, 0.8, 0.7, 0.5
PHRASE_BONUS, EXACT_TITLE_BONUS = 1.15, 1.3
# How far down the plain ranking the phrase bonus may reorder.
RERANK_WINDOW = 60
# Most index words a prefix expands to (the most frequent are kept).
PREFIX_EXPANSIONS = 40

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SearchFilters:
    online: bool = False
    taught_in: str | None = None
    max_hours: float | None = None
    max_cost: Decimal | None = None
    provider: str | None = None
    free: bool = False

    def accepts(self, record: CredentialRecord) -> bool:
        if self.online and record.delivery != "online":
            return False
        if self.taught_in and self.taught_in not in record.languages:
            return False
        if self.max_hours is not None and (record.hours is None or record.hours > self.max_hours):
            return False
        if self.max_cost is not None and (record.cost is None or record.cost > self.max_cost):
            return False
        if self.free and (record.cost is None or record.cost != 0):
            return False
        if self.provider:
            names = record.provider.name.values() if record.provider else ()
            if not any(normalise(self.provider) in normalise(name) for name in names):
                return False
        return True

    def active(self) -> list[str]:
        """Names of the filters in use, in a stable order."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, False)]

    def merged(self, other: SearchFilters) -> SearchFilters:
        """These filters, with `other`'s where these leave them unset."""
        unset = (None, False)
        changes: dict[str, Any] = {
            f.name: getattr(other, f.name)
            for f in fields(self)
            if getattr(self, f.name) in unset and getattr(other, f.name) not in unset
        }
        return replace(self, **changes)

    def without(self, name: str) -> SearchFilters:
        default: dict[str, Any] = {name: False if name in ("online", "free") else None}
        return replace(self, **default)


@dataclass(frozen=True)
class SearchHit:
    credential: CredentialRecord
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    # Every filter applied: the caller's options and those understood in the query text.
    filters: SearchFilters = field(default_factory=SearchFilters)
    # Closest vocabulary terms when nothing was found.
    suggestions: list[str] = field(default_factory=list)
    # What the query is about once filters and chat words are taken out (normalised words).
    topic: str = ""
    # The filters understood in the query text alone (to tell the learner).
    understood: SearchFilters = field(default_factory=SearchFilters)
    # When nothing was found: the filters whose removal alone would give results, by name.
    drop_filters: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Alternative:
    key: str
    quality: float


def _concept_key(key: str) -> str:
    return "@" + key


def _phrase_variants(text: str) -> set[tuple[str, ...]]:
    """A vocabulary phrase as stem sequences, stemmed both ways (the label of one language is
    often used as is in the other: marketing, leadership)."""
    # Capitals keep a stop word: "IT security" is not just "security" (its documents have lost
    # the "it", so such a phrase only ever matches in queries, where "IT" is kept).
    capitals = {w.casefold() for w in text.split() if w.isupper() and len(w) > 1}
    words = [w for w in document_words(text) if w not in STOP_WORDS or w in capitals]
    if not words:
        return set()
    return {tuple(stem(w, lang) for w in words) for lang in ("en", "fr")}


class SearchIndex:
    def __init__(self, credentials: list[CredentialRecord], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._records = list(credentials)
        count = len(self._records)
        self._word_keys: dict[str, set[str]] = defaultdict(set)
        self._build_vocabulary(vocabulary)
        self._analysed: dict[tuple[str, str], tuple[str, ...]] = {}

        # Postings grow in compact arrays (8 bytes an entry, not two Python objects).
        per_key: dict[str, tuple[array[int], array[float]]] = defaultdict(lambda: (array("i"), array("f")))
        for position, record in enumerate(self._records):
            weights: dict[str, list[float]] = {}
            for weight, lang, text in self._fields(record):
                self._index_text(text, lang, weight, weights)
            for skill in record.skills:
                if skill.key:
                    weights.setdefault(_concept_key(skill.key), []).append(SKILL)
            for key, found in weights.items():
                best = max(found)
                ids, values = per_key[key]
                ids.append(position)
                values.append(best + 0.2 * (sum(found) - best))
        self._analysed.clear()
        self._postings: dict[str, tuple[IntArray, FloatArray]] = {}
        self._idf: dict[str, float] = {}
        while per_key:
            key, (ids, values) = per_key.popitem()
            self._postings[key] = (
                np.frombuffer(ids, np.int32).copy(),
                np.frombuffer(values, np.float32).copy(),
            )
            self._idf[key] = math.log(1.0 + count / len(ids))
        # Words of the index and the vocabulary, for typos (by length) and prefixes (sorted).
        for word, keys in self._vocabulary_words.items():
            self._word_keys[word].update(keys)
        self._words_by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self._word_keys):
            self._words_by_length[len(word)].append(word)
        self._sorted_words = sorted(self._word_keys)

        # Columns for filters and ordering.
        self._online = np.array([r.delivery == "online" for r in self._records], bool)
        self._in_en = np.array(["en" in r.languages for r in self._records], bool)
        self._in_fr = np.array(["fr" in r.languages for r in self._records], bool)
        self._hours = np.array(
            [r.hours if r.hours is not None else np.nan for r in self._records], np.float64
        )
        self._cost = np.array(
            [float(r.cost) if r.cost is not None else np.nan for r in self._records], np.float64
        )
        provider_ids: dict[str, int] = {}
        provider_of: list[int] = []
        self._provider_names: list[str] = []
        for record in self._records:
            name = pick(record.provider.name, "en") if record.provider else ""
            if name not in provider_ids:
                provider_ids[name] = len(self._provider_names)
                self._provider_names.append(name)
            provider_of.append(provider_ids[name])
        self._provider_of = np.array(provider_of, np.int32)
        self._provider_normalised = [
            normalise(" ".join(record.provider.name.values())) if record.provider else ""
            for record in self._unique_provider_records()
        ]
        self._providers = [ProviderName.of(name) for name in self._provider_names if name]
        # Ties go by the store's id (then external id): the rank of each record in that order.
        order = sorted(
            range(count),
            key=lambda i: (
                self._records[i].id if self._records[i].id is not None else 0,
                self._records[i].external_id,
            ),
        )
        self._ordinal = np.empty(count, np.int64)
        self._ordinal[np.asarray(order, np.int64)] = np.arange(count, dtype=np.int64)

    # ----------------------------------------------------------------------------- building

    def _unique_provider_records(self) -> list[CredentialRecord]:
        seen: dict[str, CredentialRecord] = {}
        for record in self._records:
            name = pick(record.provider.name, "en") if record.provider else ""
            seen.setdefault(name, record)
        return [seen[name] for name in self._provider_names]

    @staticmethod
    def _fields(record: CredentialRecord) -> Iterable[tuple[float, str, str]]:
        for lang, text in record.name.items():
            yield TITLE, lang, text
        for skill in record.skills:
            for lang, text in skill.label.items():
                yield SKILL, lang, text
        for lang, words in record.keywords.items():
            for word in words:
                yield KEYWORD, lang, word
        for lang, text in record.description.items():
            yield DESCRIPTION, lang, text

    def _analyse(self, text: str, lang: str) -> tuple[str, ...]:
        """The index keys of a text: its stems, then the concepts it names. Its words join the
        index's word list (for typos and prefixes)."""
        cache_key = (text, lang)
        cached = self._analysed.get(cache_key)
        if cached is not None:
            return cached
        sequence: list[str] = []
        word_keys = self._word_keys
        for word in document_words(text):
            if word in STOP_WORDS:
                continue
            key = stem(word, lang)
            sequence.append(key)
            word_keys[word].add(key)
        keys = list(sequence)
        phrases = self._phrases
        for start, first in enumerate(sequence):
            for phrase, concept in phrases.get(first, ()):
                if tuple(sequence[start : start + len(phrase)]) == phrase:
                    keys.append(concept)
        result = tuple(keys)
        if len(text) < 120:  # titles, skills and keywords repeat; long descriptions rarely do
            if len(self._analysed) > 200_000:
                self._analysed.clear()
            self._analysed[cache_key] = result
        return result

    def _index_text(self, text: str, lang: str, weight: float, weights: dict[str, list[float]]) -> None:
        for key in self._analyse(text, lang):
            found = weights.get(key)
            if found is None:
                weights[key] = [weight]
            elif len(found) < 4:
                found.append(weight)

    def _build_vocabulary(self, vocabulary: Vocabulary) -> None:
        # First stem -> [(stem sequence, concept key)]: the phrases of labels, synonyms, names.
        phrases: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        self._abbreviations: dict[str, set[str]] = defaultdict(set)
        self._vocabulary_words: dict[str, set[str]] = defaultdict(set)
        self._terms: list[tuple[str, str, str]] = []  # (normalised text, display text, lang)
        for concept in vocabulary.skills:
            key = _concept_key(concept.key)
            texts: list[tuple[str, str]] = list(concept.label.items())
            texts += [(lang, s) for lang, words in concept.synonyms.items() for s in words]
            for lang, text in texts:
                for variant in _phrase_variants(text):
                    phrases[variant[0]].add((variant, key))
                for word in document_words(text):
                    if word not in STOP_WORDS:
                        self._vocabulary_words[word].add(stem(word, lang))
                self._terms.append((normalise(text), text, lang))
            for abbreviation in concept.abbreviations:
                self._abbreviations[normalise(abbreviation).replace(".", "")].add(key)
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {
            first: sorted(entries, key=lambda entry: (-len(entry[0]), entry))
            for first, entries in phrases.items()
        }

    @classmethod
    def build(cls, credentials: list[CredentialRecord], vocabulary: Vocabulary) -> SearchIndex:
        return cls(credentials, vocabulary)

    def __len__(self) -> int:
        return len(self._records)

    # ------------------------------------------------------------------------------ querying

    def _typo_words(self, word: str) -> list[tuple[str, float]]:
        budget = max_typos(word)
        if budget == 0:
            return []
        found: list[tuple[str, float]] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            bucket = self._words_by_length.get(length)
            if not bucket:
                continue
            for candidate, distance, _ in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if distance > 0:
                    found.append((candidate, ONE_TYPO if distance == 1 else TWO_TYPOS))
        return found

    def _prefix_words(self, word: str) -> list[tuple[str, float]]:
        if len(word) < 3:
            return []
        start = bisect.bisect_left(self._sorted_words, word)
        end = bisect.bisect_left(self._sorted_words, word + "\x7f")
        candidates = [w for w in self._sorted_words[start:end] if w != word]
        if len(candidates) > PREFIX_EXPANSIONS:
            candidates.sort(key=lambda w: (-self._frequency(w), w))
            candidates = candidates[:PREFIX_EXPANSIONS]
        return [(w, PREFIX) for w in candidates]

    def _frequency(self, word: str) -> int:
        """How many credentials use a word (its most used stem)."""
        return max(
            (len(self._postings[k][0]) for k in self._word_keys[word] if k in self._postings),
            default=0,
        )

    def _alternatives(self, words: Sequence[QueryWord]) -> list[list[_Alternative]]:
        """For each query word, the index keys it may stand for, with their quality."""
        groups: list[list[_Alternative]] = []
        # For phrase detection: each position's candidate stems with the best quality.
        candidate_stems: list[dict[str, float]] = []
        for word in words:
            best: dict[str, float] = {}

            def offer(key: str, quality: float, best: dict[str, float] = best) -> None:
                if best.get(key, 0.0) < quality:
                    best[key] = quality

            stem_quality: dict[str, float] = {}
            for key in stems(word.text):
                offer(key, EXACT)
                stem_quality[key] = EXACT
            known = word.text in self._word_keys or any(k in self._postings for k in best)
            expansions: list[tuple[str, float]] = []
            if not known:
                expansions += self._typo_words(word.text)
            if word.open:
                expansions += self._prefix_words(word.text)
            for other, quality in expansions:
                for key in self._word_keys.get(other, ()):
                    offer(key, quality)
                    if stem_quality.get(key, 0.0) < quality:
                        stem_quality[key] = quality
            abbreviation = word.text.replace(".", "")
            if abbreviation in self._abbreviations and (word.upper or word.text not in STOP_WORDS):
                for concept in self._abbreviations[abbreviation]:
                    offer(concept, EXACT)
            groups.append([_Alternative(k, q) for k, q in sorted(best.items())])
            candidate_stems.append(stem_quality)
        # Vocabulary phrases (one word or more): their concept joins every word they span.
        for start, here in enumerate(candidate_stems):
            for first, first_quality in here.items():
                for phrase, concept in self._phrases.get(first, ()):
                    end = start + len(phrase)
                    if end > len(words):
                        continue
                    quality = first_quality
                    for offset, part in enumerate(phrase[1:], start + 1):
                        quality = min(quality, candidate_stems[offset].get(part, 0.0))
                        if not quality:
                            break
                    if quality:
                        for position in range(start, end):
                            groups[position].append(_Alternative(concept, quality))
        return groups

    def _topic_words(self, words: Sequence[QueryWord]) -> list[QueryWord]:
        """Chat words out, unless a vocabulary phrase needs them (machine *learning*), or unless
        the query has nothing else."""
        if all(not word.noise for word in words) or all(word.noise for word in words):
            return [replace(word, noise=False) for word in words]
        candidates = [set(stems(word.text)) for word in words]
        needed: set[int] = set()
        for start, here in enumerate(candidates):
            for first in here:
                for phrase, _ in self._phrases.get(first, ()):
                    end = start + len(phrase)
                    if (
                        len(phrase) > 1
                        and end <= len(words)
                        and all(phrase[i] in candidates[start + i] for i in range(len(phrase)))
                    ):
                        needed.update(range(start, end))
        return [replace(w, noise=False) for i, w in enumerate(words) if not w.noise or i in needed]

    def _filter_mask(self, filters: SearchFilters) -> npt.NDArray[np.bool_] | None:
        mask: npt.NDArray[np.bool_] | None = None

        def both(other: npt.NDArray[np.bool_]) -> None:
            nonlocal mask
            mask = other if mask is None else mask & other

        if filters.online:
            both(self._online)
        if filters.taught_in == "fr":
            both(self._in_fr)
        elif filters.taught_in == "en":
            both(self._in_en)
        elif filters.taught_in:
            both(np.array([filters.taught_in in r.languages for r in self._records], bool))
        with np.errstate(invalid="ignore"):
            if filters.max_hours is not None:
                both(self._hours <= filters.max_hours)
            if filters.max_cost is not None:
                both(self._cost <= float(filters.max_cost))
            if filters.free:
                both(self._cost == 0.0)
        if filters.provider:
            wanted = normalise(filters.provider)
            ids = [i for i, name in enumerate(self._provider_normalised) if name and wanted in name]
            both(np.isin(self._provider_of, np.asarray(ids, np.int32)))
        return mask

    def _score(
        self, groups: list[list[_Alternative]]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        count = len(self._records)
        coverage = np.zeros(count, np.int32)
        total = np.zeros(count, np.float32)
        for group in groups:
            values = np.zeros(count, np.float32)
            for alternative in group:
                posting = self._postings.get(alternative.key)
                if posting is None:
                    continue
                ids, weights = posting
                scaled = weights * np.float32(alternative.quality * self._idf[alternative.key])
                values[ids] = np.maximum(values[ids], scaled)
            coverage += values > 0
            total += values
        return coverage, total

    @lru_cache(maxsize=4096)  # noqa: B019 - the index lives as long as its cache
    def _title_sequences(self, position: int) -> tuple[tuple[str, ...], ...]:
        record = self._records[position]
        return tuple(
            tuple(stem(w, lang) for w in document_words(text) if w not in STOP_WORDS)
            for lang, text in record.name.items()
        )

    def _phrase_bonus(self, position: int, wanted: list[set[str]]) -> float:
        best = 1.0
        for title in self._title_sequences(position):
            size = len(wanted)
            for start in range(len(title) - size + 1):
                if all(title[start + i] in wanted[i] for i in range(size)):
                    if len(title) == size:
                        return EXACT_TITLE_BONUS
                    if size > 1:
                        best = PHRASE_BONUS
        return best

    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        parsed = parse_query(query, self._providers)
        parsed.words = self._topic_words(parsed.words)
        understood = _understood(parsed)
        applied = (filters or SearchFilters()).merged(understood)
        result = SearchResult(query, [], 0, applied, topic=parsed.topic, understood=understood)
        mask = self._filter_mask(applied)
        count = len(self._records)
        if not parsed.words:
            if mask is None or not count:
                return result
            matching = np.flatnonzero(mask)
            coverage = np.zeros(count, np.int32)
            total = np.zeros(count, np.float32)
        else:
            groups = self._alternatives(parsed.words)
            coverage, total = self._score(groups)
            needed = max(1, math.ceil(len(groups) / 2))
            selected = coverage >= needed
            if mask is not None:
                selected &= mask
            matching = np.flatnonzero(selected)
        result.total = int(matching.size)
        if matching.size:
            result.hits = self._rank(parsed, matching, coverage, total, locale, limit, offset)
        elif parsed.words:
            result.suggestions = self._suggest(parsed.topic, locale)
            if mask is not None:
                result.drop_filters = self._droppable(parsed, applied)
        elif mask is not None:
            result.drop_filters = applied.active()
        return result

    def _rank(
        self,
        parsed: ParsedQuery,
        matching: npt.NDArray[np.intp],
        coverage: npt.NDArray[np.int32],
        total: npt.NDArray[np.float32],
        locale: str,
        limit: int,
        offset: int,
    ) -> list[SearchHit]:
        in_locale = self._in_fr if locale == "fr" else self._in_en
        cov = coverage[matching].astype(np.int64)
        quantised = np.minimum(np.rint(total[matching] * 10).astype(np.int64), (1 << 20) - 1)
        ordinal = self._ordinal[matching]
        preferred = in_locale[matching].astype(np.int64)
        keys = (((cov << 20) | quantised) << 25) | (preferred << 24) | ((1 << 24) - 1 - ordinal)
        window = min(matching.size, max(offset + limit, RERANK_WINDOW))
        if window < matching.size:
            top = np.argpartition(-keys, window - 1)[:window]
        else:
            top = np.arange(matching.size)
        wanted = [set(stems(word.text)) for word in parsed.words]
        ranked: list[tuple[int, int, int, int, float]] = []
        for i in top.tolist():
            position = int(matching[i])
            score = float(total[position])
            if wanted:
                score *= self._phrase_bonus(position, wanted)
            ranked.append(
                (
                    -int(coverage[position]),
                    -round(score * 10),
                    -int(preferred[i]),
                    int(ordinal[i]),
                    score,
                )
            )
            ranked[-1] = (*ranked[-1][:4], score)
        order = sorted(range(len(ranked)), key=lambda j: ranked[j][:4])
        positions = [int(matching[int(top[j])]) for j in order]
        scores = [ranked[j][4] for j in order]
        page = range(offset, min(offset + limit, len(positions)))
        return [SearchHit(self._records[positions[j]], scores[j]) for j in page]

    def _suggest(self, topic: str, locale: str) -> list[str]:
        """The vocabulary terms closest to a query that found nothing, in the learner's language
        first."""
        if not topic or not self._terms:
            return []
        choices = [term for term, _, _ in self._terms]
        found = process.extract(topic, choices, scorer=fuzz.WRatio, limit=12, score_cutoff=60)
        seen: list[str] = []
        ordered = sorted(found, key=lambda f: (-f[1], self._terms[f[2]][2] != locale, f[2]))
        for _, _, index in ordered:
            display = self._terms[index][1]
            if display not in seen:
                seen.append(display)
        return seen[:5]

    def _droppable(self, parsed: ParsedQuery, applied: SearchFilters) -> list[str]:
        groups = self._alternatives(parsed.words)
        coverage, _ = self._score(groups)
        selected = coverage >= max(1, math.ceil(len(groups) / 2))
        droppable = []
        for name in applied.active():
            mask = self._filter_mask(applied.without(name))
            if np.any(selected if mask is None else selected & mask):
                droppable.append(name)
        return droppable

    @property
    def provider_names(self) -> list[str]:
        return [name for name in self._provider_names if name]


def _understood(parsed: ParsedQuery) -> SearchFilters:
    return SearchFilters(
        online=parsed.online,
        taught_in=parsed.taught_in,
        max_hours=parsed.max_hours,
        max_cost=parsed.max_cost,
        provider=parsed.provider,
        free=parsed.free,
    )


__all__ = [
    "SearchFilters",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
    "normalise",
    "split_words",
]
