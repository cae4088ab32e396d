"""The catalogue search index: an inverted index of stems per field, the multilingual skills
vocabulary as concepts, typo and prefix expansion of query words, and vectorised scoring.

Built by `bot.search.build` into an `IndexState` (`bot.search.state`); the vocabulary's concepts
are in `bot.search.concepts`, the columns limits apply to in `bot.search.masks`.

How a query is answered:

1. `parse_query` takes out the limits the sentence states and its chat words.
2. Every remaining word becomes a group of alternative index keys, each with a quality: its
   stems in every language (1.0), words of the index within its typo budget (0.7 and 0.5), for
   the last word the index words it begins (0.8), and the vocabulary concepts it or a phrase it
   belongs to names, labels, synonyms and abbreviations in every language (the concept key is
   indexed on every credential whose text names the concept in any language).
3. A credential's value for a group is its best alternative: field weight (title > skills >
   keywords > description) × quality × idf. Credentials are ranked by how many query words they
   match, then by the sum of values (after a bonus for the query as a phrase in the title), then
   taught in the learner's locale first, then by id.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.credential import CredentialRecord, Vocabulary
from bot.domain.limits import Limits
from bot.formats.lexicon import shipped_translations
from bot.language.packs import DEFAULT_LANGUAGE, LANGUAGES, pack
from bot.language.parallel import Translation
from bot.language.text import STOP_WORDS, max_typos, normalise, split_words, stems
from bot.search.build import IndexBuilder
from bot.search.concepts import Concepts, Phrases
from bot.search.query import ParsedQuery, QueryWord, parse_query
from bot.search.state import FloatArray, IndexState, IntArray

# Match qualities: whole word (stem) and vocabulary concept above prefix above typos.
EXACT, PREFIX, ONE_TYPO, TWO_TYPOS = 1.0, 0.8, 0.7, 0.5
PHRASE_BONUS, EXACT_TITLE_BONUS = 1.15, 1.3
# A credential matching fewer query words than the best is kept only if it scores at least this
# share of the best score among those that match the most.
KEEP_SHARE = 0.5
# The most a description alone gives a key (in both languages: 1.5 + 0.2 x 1.5); keywords give 4.
DESCRIPTION_ONLY = 2.0
# A credential must match at least this share of the query's words, unless none does: then those
# matching the most are the answer (partial matches) rather than nothing.
NEEDED_SHARE = 0.5
# Up to this many words a query is a topic: every word of it counts.
SHORT_TOPIC = 3
# "Cheap" with no amount: how much more a credential within the budget scores.
CHEAP_BONUS = 1.5
# How far down the plain ranking the phrase bonus may reorder.
RERANK_WINDOW = 60
# Most index words a prefix expands to (the most frequent are kept).
PREFIX_EXPANSIONS = 40
# A query word of this many letters may be the initials of words of a title (PSW: Personal Support
# Worker, RH: ressources humaines) when written in capitals or when no title uses it as a word.
INITIALS = range(2, 6)
TITLE_WEIGHT = 10.0
# A translation of this many stems or more is partly held by a credential holding all of them
# but its head (`LanguagePack.head_first`: « engins de chantier » of « conducteur d'engins de
# chantier »); such a match is worth this share of a whole one.
PARTIAL_STEMS = 3
PARTIAL_QUALITY = 0.6
# A search with fewer results than this is topped up with credentials close to its best result
# (its title and skills as the query), marked related: a learner who finds one course on a topic
# wants to see its neighbours rather than a list of one.
RELATED_UP_TO = 5
# A related credential scores at least this share of what the best result scores on its own words.
RELATED_SHARE = 0.35


@dataclass(frozen=True)
class SearchHit:
    credential: CredentialRecord
    score: float
    # Not a match for the query but close to its best result (shown after the matches).
    related: bool = False
    # One of the credentials the search was asked to put first (a network's own).
    first: bool = False


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
    # No credential matches every word of a short topic (or half of a sentence's): the hits match
    # part of it, which the learner is told.
    partial: bool = False
    # How many of `total` are related credentials (not matches) topping up a short answer.
    related: int = 0
    # How many of the matches are among the credentials asked first (they come first).
    first: int = 0


@dataclass(frozen=True)
class _Alternative:
    key: str
    quality: float


# Prefixes of every language, longest first.
_PREFIXES = sorted({p for code in LANGUAGES for p in pack(code).prefixes}, key=lambda p: (-len(p), p))
# Keys of the postings made at query time from title initials (no index key starts so).
_INITIALS_KEY = "\x00initials:"
# Keys of the postings made at query time of the credentials holding most stems of a translation
# ("conducteur d'engins de chantier" in « Conduite d'engins de chantier »).
_PARTIAL_KEY = "\x00partial:"

RecordFetcher = Callable[[Sequence[int]], Mapping[int, CredentialRecord]]
"""Reads the credentials of some store ids (those that still exist), by id."""


def _phrases_in(
    candidate_stems: Sequence[Mapping[str, float]], phrases: Phrases
) -> list[tuple[int, int, str, float]]:
    """(start, end, concept, quality) of every phrase whose stems the query's words may stand
    for, in order; the quality is the weakest of its words'."""
    found = []
    for start, here in enumerate(candidate_stems):
        for first, first_quality in here.items():
            for phrase, concept in phrases.get(first, ()):
                end = start + len(phrase)
                if end > len(candidate_stems):
                    continue
                quality = first_quality
                for offset, part in enumerate(phrase[1:], start + 1):
                    quality = min(quality, candidate_stems[offset].get(part, 0.0))
                    if not quality:
                        break
                if quality:
                    found.append((start, end, concept, quality))
    return found


def _gapped_phrases_in(
    candidate_stems: Sequence[Mapping[str, float]], phrases: Phrases
) -> list[tuple[int, int, tuple[str, tuple[str, ...]]]]:
    """(start, end, (concept, stems matched)) of every phrase of `PARTIAL_STEMS` stems or more
    whose stems but one inside it (neither the first nor the last) the query's words stand for,
    in order."""
    found = []
    for start, here in enumerate(candidate_stems):
        for first in here:
            for phrase, concept in phrases.get(first, ()):
                size = len(phrase) - 1
                if size + 1 < PARTIAL_STEMS or start + size > len(candidate_stems):
                    continue
                for gap in range(1, size):
                    kept = phrase[:gap] + phrase[gap + 1 :]
                    if all(kept[i] in candidate_stems[start + i] for i in range(1, size)):
                        found.append((start, start + size, (concept, kept)))
                        break
    return found


def _other_side(
    concept: str, spanned: Sequence[Mapping[str, float]], languages: Mapping[str, tuple[str, str]]
) -> tuple[str, tuple[str, ...]] | None:
    """The language and phrase a translation concept ("~left|right") gives for the query's words
    it spans: the side that is not theirs (None for another kind of concept)."""
    langs = languages.get(concept)
    if langs is None or "|" not in concept:
        return None
    left, right = (tuple(side.split(" ")) for side in concept[1:].split("|", 1))
    for mine, other, lang in ((left, right, langs[1]), (right, left, langs[0])):
        if len(mine) == len(spanned) and all(part in here for part, here in zip(mine, spanned, strict=True)):
            return lang, other
    return None


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
        translations: Iterable[Translation] | None = None,
    ) -> None:
        """`translations`: the phrase translations to use besides those the catalogue teaches
        (default: the shipped ESCO table)."""
        shipped = shipped_translations() if translations is None else translations
        builder = IndexBuilder(Concepts.of(vocabulary, shipped), keep_records=fetch is None)
        self._adopt(builder.build(credentials), vocabulary, fetch)

    def _adopt(self, state: IndexState, vocabulary: Vocabulary, fetch: RecordFetcher | None) -> None:
        self.vocabulary = vocabulary
        self._fetch = fetch
        self._state = state
        self._records = state.records
        self._count = state.count
        self._title_keys: npt.NDArray[np.bool_] | None = None
        self._title_initials: (
            tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None
        ) = None
        self._initials: dict[str, tuple[IntArray, FloatArray, float] | None] = {}
        self._partial: dict[str, tuple[IntArray, FloatArray, float] | None] = {}

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

    @property
    def keeps_records(self) -> bool:
        """Whether the index holds its credentials (built from records) or reads hits back."""
        return self._records is not None

    def export_state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """What `restore` needs to rebuild this index without the catalogue: its arrays, and its
        word lists as plain JSON values. Only an index that fetches its credentials qualifies."""
        if self._records is not None:
            raise ValueError("an index that keeps its records is not saved")
        return self._state.export()

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
        index._adopt(IndexState.restore(arrays, words), vocabulary, fetch)
        return index

    def __len__(self) -> int:
        return self._count

    def _records_at(self, positions: Sequence[int]) -> list[CredentialRecord | None]:
        if self._records is not None:
            return [self._records[p] for p in positions]
        assert self._fetch is not None
        ids = [int(self._state.store_ids[p]) for p in positions]
        found = self._fetch(ids)
        return [found.get(i) for i in ids]

    # ------------------------------------------------------------------------------ querying

    def _typo_words(self, word: str) -> list[tuple[str, float]]:
        budget = max_typos(word)
        if budget == 0:
            return []
        found: list[tuple[str, float]] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            bucket = self._state.words_by_length.get(length)
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
        start = bisect.bisect_left(self._state.sorted_words, word)
        end = bisect.bisect_left(self._state.sorted_words, word + "\x7f")
        candidates = [w for w in self._state.sorted_words[start:end] if w != word]
        if len(candidates) > PREFIX_EXPANSIONS:
            candidates.sort(key=lambda w: (-self._frequency(w), w))
            candidates = candidates[:PREFIX_EXPANSIONS]
        return [(w, PREFIX) for w in candidates]

    def _frequency(self, word: str) -> int:
        """How many credentials use a word (its most used stem)."""
        return max((self._state.posting_size(key) for key in self._state.words.get(word, ())), default=0)

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
            known = word.text in self._state.words or any(k in self._state.key_ids for k in best)
            expansions: list[tuple[str, float]] = []
            if not known:
                expansions += self._typo_words(word.text)
            if word.open:
                expansions += self._prefix_words(word.text)
            for other, quality in expansions:
                for key in self._state.words.get(other, ()):
                    offer(key, quality)
                    if stem_quality.get(key, 0.0) < quality:
                        stem_quality[key] = quality
            abbreviation = word.text.replace(".", "")
            if self._initials_of_titles(abbreviation, word.upper) is not None:
                offer(_INITIALS_KEY + abbreviation, EXACT)
            if abbreviation in self._state.concepts.abbreviations and (
                word.upper or word.text not in STOP_WORDS
            ):
                for concept in self._state.concepts.abbreviations[abbreviation]:
                    offer(concept, EXACT)
            groups.append([_Alternative(k, q) for k, q in sorted(best.items())])
            candidate_stems.append(stem_quality)
        # Vocabulary phrases (one word or more): their concept joins every word they span.
        for start, end, concept, quality in _phrases_in(candidate_stems, self._state.concepts.phrases):
            for position in range(start, end):
                groups[position].append(_Alternative(concept, quality))
        self._add_translations(groups, candidate_stems)
        return groups

    def _initials_of_titles(self, letters: str, upper: bool) -> tuple[IntArray, FloatArray, float] | None:
        """The credentials with a title in which consecutive words begin with these letters, as a
        posting of title weight (None when the word is not taken for initials)."""
        if not (
            len(letters) in INITIALS
            and letters.isascii()
            and letters.isalpha()
            and letters not in STOP_WORDS
            # An abbreviation the vocabulary knows and the catalogue uses needs no guessing.
            and not any(
                self._state.posting_size(c) for c in self._state.concepts.abbreviations.get(letters, ())
            )
            and (upper or not any(self._in_titles(key) for key in stems(letters)))
        ):
            return None
        if letters in self._initials:
            return self._initials[letters]
        posting = None
        firsts, titles, credential_of_title = self._title_letters()
        size = len(letters)
        if firsts.size >= size:
            run = np.ones(firsts.size - size + 1, bool)
            for offset, letter in enumerate(letters.encode("ascii")):
                run &= firsts[offset : firsts.size - size + 1 + offset] == letter
            run &= titles[: run.size] == titles[size - 1 : size - 1 + run.size]  # one title
            positions = np.unique(credential_of_title[titles[np.flatnonzero(run)]]).astype(np.int32)
            if positions.size:
                idf = math.log(1.0 + self._count / positions.size)
                posting = (positions, np.full(positions.size, TITLE_WEIGHT, np.float32), idf)
        if len(self._initials) > 10_000:  # learners' random short words: keep the cache small
            self._initials.clear()
        self._initials[letters] = posting
        return posting

    def _in_titles(self, key: str) -> bool:
        """Whether some title uses this key (a mask over the keys, made on the first question:
        scanning every title token on each query cost milliseconds at a million titles)."""
        if self._title_keys is None:
            self._title_keys = np.zeros(len(self._state.key_ids), bool)
            self._title_keys[self._state.title_tokens] = True
        number = self._state.key_ids.get(key)
        return number is not None and bool(self._title_keys[number])

    def _title_letters(self) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The first letter of every title stem, the title it is in, and the credential position
        of each title (computed once, on the first initials asked)."""
        if self._title_initials is None:
            state = self._state
            keys = list(state.key_ids)
            first_of_key = np.frombuffer(
                "".join(key[:1] if key[:1].isascii() and key[:1] else "\x00" for key in keys).encode("ascii"),
                np.uint8,
            )
            firsts = first_of_key[state.title_tokens] if state.title_tokens.size else np.zeros(0, np.uint8)
            lengths = np.diff(np.concatenate(([0], state.title_ends))).astype(np.int64)
            titles = np.repeat(np.arange(lengths.size, dtype=np.int64), lengths)
            per_credential = np.diff(state.titles_of).astype(np.int64)
            credential_of_title = np.repeat(np.arange(per_credential.size, dtype=np.int64), per_credential)
            self._title_initials = (firsts, titles, credential_of_title)
        return self._title_initials

    def _add_translations(
        self, groups: list[list[_Alternative]], candidate_stems: list[dict[str, float]]
    ) -> None:
        """Translation concepts of the query's phrases, phrases before words: a translated phrase
        takes its words out of the shorter translations ("chaîne de blocs" is blockchain, its
        "chaîne" is not also a chain)."""
        concepts = self._state.concepts
        found = [
            (start, end, concept, quality * concepts.weights.get(concept, 1.0))
            for start, end, concept, quality in _phrases_in(candidate_stems, concepts.translations)
        ]
        taken = [0] * len(candidate_stems)  # the longest translated phrase over each word
        for start, end, _, _ in found:
            for position in range(start, end):
                taken[position] = max(taken[position], end - start)
        for start, end, concept, quality in found:
            if all(taken[position] == end - start for position in range(start, end)):
                other = _other_side(concept, candidate_stems[start:end], concepts.languages)
                partly = None
                if other is not None and len(other[1]) >= PARTIAL_STEMS:
                    lang, phrase = other
                    # The phrase without its head: « engin chanti » of « conducteur engin chanti ».
                    rest = phrase[1:] if pack(lang).head_first else phrase[:-1]
                    partly = _Alternative(_PARTIAL_KEY + " ".join(rest), quality * PARTIAL_QUALITY)
                for position in range(start, end):
                    groups[position].append(_Alternative(concept, quality))
                    if partly is not None:
                        groups[position].append(partly)
        # A query phrase that is a translation's phrase but for one word inside it (« expert en
        # sinistres » of « expert en règlement de sinistres »: loss adjuster), where no whole
        # translation is as long.
        for start, end, (key, kept) in _gapped_phrases_in(candidate_stems, concepts.translations):
            if all(taken[position] < end - start for position in range(start, end)):
                quality = min(candidate_stems[p][k] for p, k in zip(range(start, end), kept, strict=True))
                weight = concepts.weights.get(key, 1.0) * PARTIAL_QUALITY
                for position in range(start, end):
                    groups[position].append(_Alternative(key, quality * weight))

    def _partly_holding(self, phrase: str) -> tuple[IntArray, FloatArray, float] | None:
        """The credentials holding every stem of a translation but its head (`phrase` is the
        rest), valued at the least of those stems (cached: a learner's query words repeat)."""
        if phrase in self._partial:
            return self._partial[phrase]
        posting = None
        held: tuple[IntArray, FloatArray] | None = None
        for part in dict.fromkeys(phrase.split(" ")):
            found = self._state.postings(part)
            if found is None:
                held = None
                break
            if held is None:
                held = (found[0], found[1])
            else:
                common, left, right = np.intersect1d(held[0], found[0], assume_unique=True, return_indices=True)
                held = (common.astype(np.int32), np.minimum(held[1][left], found[1][right]))
            if not held[0].size:
                break
        if held is not None and held[0].size:
            posting = (held[0], held[1], math.log(1.0 + self._count / held[0].size))
        if len(self._partial) > 10_000:
            self._partial.clear()
        self._partial[phrase] = posting
        return posting

    def _decompounded(self, words: Sequence[QueryWord]) -> list[QueryWord]:
        """A word the index does not know, written as a prefix solid onto a word it knows
        (« préapprentissage »), is read as the two (the prefix only if the index knows it: a
        "Pre-Apprenticeship" title indexes its parts)."""
        found: list[QueryWord] = []
        key_ids, translations = self._state.key_ids, self._state.concepts.translations
        for word in words:
            text = word.text
            split = None
            if len(text) >= 8 and text not in self._state.words and not any(k in key_ids for k in stems(text)):
                for prefix in _PREFIXES:
                    rest = text[len(prefix) :]
                    if text.startswith(prefix) and len(rest) >= 5 and any(
                        k in key_ids or k in translations for k in stems(rest)
                    ):
                        split = prefix, rest
                        break
            if split is None:
                found.append(word)
                continue
            prefix, rest = split
            if any(k in key_ids for k in stems(prefix)):
                found.append(replace(word, text=prefix, open=False))
            found.append(replace(word, text=rest))
        return found

    def _topic_words(self, words: Sequence[QueryWord]) -> list[QueryWord]:
        """Chat words out, unless a vocabulary phrase needs them (machine *learning*), or unless
        the query has nothing else."""
        if all(not word.noise for word in words) or all(word.noise for word in words):
            return [replace(word, noise=False) for word in words]
        candidates = [set(stems(word.text)) for word in words]
        needed: set[int] = set()
        for start, here in enumerate(candidates):
            for first in here:
                for phrase, _ in self._state.concepts.phrases.get(first, ()):
                    end = start + len(phrase)
                    if (
                        len(phrase) > 1
                        and end <= len(words)
                        and all(phrase[i] in candidates[start + i] for i in range(len(phrase)))
                    ):
                        needed.update(range(start, end))
        return [replace(w, noise=False) for i, w in enumerate(words) if not w.noise or i in needed]

    def _score(
        self, groups: list[list[_Alternative]], strong: npt.NDArray[np.bool_] | None = None
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """Each credential's coverage (query words matched) and total value; `strong`, if given,
        is set where some word is matched other than only in a description through a
        translation, a prefix or a typo."""
        count = self._count
        coverage = np.zeros(count, np.int32)
        total = np.zeros(count, np.float32)
        for group in groups:
            values = np.zeros(count, np.float32)
            for alternative in group:
                if alternative.key.startswith(_INITIALS_KEY):
                    posting = self._initials[alternative.key[len(_INITIALS_KEY) :]]
                elif alternative.key.startswith(_PARTIAL_KEY):
                    posting = self._partly_holding(alternative.key[len(_PARTIAL_KEY) :])
                else:
                    posting = self._state.postings(alternative.key)
                if posting is None:
                    continue
                ids, weights, idf = posting
                scaled = weights * np.float32(alternative.quality * idf)
                if strong is not None:
                    if alternative.quality >= EXACT and not alternative.key.startswith(("~", "@", "\x00")):
                        strong[ids] = True
                    else:
                        strong[ids[weights > DESCRIPTION_ONLY]] = True
                values[ids] = np.maximum(values[ids], scaled)
            coverage += values > 0
            total += values
        return coverage, total

    def _phrase_bonus(self, position: int, wanted: list[set[int]]) -> float:
        best = 1.0
        for title in self._state.title_sequences(position):
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
        first: Collection[int] = (),
    ) -> SearchResult:
        """`first`: store ids of credentials (a network's catalogue) ranked above every other
        match, in the same order among themselves; the rest follow as they would."""
        parsed = parse_query(query, self._state.providers)
        parsed.words = self._topic_words(parsed.words)
        understood = parsed.limits
        # Explicit options win over the limits understood in the query text.
        applied = understood.merged(filters or Limits())
        result = SearchResult(query, [], 0, applied, topic=parsed.topic, understood=understood)
        # "Cheap" with no amount is a preference, not a cap: the cheapest matches come first and
        # a good match above the budget is still shown (a learner asking for something "pas trop
        # cher" wants the payroll course at 350 $ rather than nothing about payroll).
        effective = applied.without("max_cost") if applied.cheap else applied
        mask = self._state.columns.mask(effective)
        count = self._count
        if not parsed.words:
            if mask is None or not count:
                return result
            matching = np.flatnonzero(mask)
            coverage = np.zeros(count, np.int32)
            total = np.zeros(count, np.float32)
        else:
            groups = self._alternatives(self._decompounded(parsed.words))
            # One word: whether each credential has it other than only in a description through
            # a translation, a concept, a prefix or a typo (with more words, matching several
            # of them is the evidence, and padding is cut by `_precise`).
            strong = np.zeros(count, bool) if len(groups) == 1 else None
            coverage, total = self._score(groups, strong)
            needed = max(1, math.ceil(len(groups) * NEEDED_SHARE))
            whole = len(groups) if len(groups) <= SHORT_TOPIC else needed
            allowed = coverage > 0 if mask is None else (coverage > 0) & mask
            if strong is not None and (allowed & strong).any():
                # Found only so ("accountability" for « comptabilité »): padding when better
                # matches exist.
                allowed &= strong
            if allowed.any():
                within = int(coverage[allowed].max())
                if mask is not None and within < whole <= int(coverage.max()):
                    # Credentials outside the limits match the whole topic: the limits rule them
                    # out, which the learner is told, rather than shown matches of a part of it
                    # ("first aid online" is not "first" alone).
                    needed = whole
                else:
                    # Nothing matches that many words: the credentials matching the most, said
                    # as partial matches by the ranking (coverage first), rather than nothing.
                    needed = min(needed, within)
            selected = allowed & (coverage >= needed)
            matching = self._precise(np.flatnonzero(selected), coverage, total, len(groups))
            if matching.size and len(groups) > 1:
                result.partial = int(coverage[matching].max()) < whole
        result.total = int(matching.size)
        ours = self._positions_of(first) if first else None
        if ours is not None:
            result.first = int(ours[matching].sum())
        if matching.size:
            result.hits = self._rank(
                parsed, matching, coverage, total, locale, limit, offset, applied, ours if result.first else None
            )
            if parsed.words and matching.size < RELATED_UP_TO and result.hits and not offset:
                related = self._related(result.hits[0].credential, matching, mask)
                result.total += len(related)
                result.related = len(related)
                result.hits += related[: max(0, limit - len(result.hits))]
        elif parsed.words:
            result.suggestions = self._suggest(parsed.topic, locale)
            if mask is not None:
                result.drop_filters = self._droppable(coverage >= needed, effective)
        elif mask is not None:
            result.drop_filters = effective.active()
        return result

    @staticmethod
    def _precise(
        matching: npt.NDArray[np.intp],
        coverage: npt.NDArray[np.int32],
        total: npt.NDArray[np.float32],
        words: int,
    ) -> npt.NDArray[np.intp]:
        """Fewer good results rather than a padded list: a credential matching fewer of the
        query's words than the best ones stays only if it scores close to them."""
        if matching.size < 2:
            return matching
        cov = coverage[matching]
        best = int(cov.max())
        leaders = cov == best
        # When some credentials match every word, the others are padding unless they score as
        # well; a sentence nobody matches whole keeps those close to the best.
        share = 1.0 if best == words else KEEP_SHARE
        floor = float(total[matching][leaders].max()) * share
        kept: npt.NDArray[np.intp] = matching[leaders | (total[matching] >= floor)]
        return kept

    def _rank(
        self,
        parsed: ParsedQuery,
        matching: npt.NDArray[np.intp],
        coverage: npt.NDArray[np.int32],
        total: npt.NDArray[np.float32],
        locale: str,
        limit: int,
        offset: int,
        applied: Limits,
        ours: npt.NDArray[np.bool_] | None = None,
    ) -> list[SearchHit]:
        """The page of `matching` asked, best first; those in `ours` before all others (one
        partition of the same ranking, so that pages stay consistent)."""
        in_locale = self._state.columns.taught_in(locale if locale in LANGUAGES else DEFAULT_LANGUAGE)
        cov = coverage[matching].astype(np.int64)
        scores = total[matching]
        if applied.cheap and applied.max_cost is not None:
            # Within the budget scores more: above dearer matches as good, not above much better
            # ones (a passing mention of « paiement » stays below a course on « la paie »).
            with np.errstate(invalid="ignore"):
                affordable = self._state.columns.cost[matching] <= float(applied.max_cost)
            scores = scores * np.where(affordable, np.float32(CHEAP_BONUS), np.float32(1.0))
        quantised = np.minimum(np.rint(scores * 10).astype(np.int64), (1 << 20) - 1)
        ordinal = self._state.ordinal[matching]
        preferred = in_locale[matching].astype(np.int64)
        keys = (((cov << 20) | quantised) << 25) | (preferred << 24) | ((1 << 24) - 1 - ordinal)
        mine = np.zeros(matching.size, np.int64) if ours is None else ours[matching].astype(np.int64)
        if ours is not None:
            keys |= mine << 62  # coverage stays far below 2**17 words: the bit is free
        window = min(matching.size, max(offset + limit, RERANK_WINDOW))
        if window < matching.size:
            top = np.argpartition(-keys, window - 1)[:window]
        else:
            top = np.arange(matching.size)
        key_ids = self._state.key_ids
        wanted = [{key_ids[k] for k in stems(word.text) if k in key_ids} for word in parsed.words]
        ranked: list[tuple[int, int, int, int, int, float]] = []
        for i in top.tolist():
            position = int(matching[i])
            score = float(scores[i])
            if wanted:
                score *= self._phrase_bonus(position, wanted)
            ranked.append(
                (
                    -int(mine[i]),
                    -int(cov[i]),
                    -round(score * 10),
                    -int(preferred[i]),
                    int(ordinal[i]),
                    score,
                )
            )
        order = sorted(range(len(ranked)), key=lambda j: ranked[j][:5])
        positions = [int(matching[int(top[j])]) for j in order]
        ranked_scores = [ranked[j][5] for j in order]
        firsts = [bool(ranked[j][0]) for j in order]
        page = range(offset, min(offset + limit, len(positions)))
        records = self._records_at([positions[j] for j in page])
        # A credential deleted from the store since the index was built is left out.
        return [
            SearchHit(r, ranked_scores[j], first=firsts[j])
            for r, j in zip(records, page, strict=True)
            if r is not None
        ]

    def _positions_of(self, store_ids: Collection[int]) -> npt.NDArray[np.bool_]:
        """A mask over the index's credentials: those with one of these store ids."""
        wanted = np.fromiter(store_ids, dtype=np.int64, count=len(store_ids))
        return np.isin(self._state.store_ids, wanted)

    def _related(
        self,
        seed: CredentialRecord,
        matching: npt.NDArray[np.intp],
        mask: npt.NDArray[np.bool_] | None,
    ) -> list[SearchHit]:
        """Credentials close to `seed` (its names and skills as the query, in every language),
        within the same limits, not among `matching`, best first."""
        texts = [*seed.name.values(), *(text for skill in seed.skills for text in skill.label.values())]
        seen: dict[str, None] = {}
        for text in texts:
            for word in split_words(normalise(text)):
                if len(word) > 2 and word not in STOP_WORDS:
                    seen.setdefault(word, None)
        if not seen:
            return []
        groups = self._alternatives([QueryWord(word, upper=False, open=False) for word in seen])
        _, total = self._score(groups)
        reference = float(total[matching].max())
        allowed = total >= reference * RELATED_SHARE
        allowed[matching] = False
        if mask is not None:
            allowed &= mask
        candidates = np.flatnonzero(allowed)
        wanted = RELATED_UP_TO - int(matching.size)
        if candidates.size > wanted:
            candidates = candidates[np.argsort(-total[candidates], kind="stable")[:wanted]]
        else:
            candidates = candidates[np.argsort(-total[candidates], kind="stable")]
        positions = [int(p) for p in candidates]
        records = self._records_at(positions)
        return [
            SearchHit(record, float(total[p]), related=True)
            for record, p in zip(records, positions, strict=True)
            if record is not None
        ]

    def _suggest(self, topic: str, locale: str) -> list[str]:
        """The vocabulary terms closest to a query that found nothing, in the learner's language
        first."""
        if not topic or not self._state.concepts.terms:
            return []
        choices = [term for term, _, _ in self._state.concepts.terms]
        found = process.extract(topic, choices, scorer=fuzz.WRatio, limit=12, score_cutoff=60)
        seen: list[str] = []
        ordered = sorted(found, key=lambda f: (-f[1], self._state.concepts.terms[f[2]][2] != locale, f[2]))
        for _, _, index in ordered:
            display = self._state.concepts.terms[index][1]
            if display not in seen:
                seen.append(display)
        return seen[:5]

    def _droppable(self, selected: npt.NDArray[np.bool_], applied: Limits) -> list[str]:
        """The limits whose removal alone lets some of the `selected` credentials through."""
        droppable = []
        for name in applied.active():
            mask = self._state.columns.mask(applied.without(name))
            if np.any(selected if mask is None else selected & mask):
                droppable.append(name)
        return droppable

    @property
    def provider_names(self) -> list[str]:
        return [name for name in self._state.provider_names if name]


__all__ = [
    "SearchHit",
    "SearchIndex",
    "SearchResult",
    "normalise",
    "split_words",
]
