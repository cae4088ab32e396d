"""Reading a bundle request: which skills the words mean, and which limits they set.

Plain functions over a `Vocabulary`; no store, no front end. Matching order for every phrase:
a label in either language (case- and accent-insensitive), the skill key itself, a synonym, an
abbreviation, an occupation (expanded into its skills), and only then a fuzzy match (rapidfuzz).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.domain.credential import LocalText, Occupation, SkillConcept, Vocabulary
from bot.domain.limits import Limits
from bot.language.limits import read_limits
from bot.language.packs import alternation, phrases, union
from bot.language.text import fold

# Phrase-level fuzzy threshold (token_sort_ratio) and single-word threshold (ratio). Chosen so that
# "pyhton" → python and "visualisation de donnée" → "visualisation des données" match, while short
# common words never do (single words under 4 letters are never fuzzy-matched).
FUZZY_PHRASE_CUTOFF = 85.0
FUZZY_WORD_CUTOFF = 80.0
FUZZY_MIN_WORD = 4

# Words that carry no skill: request scaffolding in every language. Never reported as unknown.
STOPWORDS = union(lambda pack: pack.request_words)

_ELISION = re.compile("^" + alternation(phrases(lambda pack: sorted(pack.elisions))) + "['’]", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;:!?()\[\]{}\"«»“”]+")


def _clean_token(token: str) -> str:
    token = _ELISION.sub("", token)
    return token.strip(".'-_/")


def tokens(text: str) -> list[str]:
    """Words as typed (punctuation at the ends removed, French elisions split off)."""
    return [cleaned for raw in _TOKEN.findall(text) if (cleaned := _clean_token(raw))]


def phrase_key(text: str) -> str:
    return " ".join(fold(token) for token in tokens(text.replace("-", " ").replace("_", " ")))


@dataclass(frozen=True)
class SkillMatch:
    """`query` (the words as typed) was taken to mean skill `key`; `how` says by what rule:
    label | key | synonym | abbreviation | occupation | fuzzy."""

    query: str
    key: str
    label: LocalText
    how: str
    score: float = 100.0
    occupation: str | None = None


@dataclass
class SkillRequest:
    skills: list[str] = field(default_factory=list)
    matches: list[SkillMatch] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)


class SkillMatcher:
    """Indexes a vocabulary once; `match(text)` is then cheap."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.concepts: dict[str, SkillConcept] = {skill.key: skill for skill in vocabulary.skills}
        self.occupations: dict[str, Occupation] = {occ.key: occ for occ in vocabulary.occupations}
        self._labels: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._synonyms: dict[str, str] = {}
        self._abbreviations: dict[str, str] = {}
        self._abbreviation_case: dict[str, str] = {}
        self._occupation_names: dict[str, str] = {}
        self._fuzzy: list[str] = []
        self._fuzzy_target: list[tuple[str, str]] = []  # (kind, key) per fuzzy choice
        for skill in vocabulary.skills:
            for label in skill.label.values():
                self._labels.setdefault(phrase_key(label), skill.key)
            self._keys.setdefault(phrase_key(skill.key), skill.key)
            for words in skill.synonyms.values():
                for word in words:
                    self._synonyms.setdefault(phrase_key(word), skill.key)
            for abbreviation in skill.abbreviations:
                self._abbreviations.setdefault(phrase_key(abbreviation), skill.key)
                self._abbreviation_case.setdefault(abbreviation, skill.key)
        for occupation in vocabulary.occupations:
            names = [*occupation.label.values()]
            names += [word for words in occupation.synonyms.values() for word in words]
            for name in names:
                self._occupation_names.setdefault(phrase_key(name), occupation.key)
        for index, kind in ((self._labels, "skill"), (self._synonyms, "skill")):
            for text, key in index.items():
                if text not in self._fuzzy:
                    self._fuzzy.append(text)
                    self._fuzzy_target.append((kind, key))
        for text, key in self._occupation_names.items():
            if text not in self._fuzzy:
                self._fuzzy.append(text)
                self._fuzzy_target.append(("occupation", key))
        self._longest = max(
            (len(text.split()) for text in [*self._labels, *self._synonyms, *self._occupation_names]),
            default=1,
        )

    def label(self, key: str) -> LocalText:
        concept = self.concepts.get(key)
        return dict(concept.label) if concept else {"en": key, "fr": key}

    # -- one phrase -------------------------------------------------------------------------------

    def _exact(self, folded: str, original: list[str]) -> tuple[str, str] | None:
        """(how, key or occupation key) for an exact match of a whole phrase."""
        if folded in self._labels:
            return "label", self._labels[folded]
        if folded in self._keys:
            return "key", self._keys[folded]
        if folded in self._synonyms:
            return "synonym", self._synonyms[folded]
        if folded in self._occupation_names:
            return "occupation", self._occupation_names[folded]
        if folded in self._abbreviations and len(original) == 1:
            word = original[0]
            # Short abbreviations ("AI", "ML") collide with ordinary words ("ai" in French): they
            # must be typed in capitals unless they are three letters or more.
            if len(word) >= 3 or word in self._abbreviation_case or word.isupper():
                return "abbreviation", self._abbreviations[folded]
        return None

    def _fuzzy_match(self, folded: str) -> tuple[str, str, float] | None:
        words = folded.split()
        if not self._fuzzy or (len(words) == 1 and len(folded) < FUZZY_MIN_WORD):
            return None
        if len(words) == 1:
            found = process.extractOne(folded, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF)
        else:
            found = process.extractOne(
                folded, self._fuzzy, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_PHRASE_CUTOFF
            )
        if found is None:
            return None
        _, score, index = found
        kind, key = self._fuzzy_target[index]
        return kind, key, float(score)

    def _emit(self, result: SkillRequest, query: str, how: str, key: str, score: float = 100.0) -> None:
        if how == "occupation" or (how == "fuzzy-occupation"):
            occupation = self.occupations[key]
            result.occupations.append(key)
            for skill_key in occupation.skills:
                result.matches.append(
                    SkillMatch(query, skill_key, self.label(skill_key), "occupation", score, key)
                )
                result.skills.append(skill_key)
            return
        result.matches.append(SkillMatch(query, key, self.label(key), how, score))
        result.skills.append(key)

    def _match_segment(self, segment: str, result: SkillRequest) -> None:
        original = tokens(segment.replace("_", " "))
        folded = [fold(word) for word in original]
        # Hyphenated words match both as typed ("e-commerce") and split ("data-analysis").
        leftover: list[int] = []
        i = 0
        while i < len(folded):
            for length in range(min(self._longest, len(folded) - i), 0, -1):
                words = folded[i : i + length]
                phrase = " ".join(words)
                exact = self._exact(phrase, original[i : i + length])
                if exact is None and any("-" in word for word in words):
                    exact = self._exact(phrase.replace("-", " "), original[i : i + length])
                if exact is not None:
                    self._emit(result, " ".join(original[i : i + length]), exact[0], exact[1])
                    i += length
                    break
            else:
                leftover.append(i)
                i += 1
        self._match_leftovers(original, folded, leftover, result)

    def _match_leftovers(
        self, original: list[str], folded: list[str], leftover: list[int], result: SkillRequest
    ) -> None:
        """Runs of consecutive words nobody understood: fuzzy on the run, then word by word."""
        runs: list[list[int]] = []
        for index in leftover:
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        for run in runs:
            while run and folded[run[0]] in STOPWORDS:
                run = run[1:]
            while run and folded[run[-1]] in STOPWORDS:
                run = run[:-1]
            if not run:
                continue
            phrase = " ".join(folded[index].replace("-", " ") for index in run)
            if len(run) > 1:
                found = self._fuzzy_match(phrase)
                if found is not None:
                    kind, key, score = found
                    query = " ".join(original[index] for index in run)
                    self._emit(
                        result,
                        query,
                        "fuzzy-occupation" if kind == "occupation" else "fuzzy",
                        key,
                        score,
                    )
                    continue
            for index in run:
                word = folded[index]
                if word in STOPWORDS:
                    continue
                found = self._fuzzy_match(word.replace("-", " "))
                if found is None:
                    result.unknown_words.append(original[index])
                    continue
                kind, key, score = found
                self._emit(
                    result,
                    original[index],
                    "fuzzy-occupation" if kind == "occupation" else "fuzzy",
                    key,
                    score,
                )

    def match(self, texts: str | Iterable[str]) -> SkillRequest:
        """Skills meant by one text or several (`--skill` values); commas and semicolons separate
        phrases. Keys are deduplicated in request order."""
        result = SkillRequest()
        for text in [texts] if isinstance(texts, str) else texts:
            for segment in re.split(r"[,;\n]+", text):
                if segment.strip():
                    self._match_segment(segment, result)
        result.skills = list(dict.fromkeys(result.skills))
        result.occupations = list(dict.fromkeys(result.occupations))
        return result


# -- limits ----------------------------------------------------------------------------------------


def parse_request(matcher: SkillMatcher, texts: Sequence[str] | str) -> tuple[SkillRequest, Limits]:
    """Skills and limits from free text (`bot.language.limits`): the limit phrases are taken out
    first, and what remains, in the learner's spelling, falls into phrases where they were cut.
    The limits are a bundle's: "free" is a budget of 0; a later text's limits win."""
    limits = Limits()
    remaining: list[str] = []
    for text in [texts] if isinstance(texts, str) else texts:
        reading = read_limits(text)
        limits = limits.merged(reading.limits.for_bundle())
        remaining.append(reading.rest)
    return matcher.match(remaining), limits
