"""Reading a bundle request: which skills the words mean, and which limits they set.

Plain functions over a `Vocabulary`; no store, no front end. Matching order for every phrase:
a label in either language (case- and accent-insensitive), the skill key itself, a synonym, an
abbreviation, an occupation (expanded into its skills), and only then a fuzzy match (rapidfuzz).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.domain.credential import LocalText, Occupation, SkillConcept, Vocabulary
from bot.domain.limits import Limits
from bot.language.goals import MAX_GOALS, GoalFinder
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
    # Skill names asked for explicitly (`--skill`) that match no skill or occupation.
    not_understood: list[str] = field(default_factory=list)
    # Free text only: the closest goals (occupation keys, best first) when the words name a goal
    # only in part ("nurse", « santé », "technicienne en paie"), and the words that pointed to
    # them (a job or a field, not skills, and so not unknown either).
    suggestions: list[str] = field(default_factory=list)
    goal_words: list[str] = field(default_factory=list)


class SkillMatcher:
    """Indexes a vocabulary once; `match(text)` is then cheap.

    `offered`: the skill keys some credential teaches, when known. Where two skills share a
    name the offered one wins, and fuzzy matching only proposes offered skills (and occupations
    with an offered skill): a typo never lands on one of ESCO's thousands of skills that nothing
    in the catalogue teaches. Occupations without skills are not matched."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        offered: Collection[str] | None = None,
        field_skills: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`field_skills`: per occupation, the skills that say its field (subject), when not its
        own (a vocabulary occupation whose skills a catalogue's credentials replaced)."""
        self.vocabulary = vocabulary
        self.concepts: dict[str, SkillConcept] = {skill.key: skill for skill in vocabulary.skills}
        self.occupations: dict[str, Occupation] = {
            occ.key: occ for occ in vocabulary.occupations if occ.skills
        }
        self._labels: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._synonyms: dict[str, str] = {}
        self._abbreviations: dict[str, str] = {}
        self._abbreviation_case: dict[str, str] = {}
        self._occupation_names: dict[str, str] = {}
        self._fuzzy: list[str] = []
        self._fuzzy_target: list[tuple[str, str]] = []  # (kind, key) per fuzzy choice
        offered_keys = set(offered) if offered is not None else None

        def is_offered(key: str) -> bool:
            return offered_keys is None or key in offered_keys

        skills = sorted(vocabulary.skills, key=lambda skill: not is_offered(skill.key))
        for skill in skills:
            for label in skill.label.values():
                self._labels.setdefault(phrase_key(label), skill.key)
            self._keys.setdefault(phrase_key(skill.key), skill.key)
            for words in skill.synonyms.values():
                for word in words:
                    self._synonyms.setdefault(phrase_key(word), skill.key)
            for abbreviation in skill.abbreviations:
                self._abbreviations.setdefault(phrase_key(abbreviation), skill.key)
                self._abbreviation_case.setdefault(abbreviation, skill.key)
        occupations = sorted(
            self.occupations.values(), key=lambda occ: not any(is_offered(key) for key in occ.skills)
        )
        for occupation in occupations:
            names = [*occupation.label.values()]
            names += [word for words in occupation.synonyms.values() for word in words]
            for name in names:
                self._occupation_names.setdefault(phrase_key(name), occupation.key)
        choices: set[str] = set()
        for index, kind in ((self._labels, "skill"), (self._synonyms, "skill")):
            for text, key in index.items():
                if text not in choices and is_offered(key):
                    choices.add(text)
                    self._fuzzy.append(text)
                    self._fuzzy_target.append((kind, key))
        for text, key in self._occupation_names.items():
            if text not in choices and any(is_offered(k) for k in self.occupations[key].skills):
                choices.add(text)
                self._fuzzy.append(text)
                self._fuzzy_target.append(("occupation", key))
        self._longest = max(
            (len(text.split()) for text in [*self._labels, *self._synonyms, *self._occupation_names]),
            default=1,
        )
        subject_of = {skill.key: skill.subject for skill in vocabulary.skills}
        self.goals = GoalFinder(
            self.occupations,
            vocabulary.subjects,
            subject_of,
            field_skills=field_skills,
            preferred=[
                key for key, occ in self.occupations.items() if any(is_offered(k) for k in occ.skills)
            ],
        )
        self._longest_goal = max(
            (
                len(tokens(name))
                for occ in self.occupations.values()
                for name in [*occ.label.values(), *(w for ws in occ.synonyms.values() for w in ws)]
            ),
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
                if (
                    exact is None
                    and 2 <= length <= self._longest_goal
                    and words[0] not in STOPWORDS
                    and words[-1] not in STOPWORDS
                ):
                    # A job title in another gender or word form ("commis comptable").
                    named = self.goals.named(phrase)
                    exact = ("occupation", named) if named else None
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
            query = " ".join(original[index] for index in run)
            if self._goal_words(phrase, query, result):
                continue
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
                if word in STOPWORDS or self._goal_words(word, original[index], result):
                    continue
                found = self._fuzzy_match(word.replace("-", " "))
                if found is None:
                    # A job word with a typo ("nurss") still points to goals.
                    corrected = self.goals.corrected(word)
                    if not (corrected and self._goal_words(corrected, original[index], result)):
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

    def _goal_words(self, phrase: str, query: str, result: SkillRequest) -> bool:
        """Words that name a goal only in part (a bare job noun, a field): the closest goals are
        suggested and the words kept as what pointed to them."""
        phrase = " ".join(word for word in phrase.split() if word not in STOPWORDS)
        found = self.goals.closest(phrase)
        if not found:
            return False
        result.suggestions.extend(found)
        result.goal_words.append(query)
        return True

    def _suggest(self, result: SkillRequest) -> None:
        """When the words name a goal only in part, the closest goals: those the job or field
        words point to (those more of the words point to first) and those needing the skills
        found, both first, then one of each in turn. A goal recognised whole (an occupation)
        needs none: the job or field words beside it were then simply not used."""
        if result.occupations or not (result.goal_words or (result.unknown_words and result.skills)):
            result.unknown_words.extend(result.goal_words)
            result.goal_words = []
            result.suggestions = []
            return
        votes = Counter(result.suggestions)
        named = sorted(dict.fromkeys(result.suggestions), key=lambda key: -votes[key])
        sharing = self.goals.sharing(result.skills)
        both = [key for key in named if key in sharing]
        ordered = list(both)
        for pair in zip(named, sharing, strict=False):
            ordered.extend(pair)
        longer = named if len(named) > len(sharing) else sharing
        ordered.extend(longer[min(len(named), len(sharing)) :])
        result.suggestions = list(dict.fromkeys(ordered))[:MAX_GOALS]

    def match_names(self, names: Iterable[str]) -> SkillRequest:
        """Skills named explicitly (`--skill`, buttons): each name (commas and semicolons separate
        names) is one skill or occupation name, matched whole, exactly or else fuzzily; never
        read as a sentence ("Use QuickBooks Online" has no limit in it). A name that matches
        nothing is listed in `not_understood`."""
        result = SkillRequest()
        for name in names:
            whole = self._exact_name(name)
            if whole is not None:
                # A name with a comma in it ("… on adults, children and infants") is one skill.
                self._emit(result, " ".join(tokens(name.replace("_", " "))), whole[0], whole[1])
                continue
            for part in re.split(r"[,;\n]+", name):
                original = tokens(part.replace("_", " "))
                if not original:
                    continue
                query = " ".join(original)
                folded = phrase_key(part)
                exact = self._exact_name(part)
                if exact is not None:
                    self._emit(result, query, exact[0], exact[1])
                    continue
                found = self._fuzzy_match(folded.replace("-", " "))
                if found is None:
                    result.not_understood.append(part.strip())
                    continue
                kind, key, score = found
                self._emit(result, query, "fuzzy-occupation" if kind == "occupation" else "fuzzy", key, score)
        result.skills = list(dict.fromkeys(result.skills))
        result.occupations = list(dict.fromkeys(result.occupations))
        return result

    def _exact_name(self, name: str) -> tuple[str, str] | None:
        original = tokens(name.replace("_", " "))
        if not original:
            return None
        folded = phrase_key(name)
        return self._exact(folded, original) or (
            self._exact(folded.replace("-", " "), original) if "-" in folded else None
        )

    def protect(self, text: str, result: SkillRequest) -> str:
        """Known names of two words or more, matched exactly in free text before its limits are
        read ("QuickBooks Online" is a skill, not "online"): emitted into `result`, and cut out
        of the text returned (a line break where each was)."""
        spans = [(m.start(), m.end(), _clean_token(m.group())) for m in _TOKEN.finditer(text)]
        spans = [span for span in spans if span[2]]
        folded = [fold(word) for _start, _end, word in spans]
        cuts: list[tuple[int, int]] = []
        i = 0
        while i < len(spans):
            for length in range(min(self._longest, len(spans) - i), 1, -1):
                words = [word for _s, _e, word in spans[i : i + length]]
                exact = self._exact(" ".join(folded[i : i + length]), words)
                if exact is not None and exact[0] != "abbreviation":
                    self._emit(result, " ".join(words), exact[0], exact[1])
                    cuts.append((spans[i][0], spans[i + length - 1][1]))
                    i += length
                    break
            else:
                i += 1
        for start, end in reversed(cuts):
            text = text[:start] + "\n" + text[end:]
        return text

    def match(self, texts: str | Iterable[str], into: SkillRequest | None = None) -> SkillRequest:
        """Skills meant by one text or several (`--skill` values); commas and semicolons separate
        phrases. Keys are deduplicated in request order."""
        result = into or SkillRequest()
        for text in [texts] if isinstance(texts, str) else texts:
            for segment in re.split(r"[,;\n]+", text):
                if segment.strip():
                    self._match_segment(segment, result)
        result.skills = list(dict.fromkeys(result.skills))
        result.occupations = list(dict.fromkeys(result.occupations))
        self._suggest(result)
        return result


# -- limits ----------------------------------------------------------------------------------------


def parse_request(matcher: SkillMatcher, texts: Sequence[str] | str) -> tuple[SkillRequest, Limits]:
    """Skills and limits from free text (`bot.language.limits`): the limit phrases are taken out
    first, and what remains, in the learner's spelling, falls into phrases where they were cut.
    The limits are a bundle's: "free" is a budget of 0; a later text's limits win. Known names of
    two words or more are taken first (`SkillMatcher.protect`), so that a limit word inside a
    skill's name ("QuickBooks Online") stays part of it."""
    limits = Limits()
    remaining: list[str] = []
    protected = SkillRequest()
    for text in [texts] if isinstance(texts, str) else texts:
        reading = read_limits(matcher.protect(text, protected))
        limits = limits.merged(reading.limits.for_bundle())
        remaining.append(reading.rest)
    return matcher.match(remaining, into=protected), limits
