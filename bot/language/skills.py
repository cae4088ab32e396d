"""Reading a bundle request: which skills the words mean, and which constraints they set.

Plain functions over a `Vocabulary`; no store, no front end. Matching order for every phrase:
a label in either language (case- and accent-insensitive), the skill key itself, a synonym, an
abbreviation, an occupation (expanded into its skills), and only then a fuzzy match (rapidfuzz).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process

from bot.domain.credential import LocalText, Occupation, SkillConcept, Vocabulary
from bot.domain.limits import Limits
from bot.language.packs import alternation, phrases, union
from bot.language.text import normalise

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


def fold(text: str) -> str:
    """Case- and accent-insensitive form: `Données` → `donnees`, `Œuvre` → `oeuvre`."""
    return normalise(text)


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
        # Runs of consecutive words nobody understood: fuzzy on the run, then word by word.
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


# -- constraints --------------------------------------------------------------------------------


_NUMBER = r"(\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?)"
_UPPER = (
    r"(?:under|below|less\s+than|fewer\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|"
    r"within|max(?:imum)?|budget(?:\s+of)?|moins\s+de|au\s+plus|au\s+maximum|pas\s+plus\s+de|"
    r"jusqu['’]?\s*[aà]|sous|budget\s+de|maximum\s+de|<=|≤|<)?"
)
_HOURS = re.compile(
    _UPPER
    + r"\s*"
    + _NUMBER
    + r"\s*(?:h\b|hrs?\b|hours?\b|heures?\b)"
    + r"(?:\s*(?:max(?:imum)?|au\s+plus|or\s+less|ou\s+moins)\b)?",
    re.IGNORECASE,
)
_MONEY_AFTER = re.compile(
    _UPPER + r"\s*" + _NUMBER + r"\s*(?:\$|dollars?\b|cad\b|usd\b|\$\s*ca\b|€|euros?\b|eur\b)"
    r"(?:\s*(?:max(?:imum)?|au\s+plus|or\s+less|ou\s+moins)\b)?",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(_UPPER + r"\s*(?:ca)?\$\s*" + _NUMBER, re.IGNORECASE)
_FREE = re.compile(r"\b(?:free(?:\s+of\s+charge)?|gratuite?s?|sans\s+frais)\b", re.IGNORECASE)
_LANGUAGE = re.compile(
    r"\b(?:(?:taught|offered|given|delivered|only)\s+)?(?:in|en)\s+(french|english|fran[cç]ais|anglais)\b"
    r"(?:\s+only|\s+seulement|\s+uniquement)?"
    r"|\b(french|english)[- ]language\b|\b(francophones?|anglophones?)\b",
    re.IGNORECASE,
)
_ONLINE = re.compile(
    r"\b(?:100\s*%\s*)?(?:online|on-line|en\s+ligne|[aà]\s+distance|remote(?:ly)?|virtual|virtuel(?:le)?s?)"
    r"(?:\s+only|\s+seulement|\s+uniquement)?\b",
    re.IGNORECASE,
)


def parse_number(text: str) -> Decimal | None:
    raw = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        raw = raw.replace(",", "")
    raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _currency_of(match_text: str) -> str | None:
    lowered = match_text.casefold()
    if "€" in lowered or "eur" in lowered:
        return "EUR"
    if "usd" in lowered:
        return "USD"
    if "cad" in lowered or "ca$" in lowered or "$ ca" in lowered:
        return "CAD"
    return None


def parse_constraints(text: str) -> tuple[Limits, str]:
    """Constraints written in words, in English or French, and the text without them.

    "moins de 40 heures", "under 40 hours", "40h max" → max_hours; "under $500", "moins de 500 $",
    "budget de 500 dollars", "free"/"gratuit" → max_cost; "in French", "en anglais" → taught_in;
    "online", "en ligne", "à distance" → online. A bare amount of hours or money counts as a
    maximum.
    """
    max_hours: float | None = None
    max_cost: Decimal | None = None
    currency: str | None = None
    taught_in: str | None = None
    online = False

    def cut(pattern: re.Pattern[str], source: str) -> tuple[list[re.Match[str]], str]:
        found = list(pattern.finditer(source))
        return found, pattern.sub(" , ", source)

    found, text = cut(_HOURS, text)
    for match in found:
        value = parse_number(match.group(1))
        if value is not None:
            max_hours = float(value) if max_hours is None else min(max_hours, float(value))
    for pattern in (_MONEY_BEFORE, _MONEY_AFTER):
        found, text = cut(pattern, text)
        for match in found:
            value = parse_number(match.group(1))
            if value is not None:
                max_cost = value if max_cost is None else min(max_cost, value)
                currency = currency or _currency_of(match.group(0))
    found, text = cut(_FREE, text)
    if found:
        max_cost = Decimal(0)
    found, text = cut(_LANGUAGE, text)
    for match in found:
        word = fold(next(group for group in match.groups() if group))
        taught_in = "fr" if word.startswith(("fr", "franc")) else "en"
    found, text = cut(_ONLINE, text)
    online = bool(found)
    return Limits(
        online=online, taught_in=taught_in, max_hours=max_hours, max_cost=max_cost, currency=currency
    ), text


def parse_request(matcher: SkillMatcher, texts: Sequence[str] | str) -> tuple[SkillRequest, Limits]:
    """Skills and constraints from free text: constraint phrases are taken out first."""
    constraints = Limits()
    remaining: list[str] = []
    for text in [texts] if isinstance(texts, str) else texts:
        parsed, rest = parse_constraints(text)
        constraints = constraints.merged(parsed)
        remaining.append(rest)
    return matcher.match(remaining), constraints
