"""Goals named loosely: a job title in another gender or another word form, a bare job noun, a
field of work. Plain functions over the occupations and subjects of a `Vocabulary`.

Words are compared by stems in every language, after French feminine job endings are given
their masculine form (`infirmière` → `infirmier`, `technicienne` → `technicien`, `programmeuse` →
`programmeur`, `éducatrice` → `éducateur`, `préposée` → `préposé`), so that `commis comptable`
meets "commis à la comptabilité" and `technicienne comptable` meets "technicien comptable".

- `named(words)`: the one occupation one of whose names has exactly these words (stem for stem).
- `closest(words)`: occupations one of whose names contains all these words ("nurse" →
  practical nurse, palliative care nurse), and those of the subjects the words name
  ("healthcare", « santé »): closest goals to offer, not a goal to take.
- `sharing(skills)`: occupations that need the most of these skills.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.credential import Occupation, Subject
from bot.language.text import STOP_WORDS, max_typos, normalise, split_words, stems

# French feminine job endings and their masculine form, the first that ends the word (folded).
_FEMININE = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("iere", "ier"),
    ("ere", "er"),
    ("enne", "en"),
    ("eure", "eur"),
    ("ante", "ant"),
    ("ente", "ent"),
    ("inte", "int"),
    ("ee", "e"),
)
# An occupation belongs to a field when at least this many of its skills are in its subject.
FIELD_SKILLS = 2
MAX_GOALS = 6


def _masculine(word: str) -> str:
    for feminine, masculine in _FEMININE:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            return word[: -len(feminine)] + masculine
    return word


def word_keys(word: str) -> frozenset[str]:
    """The keys one (folded) word is compared by: its stems, and those of its masculine form."""
    word = word.rstrip("s") if len(word) > 4 and word.endswith(("ees", "es")) else word
    return frozenset((*stems(word), *stems(_masculine(word))))


def name_words(text: str) -> list[frozenset[str]]:
    """The content words of a name, as `word_keys`."""
    return [word_keys(word) for word in split_words(normalise(text)) if word not in STOP_WORDS]


_JOINED = re.compile(r"[\s\-]+")


def _gender(words: Iterable[str]) -> list[str]:
    """The (folded) words of some texts."""
    return [word for text in words for word in split_words(normalise(text))]


def gendered_name(occupation: Occupation, lang: str, typed: Sequence[str]) -> str | None:
    """The occupation's name in `lang` in the gender the learner's words `typed` use, when its
    names have both: the label or a synonym that is the label with feminine job endings, or
    without them (« technicienne en comptabilité » and « technicien en comptabilité »). None when
    the words say no gender or the names have no such form."""
    label = occupation.label.get(lang)
    if not label:
        return None
    words = _gender(typed)
    feminine = any(_masculine(word) != word for word in words)
    masculine = [_masculine(word) for word in split_words(normalise(label))]
    # A masculine word the learner typed where the name has a feminine one (« infirmier »).
    if not feminine and not any(
        word in masculine and word not in split_words(normalise(label)) for word in words
    ):
        return None
    forms: list[tuple[int, str]] = []
    for name in [label, *occupation.synonyms.get(lang, ())]:
        parts = split_words(normalise(name))
        if [_masculine(word) for word in parts] == masculine:
            forms.append((sum(_masculine(word) != word for word in parts), name))
    if not forms:
        return None
    endings, name = max(forms) if feminine else min(forms)
    return name if (endings > 0) == feminine else None


class _Names:
    """Names (lists of word keys) of some targets, indexed by key."""

    def __init__(self) -> None:
        self.names: dict[str, list[list[frozenset[str]]]] = {}
        self.by_key: dict[str, set[str]] = {}

    def add(self, target: str, text: str) -> None:
        words = name_words(text)
        if not words:
            return
        self.names.setdefault(target, []).append(words)
        for word in words:
            for key in word:
                self.by_key.setdefault(key, set()).add(target)

    def candidates(self, words: Sequence[frozenset[str]]) -> set[str]:
        found: set[str] | None = None
        for word in words:
            targets: set[str] = set()
            for key in word:
                targets |= self.by_key.get(key, set())
            found = targets if found is None else found & targets
            if not found:
                return set()
        return found or set()

    def fill(self, target: str, words: Sequence[frozenset[str]]) -> float:
        """The largest share of one of the target's names that `words` make up (0: none contains
        them all)."""
        best = 0.0
        for name in self.names.get(target, ()):
            if all(any(word & part for part in name) for word in words):
                best = max(best, min(1.0, len(words) / len(name)))
        return best


# A goal whose name the words fill less than this share of the best one's is not offered.
CLEARLY_LESS = 0.75


class GoalFinder:
    """The occupations that can be goals (those with skills) and the subjects, by word."""

    def __init__(
        self,
        occupations: Mapping[str, Occupation],
        subjects: Iterable[Subject],
        subject_of: Mapping[str, str | None],
        preferred: Collection[str] = (),
        field_skills: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`subject_of`: each skill's subject; `preferred`: occupations to offer first (those
        with a skill the catalogue teaches); `field_skills`: per occupation, the skills that say
        its field when not its own."""
        self.occupations = occupations
        self._preferred = set(preferred)
        self._names = _Names()
        for key, occupation in occupations.items():
            for text in [*occupation.label.values(), *(w for ws in occupation.synonyms.values() for w in ws)]:
                self._names.add(key, text)
        self._subjects = _Names()
        subjects_list = list(subjects)
        for subject in subjects_list:
            for text in subject.label.values():
                self._subjects.add(subject.key, text)
                # "Health Care" is also typed "healthcare".
                self._subjects.add(subject.key, _JOINED.sub("", text))
        # The words of goal and field names as written (folded), for typos.
        self._words = sorted(
            {
                word
                for occupation in occupations.values()
                for text in [
                    *occupation.label.values(),
                    *(w for ws in occupation.synonyms.values() for w in ws),
                ]
                for word in split_words(normalise(text))
                if len(word) > 4 and word not in STOP_WORDS
            }
            | {
                word
                for subject in subjects_list
                for text in subject.label.values()
                for word in [*split_words(normalise(text)), normalise(_JOINED.sub("", text))]
                if len(word) > 4 and word not in STOP_WORDS
            }
        )
        self._by_subject: dict[str, Counter[str]] = {}
        for key, occupation in occupations.items():
            skills = (field_skills or {}).get(key) or occupation.skills
            counts = Counter(subject_of.get(skill) for skill in skills)
            for field_key, count in counts.items():
                if field_key and count >= FIELD_SKILLS:
                    self._by_subject.setdefault(field_key, Counter())[key] = count

    def _order(self, scored: Mapping[str, tuple[float, ...]]) -> list[str]:
        """Best scores first, then occupations with a taught skill, then by English name."""

        def rank(key: str) -> tuple[object, ...]:
            label = self.occupations[key].label
            return (*(-value for value in scored[key]), key not in self._preferred, label.get("en", key))

        return sorted(scored, key=rank)

    def named(self, text: str) -> str | None:
        """The one occupation one of whose names is exactly these words, stem for stem."""
        keys = name_words(text)
        if len(keys) < 2:
            return None
        found = [
            target
            for target in self._names.candidates(keys)
            if any(len(name) == len(keys) for name in self._names.names[target])
            and self._names.fill(target, keys) == 1.0
        ]
        return found[0] if len(found) == 1 else None

    def containing(self, text: str) -> list[tuple[str, float]]:
        """Occupations one of whose names contains every one of these words, with the largest
        share of such a name the words make up."""
        keys = name_words(text)
        if not keys:
            return []
        found = ((target, self._names.fill(target, keys)) for target in self._names.candidates(keys))
        return [(target, fill) for target, fill in found if fill > 0]

    def in_field(self, text: str) -> list[tuple[str, float]]:
        """Occupations of the subjects these words name, with the share of the subject's name
        the words make up."""
        keys = name_words(text)
        if not keys:
            return []
        best: dict[str, float] = {}
        for subject in self._subjects.candidates(keys):
            fill = self._subjects.fill(subject, keys)
            if fill <= 0:
                continue
            for key in self._by_subject.get(subject, Counter()):
                best[key] = max(best.get(key, 0.0), fill)
        return list(best.items())

    def closest(self, text: str) -> list[str]:
        """The goals these words point to, as a job or a field, the closest first: the largest
        share of a name, then how many of the occupation's skills are in the field."""
        scored: dict[str, tuple[float, float]] = {}
        for key, fill in [*self.containing(text), *self.in_field(text)]:
            scored[key] = max(scored.get(key, (0.0, 0.0)), (fill, float(self._field_skills(key, text))))
        # « santé » is all of "Santé" (nursing) but only a third of "Santé et sécurité au travail"
        # (a site supervisor): goals the words fit clearly less well than the best are not offered.
        best = max((fill for fill, _skills in scored.values()), default=0.0)
        return self._order({key: score for key, score in scored.items() if score[0] >= CLEARLY_LESS * best})

    def _field_skills(self, key: str, text: str) -> int:
        keys = name_words(text)
        return max(
            (
                counts[key]
                for subject, counts in self._by_subject.items()
                if key in counts and self._subjects.fill(subject, keys) > 0
            ),
            default=0,
        )

    def corrected(self, word: str) -> str | None:
        """The word of a goal or field name this (folded) word is a typo of ("nurss" → nurse),
        within the typo budget of its length."""
        budget = max_typos(word)
        if not budget or not self._words:
            return None
        found = process.extractOne(word, self._words, scorer=fuzz.ratio, score_cutoff=75.0)
        if found is None:
            return None
        candidate = str(found[0])
        return candidate if OSA.distance(word, candidate) <= budget else None

    def sharing(self, skills: Collection[str]) -> list[str]:
        """Occupations that need some of these skills, those that need the most first."""
        wanted = set(skills)
        scored = {
            key: (float(len(wanted & set(occupation.skills))),)
            for key, occupation in self.occupations.items()
            if wanted & set(occupation.skills)
        }
        return self._order(scored)
