"""The skills vocabulary as the search index sees it: concepts named by stem sequences (labels and
synonyms in every language), abbreviations, and the terms offered when a search finds nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.credential import Vocabulary
from bot.language.packs import LANGUAGES
from bot.language.text import STOP_WORDS, document_words, normalise, stem

# First stem -> [(stem sequence, concept key)], longest phrases first.
Phrases = dict[str, list[tuple[tuple[str, ...], str]]]


def concept_key(key: str) -> str:
    """The index key of a vocabulary concept (never a stem: stems have no `@`)."""
    return "@" + key


def phrase_variants(text: str) -> set[tuple[str, ...]]:
    """A vocabulary phrase as stem sequences, stemmed in every language (the label of one
    language is often used as is in another: marketing, leadership)."""
    # Capitals keep a stop word: "IT security" is not just "security" (its documents have lost
    # the "it", so such a phrase only ever matches in queries, where "IT" is kept).
    capitals = {w.casefold() for w in text.split() if w.isupper() and len(w) > 1}
    words = [w for w in document_words(text) if w not in STOP_WORDS or w in capitals]
    if not words:
        return set()
    return {tuple(stem(w, lang) for w in words) for lang in LANGUAGES}


@dataclass
class Concepts:
    phrases: Phrases
    # Normalised abbreviation (dots out) -> concept keys.
    abbreviations: defaultdict[str, set[str]]
    terms: list[tuple[str, str, str]]  # (normalised text, display text, lang)
    # Words of the vocabulary -> their stems (they join the index's word list; only needed
    # while building).
    words: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> Concepts:
        phrases: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        concepts = cls({}, defaultdict(set), [])
        for concept in vocabulary.skills:
            key = concept_key(concept.key)
            texts: list[tuple[str, str]] = list(concept.label.items())
            texts += [(lang, s) for lang, words in concept.synonyms.items() for s in words]
            for lang, text in texts:
                for variant in phrase_variants(text):
                    phrases[variant[0]].add((variant, key))
                for word in document_words(text):
                    if word not in STOP_WORDS:
                        concepts.words[word].add(stem(word, lang))
                concepts.terms.append((normalise(text), text, lang))
            for abbreviation in concept.abbreviations:
                concepts.abbreviations[normalise(abbreviation).replace(".", "")].add(key)
        concepts.phrases = {
            first: sorted(entries, key=lambda entry: (-len(entry[0]), entry))
            for first, entries in phrases.items()
        }
        return concepts

    def export(self) -> dict[str, Any]:
        """As plain JSON values (the saved index cache)."""
        return {
            "abbreviations": {k: sorted(v) for k, v in self.abbreviations.items()},
            "terms": self.terms,
            "phrases": self.phrases,
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
        )
