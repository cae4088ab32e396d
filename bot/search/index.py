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
import gc
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.credential import CredentialRecord, Vocabulary, pick
from bot.domain.limits import Limits
from bot.language.text import (
    STOP_WORDS,
    document_words,
    max_typos,
    normalise,
    split_words,
    stem,
    stems,
)
from bot.search.query import ParsedQuery, ProviderName, QueryWord, parse_query

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
class SearchHit:
    credential: CredentialRecord
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    # Every filter applied: the caller's options and those understood in the query text.
    filters: Limits = field(default_factory=Limits)
    # Closest vocabulary terms when nothing was found.
    suggestions: list[str] = field(default_factory=list)
    # What the query is about once filters and chat words are taken out (normalised words).
    topic: str = ""
    # The filters understood in the query text alone (to tell the learner).
    understood: Limits = field(default_factory=Limits)
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


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """The build makes millions of small objects and frees few: the cyclic collector would scan
    them over and over (a third of the build time). It is back on (if it was) once done."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


RecordFetcher = Callable[[Sequence[int]], Mapping[int, CredentialRecord]]
"""Reads the credentials of some store ids (those that still exist), by id."""

# Most (text, language) analyses kept while building: titles, skills and keywords repeat.
ANALYSIS_CACHE = 20_000


class SearchIndex:
    """The index keeps numpy arrays and a few word lists, not the credentials: postings in flat
    arrays (credential positions, and a one-byte code of each value), one column per filter, the
    stems of titles (for the phrase bonus) as key numbers. The credentials a search returns are
    read from `fetch` (the store); an index built from a list of records keeps that list."""

    def __init__(
        self,
        credentials: Iterable[CredentialRecord],
        vocabulary: Vocabulary,
        *,
        fetch: RecordFetcher | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self._fetch = fetch
        self._records: list[CredentialRecord] | None = None if fetch else []
        self._word_keys: dict[str, set[str]] = defaultdict(set)
        self._build_vocabulary(vocabulary)
        self._analysed: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}

        # Postings grow in compact arrays (5 bytes an entry): per key number, the positions and
        # the codes of the values (in `value_codes`; a handful of weight combinations exist).
        key_ids: dict[str, int] = {}
        positions_of: list[array[int] | None] = []
        codes_of: list[array[int] | None] = []
        value_codes: dict[float, int] = {}
        # Columns, one entry a credential.
        online = array("b")
        hours = array("d")
        cost = array("d")
        store_ids = array("q")
        provider_of = array("i")
        provider_ids: dict[str, int] = {}
        self._provider_names: list[str] = []
        self._provider_normalised: list[str] = []
        taught: dict[str, array[int]] = defaultdict(lambda: array("i"))
        external_ids: list[str] = []
        # Title stems as key numbers: titles of credential i are titles_of[i]:titles_of[i + 1],
        # title t's stems are title_tokens[title_ends[t - 1]:title_ends[t]].
        title_tokens = array("i")
        title_ends = array("i")
        titles_of = array("i", [0])
        nan = float("nan")

        count = 0
        with _without_cyclic_gc():
            for position, record in enumerate(credentials):
                count = position + 1
                if self._records is not None:
                    self._records.append(record)
                elif record.id is None:
                    raise ValueError("an index that fetches its credentials needs their store ids")
                weights: dict[str, list[float]] = {}
                for weight, lang, text in self._fields(record):
                    keys, stem_count = self._analyse(text, lang)
                    if weight == TITLE:
                        for key in keys[:stem_count]:
                            if key not in key_ids:  # a title stem is always indexed: number it now
                                key_ids[key] = len(key_ids)
                                positions_of.append(array("i"))
                                codes_of.append(array("B"))
                            title_tokens.append(key_ids[key])
                        title_ends.append(len(title_tokens))
                    for key in keys:
                        found = weights.get(key)
                        if found is None:
                            weights[key] = [weight]
                        elif len(found) < 4:
                            found.append(weight)
                titles_of.append(len(title_ends))
                for skill in record.skills:
                    if skill.key:
                        weights.setdefault(_concept_key(skill.key), []).append(SKILL)
                for key, found in weights.items():
                    if len(found) == 1:
                        value = found[0]
                    else:
                        best = max(found)
                        value = best + 0.2 * (sum(found) - best)
                    code = value_codes.get(value)
                    if code is None:
                        code = value_codes[value] = len(value_codes)
                    number = key_ids.get(key)
                    if number is None:
                        number = key_ids[key] = len(key_ids)
                        positions_of.append(array("i"))
                        codes_of.append(array("B"))
                    positions_of[number].append(position)  # type: ignore[union-attr]
                    codes_of[number].append(code)  # type: ignore[union-attr]

                online.append(record.delivery == "online")
                hours.append(record.hours if record.hours is not None else nan)
                cost.append(float(record.cost) if record.cost is not None else nan)
                store_ids.append(record.id if record.id is not None else 0)
                external_ids.append(record.external_id)
                for lang in set(record.languages):
                    taught[lang].append(position)
                name = pick(record.provider.name, "en") if record.provider else ""
                provider = provider_ids.get(name)
                if provider is None:
                    provider = provider_ids[name] = len(self._provider_names)
                    self._provider_names.append(name)
                    self._provider_normalised.append(
                        normalise(" ".join(record.provider.name.values())) if record.provider else ""
                    )
                provider_of.append(provider)
        self._analysed.clear()
        self._count = count
        if len(value_codes) > 256:  # at most 4 field weights of 4 kinds are combined
            raise RuntimeError("too many distinct posting values for one-byte codes")

        # Postings in three flat arrays, moved key by key (the growing arrays are freed as the
        # flat ones fill).
        self._key_ids = key_ids
        total = sum(len(ids) for ids in positions_of if ids is not None)
        self._offsets = np.zeros(len(key_ids) + 1, np.int64)
        self._post_ids: IntArray = np.empty(total, np.int32)
        self._post_codes: npt.NDArray[np.uint8] = np.empty(total, np.uint8)
        self._values: FloatArray = np.zeros(max(1, len(value_codes)), np.float32)
        for value, code in value_codes.items():
            self._values[code] = value
        idf = np.zeros(len(key_ids), np.float64)
        filled = 0
        for number in range(len(key_ids)):
            ids, codes = positions_of[number], codes_of[number]
            assert ids is not None and codes is not None
            size = len(ids)
            self._post_ids[filled : filled + size] = np.frombuffer(ids, np.int32)
            self._post_codes[filled : filled + size] = np.frombuffer(codes, np.uint8)
            filled += size
            self._offsets[number + 1] = filled
            idf[number] = math.log(1.0 + count / size) if size else 0.0
            positions_of[number] = codes_of[number] = None
        self._idf = idf
        del positions_of, codes_of
        self._title_tokens: IntArray = np.frombuffer(title_tokens, np.int32).copy()
        self._title_ends: IntArray = np.frombuffer(title_ends, np.int32).copy()
        self._titles_of: IntArray = np.frombuffer(titles_of, np.int32).copy()

        # Words of the index and the vocabulary, for typos (by length) and prefixes (sorted).
        for word, vocabulary_keys in self._vocabulary_words.items():
            self._word_keys[word].update(vocabulary_keys)
        self._words: dict[str, tuple[str, ...]] = {
            word: tuple(sorted(self._word_keys[word])) for word in sorted(self._word_keys)
        }
        self._word_keys = defaultdict(set)  # built: `_words` answers from now on
        self._sorted_words = list(self._words)  # in order already
        self._words_by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._sorted_words:
            self._words_by_length[len(word)].append(word)

        # Columns for filters and ordering.
        self._online = np.frombuffer(online, np.int8).astype(bool)
        self._hours = np.frombuffer(hours, np.float64).copy()
        self._cost = np.frombuffer(cost, np.float64).copy()
        self._store_ids = np.frombuffer(store_ids, np.int64).copy()
        self._provider_of = np.frombuffer(provider_of, np.int32).copy()
        self._taught: dict[str, npt.NDArray[np.bool_]] = {}
        for lang, positions in taught.items():
            mask = np.zeros(count, bool)
            mask[np.frombuffer(positions, np.int32)] = True
            self._taught[lang] = mask
        self._nowhere = np.zeros(count, bool)
        self._in_en = self._taught.get("en", self._nowhere)
        self._in_fr = self._taught.get("fr", self._nowhere)
        self._providers = [ProviderName.of(name) for name in self._provider_names if name]
        # Ties go by the store's id (then external id): the rank of each record in that order.
        self._ordinal = np.arange(count, dtype=np.int64)
        if count > 1 and not np.all(np.diff(self._store_ids) > 0):  # not already in id order
            ids = self._store_ids.tolist()
            order = sorted(range(count), key=lambda i: (ids[i], external_ids[i]))
            self._ordinal[np.asarray(order, np.int64)] = np.arange(count, dtype=np.int64)

    # ----------------------------------------------------------------------------- building

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

    def _analyse(self, text: str, lang: str) -> tuple[tuple[str, ...], int]:
        """The index keys of a text: its stems (how many is the second value), then the concepts
        it names. Its words join the index's word list (for typos and prefixes)."""
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
        result = (tuple(keys), len(sequence))
        if len(text) < 120:  # titles, skills and keywords repeat; long descriptions rarely do
            if len(self._analysed) >= ANALYSIS_CACHE:
                self._analysed.clear()
            self._analysed[cache_key] = result
        return result

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
        """An index that keeps these records and returns them (tests, small catalogues)."""
        return cls(credentials, vocabulary)

    @classmethod
    def build_from_rows(
        cls, rows: Iterable[CredentialRecord], vocabulary: Vocabulary, fetch: RecordFetcher
    ) -> SearchIndex:
        """An index read from `rows` one at a time (each may be dropped once read: the index
        keeps none), returning the credentials `fetch` reads by store id."""
        return cls(rows, vocabulary, fetch=fetch)

    # ---------------------------------------------------------------------------- persisting

    # Array attributes saved as they are (the language masks are saved as `taught-<lang>`).
    _ARRAYS = (
        "_offsets",
        "_post_ids",
        "_post_codes",
        "_values",
        "_idf",
        "_title_tokens",
        "_title_ends",
        "_titles_of",
        "_online",
        "_hours",
        "_cost",
        "_store_ids",
        "_provider_of",
        "_ordinal",
    )

    def export_state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """What `restore` needs to rebuild this index without the catalogue: its arrays, and its
        word lists as plain JSON values. Only an index that fetches its credentials qualifies."""
        if self._records is not None:
            raise ValueError("an index that keeps its records is not saved")
        arrays = {name.lstrip("_"): getattr(self, name) for name in self._ARRAYS}
        for lang, mask in self._taught.items():
            arrays["taught-" + lang] = mask
        words = {
            "count": self._count,
            "keys": list(self._key_ids),  # in key number order
            "words": self._words,  # sorted by word: `_sorted_words` is its order
            "provider_names": self._provider_names,
            "provider_normalised": self._provider_normalised,
            "abbreviations": {k: sorted(v) for k, v in self._abbreviations.items()},
            "terms": self._terms,
            "phrases": self._phrases,
        }
        return arrays, words

    @classmethod
    def restore(
        cls,
        arrays: Mapping[str, npt.NDArray[Any]],
        words: Mapping[str, Any],
        vocabulary: Vocabulary,
        fetch: RecordFetcher,
    ) -> SearchIndex:
        """The index `export_state` described, reading its credentials from `fetch`. The
        vocabulary must be the one it was built with (its concepts are in the postings)."""
        index = cls.__new__(cls)
        index.vocabulary = vocabulary
        index._fetch = fetch
        index._records = None
        index._word_keys = defaultdict(set)
        index._analysed = {}
        index._vocabulary_words = defaultdict(set)  # only needed while building
        index._abbreviations = defaultdict(set, {k: set(v) for k, v in words["abbreviations"].items()})
        index._terms = [(text, display, lang) for text, display, lang in words["terms"]]
        index._phrases = {
            first: [(tuple(phrase), concept) for phrase, concept in entries]
            for first, entries in words["phrases"].items()
        }
        count = int(words["count"])
        index._count = count
        keys: list[str] = words["keys"]
        index._key_ids = dict(zip(keys, range(len(keys)), strict=True))
        for name in cls._ARRAYS:
            setattr(index, name, arrays[name.lstrip("_")])
        if len(index._offsets) != len(keys) + 1 or any(
            len(getattr(index, name)) != count for name in ("_online", "_store_ids", "_ordinal")
        ):
            raise ValueError("saved index arrays do not match its key list or its size")
        index._words = {word: tuple(found) for word, found in words["words"].items()}
        index._sorted_words = sorted(index._words)  # saved in order: a linear pass
        index._words_by_length = defaultdict(list)
        for word in index._sorted_words:
            index._words_by_length[len(word)].append(word)
        index._provider_names = list(words["provider_names"])
        index._provider_normalised = list(words["provider_normalised"])
        index._taught = {
            name.removeprefix("taught-"): mask for name, mask in arrays.items() if name.startswith("taught-")
        }
        index._nowhere = np.zeros(count, bool)
        index._in_en = index._taught.get("en", index._nowhere)
        index._in_fr = index._taught.get("fr", index._nowhere)
        index._providers = [ProviderName.of(name) for name in index._provider_names if name]
        return index

    def __len__(self) -> int:
        return self._count

    def _postings(self, key: str) -> tuple[IntArray, FloatArray, float] | None:
        """A key's credential positions, their values and the key's idf."""
        number = self._key_ids.get(key)
        if number is None:
            return None
        start, end = int(self._offsets[number]), int(self._offsets[number + 1])
        return (
            self._post_ids[start:end],
            self._values[self._post_codes[start:end]],
            float(self._idf[number]),
        )

    def _records_at(self, positions: Sequence[int]) -> list[CredentialRecord | None]:
        if self._records is not None:
            return [self._records[p] for p in positions]
        assert self._fetch is not None
        ids = [int(self._store_ids[p]) for p in positions]
        found = self._fetch(ids)
        return [found.get(i) for i in ids]

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
        # The fewest typos win: when one letter away gives words, words two letters away are
        # not offered (`bookeeping` is bookkeeping, not beekeeping, however rare beekeeping is).
        if any(quality == ONE_TYPO for _, quality in found):
            found = [(candidate, quality) for candidate, quality in found if quality == ONE_TYPO]
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
        sizes = [
            int(self._offsets[n + 1] - self._offsets[n])
            for n in (self._key_ids.get(k) for k in self._words.get(word, ()))
            if n is not None
        ]
        return max(sizes, default=0)

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
            known = word.text in self._words or any(k in self._key_ids for k in best)
            expansions: list[tuple[str, float]] = []
            if not known:
                expansions += self._typo_words(word.text)
            if word.open:
                expansions += self._prefix_words(word.text)
            for other, quality in expansions:
                for key in self._words.get(other, ()):
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

    def _filter_mask(self, filters: Limits) -> npt.NDArray[np.bool_] | None:
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
            both(self._taught.get(filters.taught_in, self._nowhere))
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
        count = self._count
        coverage = np.zeros(count, np.int32)
        total = np.zeros(count, np.float32)
        for group in groups:
            values = np.zeros(count, np.float32)
            for alternative in group:
                posting = self._postings(alternative.key)
                if posting is None:
                    continue
                ids, weights, idf = posting
                scaled = weights * np.float32(alternative.quality * idf)
                values[ids] = np.maximum(values[ids], scaled)
            coverage += values > 0
            total += values
        return coverage, total

    def _title_sequences(self, position: int) -> list[list[int]]:
        """The stems of each title of a credential, as key numbers."""
        first, last = int(self._titles_of[position]), int(self._titles_of[position + 1])
        sequences = []
        for title in range(first, last):
            start = int(self._title_ends[title - 1]) if title else 0
            sequences.append(self._title_tokens[start : int(self._title_ends[title])].tolist())
        return sequences

    def _phrase_bonus(self, position: int, wanted: list[set[int]]) -> float:
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
        filters: Limits | None = None,
    ) -> SearchResult:
        parsed = parse_query(query, self._providers)
        parsed.words = self._topic_words(parsed.words)
        understood = parsed.limits
        # Explicit options win over the limits understood in the query text.
        applied = understood.merged(filters or Limits())
        result = SearchResult(query, [], 0, applied, topic=parsed.topic, understood=understood)
        mask = self._filter_mask(applied)
        count = self._count
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
        key_ids = self._key_ids
        wanted = [{key_ids[k] for k in stems(word.text) if k in key_ids} for word in parsed.words]
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
        records = self._records_at([positions[j] for j in page])
        # A credential deleted from the store since the index was built is left out.
        return [SearchHit(r, scores[j]) for r, j in zip(records, page, strict=True) if r is not None]

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

    def _droppable(self, parsed: ParsedQuery, applied: Limits) -> list[str]:
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


__all__ = [
    "SearchHit",
    "SearchIndex",
    "SearchResult",
    "normalise",
    "split_words",
]
