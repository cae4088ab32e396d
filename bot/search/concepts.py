"""The skills vocabulary as the search index sees it: concepts named by stem sequences (labels and
synonyms in every language), abbreviations, and the terms offered when a search finds nothing.

Translations (`bot.language.parallel`: shipped from ESCO, and learned from the catalogue's own
bilingual records) are concepts too: one key per pair of phrases, "~" + both phrases. They are
not looked for in documents word by word; a document holds a translation concept when it holds
every stem of one of its phrases (`sides`, used once while building). A query phrase that is one
side of a translation reaches the documents of the other side, at the translation's `weight`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from bot.domain.credential import Occupation, SkillConcept, Vocabulary
from bot.language.packs import LANGUAGES
from bot.language.parallel import Translation
from bot.language.text import STOP_WORDS, document_words, normalise, stem

# Translations less sure than this are not used, unless the two words are cognates
# (technician / technicien, archivist / archiviste: words so alike are the same word; their
# confidence is low only because one language has more words for it), seen together this often.
MIN_CONFIDENCE = 0.25
COGNATE_SIMILARITY = 84
COGNATE_LINKS = 4

# Vocabulary texts whose analysis is kept between index builds (the shipped ones: ESCO's labels
# and synonyms, about 72,000, and ours).
VOCABULARY_TEXTS = 120_000

# First stem -> [(stem sequence, concept key)], longest phrases first.
Phrases = dict[str, list[tuple[tuple[str, ...], str]]]


def _cognates(t: Translation) -> bool:
    return (
        len(t.source) == len(t.target) == 1
        and t.links >= COGNATE_LINKS
        and fuzz.ratio(t.source[0], t.target[0]) >= COGNATE_SIMILARITY
    )


def concept_key(key: str) -> str:
    """The index key of a vocabulary concept (never a stem: stems have no `@`)."""
    return "@" + key


def phrase_variants(text: str, own: str | None = None) -> set[tuple[str, ...]]:
    """A vocabulary phrase as stem sequences, stemmed in every language (the label of one
    language is often used as is in another: marketing, leadership). A one-word label of
    language `own` is not cut shorter by another language's stemmer than by its own: French
    reads the English "binder" as a verb, « bind », which every "binding" holds."""
    # Capitals keep a stop word: "IT security" is not just "security" (its documents have lost
    # the "it", so such a phrase only ever matches in queries, where "IT" is kept).
    capitals = {w.casefold() for w in text.split() if w.isupper() and len(w) > 1}
    written = document_words(text)
    words = [w for w in written if w not in STOP_WORDS or w in capitals]
    if len(words) == 1 and len(written) > 1:
        # A label of several words is not its one word that is no stop word: "it security" is
        # not "security" (every safety course), "ai fundamentals" not "fundamentals". Kept
        # whole, it names the concept only where its words are all there.
        words = written
    if not words:
        return set()
    variants = {tuple(stem(w, lang) for w in words) for lang in LANGUAGES}
    if own in LANGUAGES and len(words) == 1:
        mine = stem(words[0], own)
        variants = {variant for variant in variants if len(variant[0]) >= len(mine)}
    return variants


@lru_cache(maxsize=VOCABULARY_TEXTS)
def _analysed(
    lang: str, text: str
) -> tuple[frozenset[tuple[str, ...]], tuple[tuple[str, str], ...], str]:
    """A vocabulary text's phrase variants, (word, stem) pairs and normalised form, kept: every
    index build reads the same shipped vocabularies (ESCO: 70,000 texts), and stemming them is
    most of the time it takes to build an index for a small catalogue."""
    word_stems = tuple((word, stem(word, lang)) for word in document_words(text) if word not in STOP_WORDS)
    return frozenset(phrase_variants(text, lang)), word_stems, normalise(text)


@dataclass
class Concepts:
    phrases: Phrases
    # Normalised abbreviation (dots out) -> concept keys.
    abbreviations: defaultdict[str, set[str]]
    terms: list[tuple[str, str, str]]  # (normalised text, display text, lang)
    # Words of the vocabulary -> their stems (they join the index's word list; only needed
    # while building).
    words: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Translation concepts: first stem -> [(phrase, key)], longest first; the quality a match
    # through each key gets; and (while building only) the phrases of each key.
    translations: Phrases = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    # The languages of each translation key's two phrases (left, right).
    languages: dict[str, tuple[str, str]] = field(default_factory=dict)
    sides: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    _lookup: defaultdict[tuple[str, ...], list[str]] | None = field(default=None, repr=False, compare=False)
    _lengths: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def named(self, sequence: Sequence[str]) -> list[str]:
        """The vocabulary concepts a document's stem sequence names (a dictionary lookup per
        phrase length: ESCO has a thousand phrases beginning with "use")."""
        lookup = self._lookup
        if lookup is None:
            lookup = self._lookup = defaultdict(list)
            lengths: defaultdict[str, set[int]] = defaultdict(set)
            for first, entries in self.phrases.items():
                for phrase, concept in entries:
                    lookup[phrase].append(concept)
                    lengths[first].add(len(phrase))
            self._lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        found: list[str] = []
        sizes_of = self._lengths
        if not isinstance(sequence, tuple):
            sequence = tuple(sequence)
        count = len(sequence)
        for start, first in enumerate(sequence):
            sizes = sizes_of.get(first)
            if sizes is None:
                continue
            for size in sizes:
                if start + size > count:
                    continue
                concepts = lookup.get(sequence[start : start + size])
                if concepts:
                    found.extend(concepts)
        return found

    def add_translations(self, translations: Iterable[Translation]) -> list[str]:
        """Translation concepts for these pairs (each direction once), the new keys."""
        found: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        added = []
        for t in translations:
            if t.confidence < MIN_CONFIDENCE and not _cognates(t):
                continue
            left, right = sorted(((t.source_lang, t.source), (t.target_lang, t.target)))
            key = "~" + " ".join(left[1]) + "|" + " ".join(right[1])
            if key in self.weights:
                continue
            self.weights[key] = round(min(1.0, 0.5 + t.confidence / 2), 3)
            self.sides[key] = [left[1], right[1]]
            self.languages[key] = (left[0], right[0])
            found[left[1][0]].add((left[1], key))
            found[right[1][0]].add((right[1], key))
            added.append(key)
        for first, entries in found.items():
            merged = set(self.translations.get(first, ())) | entries
            self.translations[first] = sorted(merged, key=lambda entry: (-len(entry[0]), entry))
        return added

    @classmethod
    def of(cls, vocabulary: Vocabulary, translations: Iterable[Translation] = ()) -> Concepts:
        phrases: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        concepts = cls({}, defaultdict(set), [])
        # Jobs are named in searches too ("personal support worker training"), and their
        # titles pair the two languages (« préposé aux bénéficiaires »): occupations are concepts.
        named: list[SkillConcept | Occupation] = [*vocabulary.skills, *vocabulary.occupations]
        for concept in named:
            key = concept_key(concept.key)
            texts: list[tuple[str, str]] = list(concept.label.items())
            texts += [(lang, s) for lang, words in concept.synonyms.items() for s in words]
            for lang, text in texts:
                variants, word_stems, normalised = _analysed(lang, text)
                for variant in variants:
                    phrases[variant[0]].add((variant, key))
                for word, word_stem in word_stems:
                    concepts.words[word].add(word_stem)
                concepts.terms.append((normalised, text, lang))
            abbreviations = concept.abbreviations if isinstance(concept, SkillConcept) else []
            for abbreviation in abbreviations:
                concepts.abbreviations[normalise(abbreviation).replace(".", "")].add(key)
        concepts.phrases = {
            first: sorted(entries, key=lambda entry: (-len(entry[0]), entry))
            for first, entries in phrases.items()
        }
        concepts.add_translations(translations)
        return concepts

    def export(self) -> dict[str, Any]:
        """As plain JSON values (the saved index cache)."""
        return {
            "abbreviations": {k: sorted(v) for k, v in self.abbreviations.items()},
            "terms": self.terms,
            "phrases": self.phrases,
            "translations": self.translations,
            "weights": self.weights,
            "languages": self.languages,
        }

    @classmethod
    def restore(cls, saved: Mapping[str, Any]) -> Concepts:
        return cls(
            phrases={
                first: [(tuple(phrase), concept) for phrase, concept in entries]
                for first, entries in saved["phrases"].items()
            },
            abbreviations=defaultdict(set, {k: set(v) for k, v in saved["abbreviations"].items()}),
            terms=[(text, display, lang) for text, display, lang in saved["terms"]],
            translations={
                first: [(tuple(phrase), concept) for phrase, concept in entries]
                for first, entries in saved["translations"].items()
            },
            weights=dict(saved["weights"]),
            languages={key: (left, right) for key, (left, right) in saved["languages"].items()},
        )
