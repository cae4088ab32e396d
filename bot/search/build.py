"""Building a search index from credentials, one at a time: each credential's texts analysed into
stems and the concepts they name, postings grown in compact arrays, one column entry per limit;
then everything moved into the flat arrays of an `IndexState`."""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from bot.domain.credential import CredentialRecord, pick
from bot.language.parallel import abbreviations, content_stems, learn
from bot.language.text import STOP_WORDS, document_matches, document_words, match_words, normalise, stem
from bot.memory import without_cyclic_gc
from bot.search.concepts import Concepts, concept_key
from bot.search.masks import Columns
from bot.search.state import IndexState, IntArray

# Field weights: title above skills above keywords above description.
TITLE, SKILL, KEYWORD, DESCRIPTION = 10.0, 6.0, 4.0, 1.5
# Most (text, language) analyses kept while building: titles, skills and keywords repeat.
ANALYSIS_CACHE = 20_000
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
# Most bilingual pairs (names, competencies) translations are learned from: enough for a
# network's catalogue, bounded for a registry-sized one.
MAX_PARALLEL_PAIRS = 40_000
# A translation's stem of this many letters is also held by words derived from it, at most this
# many letters longer (communaut → communautaire, format → formateur).
DERIVED_FROM = 6
DERIVED_SUFFIX = 4


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


class IndexBuilder:
    """Grows an index credential by credential (`build`); keeps the records only if asked."""

    def __init__(self, concepts: Concepts, *, keep_records: bool) -> None:
        self.concepts = concepts
        self.records: list[CredentialRecord] | None = [] if keep_records else None
        self._word_keys: defaultdict[str, set[str]] = defaultdict(set)
        self._analysed: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}
        self._stems_of: dict[str, dict[str, str]] = {}
        self._match_keys: dict[str, dict[str, tuple[str, ...]]] = {}
        # Postings grow in compact arrays (5 bytes an entry): per key number, the positions and
        # the codes of the values (in `value_codes`; a handful of weight combinations exist).
        self._key_ids: dict[str, int] = {}
        self._sorted_keys: list[str] | None = None
        self._positions_of: list[array[int] | None] = []
        self._codes_of: list[array[int] | None] = []
        self._value_codes: dict[float, int] = {}
        # Columns, one entry a credential.
        self._online = array("b")
        self._hours = array("d")
        self._cost = array("d")
        self._store_ids = array("q")
        self._provider_of = array("i")
        self._provider_ids: dict[str, int] = {}
        self._provider_names: list[str] = []
        self._provider_normalised: list[str] = []
        self._taught: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        self._external_ids: list[str] = []
        self._title_tokens = array("i")
        self._title_ends = array("i")
        self._titles_of = array("i", [0])
        self._count = 0
        # Parallel text (lang, stems, lang, stems) and abbreviations written out in the texts.
        self._pairs: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]] = []
        self._abbreviations: defaultdict[str, set[tuple[str, ...]]] = defaultdict(set)

    def build(self, credentials: Iterable[CredentialRecord]) -> IndexState:
        with without_cyclic_gc():
            for position, record in enumerate(credentials):
                self._count = position + 1
                if self.records is not None:
                    self.records.append(record)
                elif record.id is None:
                    raise ValueError("an index that fetches its credentials needs their store ids")
                self._add_postings(position, record)
                self._add_columns(position, record)
        self._analysed.clear()
        self._stems_of.clear()
        self._match_keys.clear()
        if len(self._value_codes) > 256:  # at most 4 field weights of 4 kinds are combined
            raise RuntimeError("too many distinct posting values for one-byte codes")
        return self._finish()

    def _number(self, key: str) -> int:
        """The key's number, a new one (with empty postings) for a new key."""
        number = self._key_ids.get(key)
        if number is None:
            number = self._key_ids[key] = len(self._key_ids)
            self._positions_of.append(array("i"))
            self._codes_of.append(array("B"))
        return number

    def _learn_from(self, record: CredentialRecord) -> None:
        """Keep what the record teaches about words: its bilingual names and competencies as
        parallel text, and abbreviations it spells out ("… géographique (SIG)")."""
        if len(self._pairs) < MAX_PARALLEL_PAIRS:
            for labels in (record.name, *(skill.label for skill in record.skills)):
                if len(labels) > 1:
                    (a, x), (b, y) = sorted(labels.items())[:2]
                    self._pairs.append((a, self._stems(x, a), b, self._stems(y, b)))
            # Keyword lists and descriptions of the same length, item by item, sentence by
            # sentence: a translated record keeps their order.
            for texts in (record.keywords, {k: _SENTENCE.split(v) for k, v in record.description.items()}):
                if len(texts) > 1:
                    (a, xs), (b, ys) = sorted(texts.items())[:2]
                    if len(xs) == len(ys) > 0:
                        for x, y in zip(xs, ys, strict=True):
                            self._pairs.append((a, tuple(content_stems(x, a)), b, tuple(content_stems(y, b))))
        for lang, written in (*record.name.items(), *record.description.items()):
            if "(" in written:
                for abbreviation, expansion in abbreviations(written):
                    stems = tuple(stem(w, lang) for w in document_words(expansion) if w not in STOP_WORDS)
                    if len(stems) > 1:
                        self._abbreviations[normalise(abbreviation)].add(stems)

    def _add_postings(self, position: int, record: CredentialRecord) -> None:
        self._learn_from(record)
        weights: dict[str, list[float]] = {}
        for weight, lang, text in _fields(record):
            keys, stem_count = self._analyse(text, lang)
            if weight == TITLE:
                for key in keys[:stem_count]:  # a title stem is always indexed: number it now
                    self._title_tokens.append(self._number(key))
                self._title_ends.append(len(self._title_tokens))
            for key in keys:
                found = weights.get(key)
                if found is None:
                    weights[key] = [weight]
                elif len(found) < 4:
                    found.append(weight)
        self._titles_of.append(len(self._title_ends))
        for skill in record.skills:
            if skill.key:
                weights.setdefault(concept_key(skill.key), []).append(SKILL)
        value_codes, key_ids = self._value_codes, self._key_ids
        positions_of, codes_of = self._positions_of, self._codes_of
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
                number = self._number(key)
            positions_of[number].append(position)  # type: ignore[union-attr]
            codes_of[number].append(code)  # type: ignore[union-attr]

    def _add_columns(self, position: int, record: CredentialRecord) -> None:
        self._online.append(record.delivery == "online")
        self._hours.append(record.hours if record.hours is not None else math.nan)
        self._cost.append(float(record.cost) if record.cost is not None else math.nan)
        self._store_ids.append(record.id if record.id is not None else 0)
        self._external_ids.append(record.external_id)
        for lang in set(record.languages):
            self._taught[lang].append(position)
        name = pick(record.provider.name, "en") if record.provider else ""
        provider = self._provider_ids.get(name)
        if provider is None:
            provider = self._provider_ids[name] = len(self._provider_names)
            self._provider_names.append(name)
            self._provider_normalised.append(
                normalise(" ".join(record.provider.name.values())) if record.provider else ""
            )
        self._provider_of.append(provider)

    def _stems(self, text: str, lang: str) -> tuple[str, ...]:
        keys, stem_count = self._analyse(text, lang)
        return keys[:stem_count]

    def _analyse(self, text: str, lang: str) -> tuple[tuple[str, ...], int]:
        """The index keys of a text: its stems (how many is the second value), then the concepts
        it names. Its words join the index's word list (for typos and prefixes)."""
        cache_key = (text, lang)
        cached = self._analysed.get(cache_key)
        if cached is not None:
            return cached
        # Each word match's stems in this language (stop words left out), once per build.
        keys_of = self._match_keys.get(lang)
        if keys_of is None:
            keys_of = self._match_keys[lang] = {}
        matches = document_matches(text)
        parts = list(map(keys_of.get, matches))
        if None in parts:
            for at, part in enumerate(parts):
                if part is None:
                    parts[at] = self._keys_of_match(matches[at], lang, keys_of)
        sequence = tuple([key for part in parts for key in part])  # type: ignore[union-attr]
        named = self.concepts.named(sequence)
        result = (sequence + tuple(named) if named else sequence, len(sequence))
        if len(text) < 120:  # titles, skills and keywords repeat; long descriptions rarely do
            if len(self._analysed) >= ANALYSIS_CACHE:
                self._analysed.clear()
            self._analysed[cache_key] = result
        return result

    def _keys_of_match(self, match: str, lang: str, keys_of: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The stems of a word match's words in this language (each word's stem once per build,
        "" for a stop word, left out); a word with a stem joins the index's word list."""
        stems = self._stems_of.get(lang)
        if stems is None:
            stems = self._stems_of[lang] = {}
        keys: list[str] = []
        for word in match_words(match):
            key = stems.get(word)
            if key is None:
                key = stems[word] = "" if word in STOP_WORDS else stem(word, lang)
                if key:
                    self._word_keys[word].add(key)
            if key:
                keys.append(key)
        found = keys_of[match] = tuple(keys)
        return found

    def _add_derived_concepts(self) -> None:
        """Postings of the translation concepts (shipped, and learned from this catalogue's
        parallel text) and of the abbreviations the catalogue spells out: a credential holds one
        when it holds every stem of one of its phrases, valued at the least of those stems."""
        concepts = self.concepts
        learned = concepts.add_translations(learn(self._pairs))
        self._pairs = []
        keys = [key for key in concepts.sides if key not in self._key_ids] + learned
        for abbreviation, expansions in sorted(self._abbreviations.items()):
            for expansion in sorted(expansions):
                key = "~" + abbreviation + "=" + " ".join(expansion)
                concepts.sides[key] = [expansion]
                concepts.abbreviations[abbreviation].add(key)
                keys.append(key)
        self._abbreviations.clear()
        values = np.zeros(max(1, len(self._value_codes)), np.float64)
        for value, code in self._value_codes.items():
            values[code] = value
        for key in dict.fromkeys(keys):
            held = [self._holding(phrase, values) for phrase in concepts.sides.get(key, ())]
            held = [pair for pair in held if pair[0].size]
            if not held:
                continue
            positions = np.concatenate([p for p, _ in held])
            found = np.concatenate([v for _, v in held])
            order = np.lexsort((-found, positions))  # by position, best value first
            positions, found = positions[order], found[order]
            first = np.ones(positions.size, bool)
            first[1:] = positions[1:] != positions[:-1]
            number = self._number(key)
            target_positions, target_codes = self._positions_of[number], self._codes_of[number]
            assert target_positions is not None and target_codes is not None
            codes = self._value_codes
            target_positions.extend(positions[first].astype(np.int32).tolist())
            target_codes.extend(codes[float(v)] for v in found[first].tolist())
        concepts.sides = {}

    def _holding(
        self, phrase: tuple[str, ...], values: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        """Credentials holding every stem of `phrase`, with the least of their values."""
        empty = (np.zeros(0, np.int32), np.zeros(0, np.float64))
        result: tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]] | None = None
        for part in phrase:
            found = self._postings_of_derived(part, values)
            if found is None:
                return empty
            here, value = found
            if result is None:
                result = (here, value)
            else:
                common, left, right = np.intersect1d(result[0], here, assume_unique=True, return_indices=True)
                result = (common.astype(np.int32), np.minimum(result[1][left], value[right]))
            if not result[0].size:
                return empty
        return result or empty

    def _postings_of_derived(
        self, part: str, values: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]] | None:
        """The credentials holding stem `part` or, for a long stem, a word derived from it
        (`DERIVED_SUFFIX`): the translation « communauté » of "community" is held by « organisme
        communautaire », « formation » by « formateur »; best value per credential."""
        numbers = [self._key_ids[part]] if part in self._key_ids else []
        if len(part) >= DERIVED_FROM:
            if self._sorted_keys is None:
                self._sorted_keys = sorted(key for key in self._key_ids if key[:1].isalpha())
            keys = self._sorted_keys
            at = bisect.bisect_right(keys, part)
            while at < len(keys) and keys[at].startswith(part):
                if len(keys[at]) - len(part) <= DERIVED_SUFFIX and " " not in keys[at]:
                    numbers.append(self._key_ids[keys[at]])
                at += 1
        if not numbers:
            return None
        here_parts, value_parts = [], []
        for number in numbers:
            positions, codes = self._positions_of[number], self._codes_of[number]
            assert positions is not None and codes is not None
            here_parts.append(np.frombuffer(positions, np.int32))
            value_parts.append(values[np.frombuffer(codes, np.uint8)])
        if len(numbers) == 1:
            return here_parts[0], value_parts[0]
        here, value = np.concatenate(here_parts), np.concatenate(value_parts)
        order = np.lexsort((-value, here))
        here, value = here[order], value[order]
        first = np.ones(here.size, bool)
        first[1:] = here[1:] != here[:-1]
        return here[first], value[first]

    def _finish(self) -> IndexState:
        self._add_derived_concepts()
        count = self._count
        offsets, post_ids, post_codes, idf = self._flat_postings()
        values = np.zeros(max(1, len(self._value_codes)), np.float32)
        for value, code in self._value_codes.items():
            values[code] = value
        # Words of the index and the vocabulary, for typos (by length) and prefixes (sorted).
        for word, vocabulary_keys in self.concepts.words.items():
            self._word_keys[word].update(vocabulary_keys)
        words = {word: tuple(sorted(self._word_keys[word])) for word in sorted(self._word_keys)}
        self._word_keys = defaultdict(set)
        taught: dict[str, npt.NDArray[np.bool_]] = {}
        for lang, positions in self._taught.items():
            mask = np.zeros(count, bool)
            mask[np.frombuffer(positions, np.int32)] = True
            taught[lang] = mask
        columns = Columns(
            online=np.frombuffer(self._online, np.int8).astype(bool),
            hours=np.frombuffer(self._hours, np.float64).copy(),
            cost=np.frombuffer(self._cost, np.float64).copy(),
            provider_of=np.frombuffer(self._provider_of, np.int32).copy(),
            provider_normalised=self._provider_normalised,
            taught=taught,
        )
        store_ids = np.frombuffer(self._store_ids, np.int64).copy()
        return IndexState(
            count=count,
            key_ids=self._key_ids,
            offsets=offsets,
            post_ids=post_ids,
            post_codes=post_codes,
            values=values,
            idf=idf,
            title_tokens=np.frombuffer(self._title_tokens, np.int32).copy(),
            title_ends=np.frombuffer(self._title_ends, np.int32).copy(),
            titles_of=np.frombuffer(self._titles_of, np.int32).copy(),
            words=words,
            columns=columns,
            store_ids=store_ids,
            ordinal=self._ordinal(store_ids),
            provider_names=self._provider_names,
            concepts=self.concepts,
            records=self.records,
        )

    def _flat_postings(
        self,
    ) -> tuple[npt.NDArray[np.int64], IntArray, npt.NDArray[np.uint8], npt.NDArray[np.float64]]:
        """Postings in three flat arrays (offsets, positions, value codes) and the idf of each key,
        moved key by key (the growing arrays are freed as the flat ones fill)."""
        count = self._count
        keys = len(self._key_ids)
        total = sum(len(ids) for ids in self._positions_of if ids is not None)
        offsets = np.zeros(keys + 1, np.int64)
        post_ids = np.empty(total, np.int32)
        post_codes = np.empty(total, np.uint8)
        idf = np.zeros(keys, np.float64)
        filled = 0
        for number in range(keys):
            ids, codes = self._positions_of[number], self._codes_of[number]
            assert ids is not None and codes is not None
            size = len(ids)
            post_ids[filled : filled + size] = np.frombuffer(ids, np.int32)
            post_codes[filled : filled + size] = np.frombuffer(codes, np.uint8)
            filled += size
            offsets[number + 1] = filled
            idf[number] = math.log(1.0 + count / size) if size else 0.0
            self._positions_of[number] = self._codes_of[number] = None
        self._positions_of, self._codes_of = [], []
        return offsets, post_ids, post_codes, idf

    def _ordinal(self, store_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Each credential's rank in (store id, external id) order: ties go that way."""
        count = self._count
        ordinal = np.arange(count, dtype=np.int64)
        if count > 1 and not np.all(np.diff(store_ids) > 0):  # not already in id order
            ids = store_ids.tolist()
            external_ids = self._external_ids
            order = sorted(range(count), key=lambda i: (ids[i], external_ids[i]))
            ordinal[np.asarray(order, np.int64)] = np.arange(count, dtype=np.int64)
        return ordinal
